import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import {
  addAllegation, addSubject, allegationInput, dismissal, provenAllegation, recordFinding, recordOutcome, subjectOnNewCase,
} from '../support/case-decisions.js';
import { addTeamMember, createOfficer, type RecordBody } from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('allegations and findings', () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let outsider: { id: string; token: string };
  let reviewer: { id: string; token: string };
  let analyst: string;
  let admin: string;
  let investigation: RecordBody;
  let subject: RecordBody;

  const audit = (entityId: string, action: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { entityId, action }, order: { seq: 'ASC' } });
  const tokens = () => ({ investigator: lead.token, reviewer: reviewer.token });

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    reviewer = await t.newUser([Role.Reviewer]);
    analyst = await t.tokenFor(Role.Analyst);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
    ({ investigation, subject } = await subjectOnNewCase(t, lead.token));
  });
  afterAll(async () => { await t.close(); });

  describe('recording allegations', () => {
    it('lets the investigator record one, pending case to answer and finding, audited', async () => {
      const body = allegationInput({ category: 'discriminatory_behaviour', standard: 'equality_and_diversity', severity: 'misconduct' });
      const res = await t.http().post(`/api/subjects/${subject.id}/allegations`).set(bearer(lead.token)).send(body).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        ...body, subjectId: subject.id, investigationId: investigation.id, officerId: subject.officerId,
        caseToAnswer: 'pending', finding: 'pending', version: 1, createdBy: lead.id,
      });
      const [event] = await audit(res.body.id, 'allegation.created');
      expect(event.changes).toMatchObject({ category: { before: null, after: 'discriminatory_behaviour' }, finding: { after: 'pending' } });
    });

    it('refuses values outside the lists, naming each field (400)', async () => {
      const res = await t.http().post(`/api/subjects/${subject.id}/allegations`).set(bearer(lead.token))
        .send(allegationInput({ category: 'rudeness', severity: 'awful', allegedOn: '2017-02-30', finding: 'proven' })).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['allegedOn', 'category', 'finding', 'severity']);
    });

    it('lists a subject\'s allegations, and all allegations in scope with filters', async () => {
      const { investigation: inv, subject: s } = await subjectOnNewCase(t, lead.token);
      await addAllegation(t, lead.token, s.id, { category: 'sexual_misconduct', severity: 'gross_misconduct' });
      await addAllegation(t, lead.token, s.id, { category: 'violence_or_abuse', severity: 'misconduct' });
      const proven = await provenAllegation(t, tokens(), s.id, 'misconduct');

      const own = await t.http().get(`/api/subjects/${s.id}/allegations`).set(bearer(analyst)).expect(200);
      expect(own.body.total).toBe(3);

      const q = (query: string, token = reviewer.token) =>
        t.http().get(`/api/allegations?investigationId=${inv.id}&${query}`).set(bearer(token)).expect(200).then((r) => r.body);
      expect((await q('category=sexual_misconduct')).total).toBe(1);
      expect((await q('severity=misconduct')).total).toBe(2);
      expect((await q('finding=proven')).items.map((a: RecordBody) => a.id)).toEqual([proven.id]);
      expect((await q(`officerId=${s.officerId}`)).total).toBe(3);
      expect((await q(`officerId=${randomUUID()}`)).total).toBe(0);
      expect((await q('sort=-createdAt&limit=1')).items).toHaveLength(1);
      // Scoped: another investigator sees none of this case's allegations.
      expect((await q('', outsider.token)).total).toBe(0);
      expect((await q('', lead.token)).total).toBe(3);
      await t.http().get('/api/allegations?severity=dreadful').set(bearer(reviewer.token)).expect(400);
    });

    it('lets the investigator amend an undecided allegation with If-Match (428, 412, then one audited change)', async () => {
      const allegation = await addAllegation(t, lead.token, subject.id, { severity: 'misconduct' });
      const patch = () => t.http().patch(`/api/allegations/${allegation.id}`).set(bearer(lead.token));
      await patch().send({ severity: 'gross_misconduct' }).expect(428);
      await patch().set('If-Match', '"2"').send({ severity: 'gross_misconduct' }).expect(412);
      const res = await patch().set('If-Match', '"1"').send({ severity: 'gross_misconduct', detail: 'Amended detail.' }).expect(200);
      expect(res.body).toMatchObject({ severity: 'gross_misconduct', detail: 'Amended detail.', version: 2 });
      const events = await audit(allegation.id, 'allegation.updated');
      expect(events).toHaveLength(1);
      expect(events[0].changes).toMatchObject({ severity: { before: 'misconduct', after: 'gross_misconduct' } });
    });

    it('refuses an investigator\'s amendment once a reviewer has decided on the allegation (422)', async () => {
      const decided = await provenAllegation(t, tokens(), subject.id, 'misconduct');
      const res = await t.http().patch(`/api/allegations/${decided.id}`).set(bearer(lead.token)).set('If-Match', `"${decided.version}"`)
        .send({ severity: 'none' }).expect(422);
      expect(res.body.message).toBe('an investigator cannot change an allegation once a reviewer has decided case to answer or a finding on it');
    });
  });

  describe('findings', () => {
    it('lets a reviewer record case to answer, finding and their own severity, audited with before and after', async () => {
      const allegation = await addAllegation(t, lead.token, subject.id, { severity: 'misconduct' });
      const post = () => t.http().post(`/api/allegations/${allegation.id}/finding`).set(bearer(reviewer.token));
      const body = { caseToAnswer: 'yes', finding: 'proven', severity: 'gross_misconduct' };
      await post().send(body).expect(428);
      await post().set('If-Match', '"9"').send(body).expect(412);
      const res = await post().set('If-Match', '"1"').send(body).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ caseToAnswer: 'yes', finding: 'proven', severity: 'gross_misconduct', version: 2 });
      const events = await audit(allegation.id, 'allegation.finding_recorded');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorId: reviewer.id, entityType: 'allegation' });
      expect(events[0].changes).toMatchObject({
        caseToAnswer: { before: 'pending', after: 'yes' }, finding: { before: 'pending', after: 'proven' },
        severity: { before: 'misconduct', after: 'gross_misconduct' }, version: { before: 1, after: 2 },
      });
    });

    it.each([
      [{ caseToAnswer: 'pending', finding: 'not_proven' }, 'a finding can only be recorded once it has been decided whether there is a case to answer'],
      [{ caseToAnswer: 'no', finding: 'proven' }, 'an allegation can only be found proven when there is a case to answer'],
    ])('refuses %j with the rule in words (422), writing nothing', async (body, rule) => {
      const allegation = await addAllegation(t, lead.token, subject.id);
      const res = await t.http().post(`/api/allegations/${allegation.id}/finding`).set(bearer(reviewer.token)).set('If-Match', '"1"')
        .send(body).expect(422);
      expect(res.body.message).toBe(rule);
      expect(await audit(allegation.id, 'allegation.finding_recorded')).toHaveLength(0);
    });

    it('refuses investigators and analysts (403): findings are the reviewer\'s', async () => {
      const allegation = await addAllegation(t, lead.token, subject.id);
      for (const token of [lead.token, analyst, admin]) {
        await t.http().post(`/api/allegations/${allegation.id}/finding`).set(bearer(token)).set('If-Match', '"1"')
          .send({ caseToAnswer: 'yes', finding: 'proven' }).expect(403);
      }
    });

    it('refuses a reviewer who is also on the case team (403)', async () => {
      // Only investigators join teams, so this is someone holding both roles.
      const onTeam = await t.newUser([Role.Investigator, Role.Reviewer]);
      const { investigation: inv, subject: s } = await subjectOnNewCase(t, lead.token);
      await addTeamMember(t, lead.token, inv.id, onTeam.id);
      const allegation = await addAllegation(t, lead.token, s.id);
      const res = await t.http().post(`/api/allegations/${allegation.id}/finding`).set(bearer(onTeam.token)).set('If-Match', '"1"')
        .send({ caseToAnswer: 'yes', finding: 'proven' }).expect(403);
      expect(res.body.message).toBe('a reviewer who leads or is on the team of an investigation may not decide its findings');
    });

    it('refuses a change of finding, or an archive, that would leave a recorded dismissal without its proven gross misconduct (422)', async () => {
      const { subject: s } = await subjectOnNewCase(t, lead.token);
      const proven = await provenAllegation(t, tokens(), s.id);
      await recordOutcome(t, reviewer.token, s.id, dismissal());
      const res = await t.http().post(`/api/allegations/${proven.id}/finding`).set(bearer(reviewer.token)).set('If-Match', `"${proven.version}"`)
        .send({ caseToAnswer: 'yes', finding: 'not_proven' }).expect(422);
      expect(res.body.message).toContain('the subject\'s recorded outcome (dismissed) would then break the rules: dismissal, or a finding that the officer would have been dismissed, needs an allegation of gross misconduct found proven');
      const archived = await t.http().post(`/api/allegations/${proven.id}/archive`).set(bearer(lead.token)).set('If-Match', `"${proven.version}"`)
        .send({ reason: 'duplicate' }).expect(422);
      expect(archived.body.message).toContain('needs an allegation of gross misconduct found proven');
      const current = await t.http().get(`/api/allegations/${proven.id}`).set(bearer(reviewer.token)).expect(200);
      expect(current.body).toMatchObject({ finding: 'proven', archivedAt: null, version: proven.version });
    });
  });

  describe('archiving', () => {
    it('archives an allegation: gone from lists unless asked for, still readable', async () => {
      const { subject: s } = await subjectOnNewCase(t, lead.token);
      const allegation = await addAllegation(t, lead.token, s.id);
      const res = await t.http().post(`/api/allegations/${allegation.id}/archive`).set(bearer(lead.token)).set('If-Match', '"1"')
        .send({ reason: 'recorded twice' }).expect(200);
      expect(res.body).toMatchObject({ archiveReason: 'recorded twice', version: 2 });
      expect((await t.http().get(`/api/subjects/${s.id}/allegations`).set(bearer(lead.token))).body.total).toBe(0);
      expect((await t.http().get(`/api/subjects/${s.id}/allegations?includeArchived=true`).set(bearer(lead.token))).body.total).toBe(1);
      await t.http().get(`/api/allegations/${allegation.id}`).set(bearer(lead.token)).expect(200);
      expect(await audit(allegation.id, 'allegation.archived')).toHaveLength(1);
    });

    it('refuses new allegations on an archived subject (409)', async () => {
      const { investigation: inv } = await subjectOnNewCase(t, lead.token);
      const s = await addSubject(t, lead.token, inv.id, (await createOfficer(t, lead.token)).id);
      await t.http().post(`/api/subjects/${s.id}/archive`).set(bearer(lead.token)).set('If-Match', '"1"').send({ reason: 'in error' }).expect(200);
      await t.http().post(`/api/subjects/${s.id}/allegations`).set(bearer(lead.token)).send(allegationInput()).expect(409);
    });
  });

  describe('who may do what', () => {
    let allegation: RecordBody;
    beforeAll(async () => { allegation = await addAllegation(t, lead.token, subject.id); });

    const routes = () => [
      { name: 'POST allegations', write: true, call: (token: string) => t.http().post(`/api/subjects/${subject.id}/allegations`).set(bearer(token)).send(allegationInput()) },
      { name: 'GET subject allegations', write: false, call: (token: string) => t.http().get(`/api/subjects/${subject.id}/allegations`).set(bearer(token)) },
      { name: 'GET allegation', write: false, call: (token: string) => t.http().get(`/api/allegations/${allegation.id}`).set(bearer(token)) },
      { name: 'PATCH allegation', write: true, call: (token: string) => t.http().patch(`/api/allegations/${allegation.id}`).set(bearer(token)).set('If-Match', '"1"').send({ detail: 'x' }) },
      { name: 'archive allegation', write: true, call: (token: string) => t.http().post(`/api/allegations/${allegation.id}/archive`).set(bearer(token)).set('If-Match', '"1"').send({ reason: 'a reason' }) },
    ];

    it('allows reads to every case role', async () => {
      for (const token of [lead.token, reviewer.token, analyst]) {
        for (const route of routes().filter((r) => !r.write)) {
          expect({ route: route.name, status: (await route.call(token)).status }).toEqual({ route: route.name, status: 200 });
        }
        expect((await t.http().get('/api/allegations').set(bearer(token))).status).toBe(200);
      }
    });

    it('refuses reviewers and analysts the investigator\'s writes, and admins everything (403)', async () => {
      for (const route of routes()) {
        for (const token of route.write ? [reviewer.token, analyst, admin] : [admin]) {
          expect({ route: route.name, status: (await route.call(token)).status }).toEqual({ route: route.name, status: 403 });
        }
      }
      await t.http().get('/api/allegations').set(bearer(admin)).expect(403);
    });

    it('answers 404 to an investigator not on the case, on every route', async () => {
      for (const route of routes()) {
        const res = await route.call(outsider.token);
        expect({ route: route.name, status: res.status }).toEqual({ route: route.name, status: 404 });
        if (route.name.endsWith('allegation')) expect(res.body.message).toBe(`allegation ${allegation.id} not found`);
      }
      const current = await t.http().get(`/api/allegations/${allegation.id}`).set(bearer(lead.token)).expect(200);
      expect(current.body.version).toBe(1);
    });
  });
});
