import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionLost, setCsrfToken, unwrap } from '../../api/client';
import type { Role } from '../../app/can';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/** The answer of POST and GET /api/auth/session (see SESSION-CONTRACT). */
interface SessionAnswer {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
  idleTimeoutSeconds: number;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; ended: boolean }
  | { status: 'signed-in'; user: SessionUser; expiresAt: string };

interface SessionContextValue {
  state: SessionState;
  signIn(username: string, password: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  /** After a password change the server has ended every session of the account. */
  markEnded(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

// The session routes are called through the typed client's untyped door until the OpenAPI
// document describes them; the body shape is the one SESSION-CONTRACT fixes.
const sessionApi = api as unknown as {
  GET(path: '/api/auth/session'): Promise<{ data?: SessionAnswer; error?: unknown; response: Response }>;
  POST(path: '/api/auth/session', init: { body: { username: string; password: string } }): Promise<{ data?: SessionAnswer; error?: unknown; response: Response }>;
  DELETE(path: '/api/auth/session'): Promise<{ data?: undefined; error?: unknown; response: Response }>;
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const queryClient = useQueryClient();

  const accept = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setState({ status: 'signed-in', user: answer.user, expiresAt: answer.expiresAt });
    return answer.user;
  }, []);

  const end = useCallback((ended: boolean) => {
    setCsrfToken(null);
    queryClient.clear();
    setState({ status: 'signed-out', ended });
  }, [queryClient]);

  useEffect(() => {
    let cancelled = false;
    unwrap(sessionApi.GET('/api/auth/session'), { quiet401: true })
      .then((answer) => { if (!cancelled) accept(answer); })
      .catch(() => { if (!cancelled) setState({ status: 'signed-out', ended: false }); });
    return () => { cancelled = true; };
  }, [accept]);

  useEffect(() => onSessionLost(() => end(true)), [end]);

  const value = useMemo<SessionContextValue>(() => ({
    state,
    async signIn(username, password) {
      const answer = await unwrap(sessionApi.POST('/api/auth/session', { body: { username, password } }), { quiet401: true });
      queryClient.clear();
      return accept(answer);
    },
    async signOut() {
      try {
        await unwrap(sessionApi.DELETE('/api/auth/session'), { quiet401: true });
      } catch (error) {
        // A session that already ended is signed out all the same.
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
      }
      end(false);
    },
    markEnded() {
      end(false);
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
