import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import {
  addTeamMember, createInvestigation, createOfficer, getInvestigation, insertAllegation, insertRecommendation, insertSubject,
  investigationInput, transitionInvestigation, advanceInvestigation,
} from '../support/factories.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

const REFERENCE = /^INV-\d{4}-\d{6}$/;

describe('investigations', () => {
  let t: TestApp;
  let lead: { id: string; username: string; token: string };
  let reviewer: string;
  let analyst: string;
  let admin: string;

  const audit = (entityId: string, action: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { entityId, action }, order: { seq: 'ASC' } });
  const open = (token: string, overrides: Record<string, unknown> = {}) =>
    t.http().post('/api/investigations').set(bearer(token)).send(investigationInput(overrides));

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    reviewer = await t.tokenFor(Role.Reviewer);
    analyst = await t.tokenFor(Role.Analyst);
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(async () => { await t.close(); });

  describe('open', () => {
    it('opens a case led by the caller, with a reference, ETag, team, zero counts and an audit event', async () => {
      const res = await open(lead.token, { title: 'Messaging at Charing Cross', openedOn: '2021-04-01', conductFrom: '2016-01-01', conductTo: '2018-12-31', operation: 'Operation Hotton' }).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        title: 'Messaging at Charing Cross', mode: 'independent', origin: 'conduct_matter', status: 'open', operation: 'Operation Hotton',
        leadInvestigatorId: lead.id, openedOn: '2021-04-01', closedOn: null, conductFrom: '2016-01-01', conductTo: '2018-12-31',
        version: 1, createdBy: lead.id, team: [{ userId: lead.id, username: lead.username, lead: true }],
        counts: { subjects: 0, allegations: 0, recommendations: 0 },
      });
      expect(res.body.reference).toMatch(/^INV-2021-\d{6}$/);
      const [event] = await audit(res.body.id, 'investigation.opened');
      expect(event.changes).toMatchObject({ reference: { before: null, after: res.body.reference }, status: { after: 'open' } });
    });

    it('opens on today (London) by default', async () => {
      const res = await open(lead.token).expect(201);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      expect(res.body.openedOn).toBe(today);
      expect(res.body.reference).toMatch(new RegExp(`^INV-${today.slice(0, 4)}-\\d{6}$`));
    });

    it('gives concurrent cases distinct consecutive references', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => open(lead.token, { openedOn: '2015-06-01', mode: 'supervised' })));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      const references = results.map((r) => r.body.reference as string).sort();
      references.forEach((r) => expect(r).toMatch(REFERENCE));
      expect(references).toEqual(Array.from({ length: 8 }, (_, i) => `INV-2015-${String(i + 1).padStart(6, '0')}`));
    });

    it('lets the opener name another active investigator as lead, and keeps the opener on the team', async () => {
      const other = await t.newUser([Role.Investigator]);
      const res = await open(lead.token, { leadInvestigatorId: other.id }).expect(201);
      expect(res.body.leadInvestigatorId).toBe(other.id);
      expect(res.body.team).toEqual([
        { userId: other.id, username: other.username, lead: true },
        { userId: lead.id, username: lead.username, lead: false },
      ]);
      await t.http().get(`/api/investigations/${res.body.id}`).set(bearer(other.token)).expect(200);
    });

    it('refuses a lead who is not an active investigator (422)', async () => {
      const reviewerUser = await t.newUser([Role.Reviewer]);
      const retired = await t.newUser([Role.Investigator]);
      await t.http().patch(`/api/users/${retired.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      for (const id of [reviewerUser.id, retired.id, randomUUID()]) {
        const res = await open(lead.token, { leadInvestigatorId: id }).expect(422);
        expect(res.body.message).toBe(`the lead investigator must be an active user holding the investigator role; user ${id} is not`);
      }
    });

    it.each([
      ['supervised', '2019-12-31', 201],
      ['managed', '2019-12-31', 201],
      ['supervised', '2020-01-01', 422],
      ['managed', '2024-05-01', 422],
      ['local', '2024-05-01', 201],
      ['directed', '2012-05-01', 201],
    ])('mode %s opened on %s → %i', async (mode, openedOn, status) => {
      const res = await open(lead.token, { mode, openedOn }).expect(status);
      if (status === 422) {
        expect(res.body.message).toBe(
          `mode ${mode} exists only for investigations opened before 2020-01-01 (this one opened on ${openedOn}); use local, directed or independent`);
      }
    });

    it('refuses a conduct period that ends before it starts (422) but allows a single day', async () => {
      const res = await open(lead.token, { conductFrom: '2018-01-02', conductTo: '2018-01-01' }).expect(422);
      expect(res.body.message).toBe('the conduct period cannot end before it starts: conductFrom 2018-01-02 is after conductTo 2018-01-01');
      await open(lead.token, { conductFrom: '2018-01-01', conductTo: '2018-01-01' }).expect(201);
    });

    it('answers 400 naming each bad field', async () => {
      const res = await t.http().post('/api/investigations').set(bearer(lead.token))
        .send({ mode: 'secret', origin: 'complaint', openedOn: '2020-02-30', leadInvestigatorId: 'bob', colour: 'red' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort())
        .toEqual(['colour', 'leadInvestigatorId', 'mode', 'openedOn', 'title']);
    });

    it.each([
      ['reviewer', () => reviewer],
      ['analyst', () => analyst],
      ['admin', () => admin],
    ])('refuses the %s role (403)', async (_role, token) => {
      await open(token()).expect(403);
    });
  });

  describe('list', () => {
    const operation = `Operation ${randomUUID().slice(0, 8)}`;
    let a: Record<string, any>;
    let b: Record<string, any>;
    let c: Record<string, any>;
    let officer: Record<string, any>;
    let colleague: { id: string; token: string };

    beforeAll(async () => {
      colleague = await t.newUser([Role.Investigator]);
      a = await createInvestigation(t, lead.token, { operation, title: 'Alpha messaging', station: 'Charing Cross', mode: 'local', openedOn: '2021-01-10' });
      b = await createInvestigation(t, lead.token, { operation, title: 'Bravo force', station: 'Brixton', mode: 'directed', openedOn: '2022-06-15' });
      c = await createInvestigation(t, colleague.token, { operation, title: 'Charlie', station: 'Charing Cross', mode: 'independent', openedOn: '2023-03-03' });
      await transitionInvestigation(t, lead.token, b.id, 'investigating');
      officer = await createOfficer(t, lead.token, { givenName: 'Quentin', familyName: 'Searchable', serviceNumber: 'QS-4242' });
      await insertSubject(t, { investigationId: b.id, officerId: officer.id });
    });

    const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((i) => i.id);
    const list = (query: string, token = analyst) =>
      t.http().get(`/api/investigations?operation=${encodeURIComponent(operation)}&${query}`).set(bearer(token)).expect(200);

    it('shows reviewers and analysts every case and an investigator only their own', async () => {
      expect(ids(await list('', analyst))).toEqual([c.id, b.id, a.id]);
      expect(ids(await list('', reviewer))).toEqual([c.id, b.id, a.id]);
      expect(ids(await list('', lead.token))).toEqual([b.id, a.id]);
      expect(ids(await list('', colleague.token))).toEqual([c.id]);
      await addTeamMember(t, colleague.token, c.id, lead.id);
      expect(ids(await list('', lead.token))).toEqual([c.id, b.id, a.id]);
      await t.http().delete(`/api/investigations/${c.id}/team/${lead.id}`).set(bearer(colleague.token)).expect(200);
      expect(ids(await list('', lead.token))).toEqual([b.id, a.id]);
    });

    it('refuses an admin without a case role (403)', async () => {
      await t.http().get('/api/investigations').set(bearer(admin)).expect(403);
    });

    it.each([
      ['status=investigating', () => [b.id]],
      ['mode=local', () => [a.id]],
      ['station=Charing%20Cross', () => [c.id, a.id]],
      ['openedFrom=2022-01-01', () => [c.id, b.id]],
      ['openedTo=2022-06-15', () => [b.id, a.id]],
      ['openedFrom=2022-01-01&openedTo=2022-12-31', () => [b.id]],
      ['sort=title', () => [a.id, b.id, c.id]],
      ['sort=-title', () => [c.id, b.id, a.id]],
      ['sort=openedOn&limit=1&offset=1', () => [b.id]],
      ['q=ALPHA', () => [a.id]],
      ['q=searchable', () => [b.id]],
      ['q=quentin%20searchable', () => [b.id]],
      ['q=qs-42', () => [b.id]],
      ['q=_', () => []],
    ])('filters with %s', async (query, expected) => {
      expect(ids(await list(query))).toEqual(expected());
    });

    it('filters by lead investigator, officer and reference', async () => {
      expect(ids(await list(`leadInvestigatorId=${colleague.id}`))).toEqual([c.id]);
      expect(ids(await list(`officerId=${officer.id}`))).toEqual([b.id]);
      expect(ids(await list(`q=${a.reference.toLowerCase()}`))).toEqual([a.id]);
      expect(ids(await list(`reference=${b.reference}`))).toEqual([b.id]);
      // Exactly that reference: neither another case's nor a part of one.
      expect(ids(await list(`reference=${b.reference.slice(0, -1)}`))).toEqual([]);
      expect(ids(await list(`reference=${c.reference}`, lead.token))).toEqual([]);
    });

    it('reports total, limit and offset', async () => {
      const res = await list('limit=2');
      expect(res.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(res.body.items).toHaveLength(2);
    });

    it('answers 400 naming a bad filter or sort', async () => {
      const res = await t.http().get('/api/investigations?status=done&sort=secret&openedFrom=yesterday&officerId=7').set(bearer(analyst)).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['officerId', 'openedFrom', 'sort', 'status']);
    });
  });

  describe('read', () => {
    it('includes the team, record counts and the version', async () => {
      const member = await t.newUser([Role.Investigator]);
      const inv = await createInvestigation(t, lead.token);
      await addTeamMember(t, lead.token, inv.id, member.id);
      const officer = await createOfficer(t, lead.token);
      const subject = await insertSubject(t, { investigationId: inv.id, officerId: officer.id });
      await insertAllegation(t, subject);
      await insertAllegation(t, subject);
      await insertAllegation(t, subject, { archivedAt: new Date().toISOString() });
      await insertRecommendation(t, inv.id, 1);

      for (const token of [lead.token, member.token, reviewer, analyst]) {
        const res = await t.http().get(`/api/investigations/${inv.id}`).set(bearer(token)).expect(200);
        expect(res.headers.etag).toBe('"1"');
        expect(res.body).toMatchObject({
          id: inv.id, version: 1,
          team: [{ userId: lead.id, username: lead.username, lead: true }, { userId: member.id, username: member.username, lead: false }],
          counts: { subjects: 1, allegations: 2, recommendations: 1 },
        });
      }
    });

    it('answers 404 for an unknown case and 400 naming a malformed id', async () => {
      const id = randomUUID();
      const res = await t.http().get(`/api/investigations/${id}`).set(bearer(reviewer)).expect(404);
      expect(res.body.message).toBe(`investigation ${id} not found`);
      expect((await t.http().get('/api/investigations/42').set(bearer(reviewer)).expect(400)).body.message).toBe('id must be a UUID');
    });
  });

  describe('update', () => {
    it.each([
      ['the lead', () => lead.token],
      ['a reviewer', () => reviewer],
    ])('lets %s change a case with If-Match, audited with before and after', async (_who, token) => {
      const inv = await createInvestigation(t, lead.token, { title: 'Before', location: 'Room 1' });
      const res = await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(token())).set('If-Match', '"1"')
        .send({ title: 'After', location: null }).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ title: 'After', location: null, version: 2 });
      const [event] = await audit(inv.id, 'investigation.updated');
      expect(event.changes).toEqual({ title: { before: 'Before', after: 'After' }, location: { before: 'Room 1', after: null } });
    });

    it('lets a team member change the case but refuses an analyst (403)', async () => {
      const member = await t.newUser([Role.Investigator]);
      const inv = await createInvestigation(t, lead.token);
      await addTeamMember(t, lead.token, inv.id, member.id);
      await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(analyst)).set('If-Match', '"1"').send({ title: 'x' }).expect(403);
      await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(member.token)).set('If-Match', '"1"').send({ title: 'by member' }).expect(200);
    });

    it('requires If-Match (428)', async () => {
      const inv = await createInvestigation(t, lead.token);
      await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).send({ title: 'x' }).expect(428);
    });

    it('refuses a stale version with 412 and the current version, writing nothing', async () => {
      const inv = await createInvestigation(t, lead.token, { title: 'Original' });
      await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ title: 'First' }).expect(200);
      const res = await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ title: 'Second' }).expect(412);
      expect(res.body.details).toEqual({ currentVersion: 2 });
      expect(await getInvestigation(t, lead.token, inv.id)).toMatchObject({ title: 'First', version: 2 });
      expect(await audit(inv.id, 'investigation.updated')).toHaveLength(1);
    });

    it('lets exactly one of two concurrent edits of the same version win; the audit shows one change', async () => {
      const inv = await createInvestigation(t, lead.token);
      const [x, y] = await Promise.all([
        t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ summary: 'from the lead' }),
        t.http().patch(`/api/investigations/${inv.id}`).set(bearer(reviewer)).set('If-Match', '"1"').send({ summary: 'from the reviewer' }),
      ]);
      expect([x.status, y.status].sort()).toEqual([200, 412]);
      const winner = x.status === 200 ? x : y;
      const events = await audit(inv.id, 'investigation.updated');
      expect(events).toHaveLength(1);
      expect(events[0].changes?.summary.after).toBe(winner.body.summary);
      expect(await getInvestigation(t, reviewer, inv.id)).toMatchObject({ summary: winner.body.summary, version: 2 });
    });

    it('applies the mode rule to the record as changed (422)', async () => {
      const recent = await createInvestigation(t, lead.token, { openedOn: '2021-01-01' });
      await t.http().patch(`/api/investigations/${recent.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ mode: 'managed' }).expect(422);
      const old = await createInvestigation(t, lead.token, { openedOn: '2018-01-01', mode: 'supervised' });
      await t.http().patch(`/api/investigations/${old.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ openedOn: '2020-01-01' }).expect(422);
      await t.http().patch(`/api/investigations/${old.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ conductFrom: '2019-01-01', conductTo: '2018-01-01' }).expect(422);
      expect(await getInvestigation(t, lead.token, old.id)).toMatchObject({ version: 1, openedOn: '2018-01-01' });
    });

    it('refuses status changes by PATCH and nulls for required fields (400 naming them)', async () => {
      const inv = await createInvestigation(t, lead.token);
      const res = await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ status: 'closed', title: null }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['status', 'title']);
    });

    it('hands the case to another active investigator, refusing anyone else (422)', async () => {
      const next = await t.newUser([Role.Investigator]);
      const inv = await createInvestigation(t, lead.token);
      await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ leadInvestigatorId: (await t.newUser([Role.Analyst])).id }).expect(422);
      const res = await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ leadInvestigatorId: next.id }).expect(200);
      expect(res.body.leadInvestigatorId).toBe(next.id);
    });

    it('refuses changes to a closed case until it is reopened (409)', async () => {
      const inv = await createInvestigation(t, lead.token);
      const closed = await advanceInvestigation(t, { investigator: lead.token, reviewer }, inv.id, 'closed');
      const res = await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(reviewer)).set('If-Match', `"${closed.version}"`)
        .send({ title: 'late edit' }).expect(409);
      expect(res.body.message).toBe(`investigation ${inv.reference} is closed: reopen it to change it`);
    });
  });

  describe('team', () => {
    it('lets the lead add and remove members, audited; members then see the case, and lose it again', async () => {
      const member = await t.newUser([Role.Investigator]);
      const inv = await createInvestigation(t, lead.token);
      await t.http().get(`/api/investigations/${inv.id}`).set(bearer(member.token)).expect(404);

      const added = await t.http().post(`/api/investigations/${inv.id}/team`).set(bearer(lead.token)).send({ userId: member.id }).expect(201);
      expect(added.body.team).toEqual([
        { userId: lead.id, username: lead.username, lead: true }, { userId: member.id, username: member.username, lead: false },
      ]);
      await t.http().get(`/api/investigations/${inv.id}`).set(bearer(member.token)).expect(200);
      const [addEvent] = await audit(inv.id, 'investigation.team_member_added');
      expect(addEvent.changes).toEqual({ team: { before: [], after: [member.id] } });
      expect(addEvent.detail).toEqual({ userId: member.id, username: member.username });

      const removed = await t.http().delete(`/api/investigations/${inv.id}/team/${member.id}`).set(bearer(lead.token)).expect(200);
      expect(removed.body.team).toEqual([{ userId: lead.id, username: lead.username, lead: true }]);
      await t.http().get(`/api/investigations/${inv.id}`).set(bearer(member.token)).expect(404);
      const [removeEvent] = await audit(inv.id, 'investigation.team_member_removed');
      expect(removeEvent.changes).toEqual({ team: { before: [member.id], after: [] } });
    });

    it('lets a reviewer manage the team but not a plain member (403) or an analyst (403)', async () => {
      const member = await t.newUser([Role.Investigator]);
      const another = await t.newUser([Role.Investigator]);
      const inv = await createInvestigation(t, lead.token);
      await addTeamMember(t, reviewer, inv.id, member.id);
      const res = await t.http().post(`/api/investigations/${inv.id}/team`).set(bearer(member.token)).send({ userId: another.id }).expect(403);
      expect(res.body.message).toBe('only the lead investigator or a reviewer may change the team');
      await t.http().delete(`/api/investigations/${inv.id}/team/${member.id}`).set(bearer(member.token)).expect(403);
      await t.http().post(`/api/investigations/${inv.id}/team`).set(bearer(analyst)).send({ userId: another.id }).expect(403);
      await t.http().delete(`/api/investigations/${inv.id}/team/${member.id}`).set(bearer(reviewer)).expect(200);
    });

    it('refuses non-investigators (422), duplicates and the lead (409), and unknown members (404)', async () => {
      const member = await t.newUser([Role.Investigator]);
      const analystUser = await t.newUser([Role.Analyst]);
      const inv = await createInvestigation(t, lead.token);
      await t.http().post(`/api/investigations/${inv.id}/team`).set(bearer(lead.token)).send({ userId: analystUser.id }).expect(422);
      await t.http().post(`/api/investigations/${inv.id}/team`).set(bearer(lead.token)).send({ userId: lead.id }).expect(409);
      await addTeamMember(t, lead.token, inv.id, member.id);
      await t.http().post(`/api/investigations/${inv.id}/team`).set(bearer(lead.token)).send({ userId: member.id }).expect(409);
      const removeLead = await t.http().delete(`/api/investigations/${inv.id}/team/${lead.id}`).set(bearer(reviewer)).expect(409);
      expect(removeLead.body.message).toContain('lead investigator cannot be removed');
      await t.http().delete(`/api/investigations/${inv.id}/team/${analystUser.id}`).set(bearer(lead.token)).expect(404);
      const bad = await t.http().post(`/api/investigations/${inv.id}/team`).set(bearer(lead.token)).send({ userId: 'me' }).expect(400);
      expect(bad.body.details[0].field).toBe('userId');
    });
  });

  describe('evidence notes', () => {
    it('appends notes by the caller and lists them oldest first for every case role', async () => {
      const member = await t.newUser([Role.Investigator]);
      const inv = await createInvestigation(t, lead.token);
      await addTeamMember(t, lead.token, inv.id, member.id);
      const first = await t.http().post(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(member.token))
        .send({ notedOn: '2019-06-30', text: 'Thousands of messages reviewed.' }).expect(201);
      expect(first.body).toMatchObject({ investigationId: inv.id, notedOn: '2019-06-30', authorId: member.id, authorUsername: member.username });
      await t.http().post(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(lead.token))
        .send({ notedOn: '2019-01-15', text: 'Phones seized.' }).expect(201);

      for (const token of [lead.token, reviewer, analyst]) {
        const res = await t.http().get(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(token)).expect(200);
        expect(res.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
        expect(res.body.items.map((n: { text: string; authorUsername: string }) => [n.text, n.authorUsername])).toEqual([
          ['Phones seized.', lead.username], ['Thousands of messages reviewed.', member.username],
        ]);
      }
      const [event] = await audit(inv.id, 'investigation.evidence_note_added');
      expect(event.detail).toMatchObject({ noteId: first.body.id, text: 'Thousands of messages reviewed.' });
    });

    it('refuses reviewers, analysts (403), bad input (400 naming it), and closed cases (409)', async () => {
      const inv = await createInvestigation(t, lead.token);
      const note = { notedOn: '2020-01-01', text: 'note' };
      await t.http().post(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(reviewer)).send(note).expect(403);
      await t.http().post(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(analyst)).send(note).expect(403);
      const bad = await t.http().post(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(lead.token)).send({ text: '' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['notedOn', 'text']);
      await advanceInvestigation(t, { investigator: lead.token, reviewer }, inv.id, 'closed');
      await t.http().post(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(lead.token)).send(note).expect(409);
    });

    it('has no route to edit or delete a note', async () => {
      const inv = await createInvestigation(t, lead.token);
      const note = await t.http().post(`/api/investigations/${inv.id}/evidence-notes`).set(bearer(lead.token))
        .send({ notedOn: '2020-01-01', text: 'original' }).expect(201);
      await t.http().patch(`/api/investigations/${inv.id}/evidence-notes/${note.body.id}`).set(bearer(lead.token)).send({ text: 'changed' }).expect(404);
      await t.http().delete(`/api/investigations/${inv.id}/evidence-notes/${note.body.id}`).set(bearer(lead.token)).expect(404);
    });
  });

  describe('archive', () => {
    it('takes the case out of the default list but keeps it readable, audited with the reason', async () => {
      const title = `Archive me ${randomUUID()}`;
      const inv = await createInvestigation(t, lead.token, { title });
      await t.http().post(`/api/investigations/${inv.id}/archive`).set(bearer(analyst)).set('If-Match', '"1"').send({ reason: 'opened in error' }).expect(403);
      await t.http().post(`/api/investigations/${inv.id}/archive`).set(bearer(lead.token)).send({ reason: 'opened in error' }).expect(428);
      const res = await t.http().post(`/api/investigations/${inv.id}/archive`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ reason: 'opened in error' }).expect(200);
      expect(res.body).toMatchObject({ archivedBy: lead.id, archiveReason: 'opened in error', version: 2 });

      const hidden = await t.http().get(`/api/investigations?q=${encodeURIComponent(title)}`).set(bearer(reviewer)).expect(200);
      expect(hidden.body.total).toBe(0);
      const shown = await t.http().get(`/api/investigations?q=${encodeURIComponent(title)}&includeArchived=true`).set(bearer(reviewer)).expect(200);
      expect(shown.body.items.map((i: { id: string }) => i.id)).toEqual([inv.id]);
      await t.http().get(`/api/investigations/${inv.id}`).set(bearer(analyst)).expect(200);
      expect((await audit(inv.id, 'investigation.archived'))[0].detail).toEqual({ reason: 'opened in error' });

      await t.http().post(`/api/investigations/${inv.id}/archive`).set(bearer(lead.token)).set('If-Match', '"2"').send({ reason: 'again' }).expect(409);
      await t.http().patch(`/api/investigations/${inv.id}`).set(bearer(lead.token)).set('If-Match', '"2"').send({ title: 'x' }).expect(409);
    });
  });
});
