import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/cli.js';
import { AuditChain } from '../../src/audit/audit-chain.service.js';
import { Role } from '../../src/common/auth/role.js';
import { createComplaint, createOfficer } from '../support/factories.js';
import { bearer, createTestApp, ENGINE, USER_PASSWORD, type TestApp } from '../support/test-app.js';

interface Event {
  seq: number;
  at: string;
  action: string;
  actor: { id: string | null; username: string | null; roles: string[] } | null;
  entityType: string | null;
  entityId: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  detail: Record<string, unknown> | null;
  requestId: string | null;
  clientIp: string | null;
  hash: string;
  prevHash: string;
}

function collector() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

describe(`audit trail (${ENGINE})`, () => {
  let t: TestApp;
  let admin: string;
  let reviewer: string;
  let investigator: { id: string; username: string; token: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor(Role.Admin);
    reviewer = await t.tokenFor(Role.Reviewer);
    investigator = await t.newUser([Role.Investigator]);
  });

  afterAll(async () => {
    await t.close();
  });

  const audit = (query: string, token = reviewer) => t.http().get(`/api/audit${query}`).set(bearer(token));

  describe('GET /api/audit', () => {
    it('is for admins and reviewers only', async () => {
      expect((await audit('', admin)).status).toBe(200);
      expect((await audit('', reviewer)).status).toBe(200);
      for (const role of [Role.Investigator, Role.Analyst]) expect((await audit('', await t.tokenFor(role))).status).toBe(403);
    });

    it('lists events newest first with paging, each with its actor, request id, client address and hashes', async () => {
      const requestId = `audit-test-${randomUUID()}`;
      const officer = await t.http().post('/api/officers').set(bearer(investigator.token)).set('X-Request-Id', requestId)
        .send({ force: 'Test Force', serviceNumber: `SN-${randomUUID().slice(0, 8)}`, givenName: 'Ada', familyName: 'Audit', employmentStatus: 'serving' });
      expect(officer.status).toBe(201);
      const res = await audit('?limit=5');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ limit: 5, offset: 0, total: expect.any(Number) });
      const items = res.body.items as Event[];
      expect(items).toHaveLength(5);
      expect(items.map((e) => e.seq)).toEqual([...items.map((e) => e.seq)].sort((a, b) => b - a));
      expect(items[0]).toMatchObject({
        action: 'officer.created', entityType: 'officer', entityId: officer.body.id, requestId,
        actor: { id: investigator.id, username: investigator.username, roles: [Role.Investigator] },
        clientIp: expect.stringMatching(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/),
        changes: { familyName: { before: null, after: 'Audit' } },
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const next = await audit(`?limit=5&offset=5`);
      expect(next.body.items[0].seq).toBe(items[4].seq - 1);
      expect(next.body.total).toBe(res.body.total);
    });

    it('filters by entity, actor, action (exact or prefix) and time', async () => {
      const officer = await createOfficer(t, investigator.token);
      const change = await t.http().patch(`/api/officers/${officer.id}`).set(bearer(reviewer)).set('If-Match', `"${officer.version}"`).send({ rank: 'Inspector' });
      expect(change.status).toBe(200);

      const byEntity = await audit(`?entityType=officer&entityId=${officer.id}`);
      expect(byEntity.body.items.map((e: Event) => e.action)).toEqual(['officer.updated', 'officer.created']);
      expect(byEntity.body.total).toBe(2);

      const byActor = (await audit(`?actorId=${investigator.id}&limit=100`)).body.items as Event[];
      expect(byActor.length).toBeGreaterThan(0);
      expect(byActor.every((e) => e.actor?.id === investigator.id)).toBe(true);

      const exact = (await audit('?action=officer.updated&limit=100')).body.items as Event[];
      expect(exact.length).toBeGreaterThan(0);
      expect(exact.every((e) => e.action === 'officer.updated')).toBe(true);
      const prefix = (await audit('?action=officer.*&limit=100')).body.items as Event[];
      expect(new Set(prefix.map((e) => e.action))).toEqual(new Set(['officer.created', 'officer.updated']));

      const [updated] = byEntity.body.items as Event[];
      const at = new Date(updated.at);
      const from = await audit(`?entityId=${officer.id}&from=${encodeURIComponent(updated.at)}`);
      expect(from.body.items.map((e: Event) => e.action)).toEqual(['officer.updated']);
      // The same instant written with another offset.
      const offset = new Date(at.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
      const to = await audit(`?entityId=${officer.id}&to=${encodeURIComponent(offset)}`);
      expect(to.body.items.map((e: Event) => e.action)).toEqual(['officer.created']);
    });

    it('refuses bad filters with a 400 naming the field', async () => {
      const cases: Array<[string, RegExp]> = [
        ['?from=yesterday', /from must be a valid ISO 8601 date string/],
        ['?actorId=42', /actorId must be a UUID/],
        ['?action=DROP%20TABLE', /action must be an action name/],
        ['?limit=0', /limit must not be less than 1/],
        ['?colour=red', /property colour should not exist/],
      ];
      for (const [query, message] of cases) {
        const res = await audit(query);
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(message);
      }
    });

    it('shows complainant personal data to reviewers but not to admins without a case role', async () => {
      const marker = `Secret-${randomUUID()}`;
      const complaint = await createComplaint(t, investigator.token, { complainant: { anonymous: false, name: marker, contact: `${marker}@example.test` } });
      const asReviewer = await audit(`?entityType=complaint&entityId=${complaint.id}`, reviewer);
      expect(JSON.stringify(asReviewer.body)).toContain(marker);
      const asAdmin = await audit(`?entityType=complaint&entityId=${complaint.id}`, admin);
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.items.map((e: Event) => e.action)).toContain('complaint.recorded');
      expect(JSON.stringify(asAdmin.body)).not.toContain(marker);
    });

    it('records every export as a disclosure', async () => {
      const analyst = await t.newUser([Role.Analyst]);
      const res = await t.http().get('/api/exports/complaints.csv').set(bearer(analyst.token));
      expect(res.status).toBe(200);
      const events = (await audit(`?action=export.disclosed&actorId=${analyst.id}`)).body.items as Event[];
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ entityType: 'export', actor: { id: analyst.id }, detail: { dataset: 'complaints', format: 'csv', complete: true } });
    });

    it('has no route that changes or deletes events', async () => {
      const [latest] = (await audit('?limit=1')).body.items as Event[];
      for (const method of ['patch', 'put', 'delete'] as const) {
        const res = await t.http()[method](`/api/audit/${latest.seq}`).set(bearer(admin)).send({ action: 'nothing' });
        expect(res.status).toBe(404);
      }
    });
  });

  describe('append-only in the database itself', () => {
    it('refuses UPDATE and DELETE on audit_events', async () => {
      await expect(t.dataSource.query("UPDATE audit_events SET action = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
    });
  });

  describe('npm run cli -- audit:verify', () => {
    async function verifyCli(...args: string[]) {
      const out = collector();
      const err = collector();
      const env = {
        ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent',
        AUDIT_KEY_FILE: join(t.db.dir!, 'audit-ed25519.pem'), AUDIT_CHECKPOINT_FILE: join(t.db.dir!, 'audit-checkpoints.jsonl'),
      };
      const code = await runCli(['audit:verify', ...args], { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream }, env);
      return { code, out: out.text(), err: err.text() };
    }

    it('reports a clean log, checkpoints included, and exits 0', async () => {
      await t.app.get(AuditChain).checkpoint();
      const result = await verifyCli();
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(/^audit log: (\d+) events read, log ends at event \1 \([0-9a-f]{16}…\), [1-9]\d* signed checkpoints\nOK: /);
      const json = await verifyCli('--json');
      expect(JSON.parse(json.out)).toMatchObject({ ok: true, checkpoints: expect.any(Number), head: { seq: expect.any(Number) } });
    });

    it('names the first bad event and exits 1 when the log was tampered with', async () => {
      const seq = (((await audit('?limit=1')).body.items as Event[])[0]).seq - 1;
      if (ENGINE === 'postgres') await t.dataSource.query('DROP TRIGGER audit_events_no_update ON audit_events');
      else await t.dataSource.query('DROP TRIGGER audit_events_no_update');
      await t.dataSource.query(`UPDATE audit_events SET client_ip = '10.9.9.9' WHERE seq = ${seq}`);
      const result = await verifyCli();
      expect(result.code).toBe(1);
      expect(result.err).toBe(`error: audit log verification FAILED: event ${seq} does not match its hash: it was altered (first bad event: ${seq})\n`);
      const api = await t.http().get('/api/audit/verify').set(bearer(admin));
      expect(api.body).toMatchObject({ ok: false, firstBadSeq: seq });
    });
  });
});

describe(`audit signing key (${ENGINE})`, () => {
  it('is generated on first start, readable by its owner only, and reused afterwards', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const t = await createTestApp();
    const keyFile = join(t.db.dir!, 'audit-ed25519.pem');
    try {
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const pem = readFileSync(keyFile, 'utf8');
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      await t.close({ dispose: false });
      const again = await createTestApp({ db: t.db });
      expect(readFileSync(keyFile, 'utf8')).toBe(pem);
      await again.close({ dispose: false });
    } finally {
      await t.db.dispose();
    }
  });

  it('refuses to start when the key is lost but checkpoints signed with it exist', async () => {
    const { rmSync } = await import('node:fs');
    const t = await createTestApp();
    await t.http().post('/api/users').set(bearer(await t.tokenFor(Role.Admin)))
      .send({ username: `k-${randomUUID().slice(0, 8)}`, displayName: 'K', roles: [Role.Analyst], password: USER_PASSWORD });
    await t.close({ dispose: false }); // writes a checkpoint
    rmSync(join(t.db.dir!, 'audit-ed25519.pem'));
    try {
      await expect(createTestApp({ db: t.db })).rejects.toThrow(/audit key file .*audit-ed25519\.pem is missing, but .*audit-checkpoints\.jsonl holds 1 checkpoints signed with it/);
    } finally {
      await t.db.dispose();
    }
  });
});
