import { Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, ENGINE, USER_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * Makes the audit insert fail for accounts named `doomed-…`: the user row is already written
 * when the transaction fails, so it must be rolled back, and only it.
 */
async function failAuditFor(t: TestApp, marker: string): Promise<void> {
  if (ENGINE === 'postgres') {
    await t.dataSource.query(`CREATE FUNCTION test_doom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'doomed by the test'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER test_doom BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.changes LIKE '%${marker}%') EXECUTE FUNCTION test_doom()`);
  } else {
    await t.dataSource.query(`CREATE TRIGGER test_doom BEFORE INSERT ON audit_events WHEN NEW.changes LIKE '%${marker}%' BEGIN SELECT RAISE(ABORT, 'doomed by the test'); END`);
  }
}

/**
 * better-sqlite3 answers synchronously, so a short transaction runs start to finish without
 * giving other requests a turn, and overlap would be rare. Real work inside a transaction
 * (hashing, files, a slow disk) yields; this makes every query yield, as a networked driver
 * does, so the requests below really do overlap. (PostgreSQL's queries yield anyway.)
 */
function yieldOnEveryQuery(t: TestApp): void {
  if (ENGINE !== 'sqlite') return;
  const runner = t.dataSource.createQueryRunner(); // the one shared runner on SQLite
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(runner, {
    query: async (...args: unknown[]) => {
      await new Promise((resolve) => setImmediate(resolve));
      return query(...args);
    },
  });
}

interface Attempt {
  username: string;
  kind: 'ok' | 'doomed' | 'duplicate';
  status?: number;
  body?: { id?: string; username?: string; statusCode?: number; message?: string };
}

describe(`concurrent writes (${ENGINE})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor(Role.Admin);
    await failAuditFor(t, 'doomed-');
    yieldOnEveryQuery(t);
  });
  afterAll(async () => { await t.close(); });

  it('keeps every acknowledged write and none of the rolled-back ones', async () => {
    const attempts: Attempt[] = [];
    for (let i = 0; i < 20; i++) attempts.push({ username: `ok-${i}`, kind: 'ok' });
    for (let i = 0; i < 15; i++) attempts.push({ username: `doomed-${i}`, kind: 'doomed' });
    // The same name twice, in different case: exactly one may win.
    for (let i = 0; i < 10; i++) attempts.push({ username: `dup-${i}`, kind: 'duplicate' }, { username: `DUP-${i}`, kind: 'duplicate' });
    // Interleave the kinds so failures land between successes.
    attempts.sort((a, b) => (a.username.length * 7919 + a.username.charCodeAt(a.username.length - 1)) % 13
      - (b.username.length * 7919 + b.username.charCodeAt(b.username.length - 1)) % 13);

    await Promise.all(attempts.map(async (attempt) => {
      const res = await t.http().post('/api/users').set(bearer(admin))
        .send({ username: attempt.username, displayName: `Concurrent ${attempt.username}`, roles: [Role.Analyst], password: USER_PASSWORD });
      attempt.status = res.status;
      attempt.body = res.body;
    }));

    // Every answer is one the client can act on.
    for (const a of attempts.filter((x) => x.kind === 'ok')) expect([a.username, a.status]).toEqual([a.username, 201]);
    for (const a of attempts.filter((x) => x.kind === 'doomed')) {
      expect([a.username, a.status]).toEqual([a.username, 500]);
      // Nothing of the failure leaks: no SQL, no trigger text, no stack.
      expect(a.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    }
    for (let i = 0; i < 10; i++) {
      const pair = attempts.filter((a) => a.username.toLowerCase() === `dup-${i}`).map((a) => a.status).sort();
      expect([`dup-${i}`, pair]).toEqual([`dup-${i}`, [201, 409]]);
    }

    // The database holds exactly the acknowledged accounts, with the ids the clients were given.
    const acknowledged = attempts.filter((a) => a.status === 201);
    const rows: Array<{ id: string; username: string }> = await t.dataSource.query(
      `SELECT id, username FROM users WHERE username_key LIKE 'ok-%' OR username_key LIKE 'dup-%' OR username_key LIKE 'doomed-%'`);
    const byName = (x: { username: string }, y: { username: string }) => x.username.localeCompare(y.username);
    expect(rows.map(({ id, username }) => ({ id, username })).sort(byName))
      .toEqual(acknowledged.map((a) => ({ id: a.body!.id, username: a.username })).sort(byName));

    // One audit event per acknowledged account, none for the rolled-back ones.
    const created: Array<{ entity_id: string }> = await t.dataSource.query(`SELECT entity_id FROM audit_events WHERE action = 'user.created'`);
    const auditedIds = created.map((e) => e.entity_id);
    for (const a of acknowledged) expect(auditedIds.filter((id) => id === a.body!.id)).toHaveLength(1);
    const mentionsDoomed: Array<{ n: number | string }> = await t.dataSource.query(`SELECT count(*) AS n FROM audit_events WHERE changes LIKE '%doomed-%'`);
    expect(Number(mentionsDoomed[0].n)).toBe(0);

    // Concurrent writers never forked the audit chain: seq runs 1..n, each event links to the one before.
    const chain: Array<{ seq: number; prev_hash: string; hash: string }> = await t.dataSource.query('SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq');
    chain.forEach((event, i) => {
      expect(Number(event.seq)).toBe(i + 1);
      if (i > 0) expect(event.prev_hash).toBe(chain[i - 1].hash);
    });
  });

  it('lets every acknowledged account log in afterwards', async () => {
    const rows: Array<{ username: string }> = await t.dataSource.query(`SELECT username FROM users WHERE username_key LIKE 'ok-%' ORDER BY username_key`);
    expect(rows).toHaveLength(20);
    const logins = await Promise.all(rows.map((r) => t.http().post('/api/auth/login').send({ username: r.username, password: USER_PASSWORD })));
    expect(logins.map((l) => l.status)).toEqual(rows.map(() => 200));
  });
});
