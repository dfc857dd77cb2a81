/**
 * The service tier: the app's real modules (Nest's DI container, no HTTP server) on a fresh
 * database with the real migrations, so a test calls services as a controller would and reads
 * back the rows and audit events they wrote. Only the clock is replaced, by one the test sets.
 *
 *   const ctx = await createServiceContext({ today: '2024-06-01' });
 *   const { lead, reviewer } = await ctx.actors({ lead: [Role.Investigator], reviewer: [Role.Reviewer] });
 *   const opened = await ctx.services.investigations.open(await ctx.dto(OpenInvestigationDto, investigationInput()), lead);
 *   const error = await ctx.refused(() => ctx.services.lifecycle.transition(opened.id, move, 1, lead));
 *   await ctx.close();
 */
import { jest } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource, MoreThan, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { AllegationsService } from '../../src/allegations/allegations.service.js';
import { SubjectsService } from '../../src/allegations/subjects.service.js';
import { AppModule } from '../../src/app.module.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { BarredListService } from '../../src/barred-list/barred-list.service.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import type { Role } from '../../src/common/auth/role.js';
import { validationPipe } from '../../src/common/http/validation.js';
import { Clock } from '../../src/common/time/day.js';
import { ComplaintsService } from '../../src/complaints/complaints.service.js';
import { loadConfig } from '../../src/config/app.config.js';
import { ENTITIES } from '../../src/app-data-source.js';
import { InvestigationsService } from '../../src/investigations/investigations.service.js';
import { LifecycleService } from '../../src/investigations/lifecycle.service.js';
import { TeamService } from '../../src/investigations/team.service.js';
import { OfficersService } from '../../src/officers/officers.service.js';
import { OutcomesService } from '../../src/outcomes/outcomes.service.js';
import { RecommendationsService } from '../../src/recommendations/recommendations.service.js';
import { UsersService } from '../../src/users/users.service.js';
import { createTestDatabase, testEnvironment, USER_PASSWORD, type TestDatabase } from './test-app.js';

/** "Today" as the test says; every service that asks the Clock gets this day. */
export class FixedClock extends Clock {
  constructor(private day: string) {
    super();
  }

  override today(): string {
    return this.day;
  }

  set(day: string): void {
    this.day = day;
  }
}

export interface Services {
  users: UsersService;
  officers: OfficersService;
  complaints: ComplaintsService;
  investigations: InvestigationsService;
  team: TeamService;
  lifecycle: LifecycleService;
  subjects: SubjectsService;
  allegations: AllegationsService;
  outcomes: OutcomesService;
  barredList: BarredListService;
  recommendations: RecommendationsService;
}

export interface ServiceContext {
  module: TestingModule;
  db: TestDatabase;
  dataSource: DataSource;
  clock: FixedClock;
  services: Services;
  /**
   * One new active user per key, holding exactly its roles, as the JWT strategy would attach
   * them; made at once, because password hashing is the slow part.
   */
  actors<K extends string>(roles: Record<K, Role[]>): Promise<Record<K, AuthUser>>;
  /** `plain` through the app's global ValidationPipe, as a request body would be: the DTO instance, or a 400. */
  dto<T extends object>(type: new () => T, plain: object): Promise<T>;
  /** The rows of `entity` matching `where`, read back from the database. */
  rows<T extends ObjectLiteral>(entity: EntityTarget<T>, where?: FindOptionsWhere<T>): Promise<T[]>;
  /** The audit log's last sequence number: pass it to `auditSince`. */
  auditMark(): Promise<number>;
  /** Audit events appended after `mark`, oldest first. */
  auditSince(mark: number): Promise<AuditEvent[]>;
  /**
   * Runs an action that must be refused and returns its error; fails the test unless the
   * action threw and left every table's row count and the audit log exactly as they were.
   */
  refused(action: () => Promise<unknown>): Promise<Error>;
  /**
   * Makes the next audit append of `action` fail (as a full disk would), to show that the
   * change it records shares its transaction: the change must be undone with it.
   */
  failNextAudit(action: string): void;
  close(): Promise<void>;
}

/** Boots the real AppModule on a fresh database (SQLite or PostgreSQL, as TEST_ENGINE says). */
export async function createServiceContext(options: { today: string }): Promise<ServiceContext> {
  const db = await createTestDatabase();
  // No first admin: the tests make the users they need, with the roles they need.
  const config = { ...loadConfig(testEnvironment(db)), createFirstAdmin: false };
  const clock = new FixedClock(options.today);
  let module: TestingModule;
  try {
    module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(Clock).useValue(clock)
      .compile();
    await module.init();
  } catch (error) {
    await db.dispose();
    throw error;
  }
  const dataSource = module.get(DataSource);
  const services: Services = {
    users: module.get(UsersService),
    officers: module.get(OfficersService),
    complaints: module.get(ComplaintsService),
    investigations: module.get(InvestigationsService),
    team: module.get(TeamService),
    lifecycle: module.get(LifecycleService),
    subjects: module.get(SubjectsService),
    allegations: module.get(AllegationsService),
    outcomes: module.get(OutcomesService),
    barredList: module.get(BarredListService),
    recommendations: module.get(RecommendationsService),
  };
  let users = 0;
  const newUser = async (name: string, roles: Role[]): Promise<AuthUser> => {
    const username = `${name}-${++users}`;
    const user = await services.users.create({ username, displayName: `Test ${username}`, roles, password: USER_PASSWORD }, null);
    return { id: user.id, username: user.username, roles: user.roles };
  };

  const tableCounts = async () => {
    const counts: Record<string, number> = {};
    for (const entity of ENTITIES) counts[entity.name] = await dataSource.getRepository(entity).count();
    return counts;
  };

  const ctx: ServiceContext = {
    module,
    db,
    dataSource,
    clock,
    services,
    async actors(roles) {
      const entries = Object.entries<Role[]>(roles);
      const made = await Promise.all(entries.map(([name, given]) => newUser(name, given)));
      return Object.fromEntries(entries.map(([name], i) => [name, made[i]])) as Record<keyof typeof roles, AuthUser>;
    },
    async dto(type, plain) {
      return validationPipe.transform(plain, { type: 'body', metatype: type });
    },
    rows(entity, where = {}) {
      return dataSource.getRepository(entity).findBy(where);
    },
    async auditMark() {
      const last = await dataSource.getRepository(AuditEvent).findOne({ where: {}, order: { seq: 'DESC' } });
      return last?.seq ?? 0;
    },
    auditSince(mark) {
      return dataSource.getRepository(AuditEvent).find({ where: { seq: MoreThan(mark) }, order: { seq: 'ASC' } });
    },
    async refused(action) {
      const mark = await ctx.auditMark();
      const before = await tableCounts();
      const outcome = await action().then(() => null, (error: unknown) => error);
      if (outcome === null) throw new Error('expected the action to be refused, but it succeeded');
      expect(await ctx.auditSince(mark)).toEqual([]);
      expect(await tableCounts()).toEqual(before);
      return outcome as Error;
    },
    failNextAudit(action) {
      const audit = module.get(AuditService);
      const spy = jest.spyOn(audit, 'record').mockImplementation(async function (this: AuditService, em, entry) {
        if (entry.action !== action) return AuditService.prototype.record.call(this, em, entry);
        spy.mockRestore();
        throw new Error(`audit write failed: ${action}`);
      });
    },
    async close() {
      await module.close();
      await db.dispose();
    },
  };
  return ctx;
}
