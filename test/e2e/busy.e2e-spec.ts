import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, ENGINE, USER_PASSWORD, type TestApp } from '../support/test-app.js';

/**
 * A database that cannot take a write answers with a clear status, never a 500, and leaves
 * nothing half-written: neither the record nor its audit event.
 */
const onSqlite = ENGINE === 'sqlite' ? describe : describe.skip;

onSqlite('a busy or full SQLite database', () => {
  let t: TestApp;
  let admin: string;
  let path: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor(Role.Admin);
    path = t.db.url.slice('sqlite:'.length);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function eventsOfRequest(requestId: string): Promise<number> {
    const [row] = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events WHERE request_id = ?', [requestId]) as Array<{ n: number }>;
    return Number(row.n);
  }

  const createUser = (username: string, requestId: string) => t.http().post('/api/users').set(bearer(admin)).set('X-Request-Id', requestId)
    .send({ username, displayName: `User ${username}`, roles: [Role.Analyst], password: USER_PASSWORD });

  it('answers 503 with Retry-After while another process holds the write lock, and writes once it is free', async () => {
    const { body: user } = await createUser(`busy-${randomUUID().slice(0, 8)}`, randomUUID()).expect(201);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE'); // another process's write transaction, held open
    try {
      const blocked = randomUUID();
      const res = await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).set('X-Request-Id', blocked).send({ displayName: 'Renamed while busy' });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the database is busy; retry shortly' });
      // Reads go on meanwhile (WAL), and show nothing of the refused write.
      const read = await t.http().get(`/api/users/${user.id}`).set(bearer(admin)).expect(200);
      expect(read.body.displayName).toBe(user.displayName);
      other.exec('ROLLBACK');
      expect(await eventsOfRequest(blocked)).toBe(0);
    } finally {
      other.close();
    }
    const retried = randomUUID();
    const res = await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).set('X-Request-Id', retried).send({ displayName: 'Renamed after' });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Renamed after');
    expect(await eventsOfRequest(retried)).toBe(1);
  });

  it('answers 507 when the database is full, writing neither the record nor its audit event', async () => {
    // A database capped at its current size (SQLite's max_page_count) is a full disk in miniature.
    const [{ page_count: pages }] = await t.dataSource.query('PRAGMA page_count') as Array<{ page_count: number }>;
    await t.dataSource.query(`PRAGMA max_page_count = ${pages}`);
    const [{ n: eventsBefore }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events') as Array<{ n: number }>;
    let created = 0;
    let full: { status: number; body: unknown; username: string; requestId: string } | undefined;
    try {
      // Free space inside existing pages takes a few more rows; the first write needing a new page fails.
      for (let i = 0; i < 200 && !full; i++) {
        const username = `full-${i}-${randomUUID().slice(0, 6)}`;
        const requestId = randomUUID();
        const res = await createUser(username, requestId);
        if (res.status === 201) created++;
        else full = { status: res.status, body: res.body, username, requestId };
      }
    } finally {
      await t.dataSource.query('PRAGMA max_page_count = 4294967294');
    }
    expect(full).toMatchObject({ status: 507, body: { statusCode: 507, error: 'Insufficient Storage', message: 'the database disk is full; nothing was written' } });
    const [{ n: users }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE username = ?', [full!.username]) as Array<{ n: number }>;
    expect(users).toBe(0);
    expect(await eventsOfRequest(full!.requestId)).toBe(0);
    const [{ n: eventsAfter }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events') as Array<{ n: number }>;
    expect(eventsAfter - eventsBefore).toBe(created);
    // With room again, writing works and the chain is intact.
    await createUser(`after-full-${randomUUID().slice(0, 6)}`, randomUUID()).expect(201);
    const verify = await t.http().get('/api/audit/verify').set(bearer(admin)).expect(200);
    expect(verify.body.ok).toBe(true);
  });
});
