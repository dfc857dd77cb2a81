import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { InvalidCredentialsError, NotFoundError } from '../common/errors/domain-errors.js';
import type { AppConfig } from '../config/app.config.js';
import { now } from '../database/columns.js';
import { ReadQueries } from '../database/read-queries.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { PasswordHasher } from '../users/password-hasher.js';
import type { Role } from '../common/auth/role.js';
import { User } from '../users/user.entity.js';
import { lockUserRow } from '../users/users.service.js';
import type { LoginResponse, SessionUser } from './dto/auth.dto.js';
import { SessionEndReason } from './session.entity.js';
import { endSessionsOf } from './session-store.js';

export const MAX_FAILED_LOGINS = 5;
const FAILURE_WINDOW_MS = 15 * 60_000;

/** How a user signs in: a bearer token for scripts, a cookie session for the browser. */
export type SignInMethod = 'token' | 'session';

export interface TokenClaims {
  sub: string;
  /** The account's credentials version when the token was issued. */
  cv: number;
}

interface AccountRow {
  id: string;
  username: string;
  roles: string;
  active: boolean | number;
  cv: number | string;
}

export const sessionUser = ({ id, username, displayName, roles }: User): SessionUser => ({ id, username, displayName, roles });

@Injectable()
export class AuthService {
  private readonly lockoutMs: number;
  private readonly tokenTtl: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
    private readonly reads: ReadQueries,
    config: ConfigService<{ app: AppConfig }, true>,
  ) {
    const app = config.get('app', { infer: true });
    this.lockoutMs = app.lockoutMinutes * 60_000;
    this.tokenTtl = app.tokenTtlSeconds;
  }

  /** A bearer token for scripts (POST /api/auth/login). */
  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.signIn(username, password, 'token');
    const claims: TokenClaims = { sub: user.id, cv: user.credentialsVersion };
    return { accessToken: await this.jwt.signAsync(claims), expiresIn: this.tokenTtl, user: sessionUser(user) };
  }

  /**
   * Checks a password, for a token or a browser session alike. Every failure is the same
   * InvalidCredentialsError, whether the user is unknown, inactive, locked or the password
   * wrong; failures count towards a lockout stored in the database. On success the account's
   * failure count is reset and `auth.login` audited, in one transaction with `alsoWrite`
   * (the browser session's row).
   */
  async signIn(username: string, password: string, method: SignInMethod, alsoWrite?: (em: EntityManager, user: User) => Promise<void>): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ usernameKey: username.toLowerCase() });
    const passwordOk = await this.hasher.verify(user?.passwordHash, password);
    const at = new Date();
    const locked = !!user?.lockedUntil && user.lockedUntil > at.toISOString();
    if (!user || !passwordOk || locked || !user.active) {
      if (user) await this.recordFailure(user.id, at, locked ? 'locked' : !user.active ? 'inactive' : 'bad_password', method);
      else await this.uow.run((em) => this.audit.record(em, { actor: null, action: 'auth.login_failed', detail: { username, reason: 'unknown_user', method } }));
      throw new InvalidCredentialsError();
    }
    return this.uow.run(async (em) => {
      const fresh = await lockUserRow(em, user.id);
      fresh.failedLogins = 0;
      fresh.firstFailedAt = null;
      fresh.lockedUntil = null;
      fresh.lastLoginAt = at.toISOString();
      await em.save(User, fresh);
      await this.audit.record(em, { actor: fresh, action: 'auth.login', entityType: 'user', entityId: fresh.id, detail: { method } });
      await alsoWrite?.(em, fresh);
      return fresh;
    });
  }

  /**
   * Counts a failed password towards the lockout: the fifth within FAILURE_WINDOW_MS locks
   * the account for LOCKOUT_MINUTES. Once a lock has expired the count starts again.
   */
  private recordFailure(userId: string, at: Date, reason: string, method: SignInMethod | 'password_change'): Promise<void> {
    return this.uow.run(async (em) => {
      const user = await lockUserRow(em, userId);
      const lockExpired = !!user.lockedUntil && user.lockedUntil <= at.toISOString();
      const windowOpen = !lockExpired && !!user.firstFailedAt && at.getTime() - Date.parse(user.firstFailedAt) < FAILURE_WINDOW_MS;
      user.failedLogins = windowOpen ? user.failedLogins + 1 : 1;
      if (!windowOpen) {
        user.firstFailedAt = at.toISOString();
        user.lockedUntil = null;
      }
      const lockNow = user.failedLogins >= MAX_FAILED_LOGINS && reason === 'bad_password';
      if (lockNow) user.lockedUntil = new Date(at.getTime() + this.lockoutMs).toISOString();
      await em.save(User, user);
      await this.audit.record(em, { actor: null, action: 'auth.login_failed', entityType: 'user', entityId: user.id, detail: { username: user.username, reason, method } });
      if (lockNow) {
        await this.audit.record(em, { actor: null, action: 'auth.locked', entityType: 'user', entityId: user.id, detail: { until: user.lockedUntil } });
      }
    });
  }

  /** Per request: one primary-key read, so deactivation and password changes bite at once. */
  async authenticate(claims: TokenClaims): Promise<AuthUser | null> {
    // Every request's token check: plain SQL on the read connection (see ReadQueries).
    const row = await this.reads.one<AccountRow>('SELECT id, username, roles, active, credentials_version AS cv FROM users WHERE id = ?', [claims.sub]);
    if (!row || !row.active || Number(row.cv) !== claims.cv) return null;
    return { id: row.id, username: row.username, roles: JSON.parse(row.roles) as Role[] };
  }

  async me(actor: AuthUser): Promise<SessionUser> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: actor.id });
    if (!user) throw new NotFoundError('user', actor.id);
    return sessionUser(user);
  }

  /**
   * Needs the current password, so a stolen token alone cannot take the account over; wrong
   * guesses count towards the same lockout as logins, and a locked account cannot change it.
   * Every token and browser session of the account, including the caller's, stops working.
   */
  async changePassword(actor: AuthUser, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.id });
    const passwordOk = await this.hasher.verify(user.passwordHash, currentPassword);
    const at = new Date();
    if (!!user.lockedUntil && user.lockedUntil > at.toISOString()) throw new InvalidCredentialsError();
    if (!passwordOk) {
      await this.recordFailure(user.id, at, 'bad_password', 'password_change');
      throw new InvalidCredentialsError();
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.uow.run(async (em) => {
      const fresh = await lockUserRow(em, actor.id);
      fresh.passwordHash = passwordHash;
      fresh.credentialsVersion += 1;
      fresh.updatedAt = now();
      fresh.version += 1;
      await em.save(User, fresh);
      await this.audit.record(em, {
        actor, action: 'user.password_changed', entityType: 'user', entityId: actor.id,
        before: { credentialsVersion: user.credentialsVersion }, after: { credentialsVersion: fresh.credentialsVersion },
      });
      await endSessionsOf(em, this.audit, actor.id, SessionEndReason.PasswordChanged, actor);
    });
  }
}
