import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app.config.js';
import { createApp } from '../../src/configure-app.js';
import { Role } from '../../src/common/auth/role.js';
import { UsersService } from '../../src/users/users.service.js';
import { freshPostgresDatabase, type Engine } from './engines.js';

// jest.config.js gives the e2e projects a testTimeout, which Jest ignores at project level:
// every file that boots the app gets the same 60 s here (import.meta.jest is Jest's ESM handle).
(import.meta as unknown as { jest?: { setTimeout(ms: number): void } }).jest?.setTimeout(60_000);

export const ENGINE: Engine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const USER_PASSWORD = 'a-long-test-password';

/** A database that outlives one app, so a test can restart the app on it. */
export interface TestDatabase {
  url: string;
  dispose(): Promise<void>;
  /** A private directory for files kept beside the database (audit key and checkpoints). */
  dir?: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'probity-test-'));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  if (ENGINE === 'postgres') {
    const db = await freshPostgresDatabase();
    return { url: db.url, dir, dispose: async () => { await db.drop(); await removeDir(); } };
  }
  return { url: `sqlite:${join(dir, 'probity.sqlite')}`, dir, dispose: removeDir };
}

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  /** A bearer token for a new user holding exactly these roles (cached per role set). */
  tokenFor(...roles: Role[]): Promise<string>;
  /** Creates a user and logs in: their id and token. */
  newUser(roles: Role[], username?: string): Promise<{ id: string; username: string; token: string }>;
  /** Raw SQL with `?` placeholders on both engines (numbered for PostgreSQL). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Logs in over HTTP; the raw response. */
  login(username: string, password: string): ReturnType<ReturnType<typeof request>['post']>;
  /** Stops the app; the database stays unless `dispose` is true. */
  close(options?: { dispose?: boolean }): Promise<void>;
}

export interface TestAppOptions {
  /** Reuse a database (e.g. to restart the app on it); a fresh one otherwise. */
  db?: TestDatabase;
  /** Environment variables on top of the test defaults; '' unsets one. */
  env?: Record<string, string>;
  /** Receives the JSON log lines (set LOG_LEVEL in env too: the default is silent). */
  logStream?: DestinationStream;
}

/** The environment the tests run the app with, on `db`; `env` on top ('' unsets a variable). */
export function testEnvironment(db: TestDatabase, env: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    ...process.env,
    DATABASE_URL: db.url,
    PROBITY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '1000',
    // Each test database gets its own audit signing key and checkpoint file.
    ...(db.dir ? { AUDIT_KEY_FILE: join(db.dir, 'audit-ed25519.pem'), AUDIT_CHECKPOINT_FILE: join(db.dir, 'audit-checkpoints.jsonl') } : {}),
    ...env,
  };
}

/**
 * Boots the real app (as main.ts does) on a fresh database with the real migrations.
 * Keep one app open at a time: passport's strategy registry is process-wide, so the newest
 * app's login and token checks would serve every open app.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? await createTestDatabase();
  const app = await createApp(loadConfig(testEnvironment(db, options.env)), { logStream: options.logStream });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const users = app.get(UsersService);
  const tokens = new Map<string, string>();
  let counter = 0;

  const testApp: TestApp = {
    app,
    db,
    http: () => request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    async newUser(roles, username = `${roles.join('-') || 'none'}-${++counter}-${Date.now().toString(36)}`) {
      const user = await users.create({ username, displayName: `Test ${username}`, roles, password: USER_PASSWORD }, null);
      const res = await testApp.http().post('/api/auth/login').send({ username, password: USER_PASSWORD }).expect(200);
      return { id: user.id, username, token: res.body.accessToken as string };
    },
    async tokenFor(...roles) {
      const key = [...roles].sort().join(',');
      if (!tokens.has(key)) tokens.set(key, (await testApp.newUser(roles)).token);
      return tokens.get(key)!;
    },
    sql(text, params = []) {
      let n = 0;
      return testApp.dataSource.query(ENGINE === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
    },
    login(username, password) {
      return testApp.http().post('/api/auth/login').send({ username, password });
    },
    async close({ dispose = true } = {}) {
      await app.close();
      if (dispose) await db.dispose();
    },
  };
  return testApp;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
