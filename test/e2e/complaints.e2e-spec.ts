import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import { addTeamMember, complaintInput, createComplaint, createInvestigation } from '../support/factories.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

const PERSONAL = ['complainantAnonymous', 'complainantName', 'complainantContact', 'complainantAttributes'];

type Status = 'received' | 'assessed' | 'referred_for_investigation' | 'resolved' | 'withdrawn';
const STATUSES: Status[] = ['received', 'assessed', 'referred_for_investigation', 'resolved', 'withdrawn'];

/** Complaint status moves as the issue describes them, restated independently of the code. */
const MOVES: Record<Status, { path: Status[]; allowed: Status[] }> = {
  received: { path: [], allowed: ['assessed', 'resolved', 'withdrawn'] },
  assessed: { path: ['assessed'], allowed: ['referred_for_investigation', 'resolved', 'withdrawn'] },
  referred_for_investigation: { path: ['assessed', 'referred_for_investigation'], allowed: ['resolved', 'withdrawn'] },
  resolved: { path: ['resolved'], allowed: [] },
  withdrawn: { path: ['withdrawn'], allowed: [] },
};

describe('complaints', () => {
  let t: TestApp;
  let owner: { id: string; username: string; token: string };
  let stranger: { id: string; token: string };
  let reviewer: { id: string; token: string };
  let analyst: string;
  let admin: string;
  let caseId: string;

  const audit = (entityId: string, action: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { entityId, action }, order: { seq: 'ASC' } });
  const patch = (token: string, id: string, version: number, body: object) =>
    t.http().patch(`/api/complaints/${id}`).set(bearer(token)).set('If-Match', `"${version}"`).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.newUser([Role.Investigator]);
    stranger = await t.newUser([Role.Investigator]);
    reviewer = await t.newUser([Role.Reviewer]);
    analyst = await t.tokenFor(Role.Analyst);
    admin = await t.tokenFor(Role.Admin);
    caseId = (await createInvestigation(t, owner.token)).id;
  });
  afterAll(async () => { await t.close(); });

  describe('record', () => {
    it('records a complaint with a CMP reference for the year received, status received, audited', async () => {
      const input = complaintInput({ receivedOn: '2023-11-05', channel: 'whistleblowing', investigationId: caseId });
      const res = await t.http().post('/api/complaints').set(bearer(owner.token)).send(input).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body.reference).toMatch(/^CMP-2023-\d{6}$/);
      expect(res.body).toMatchObject({
        receivedOn: '2023-11-05', channel: 'whistleblowing', status: 'received', investigationId: caseId, version: 1,
        complainantAnonymous: false, complainantName: (input.complainant as { name: string }).name, createdBy: owner.id,
      });
      const [event] = await audit(res.body.id, 'complaint.recorded');
      expect(event.changes).toMatchObject({ reference: { after: res.body.reference }, status: { after: 'received' } });
    });

    it('gives concurrent complaints distinct consecutive references', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, () =>
        t.http().post('/api/complaints').set(bearer(owner.token)).send(complaintInput({ receivedOn: '2011-02-02' }))));
      expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(results.map((r) => r.body.reference).sort()).toEqual(
        Array.from({ length: 6 }, (_, i) => `CMP-2011-${String(i + 1).padStart(6, '0')}`));
    });

    it('records an anonymous complainant with no name or contact', async () => {
      const res = await t.http().post('/api/complaints').set(bearer(owner.token))
        .send(complaintInput({ complainant: { anonymous: true } })).expect(201);
      expect(res.body).toMatchObject({ complainantAnonymous: true, complainantName: null, complainantContact: null });
    });

    it.each([
      [{ anonymous: true, name: 'Someone' }, 'an anonymous complainant has no name or contact: leave complainant.name and complainant.contact out'],
      [{ anonymous: false, contact: 'x@example.test' }, 'a complainant who is not anonymous needs a name (complainant.name)'],
    ])('refuses complainant %j (422)', async (complainant, message) => {
      const res = await t.http().post('/api/complaints').set(bearer(owner.token)).send(complaintInput({ complainant })).expect(422);
      expect(res.body.message).toBe(message);
    });

    it('answers 400 naming each bad field', async () => {
      const res = await t.http().post('/api/complaints').set(bearer(owner.token))
        .send({ receivedOn: '05/11/2023', channel: 'fax', complainant: { anonymous: 'no', name: 7 }, status: 'resolved' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort())
        .toEqual(['channel', 'complainant.anonymous', 'complainant.name', 'receivedOn', 'status']);
    });

    it('links only to a case the caller may change (else 404, nothing written)', async () => {
      const before = await t.dataSource.getRepository(AuditEvent).count();
      const res = await t.http().post('/api/complaints').set(bearer(stranger.token)).send(complaintInput({ investigationId: caseId })).expect(404);
      expect(res.body.message).toBe(`investigation ${caseId} not found`);
      expect(await t.dataSource.getRepository(AuditEvent).count()).toBe(before);
    });

    it.each([
      ['reviewer', () => reviewer.token],
      ['analyst', () => analyst],
      ['admin', () => admin],
    ])('refuses the %s role (403)', async (_role, token) => {
      await t.http().post('/api/complaints').set(bearer(token())).send(complaintInput()).expect(403);
    });
  });

  describe('who sees what', () => {
    let linked: Record<string, any>;
    let unlinked: Record<string, any>;
    let member: { id: string; token: string };

    beforeAll(async () => {
      linked = await createComplaint(t, owner.token, { investigationId: caseId });
      unlinked = await createComplaint(t, owner.token);
      member = await t.newUser([Role.Investigator]);
      await addTeamMember(t, owner.token, caseId, member.id);
    });

    it('shows reviewers, the recorder and the case team the complainant data, and logs each read', async () => {
      for (const who of [reviewer, owner, member]) {
        const res = await t.http().get(`/api/complaints/${linked.id}`).set(bearer(who.token)).expect(200);
        expect(res.body).toMatchObject({ complainantName: linked.complainantName, complainantContact: linked.complainantContact });
        const reads = (await audit(linked.id, 'complaint.personal_data_read')).filter((e) => e.actorId === who.id);
        expect(reads).toHaveLength(1);
        expect(reads[0]).toMatchObject({ entityType: 'complaint', detail: { fields: PERSONAL } });
      }
    });

    it('shows an analyst the complaint with the complainant keys absent, and logs no read', async () => {
      const before = (await audit(linked.id, 'complaint.personal_data_read')).length;
      const one = await t.http().get(`/api/complaints/${linked.id}`).set(bearer(analyst)).expect(200);
      expect(one.body.reference).toBe(linked.reference);
      for (const key of PERSONAL) expect(one.body).not.toHaveProperty(key);
      const list = await t.http().get(`/api/complaints?q=${linked.reference}`).set(bearer(analyst)).expect(200);
      expect(list.body.items).toHaveLength(1);
      for (const key of PERSONAL) expect(list.body.items[0]).not.toHaveProperty(key);
      expect(await audit(linked.id, 'complaint.personal_data_read')).toHaveLength(before);
    });

    it('treats an analyst who is also an investigator as an analyst on complaints not theirs', async () => {
      const both = await t.newUser([Role.Analyst, Role.Investigator]);
      const res = await t.http().get(`/api/complaints/${linked.id}`).set(bearer(both.token)).expect(200);
      for (const key of PERSONAL) expect(res.body).not.toHaveProperty(key);
      await patch(both.token, linked.id, linked.version, { summary: 'x' }).expect(403);
    });

    it('hides a complaint from an investigator with no part in it (404), in reads, lists and writes', async () => {
      for (const complaint of [linked, unlinked]) {
        const res = await t.http().get(`/api/complaints/${complaint.id}`).set(bearer(stranger.token)).expect(404);
        expect(res.body.message).toBe(`complaint ${complaint.id} not found`);
        await patch(stranger.token, complaint.id, 1, { summary: 'x' }).expect(404);
        await t.http().post(`/api/complaints/${complaint.id}/archive`).set(bearer(stranger.token)).set('If-Match', '"1"').send({ reason: 'mine now' }).expect(404);
      }
      const list = await t.http().get('/api/complaints?limit=100&includeArchived=true').set(bearer(stranger.token)).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toEqual(expect.arrayContaining([linked.id]));
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toEqual(expect.arrayContaining([unlinked.id]));
      // The team member sees the linked complaint but not the owner's unlinked one.
      await t.http().get(`/api/complaints/${unlinked.id}`).set(bearer(member.token)).expect(404);
    });

    it('lists, for an investigator, exactly what they recorded and what is linked to their cases', async () => {
      const own = await createComplaint(t, stranger.token);
      const res = await t.http().get('/api/complaints?limit=100').set(bearer(stranger.token)).expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([own.id]);
      const memberView = await t.http().get(`/api/complaints?investigationId=${caseId}&limit=100`).set(bearer(member.token)).expect(200);
      expect(memberView.body.items.map((c: { id: string }) => c.id)).toContain(linked.id);
      expect(memberView.body.items.every((c: { complainantName?: string }) => typeof c.complainantName === 'string')).toBe(true);
    });

    it('logs one read per complaint shown with personal data in a list', async () => {
      const before = (await audit(unlinked.id, 'complaint.personal_data_read')).filter((e) => e.actorId === reviewer.id).length;
      await t.http().get(`/api/complaints?q=${unlinked.reference}`).set(bearer(reviewer.token)).expect(200);
      const after = (await audit(unlinked.id, 'complaint.personal_data_read')).filter((e) => e.actorId === reviewer.id).length;
      expect(after).toBe(before + 1);
    });

    it('refuses an admin without a case role (403)', async () => {
      await t.http().get('/api/complaints').set(bearer(admin)).expect(403);
      await t.http().get(`/api/complaints/${linked.id}`).set(bearer(admin)).expect(403);
    });
  });

  describe('list filters', () => {
    let items: Record<string, any>[];
    const from = '1999-01-01';

    beforeAll(async () => {
      items = [
        await createComplaint(t, owner.token, { receivedOn: '1999-01-10', channel: 'public_complaint' }),
        await createComplaint(t, owner.token, { receivedOn: '1999-02-10', channel: 'conduct_matter', investigationId: caseId }),
        await createComplaint(t, owner.token, { receivedOn: '1999-03-10', channel: 'conduct_matter' }),
      ];
      await patch(owner.token, items[2].id, 1, { status: 'assessed' }).expect(200);
    });

    /** Within 1999 (these complaints alone) unless the query narrows the window itself. */
    const ids = async (query: string) => {
      const params = new URLSearchParams({ receivedFrom: from, receivedTo: '1999-12-31' });
      new URLSearchParams(query).forEach((value, key) => params.set(key, value));
      const res = await t.http().get(`/api/complaints?${params}`).set(bearer(reviewer.token)).expect(200);
      return res.body.items.map((c: { id: string }) => c.id);
    };

    it.each([
      ['', () => [items[2].id, items[1].id, items[0].id]],
      ['sort=receivedOn', () => [items[0].id, items[1].id, items[2].id]],
      ['channel=conduct_matter', () => [items[2].id, items[1].id]],
      ['status=assessed', () => [items[2].id]],
      ['receivedTo=1999-02-10', () => [items[1].id, items[0].id]],
      ['receivedFrom=1999-02-01', () => [items[2].id, items[1].id]],
      ['limit=1&offset=2', () => [items[0].id]],
    ])('filters with %s', async (query, expected) => {
      expect(await ids(query)).toEqual(expected());
    });

    it('filters by investigation and reference', async () => {
      expect(await ids(`investigationId=${caseId}`)).toEqual([items[1].id]);
      expect(await ids(`q=${items[0].reference.slice(-6)}`)).toEqual([items[0].id]);
    });

    it('answers 400 naming bad filters', async () => {
      const res = await t.http().get('/api/complaints?status=open&channel=fax&receivedFrom=1999&sort=complainantName').set(bearer(reviewer.token)).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['channel', 'receivedFrom', 'sort', 'status']);
    });
  });

  describe('status', () => {
    const cases = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from)
      .map((to) => ({ from, to, allowed: MOVES[from].allowed.includes(to) })));

    it.each(cases)('$from → $to: allowed $allowed', async ({ from, to, allowed }) => {
      const complaint = await createComplaint(t, owner.token, { investigationId: caseId });
      let version = 1;
      for (const step of MOVES[from].path) {
        version = (await patch(owner.token, complaint.id, version, { status: step }).expect(200)).body.version;
      }
      const res = await patch(owner.token, complaint.id, version, { status: to });
      if (allowed) {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: to, version: version + 1 });
      } else {
        expect(res.status).toBe(409);
        expect(res.body.message).toBe(
          `cannot move complaint ${complaint.reference} from ${from} to ${to}; from ${from} it may move to: ${MOVES[from].allowed.join(', ') || 'nothing'}`);
        const now = await t.http().get(`/api/complaints/${complaint.id}`).set(bearer(owner.token)).expect(200);
        expect(now.body).toMatchObject({ status: from, version });
      }
    });

    it('refers for investigation only a complaint linked to a case (422)', async () => {
      const complaint = await createComplaint(t, owner.token);
      await patch(owner.token, complaint.id, 1, { status: 'assessed' }).expect(200);
      const res = await patch(owner.token, complaint.id, 2, { status: 'referred_for_investigation' }).expect(422);
      expect(res.body.message).toBe('a complaint referred for investigation must be linked to an investigation (investigationId)');
      await patch(owner.token, complaint.id, 2, { status: 'referred_for_investigation', investigationId: caseId }).expect(200);
    });
  });

  describe('update', () => {
    it('lets the recorder and reviewers change a complaint, audited; analysts may not (403)', async () => {
      const complaint = await createComplaint(t, owner.token, { summary: 'first' });
      await patch(analyst, complaint.id, 1, { summary: 'x' }).expect(403);
      const res = await patch(owner.token, complaint.id, 1, { summary: 'second', complainant: { anonymous: true } }).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ summary: 'second', complainantAnonymous: true, complainantName: null });
      await patch(reviewer.token, complaint.id, 2, { channel: 'conduct_matter' }).expect(200);
      const events = await audit(complaint.id, 'complaint.updated');
      expect(events.map((e) => Object.keys(e.changes ?? {}).sort())).toEqual([
        ['complainantAnonymous', 'complainantContact', 'complainantName', 'summary'], ['channel'],
      ]);
    });

    it('moves the link only to a case the caller may change (404), and can unlink', async () => {
      const theirCase = await createInvestigation(t, stranger.token);
      const complaint = await createComplaint(t, owner.token, { investigationId: caseId });
      await patch(owner.token, complaint.id, 1, { investigationId: theirCase.id }).expect(404);
      const res = await patch(owner.token, complaint.id, 1, { investigationId: null }).expect(200);
      expect(res.body.investigationId).toBeNull();
    });

    it('requires If-Match (428) and refuses a stale one with the current version (412), writing nothing', async () => {
      const complaint = await createComplaint(t, owner.token, { summary: 'kept' });
      await t.http().patch(`/api/complaints/${complaint.id}`).set(bearer(owner.token)).send({ summary: 'x' }).expect(428);
      await patch(owner.token, complaint.id, 1, { summary: 'one' }).expect(200);
      const res = await patch(owner.token, complaint.id, 1, { summary: 'two' }).expect(412);
      expect(res.body.details).toEqual({ currentVersion: 2 });
      const now = await t.http().get(`/api/complaints/${complaint.id}`).set(bearer(owner.token)).expect(200);
      expect(now.body).toMatchObject({ summary: 'one', version: 2 });
      expect(await audit(complaint.id, 'complaint.updated')).toHaveLength(1);
    });

    it('lets exactly one of two concurrent edits of the same version win; the audit shows one change', async () => {
      const complaint = await createComplaint(t, owner.token);
      const results = await Promise.all([
        patch(owner.token, complaint.id, 1, { summary: 'owner edit' }),
        patch(reviewer.token, complaint.id, 1, { summary: 'reviewer edit' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200)!;
      const events = await audit(complaint.id, 'complaint.updated');
      expect(events).toHaveLength(1);
      expect(events[0].changes?.summary.after).toBe(winner.body.summary);
    });

    it('answers 400 naming a bad field', async () => {
      const complaint = await createComplaint(t, owner.token);
      const res = await patch(owner.token, complaint.id, 1, { receivedOn: null, reference: 'CMP-1' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['receivedOn', 'reference']);
    });
  });

  describe('archive', () => {
    it('takes the complaint out of the default list but keeps it readable, audited with the reason', async () => {
      const complaint = await createComplaint(t, owner.token);
      const q = `q=${complaint.reference}`;
      await t.http().post(`/api/complaints/${complaint.id}/archive`).set(bearer(analyst)).set('If-Match', '"1"').send({ reason: 'duplicate' }).expect(403);
      await t.http().post(`/api/complaints/${complaint.id}/archive`).set(bearer(owner.token)).send({ reason: 'duplicate' }).expect(428);
      const res = await t.http().post(`/api/complaints/${complaint.id}/archive`).set(bearer(owner.token)).set('If-Match', '"1"')
        .send({ reason: 'duplicate of another' }).expect(200);
      expect(res.body).toMatchObject({ archiveReason: 'duplicate of another', version: 2 });
      expect((await t.http().get(`/api/complaints?${q}`).set(bearer(reviewer.token)).expect(200)).body.total).toBe(0);
      const shown = await t.http().get(`/api/complaints?${q}&includeArchived=true`).set(bearer(reviewer.token)).expect(200);
      expect(shown.body.items.map((c: { id: string }) => c.id)).toEqual([complaint.id]);
      await t.http().get(`/api/complaints/${complaint.id}`).set(bearer(analyst)).expect(200);
      expect((await audit(complaint.id, 'complaint.archived'))[0].detail).toEqual({ reason: 'duplicate of another' });
      await patch(owner.token, complaint.id, 2, { summary: 'late' }).expect(409);
    });
  });

  it('answers 404 for an unknown complaint and 400 naming a malformed id', async () => {
    const id = randomUUID();
    expect((await t.http().get(`/api/complaints/${id}`).set(bearer(reviewer.token)).expect(404)).body.message).toBe(`complaint ${id} not found`);
    expect((await t.http().get('/api/complaints/abc').set(bearer(reviewer.token)).expect(400)).body.message).toBe('id must be a UUID');
  });
});
