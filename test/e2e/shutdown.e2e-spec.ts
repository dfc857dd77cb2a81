import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseDatabaseUrl } from '../../src/config/app.config.js';
import { buildOnce, spawnNode, type Child } from '../support/built-app.js';
import { TEST_PG_URL } from '../support/engines.js';
import { createTestDatabase, ENGINE, type TestDatabase } from '../support/test-app.js';

const WARNINGS = /DeprecationWarning|FSTDEP|FSTWRN|Warning:/;

/** Connections other than ours to the test database (PostgreSQL). */
async function connectionsTo(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [new URL(url).pathname.slice(1)]);
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

describe(`the built server as a process (${ENGINE})`, () => {
  let dist: string;
  let db: TestDatabase;
  let cwd: string;
  let child: Child | undefined;

  beforeAll(async () => { dist = await buildOnce(); }, 180_000);
  beforeEach(async () => {
    db = await createTestDatabase();
    cwd = mkdtempSync(join(tmpdir(), 'probity-proc-'));
  });
  afterEach(async () => {
    if (child && child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    child = undefined;
    await db.dispose();
    rmSync(cwd, { recursive: true, force: true });
  });

  const start = (env: Record<string, string>) => spawnNode(join(dist, 'main.js'), [], {
    ...process.env, DATABASE_URL: db.url, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', LOGIN_RATE_LIMIT: '1000', ...env,
  }, cwd);

  it('prints the first admin password, serves, and on SIGTERM finishes requests in flight, refuses new ones, closes the database, exits 0', async () => {
    child = start({ PROBITY_ADMIN_PASSWORD: '' });
    const listening = JSON.parse(await child.waitFor(/Server listening at/)) as { msg: string };
    const base = /(http:\/\/[\d.]+:\d+)/.exec(listening.msg)![1];
    const password = /created admin user "admin" with password: (\S+)/.exec(child.stdout())![1];
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    // Several logins at once: each hashes for a while, so some are still running at SIGTERM.
    const login = () => fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
    }).then(async (res) => ({ status: res.status, body: await res.json() as { accessToken?: string } }));
    const inFlight = Array.from({ length: 6 }, login);
    // All six have reached the server (not merely been sent) before the signal.
    await child.waitForLines(/"url":"\/api\/auth\/login".*"msg":"incoming request"/, 6);
    const signalledAt = Date.now();
    child.process.kill('SIGTERM');
    await child.waitFor(/SIGTERM received/);

    // From now on nothing new is served: the connection is refused, or a 503 says go elsewhere.
    const late = await fetch(`${base}/api/health`).then((res) => res.status, () => 'refused');
    expect([503, 'refused']).toContain(late);

    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.every((a) => typeof a.body.accessToken === 'string')).toBe(true);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    // Promptly: answered keep-alive connections are closed rather than waited out (72 s).
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    // Some logins were still being served when the signal came, and were answered after it.
    const log = child.stdout();
    expect(log.lastIndexOf('"msg":"request completed"')).toBeGreaterThan(log.indexOf('SIGTERM received'));
    expect(log).toMatch(/"msg":"closed cleanly"/);
    expect(child.stderr()).not.toMatch(WARNINGS);
    expect(child.stdout()).not.toMatch(WARNINGS);

    // The database was closed properly and kept every acknowledged write.
    if (ENGINE === 'sqlite') {
      const { path } = parseDatabaseUrl(db.url) as { path: string };
      expect(existsSync(`${path}-wal`)).toBe(false);
      const file = new Database(path, { readonly: true });
      try {
        const { n } = file.prepare(`SELECT count(*) AS n FROM audit_events WHERE action = 'auth.login'`).get() as { n: number };
        expect(n).toBe(6);
      } finally {
        file.close();
      }
    } else {
      expect(await connectionsTo(db.url)).toBe(0);
    }
  }, 120_000);

  it('keeps its data across a restart', async () => {
    child = start({ PROBITY_ADMIN_PASSWORD: 'restart-admin-password' });
    let base = /(http:\/\/[\d.]+:\d+)/.exec(await child.waitFor(/Server listening at/))![1];
    const token = (await (await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'restart-admin-password' }),
    })).json() as { accessToken: string }).accessToken;
    const created = await fetch(`${base}/api/users`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ username: 'survivor', displayName: 'Survives restarts', roles: ['analyst'], password: 'survivor-password' }),
    });
    expect(created.status).toBe(201);
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });

    child = start({ PROBITY_ADMIN_PASSWORD: 'restart-admin-password' });
    base = /(http:\/\/[\d.]+:\d+)/.exec(await child.waitFor(/Server listening at/))![1];
    expect(child.stdout()).not.toMatch(/created admin user/);
    const again = await fetch(`${base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'survivor', password: 'survivor-password' }),
    });
    expect(again.status).toBe(200);
    // The token from before the restart still works: the signing key is kept in the database.
    expect((await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('refuses to start on bad configuration, listing every problem, exit code 1', async () => {
    child = start({ PORT: '99999', LOG_LEVEL: 'chatty', TOKEN_TTL: 'forever', DATABASE_URL: 'mysql://db/probity', PROBITY_ADMIN_PASSWORD: 'short' });
    expect(await child.exited).toEqual({ code: 1, signal: null });
    const problems = child.stderr();
    expect(problems).toMatch(/^Invalid configuration:/);
    for (const name of ['PORT', 'LOG_LEVEL', 'TOKEN_TTL', 'DATABASE_URL', 'PROBITY_ADMIN_PASSWORD']) expect(problems).toContain(name);
    expect(problems).not.toMatch(/\n\s+at /);
    expect(child.stdout()).not.toMatch(/Server listening/);
  }, 60_000);
});
