import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { isUniqueViolation } from '../common/errors/database-errors.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { Page, PageQuery } from '../common/http/paging.js';
import { newId, now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { SessionEndReason } from '../auth/session.entity.js';
import { endSessionsOf } from '../auth/session-store.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { UserResponse } from './dto/user.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { Role } from '../common/auth/role.js';
import { User } from './user.entity.js';

/** The fields an audit event may show of an account: never the password hash. */
const auditImage = ({ username, displayName, roles, active, lockedUntil, credentialsVersion }: User) =>
  ({ username, displayName, roles, active, lockedUntil, credentialsVersion });

/**
 * Reads an account inside a transaction for changing it. On PostgreSQL the row is locked so
 * two concurrent changes (say, two failed logins) cannot both start from the same count;
 * SQLite transactions already run one at a time (UnitOfWork).
 */
export async function lockUserRow(em: EntityManager, id: string): Promise<User> {
  const lock = em.connection.options.type === 'postgres' ? { mode: 'pessimistic_write' as const } : undefined;
  const user = await em.findOne(User, { where: { id }, lock });
  if (!user) throw new NotFoundError('user', id);
  return user;
}

const isActiveAdmin = (user: Pick<User, 'active' | 'roles'>) => user.active && user.roles.includes(Role.Admin);

/**
 * Account changes take turns on PostgreSQL: two admins deactivating each other at the same
 * moment would otherwise each still see the other as an active admin, and both succeed.
 * (SQLite runs every transaction in turn already.)
 */
const PG_ACCOUNT_CHANGES_LOCK = 727_003;

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateUserDto, actor: AuthUser | null): Promise<UserResponse> {
    const passwordHash = await this.hasher.hash(dto.password);
    const usernameKey = dto.username.toLowerCase();
    const taken = () => new ConflictError(`username ${dto.username} is taken`);
    try {
      return await this.uow.run(async (em) => {
        if (await em.existsBy(User, { usernameKey })) throw taken();
        const at = now();
        const user = em.create(User, {
          id: newId(), username: dto.username, usernameKey, displayName: dto.displayName,
          roles: [...new Set(dto.roles)], active: true, passwordHash, credentialsVersion: 1,
          failedLogins: 0, firstFailedAt: null, lockedUntil: null, lastLoginAt: null,
          createdAt: at, updatedAt: at, version: 1,
        });
        await em.insert(User, user);
        await this.audit.record(em, { actor, action: 'user.created', entityType: 'user', entityId: user.id, before: null, after: auditImage(user) });
        return UserResponse.from(user);
      });
    } catch (error) {
      // Two concurrent creates on PostgreSQL can both pass the check; the unique index decides.
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  async list(page: PageQuery): Promise<Page<UserResponse>> {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      order: { usernameKey: 'ASC' }, take: page.limit, skip: page.offset,
    });
    return { items: users.map(UserResponse.from), total, limit: page.limit, offset: page.offset };
  }

  async get(id: string): Promise<UserResponse> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw new NotFoundError('user', id);
    return UserResponse.from(user);
  }

  async findByUsername(username: string): Promise<UserResponse> {
    const user = await this.dataSource.getRepository(User).findOneBy({ usernameKey: username.toLowerCase() });
    if (!user) throw new NotFoundError('user', username);
    return UserResponse.from(user);
  }

  /** Deactivating an account also ends its tokens and sessions for good: reactivation needs a new login. */
  update(id: string, dto: UpdateUserDto, actor: AuthUser | null): Promise<UserResponse> {
    return this.change(id, actor, 'user.updated', SessionEndReason.Deactivated, (user) => {
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.roles !== undefined) user.roles = [...new Set(dto.roles)];
      if (dto.active !== undefined && dto.active !== user.active) {
        user.active = dto.active;
        if (!dto.active) user.credentialsVersion += 1;
      }
    });
  }

  async resetPassword(id: string, password: string, actor: AuthUser | null): Promise<UserResponse> {
    const passwordHash = await this.hasher.hash(password);
    return this.change(id, actor, 'user.password_reset', SessionEndReason.PasswordReset, (user) => {
      user.passwordHash = passwordHash;
      user.credentialsVersion += 1;
    });
  }

  unlock(id: string, actor: AuthUser | null): Promise<UserResponse> {
    return this.change(id, actor, 'user.unlocked', null, (user) => {
      user.lockedUntil = null;
      user.failedLogins = 0;
      user.firstFailedAt = null;
    });
  }

  async unlockByUsername(username: string, actor: AuthUser | null): Promise<UserResponse> {
    return this.unlock((await this.findByUsername(username)).id, actor);
  }

  /**
   * First start on an empty database: one admin, with the configured password or a random
   * one printed once. Returns the generated password, if one was generated.
   */
  async ensureFirstAdmin(username: string, configuredPassword?: string): Promise<string | undefined> {
    if ((await this.dataSource.getRepository(User).count()) > 0) return undefined;
    const password = configuredPassword ?? randomBytes(18).toString('base64url');
    try {
      await this.create({ username, displayName: 'Administrator', roles: [Role.Admin], password }, null);
    } catch (error) {
      // Another instance created it first: fine, there is an admin.
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
    return configuredPassword ? undefined : password;
  }

  /**
   * Applies one change to an account with its audit event. Refuses a change that would
   * leave no active admin: nobody could manage accounts any more. A change that bumps the
   * credentials version ends the account's browser sessions in the same transaction.
   */
  private change(
    id: string, actor: AuthUser | null, action: string, endsSessionsAs: SessionEndReason | null, mutate: (user: User) => void,
  ): Promise<UserResponse> {
    return this.uow.run(async (em) => {
      if (em.connection.options.type === 'postgres') await em.query('SELECT pg_advisory_xact_lock($1)', [PG_ACCOUNT_CHANGES_LOCK]);
      const user = await lockUserRow(em, id);
      const before = auditImage(user);
      const wasActiveAdmin = isActiveAdmin(user);
      mutate(user);
      if (wasActiveAdmin && !isActiveAdmin(user) && !(await this.otherActiveAdminExists(em, id))) {
        throw new RuleViolationError('the last active admin cannot be deactivated or lose the admin role');
      }
      user.updatedAt = now();
      user.version += 1;
      await em.save(User, user);
      await this.audit.record(em, { actor, action, entityType: 'user', entityId: id, before, after: auditImage(user) });
      if (endsSessionsAs && user.credentialsVersion !== before.credentialsVersion) await endSessionsOf(em, this.audit, id, endsSessionsAs, actor);
      return UserResponse.from(user);
    });
  }

  private async otherActiveAdminExists(em: EntityManager, exceptId: string): Promise<boolean> {
    // Roles are a JSON list; the handful of active accounts is read rather than matched in SQL.
    const active = await em.find(User, { where: { active: true }, select: { id: true, roles: true, active: true } });
    return active.some((u) => u.id !== exceptId && isActiveAdmin(u));
  }
}
