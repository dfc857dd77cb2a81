import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import { addSubject, dismissal, provenAllegation, recordOutcome } from '../support/case-decisions.js';
import { addTeamMember, advanceInvestigation, createInvestigation, createOfficer, type RecordBody } from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('subjects', () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let outsider: { id: string; token: string };
  let reviewer: string;
  let analyst: string;
  let admin: string;
  let investigation: RecordBody;

  const audit = (entityId: string, action: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { entityId, action }, order: { seq: 'ASC' } });
  const newSubject = async () => addSubject(t, lead.token, investigation.id, (await createOfficer(t, lead.token)).id);

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    reviewer = await t.tokenFor(Role.Reviewer);
    analyst = await t.tokenFor(Role.Analyst);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
    investigation = await createInvestigation(t, lead.token);
  });
  afterAll(async () => { await t.close(); });

  describe('adding', () => {
    it('lets the lead investigator add an officer, taking rank and unit from the officer record, audited', async () => {
      const officer = await createOfficer(t, lead.token, { rank: 'PS', unit: 'Westminster BCU' });
      const res = await t.http().post(`/api/investigations/${investigation.id}/subjects`).set(bearer(lead.token))
        .send({ officerId: officer.id }).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        investigationId: investigation.id, officerId: officer.id, rankAtTime: 'PS', unitAtTime: 'Westminster BCU', version: 1,
        officer: { id: officer.id, familyName: officer.familyName, serviceNumber: officer.serviceNumber, employmentStatus: 'serving' },
        archivedAt: null, createdBy: lead.id,
      });
      const [event] = await audit(res.body.id, 'subject.added');
      expect(event).toMatchObject({ entityType: 'subject', actorId: lead.id });
      expect(event.changes).toMatchObject({ officerId: { before: null, after: officer.id } });
    });

    it('keeps the rank and unit at the time when given', async () => {
      const officer = await createOfficer(t, lead.token, { rank: 'PS' });
      const subject = await addSubject(t, lead.token, investigation.id, officer.id, { rankAtTime: 'PC', unitAtTime: 'Charing Cross' });
      expect(subject).toMatchObject({ rankAtTime: 'PC', unitAtTime: 'Charing Cross' });
    });

    it('lets a team member add subjects', async () => {
      const member = await t.newUser([Role.Investigator]);
      const inv = await createInvestigation(t, lead.token);
      await addTeamMember(t, lead.token, inv.id, member.id);
      const officer = await createOfficer(t, member.token);
      await t.http().post(`/api/investigations/${inv.id}/subjects`).set(bearer(member.token)).send({ officerId: officer.id }).expect(201);
    });

    it('refuses the same officer twice in one investigation (409), but allows them in another', async () => {
      const officer = await createOfficer(t, lead.token);
      await addSubject(t, lead.token, investigation.id, officer.id);
      const res = await t.http().post(`/api/investigations/${investigation.id}/subjects`).set(bearer(lead.token))
        .send({ officerId: officer.id }).expect(409);
      expect(res.body.message).toBe(`officer ${officer.id} is already a subject of investigation ${investigation.reference}`);
      const other = await createInvestigation(t, lead.token);
      await addSubject(t, lead.token, other.id, officer.id);
    });

    it('answers 404 naming an officer that does not exist', async () => {
      const missing = randomUUID();
      const res = await t.http().post(`/api/investigations/${investigation.id}/subjects`).set(bearer(lead.token))
        .send({ officerId: missing }).expect(404);
      expect(res.body.message).toBe(`officer ${missing} not found`);
    });

    it('names the field on bad input (400)', async () => {
      const res = await t.http().post(`/api/investigations/${investigation.id}/subjects`).set(bearer(lead.token))
        .send({ officerId: 'nope', colour: 'red' }).expect(400);
      expect(res.body.message).toMatch(/officerId must be a UUID/);
      expect(res.body.message).toMatch(/property colour should not exist/);
    });
  });

  describe('reading', () => {
    it('lists the subjects of a case for the lead, reviewers and analysts, with paging', async () => {
      const inv = await createInvestigation(t, lead.token);
      for (let i = 0; i < 3; i++) await addSubject(t, lead.token, inv.id, (await createOfficer(t, lead.token)).id);
      for (const token of [lead.token, reviewer, analyst]) {
        const res = await t.http().get(`/api/investigations/${inv.id}/subjects?limit=2`).set(bearer(token)).expect(200);
        expect(res.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
        expect(res.body.items).toHaveLength(2);
      }
    });

    it('reads one subject with its ETag', async () => {
      const subject = await newSubject();
      const res = await t.http().get(`/api/subjects/${subject.id}`).set(bearer(analyst)).expect(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toEqual(subject);
    });

    it('answers 404 for a subject that does not exist', async () => {
      const id = randomUUID();
      const res = await t.http().get(`/api/subjects/${id}`).set(bearer(reviewer)).expect(404);
      expect(res.body.message).toBe(`subject ${id} not found`);
    });
  });

  describe('changing', () => {
    it('needs If-Match (428), refuses a stale one (412) and writes one audited change', async () => {
      const subject = await newSubject();
      await t.http().patch(`/api/subjects/${subject.id}`).set(bearer(lead.token)).send({ rankAtTime: 'DC' }).expect(428);
      await t.http().patch(`/api/subjects/${subject.id}`).set(bearer(lead.token)).set('If-Match', '"7"').send({ rankAtTime: 'DC' }).expect(412);
      const res = await t.http().patch(`/api/subjects/${subject.id}`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ rankAtTime: 'DC' }).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ rankAtTime: 'DC', version: 2 });
      const events = await audit(subject.id, 'subject.updated');
      expect(events).toHaveLength(1);
      expect(events[0].changes).toMatchObject({ rankAtTime: { before: subject.rankAtTime, after: 'DC' } });
      // The loser of a race sees 412 and nothing more is written.
      await t.http().patch(`/api/subjects/${subject.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ rankAtTime: 'DS' }).expect(412);
      expect(await audit(subject.id, 'subject.updated')).toHaveLength(1);
    });

    it('archives with a reason: out of the list, still readable, and refuses further edits', async () => {
      const inv = await createInvestigation(t, lead.token);
      const subject = await addSubject(t, lead.token, inv.id, (await createOfficer(t, lead.token)).id);
      await t.http().post(`/api/subjects/${subject.id}/archive`).set(bearer(lead.token)).send({ reason: 'added in error' }).expect(428);
      const res = await t.http().post(`/api/subjects/${subject.id}/archive`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ reason: 'added in error' }).expect(200);
      expect(res.body).toMatchObject({ archiveReason: 'added in error', version: 2 });
      expect(res.body.archivedAt).toEqual(expect.any(String));
      expect((await t.http().get(`/api/investigations/${inv.id}/subjects`).set(bearer(lead.token)).expect(200)).body.total).toBe(0);
      expect((await t.http().get(`/api/investigations/${inv.id}/subjects?includeArchived=true`).set(bearer(lead.token)).expect(200)).body.total).toBe(1);
      await t.http().get(`/api/subjects/${subject.id}`).set(bearer(lead.token)).expect(200);
      await t.http().patch(`/api/subjects/${subject.id}`).set(bearer(lead.token)).set('If-Match', '"2"').send({ rankAtTime: 'PC' }).expect(409);
      expect(await audit(subject.id, 'subject.archived')).toHaveLength(1);
    });

    it('refuses to archive a subject whose outcome is recorded (422)', async () => {
      const subject = await newSubject();
      await provenAllegation(t, { investigator: lead.token, reviewer }, subject.id);
      await recordOutcome(t, reviewer, subject.id, dismissal());
      const res = await t.http().post(`/api/subjects/${subject.id}/archive`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ reason: 'tidying up' }).expect(422);
      expect(res.body.message).toBe('a subject whose outcome has been recorded cannot be archived');
    });
  });

  describe('closed cases', () => {
    it('refuses new subjects and changes once the case is closed (409), while reads go on', async () => {
      const inv = await createInvestigation(t, lead.token);
      const subject = await addSubject(t, lead.token, inv.id, (await createOfficer(t, lead.token)).id);
      const closed = await advanceInvestigation(t, { investigator: lead.token, reviewer }, inv.id, 'closed');
      const add = await t.http().post(`/api/investigations/${inv.id}/subjects`).set(bearer(lead.token))
        .send({ officerId: (await createOfficer(t, lead.token)).id }).expect(409);
      expect(add.body.message).toBe(`investigation ${closed.reference} is closed: reopen it to change it`);
      await t.http().patch(`/api/subjects/${subject.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ rankAtTime: 'PC' }).expect(409);
      await t.http().get(`/api/subjects/${subject.id}`).set(bearer(lead.token)).expect(200);
    });
  });

  describe('who may do what', () => {
    let subject: RecordBody;
    beforeAll(async () => { subject = await newSubject(); });

    const routes = () => [
      { name: 'POST subjects', call: (token: string) => t.http().post(`/api/investigations/${investigation.id}/subjects`).set(bearer(token)).send({ officerId: randomUUID() }) },
      { name: 'GET subjects', call: (token: string) => t.http().get(`/api/investigations/${investigation.id}/subjects`).set(bearer(token)) },
      { name: 'GET subject', call: (token: string) => t.http().get(`/api/subjects/${subject.id}`).set(bearer(token)) },
      { name: 'PATCH subject', call: (token: string) => t.http().patch(`/api/subjects/${subject.id}`).set(bearer(token)).set('If-Match', '"1"').send({ unitAtTime: 'X' }) },
      { name: 'archive subject', call: (token: string) => t.http().post(`/api/subjects/${subject.id}/archive`).set(bearer(token)).set('If-Match', '"1"').send({ reason: 'a reason' }) },
    ];
    const writes = ['POST subjects', 'PATCH subject', 'archive subject'];

    it('refuses reviewers and analysts every write (403) and admins everything (403)', async () => {
      for (const route of routes()) {
        if (writes.includes(route.name)) {
          expect({ route: route.name, status: (await route.call(reviewer)).status }).toEqual({ route: route.name, status: 403 });
          expect({ route: route.name, status: (await route.call(analyst)).status }).toEqual({ route: route.name, status: 403 });
        }
        expect({ route: route.name, status: (await route.call(admin)).status }).toEqual({ route: route.name, status: 403 });
      }
    });

    it('answers 404 to an investigator not on the case, on every route, and leaks no investigation id', async () => {
      for (const route of routes()) {
        const res = await route.call(outsider.token);
        expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 404 });
        if (route.name.endsWith('subject')) expect(res.body.message).toBe(`subject ${subject.id} not found`);
      }
      expect((await t.http().get(`/api/subjects/${subject.id}`).set(bearer(lead.token)).expect(200)).body.version).toBe(1);
    });

    it('answers 401 without a token', async () => {
      await t.http().get(`/api/subjects/${subject.id}`).expect(401);
    });
  });
});
