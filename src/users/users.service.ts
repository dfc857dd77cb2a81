import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import type { Page, PageQuery } from '../common/http/paging.js';
import { newId, now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { UserResponse } from './dto/user.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { Role } from './role.js';
import { User } from './user.entity.js';

/** The fields an audit event may show of an account: never the password hash. */
const auditImage = ({ username, displayName, roles, active, lockedUntil, credentialsVersion }: User) =>
  ({ username, displayName, roles, active, lockedUntil, credentialsVersion });

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateUserDto, actor: AuthUser | null): Promise<UserResponse> {
    const passwordHash = await this.hasher.hash(dto.password);
    return this.uow.run(async (em) => {
      const usernameKey = dto.username.toLowerCase();
      if (await em.existsBy(User, { usernameKey })) throw new ConflictError(`username ${dto.username} is taken`);
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
  }

  async list(page: PageQuery): Promise<Page<UserResponse>> {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      order: { usernameKey: 'ASC' }, take: page.limit, skip: page.offset,
    });
    return { items: users.map(UserResponse.from), total, limit: page.limit, offset: page.offset };
  }

  async get(id: string): Promise<UserResponse> {
    return UserResponse.from(await this.load(this.dataSource.manager, id));
  }

  update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<UserResponse> {
    return this.change(id, actor, 'user.updated', (user) => {
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.roles !== undefined) user.roles = [...new Set(dto.roles)];
      if (dto.active !== undefined) user.active = dto.active;
    });
  }

  async resetPassword(id: string, password: string, actor: AuthUser): Promise<UserResponse> {
    const passwordHash = await this.hasher.hash(password);
    return this.change(id, actor, 'user.password_reset', (user) => {
      user.passwordHash = passwordHash;
      user.credentialsVersion += 1;
    });
  }

  unlock(id: string, actor: AuthUser): Promise<UserResponse> {
    return this.change(id, actor, 'user.unlocked', (user) => {
      user.lockedUntil = null;
      user.failedLogins = 0;
      user.firstFailedAt = null;
    });
  }

  async unlockByUsername(username: string, actor: AuthUser | null): Promise<UserResponse> {
    const user = await this.dataSource.getRepository(User).findOneBy({ usernameKey: username.toLowerCase() });
    if (!user) throw new NotFoundError('user', username);
    return this.change(user.id, actor, 'user.unlocked', (u) => {
      u.lockedUntil = null;
      u.failedLogins = 0;
      u.firstFailedAt = null;
    });
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

  private async load(em: EntityManager, id: string): Promise<User> {
    const user = await em.findOneBy(User, { id });
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  private change(id: string, actor: AuthUser | null, action: string, mutate: (user: User) => void): Promise<UserResponse> {
    return this.uow.run(async (em) => {
      const user = await this.load(em, id);
      const before = auditImage(user);
      mutate(user);
      user.updatedAt = now();
      user.version += 1;
      await em.save(User, user);
      await this.audit.record(em, { actor, action, entityType: 'user', entityId: id, before, after: auditImage(user) });
      return UserResponse.from(user);
    });
  }
}
