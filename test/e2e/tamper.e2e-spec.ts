import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { AuditChain } from '../../src/audit/audit-chain.service.js';
import { hashEvent } from '../../src/audit/audit-hash.js';
import type { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import { TEST_PG_URL } from '../support/engines.js';
import { bearer, createTestApp, createTestDatabase, ENGINE, type TestApp, type TestDatabase } from '../support/test-app.js';

/**
 * Tampering as an attacker with write access to the database would do it: the append-only
 * triggers are dropped first, then rows are changed with plain SQL. Every kind must be named
 * by GET /api/audit/verify; an untouched log must verify clean.
 */

/** Runs SQL written with `?` placeholders on either engine. */
function sql(t: TestApp, text: string, params: unknown[] = []): Promise<unknown> {
  let n = 0;
  return t.dataSource.query(ENGINE === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text, params);
}

async function dropAppendOnlyTriggers(t: TestApp): Promise<void> {
  if (ENGINE === 'postgres') {
    await sql(t, 'DROP TRIGGER audit_events_no_update ON audit_events');
    await sql(t, 'DROP TRIGGER audit_events_no_truncate ON audit_events');
  } else {
    await sql(t, 'DROP TRIGGER audit_events_no_update');
    await sql(t, 'DROP TRIGGER audit_events_no_delete');
  }
}

interface Row {
  seq: number; at: string; actor_id: string | null; actor_username: string | null; actor_roles: string | null;
  action: string; entity_type: string | null; entity_id: string | null; changes: string | null; detail: string | null;
  request_id: string | null; client_ip: string | null; prev_hash: string; hash: string;
}

const parse = (text: string | null) => (text === null ? null : JSON.parse(text));

function toEvent(row: Row): Omit<AuditEvent, 'hash'> {
  return {
    seq: Number(row.seq), at: row.at, actorId: row.actor_id, actorUsername: row.actor_username, actorRoles: parse(row.actor_roles),
    action: row.action, entityType: row.entity_type, entityId: row.entity_id, changes: parse(row.changes), detail: parse(row.detail),
    requestId: row.request_id, clientIp: row.client_ip, prevHash: row.prev_hash,
  };
}

async function rows(t: TestApp, fromSeq = 1): Promise<Row[]> {
  return (await sql(t, 'SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq', [fromSeq])) as Row[];
}

/** What a careful attacker does after a change: recompute every hash from `fromSeq` on. */
async function rebuildChain(t: TestApp, fromSeq: number): Promise<void> {
  let prev = ((await sql(t, 'SELECT hash FROM audit_events WHERE seq = ?', [fromSeq - 1])) as Row[])[0]?.hash ?? '0'.repeat(64);
  for (const row of await rows(t, fromSeq)) {
    const hash = hashEvent({ ...toEvent(row), prevHash: prev });
    await sql(t, 'UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?', [prev, hash, row.seq]);
    prev = hash;
  }
}

async function headSeq(t: TestApp): Promise<number> {
  const [row] = (await sql(t, 'SELECT MAX(seq) AS seq FROM audit_events')) as Array<{ seq: number | string }>;
  return Number(row.seq);
}

describe(`audit tamper evidence (${ENGINE})`, () => {
  let t: TestApp;
  let admin: string;

  async function verify(token = admin) {
    const res = await t.http().get('/api/audit/verify').set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as { ok: boolean; events: number; checkpoints: number; head: { seq: number; hash: string } | null; firstBadSeq?: number; problem?: string };
  }

  /** Some history: several users created and logged in (two events each), then a checkpoint. */
  async function someHistory(users = 3): Promise<void> {
    for (let i = 0; i < users; i++) await t.newUser([Role.Analyst]);
    await t.app.get(AuditChain).checkpoint();
  }

  beforeEach(async () => {
    t = await createTestApp();
    admin = await t.tokenFor(Role.Admin);
    await someHistory();
  });

  afterEach(async () => {
    await t?.close();
  });

  it('verifies an untouched log clean, checkpoints included', async () => {
    const head = await headSeq(t);
    const report = await verify();
    expect(report).toEqual({ ok: true, events: head, checkpoints: 1, head: { seq: head, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(report.firstBadSeq).toBeUndefined();
  });

  it('lets reviewers verify and refuses investigators and analysts', async () => {
    expect((await verify(await t.tokenFor(Role.Reviewer))).ok).toBe(true);
    for (const role of [Role.Investigator, Role.Analyst]) {
      const res = await t.http().get('/api/audit/verify').set(bearer(await t.tokenFor(role)));
      expect(res.status).toBe(403);
    }
  });

  it('detects an altered row', async () => {
    await dropAppendOnlyTriggers(t);
    await sql(t, "UPDATE audit_events SET actor_username = 'someone-else' WHERE seq = 3");
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(report.problem).toMatch(/event 3 does not match its hash/);
  });

  it('detects a deleted row', async () => {
    await dropAppendOnlyTriggers(t);
    await sql(t, 'DELETE FROM audit_events WHERE seq = 4');
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: 4 });
    expect(report.problem).toMatch(/event 4 is missing/);
  });

  it('detects an inserted row, even one with a well-formed hash', async () => {
    await dropAppendOnlyTriggers(t);
    // Make room at 3, then forge an event there that links correctly to event 2.
    await sql(t, 'UPDATE audit_events SET seq = seq + 1000000 WHERE seq >= 3');
    await sql(t, 'UPDATE audit_events SET seq = seq - 999999 WHERE seq >= 1000000');
    const [two] = (await sql(t, 'SELECT * FROM audit_events WHERE seq = 2')) as Row[];
    const forged = { ...toEvent(two), seq: 3, action: 'user.created', entityId: 'forged', prevHash: two.hash };
    await sql(t, `INSERT INTO audit_events (seq, at, actor_id, actor_username, actor_roles, action, entity_type, entity_id, changes, detail, request_id, client_ip, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      3, two.at, two.actor_id, two.actor_username, two.actor_roles, forged.action, two.entity_type, 'forged',
      two.changes, two.detail, two.request_id, two.client_ip, two.hash, hashEvent(forged),
    ]);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(report.problem).toMatch(/event 4 follows event 2: events 3–3 were inserted/);
  });

  it('detects reordered rows', async () => {
    await dropAppendOnlyTriggers(t);
    await sql(t, 'UPDATE audit_events SET seq = -3 WHERE seq = 3');
    await sql(t, 'UPDATE audit_events SET seq = 3 WHERE seq = 4');
    await sql(t, 'UPDATE audit_events SET seq = 4 WHERE seq = -3');
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: 3 });
    expect(report.problem).toMatch(/event 3 does not follow event 2/);
  });

  it('detects a truncated tail through the signed checkpoint', async () => {
    const head = await headSeq(t);
    await dropAppendOnlyTriggers(t);
    await sql(t, 'DELETE FROM audit_events WHERE seq > ?', [head - 2]);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: head - 1, head: { seq: head - 2 } });
    expect(report.problem).toMatch(new RegExp(`ends at event ${head - 2} .* records event ${head}: events were removed from the end or an older database was restored`));
  });

  it('detects a rewritten chain (altered and every hash recomputed) through the signed checkpoints', async () => {
    const firstCheckpoint = await headSeq(t);
    await someHistory(2);
    const secondCheckpoint = await headSeq(t);
    await dropAppendOnlyTriggers(t);
    await sql(t, "UPDATE audit_events SET action = 'user.unlocked' WHERE seq = ?", [firstCheckpoint + 2]);
    await rebuildChain(t, firstCheckpoint + 2);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBadSeq: firstCheckpoint + 1 });
    expect(report.problem).toMatch(new RegExp(`event ${secondCheckpoint} differs from the checkpoint signed at .*: the log was rewritten between events ${firstCheckpoint + 1} and ${secondCheckpoint}`));
  });

  it('detects an altered checkpoint file', async () => {
    const file = join(t.db.dir!, 'audit-checkpoints.jsonl');
    const [line] = readFileSync(file, 'utf8').trim().split('\n');
    const checkpoint = JSON.parse(line);
    writeFileSync(file, `${JSON.stringify({ ...checkpoint, seq: checkpoint.seq - 1 })}\n`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problem).toMatch(/checkpoint file line 1 has a bad signature/);
  });

  it('writes a signed checkpoint of the head at shutdown', async () => {
    await t.newUser([Role.Reviewer]);
    const head = await headSeq(t);
    await t.close({ dispose: false });
    const lines = readFileSync(join(t.db.dir!, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: head, hash: expect.any(String), sig: expect.any(String) });
    t = await createTestApp({ db: t.db });
    admin = await t.tokenFor(Role.Admin);
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 2 });
  });
});

describe(`audit tamper evidence: an older database restored (${ENGINE})`, () => {
  let db: TestDatabase;
  let copy: { url: string; drop: () => Promise<void> } | undefined;

  afterEach(async () => {
    await copy?.drop();
    await db?.dispose();
  });

  /** A snapshot of the database as it is now: a file copy (SQLite) or a template clone (PostgreSQL). */
  async function snapshot(source: TestDatabase): Promise<{ url: string; drop: () => Promise<void> }> {
    if (ENGINE === 'sqlite') {
      const path = source.url.slice('sqlite:'.length);
      const target = `${path}.old`;
      writeFileSync(target, readFileSync(path));
      return { url: `sqlite:${target}`, drop: async () => undefined };
    }
    const name = `${new URL(source.url).pathname.slice(1)}_old`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${new URL(source.url).pathname.slice(1)}`);
    await admin.end();
    const url = new URL(source.url);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: TEST_PG_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }

  it('reports the checkpoint beyond the restored head', async () => {
    db = await createTestDatabase();
    let t = await createTestApp({ db });
    // A token issued now stays valid on the older copy (same signing secret, same user) and,
    // unlike a login, writes nothing to it before the check.
    const reviewer = await t.tokenFor(Role.Reviewer);
    const oldHead = await headSeq(t);
    await t.close({ dispose: false }); // checkpoint at shutdown
    copy = await snapshot(db);

    t = await createTestApp({ db });
    await t.newUser([Role.Analyst]);
    await t.close({ dispose: false }); // a later checkpoint, beyond the snapshot's head

    // The older copy comes back with the same key and checkpoint file.
    t = await createTestApp({ db: { ...db, url: copy.url } });
    const res = await t.http().get('/api/audit/verify').set(bearer(reviewer));
    await t.close({ dispose: false });
    expect(res.body).toMatchObject({ ok: false, firstBadSeq: oldHead + 1, head: { seq: oldHead } });
    expect(res.body.problem).toMatch(new RegExp(`the log ends at event ${oldHead} but .* records event ${oldHead + 2}: .*an older database was restored`));
  });
});
