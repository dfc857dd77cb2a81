import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import type { Role } from '../common/auth/role.js';
import { NotAllowedError, NotFoundError } from '../common/errors/domain-errors.js';
import type { AppConfig } from '../config/app.config.js';
import { ReadQueries } from '../database/read-queries.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { AuthService, sessionUser } from './auth.service.js';
import type { LoginDto } from './dto/auth.dto.js';
import { SessionResponse } from './dto/session.dto.js';
import {
  browserRequest, clearedSessionCookie, csrfTokenMatches, hashSecret, newSecret, originAllowed, sessionCookie,
  type BrowserRequest,
} from './session-cookie.js';
import { Session, SessionEndReason } from './session.entity.js';
import { endSession } from './session-store.js';

/** last_seen_at is written at most once a minute per session, not on every request. */
const TOUCH_AFTER_MS = 60_000;
export const CROSS_SITE_TOKEN = 'cross-site request refused: missing or wrong CSRF token';
export const CROSS_SITE_ORIGIN = 'cross-site request refused: the Origin is not this server';

/** A live session, as the request that presented its cookie sees it. */
export interface LiveSession {
  tokenHash: string;
  user: AuthUser;
  csrfToken: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** The session's row joined with its account's: what every cookie request reads. */
interface SessionRow {
  user_id: string;
  session_cv: number | string;
  csrf_token: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
  username: string;
  roles: string;
  active: boolean | number;
  cv: number | string;
}

const SESSIONS = new WeakMap<FastifyRequest, LiveSession>();

/** The session that authenticated this request (none for a bearer token). */
export const sessionOf = (req: FastifyRequest): LiveSession | undefined => SESSIONS.get(req);
export const attachSession = (req: FastifyRequest, session: LiveSession): void => { SESSIONS.set(req, session); };

/** A signed-in browser: the Set-Cookie value and the body that goes with it. */
export interface SignedIn {
  cookie: string;
  session: SessionResponse;
}

/**
 * Browser sessions: a random secret in an HttpOnly cookie names a row in `sessions` (by the
 * secret's SHA-256), so ending it there ends it on every instance at once.
 */
@Injectable()
export class SessionsService {
  private readonly idleMs: number;
  private readonly maxMs: number;
  /** Well inside the idle timeout, so a session in use never looks idle (SESSION_IDLE_MINUTES may be 1). */
  private readonly touchAfterMs: number;
  private readonly alwaysSecure: boolean;
  private readonly corsOrigins: string[];

  constructor(
    private readonly auth: AuthService,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly reads: ReadQueries,
    config: ConfigService<{ app: AppConfig }, true>,
  ) {
    const app = config.get('app', { infer: true });
    this.idleMs = app.session.idleSeconds * 1000;
    this.maxMs = app.session.maxSeconds * 1000;
    this.touchAfterMs = Math.min(TOUCH_AFTER_MS, this.idleMs / 4);
    this.alwaysSecure = app.session.cookieAlwaysSecure;
    this.corsOrigins = app.corsOrigins;
  }

  /** The request's cookie, transport and origin, as sessions read them. */
  browser(req: FastifyRequest): BrowserRequest {
    return browserRequest(req, this.alwaysSecure);
  }

  /**
   * The same checks, lockout and audit as a token login, then a new session in the same
   * transaction as the `auth.login` event. A session the browser still held is ended: one
   * browser, one session.
   */
  async signIn(dto: LoginDto, req: FastifyRequest): Promise<SignedIn> {
    const request = this.browser(req);
    if (!originAllowed(request, this.corsOrigins)) throw new NotAllowedError(CROSS_SITE_ORIGIN);
    const secret = newSecret();
    const at = new Date();
    const session: Omit<Session, 'userId' | 'credentialsVersion'> = {
      tokenHash: hashSecret(secret), csrfToken: newSecret(),
      createdAt: at.toISOString(), lastSeenAt: at.toISOString(), expiresAt: new Date(at.getTime() + this.maxMs).toISOString(),
      endedAt: null, endedReason: null, userAgent: request.userAgent, clientAddress: request.address,
    };
    const user = await this.auth.signIn(dto.username, dto.password, 'session', async (em, account) => {
      if (request.secret) await endSession(em, hashSecret(request.secret), SessionEndReason.Replaced, at);
      await em.insert(Session, { ...session, userId: account.id, credentialsVersion: account.credentialsVersion });
    });
    return { cookie: sessionCookie(secret, request.secure), session: this.view(sessionUser(user), session) };
  }

  /**
   * The session a cookie names, if it is live: one primary-key read joined with the account.
   * A session past its idle timeout or absolute lifetime, or whose account was deactivated or
   * changed its password since, is ended here (and the expiry audited); null then, as for an
   * unknown or already ended one.
   */
  async authenticate(secret: string, at = new Date()): Promise<LiveSession | null> {
    const tokenHash = hashSecret(secret);
    const row = await this.reads.one<SessionRow>(
      `SELECT s.user_id, s.credentials_version AS session_cv, s.csrf_token, s.last_seen_at, s.expires_at, s.ended_at,
              u.username, u.roles, u.active, u.credentials_version AS cv
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, [tokenHash]);
    if (!row || row.ended_at !== null) return null;
    const ending = this.endingReason(row, at);
    if (ending) {
      await this.end(tokenHash, row, ending, at);
      return null;
    }
    return {
      tokenHash,
      user: { id: row.user_id, username: row.username, roles: JSON.parse(row.roles) as Role[] },
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
    };
  }

  /**
   * A cookie-authenticated write must prove it comes from the app's own pages: the session's
   * CSRF token in X-CSRF-Token (another site cannot read it), and no foreign Origin.
   */
  refuseCrossSite(session: LiveSession, request: BrowserRequest): void {
    if (!csrfTokenMatches(request.csrfToken, session.csrfToken)) throw new NotAllowedError(CROSS_SITE_TOKEN);
    if (!originAllowed(request, this.corsOrigins)) throw new NotAllowedError(CROSS_SITE_ORIGIN);
  }

  /** Records activity for the idle timeout, at most once a minute (so not a write per request). */
  async touch(session: LiveSession, at = new Date()): Promise<void> {
    if (at.getTime() - Date.parse(session.lastSeenAt) < this.touchAfterMs) return;
    await this.uow.run((em) => em.createQueryBuilder().update(Session).set({ lastSeenAt: at.toISOString() })
      .where('token_hash = :tokenHash AND ended_at IS NULL', { tokenHash: session.tokenHash }).execute());
  }

  async current(req: FastifyRequest): Promise<SessionResponse> {
    const session = sessionOf(req);
    if (!session) throw new NotFoundError('browser session', 'of this request (it was authenticated by a bearer token)');
    return this.view(await this.auth.me(session.user), session);
  }

  /** Ends the request's session (audited) and gives the Set-Cookie value that clears the cookie. */
  async signOut(req: FastifyRequest): Promise<string> {
    const session = sessionOf(req);
    if (!session) throw new NotFoundError('browser session', 'of this request (it was authenticated by a bearer token)');
    await this.uow.run(async (em) => {
      if (await endSession(em, session.tokenHash, SessionEndReason.SignedOut, new Date())) {
        await this.audit.record(em, { actor: session.user, action: 'auth.logout', entityType: 'user', entityId: session.user.id, detail: { method: 'session' } });
      }
    });
    return clearedSessionCookie(this.browser(req).secure);
  }

  private view(user: SessionResponse['user'], session: Pick<Session, 'csrfToken' | 'expiresAt'>): SessionResponse {
    return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt, idleTimeoutSeconds: this.idleMs / 1000 };
  }

  private endingReason(row: SessionRow, at: Date): SessionEndReason | null {
    if (at.toISOString() >= row.expires_at) return SessionEndReason.MaxAge;
    if (at.getTime() - Date.parse(row.last_seen_at) >= this.idleMs) return SessionEndReason.Idle;
    if (!row.active) return SessionEndReason.Deactivated;
    if (Number(row.cv) !== Number(row.session_cv)) return SessionEndReason.CredentialsChanged;
    return null;
  }

  /** Two requests may find the same session expired: only the one that ends it audits it. */
  private async end(tokenHash: string, row: SessionRow, reason: SessionEndReason, at: Date): Promise<void> {
    await this.uow.run(async (em) => {
      if (!(await endSession(em, tokenHash, reason, at))) return;
      const expired = reason === SessionEndReason.Idle || reason === SessionEndReason.MaxAge;
      await this.audit.record(em, {
        actor: null, action: expired ? 'auth.session_expired' : 'auth.sessions_ended', entityType: 'user', entityId: row.user_id,
        detail: expired ? { reason, username: row.username } : { reason, sessions: 1 },
      });
    });
  }
}
