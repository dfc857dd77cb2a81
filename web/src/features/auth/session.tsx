import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionLost, setCsrfToken, unwrap, type Schema } from '../../api/client';

export type SessionUser = Schema<'SessionUser'>;

type SessionAnswer = Schema<'SessionResponse'>;

export type SessionState =
  | { status: 'loading' }
  /** ended: the server ended the session (a 401); reason: the user signed out or changed their password here. */
  | { status: 'signed-out'; ended: boolean; reason?: 'signed-out' | 'password-changed' }
  | { status: 'signed-in'; user: SessionUser; expiresAt: string };

interface SessionContextValue {
  state: SessionState;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  /** After a password change the server has ended every session of the account. */
  markEnded(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

let sessionCheck: Promise<SessionAnswer> | null = null;
/** Asks once whether the browser has a session; started before the first render so the page's requests go alongside. */
export function checkSession(): Promise<SessionAnswer> {
  sessionCheck ??= unwrap(api.GET('/api/auth/session'), { quiet401: true });
  return sessionCheck;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const queryClient = useQueryClient();

  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setState({ status: 'signed-in', user: answer.user, expiresAt: answer.expiresAt });
    return answer.user;
  }, []);

  const end = useCallback((ended: boolean, reason?: 'signed-out' | 'password-changed') => {
    setCsrfToken(null);
    // A 401 from a request still in flight after signing out must not turn it into "session ended",
    // nor one from a request started alongside the first session check: there was no session to end.
    setState((previous) => {
      if (ended && previous.status === 'loading') return { status: 'signed-out', ended: false };
      return previous.status === 'signed-out' && ended ? previous : { status: 'signed-out', ended, reason };
    });
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    let cancelled = false;
    checkSession()
      .then((answer) => { if (!cancelled) accept(answer); })
      .catch(() => { if (!cancelled) setState({ status: 'signed-out', ended: false }); });
    return () => { cancelled = true; };
  }, [accept]);

  useEffect(() => onSessionLost(() => end(true)), [end]);

  const value = useMemo<SessionContextValue>(() => ({
    state,
    async signIn(username, password) {
      const answer = await unwrap(api.POST('/api/auth/session', { body: { username, password } }), { quiet401: true });
      queryClient.clear();
      return accept(answer);
    },
    async signOut() {
      try {
        await unwrap(api.DELETE('/api/auth/session'), { quiet401: true });
      } catch (error) {
        // A session that already ended is signed out all the same.
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
      }
      end(false, 'signed-out');
    },
    markEnded() {
      end(false, 'password-changed');
    },
  }), [state, accept, end, queryClient]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for pages behind RequireSession. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser without a session');
  return state.user;
}
