import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Clock } from '../../src/common/time/day.js';
import { Role } from '../../src/common/auth/role.js';
import { addRecommendation, recommendationInput, respondTo } from '../support/case-decisions.js';
import { advanceInvestigation, createInvestigation, type RecordBody } from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('recommendations', () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let outsider: { id: string; token: string };
  let reviewer: { id: string; token: string };
  let analyst: string;
  let admin: string;
  let investigation: RecordBody;

  const audit = (entityId: string, action: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { entityId, action }, order: { seq: 'ASC' } });
  const get = (id: string, token = reviewer.token) => t.http().get(`/api/recommendations/${id}`).set(bearer(token)).expect(200).then((r) => r.body);
  const reviewerToken = () => reviewer.token;
  const leadToken = () => lead.token;
  const postTo = (id: string, action: string, body: object, version: number | null, token = reviewer.token) => {
    const req = t.http().post(`/api/recommendations/${id}/${action}`).set(bearer(token));
    if (version !== null) req.set('If-Match', `"${version}"`);
    return req.send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    reviewer = await t.newUser([Role.Reviewer]);
    analyst = await t.tokenFor(Role.Analyst);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
    investigation = await createInvestigation(t, lead.token);
  });
  afterEach(() => { jest.restoreAllMocks(); });
  afterAll(async () => { await t.close(); });

  describe('making', () => {
    it('numbers them within the investigation and makes the response due 56 days after issue, audited', async () => {
      const inv = await createInvestigation(t, lead.token);
      const res = await t.http().post(`/api/investigations/${inv.id}/recommendations`).set(bearer(lead.token))
        .send(recommendationInput({ issuedOn: '2024-01-10', text: 'Review vetting.' })).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        investigationId: inv.id, number: 1, text: 'Review vetting.', recipient: 'Metropolitan Police Service',
        issuedOn: '2024-01-10', responseDueOn: '2024-03-06', dueExtensionReason: null,
        responseStatus: 'pending', responseText: null, respondedOn: null, implementationStatus: 'not_started', version: 1,
      });
      const [event] = await audit(res.body.id, 'recommendation.created');
      expect(event.changes).toMatchObject({ number: { before: null, after: 1 }, responseDueOn: { after: '2024-03-06' } });

      const second = await addRecommendation(t, lead.token, inv.id, { issuedOn: '2023-01-10' });
      expect(second).toMatchObject({ number: 2, responseDueOn: '2023-03-07' });
      expect((await addRecommendation(t, lead.token, investigation.id)).number).toBe(1);

      const listed = await t.http().get(`/api/investigations/${inv.id}/recommendations`).set(bearer(analyst)).expect(200);
      expect(listed.body.items.map((r: RecordBody) => r.number)).toEqual([1, 2]);
    });

    it('refuses an issue date in the future (422) and names bad fields (400)', async () => {
      const res = await t.http().post(`/api/investigations/${investigation.id}/recommendations`).set(bearer(lead.token))
        .send(recommendationInput({ issuedOn: '2999-01-01' })).expect(422);
      expect(res.body.message).toBe('a recommendation cannot be issued on a day still in the future');
      const bad = await t.http().post(`/api/investigations/${investigation.id}/recommendations`).set(bearer(lead.token))
        .send({ text: '', recipient: 'x', issuedOn: '2024-13-01' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['issuedOn', 'text']);
    });

    it('lets the investigator change text and recipient with If-Match (428, 412, one audited change)', async () => {
      const rec = await addRecommendation(t, lead.token, investigation.id);
      const patch = () => t.http().patch(`/api/recommendations/${rec.id}`).set(bearer(lead.token));
      await patch().send({ recipient: 'Home Office' }).expect(428);
      await patch().set('If-Match', '"5"').send({ recipient: 'Home Office' }).expect(412);
      const res = await patch().set('If-Match', '"1"').send({ recipient: 'Home Office' }).expect(200);
      expect(res.body).toMatchObject({ recipient: 'Home Office', version: 2, responseDueOn: rec.responseDueOn });
      const events = await audit(rec.id, 'recommendation.updated');
      expect(events).toHaveLength(1);
      expect(events[0].changes).toMatchObject({ recipient: { before: 'Metropolitan Police Service', after: 'Home Office' } });
    });
  });

  describe('deadline extensions', () => {
    it('lets a reviewer move the due date later, with the reason, audited', async () => {
      const rec = await addRecommendation(t, lead.token, investigation.id, { issuedOn: '2024-01-10' });
      await postTo(rec.id, 'extension', { responseDueOn: '2024-04-30', reason: 'Force asked for time' }, null).expect(428);
      await postTo(rec.id, 'extension', { responseDueOn: '2024-04-30', reason: 'Force asked for time' }, 4).expect(412);
      const res = await postTo(rec.id, 'extension', { responseDueOn: '2024-04-30', reason: 'Force asked for time' }, 1).expect(200);
      expect(res.body).toMatchObject({ responseDueOn: '2024-04-30', dueExtensionReason: 'Force asked for time', version: 2 });
      const [event] = await audit(rec.id, 'recommendation.deadline_extended');
      expect(event.changes).toMatchObject({ responseDueOn: { before: '2024-03-06', after: '2024-04-30' } });
    });

    it.each([
      ['earlier than the current one', '2024-03-01'],
      ['the current one', '2024-03-06'],
    ])('refuses a new due date that is %s (422)', async (_when, responseDueOn) => {
      const rec = await addRecommendation(t, lead.token, investigation.id, { issuedOn: '2024-01-10' });
      const res = await postTo(rec.id, 'extension', { responseDueOn, reason: 'not really later' }, 1).expect(422);
      expect(res.body.message).toBe('an extension must move the response due date later than the current one (2024-03-06)');
    });

    it('refuses to extend once the response is in (422)', async () => {
      const rec = await addRecommendation(t, lead.token, investigation.id, { issuedOn: '2024-01-10' });
      const answered = await respondTo(t, reviewer.token, rec, { responseStatus: 'accepted', responseText: 'Yes.', respondedOn: '2024-02-01' });
      const res = await postTo(rec.id, 'extension', { responseDueOn: '2024-05-01', reason: 'late' }, answered.version).expect(422);
      expect(res.body.message).toBe('the response deadline can only be extended while the response is still pending');
    });
  });

  describe('responses and implementation', () => {
    it('records the response, then the implementation with its evidence, each audited', async () => {
      const rec = await addRecommendation(t, lead.token, investigation.id, { issuedOn: '2024-01-10' });
      const responded = await postTo(rec.id, 'response', { responseStatus: 'partially_accepted', responseText: 'In part.', respondedOn: '2024-02-20' }, 1).expect(200);
      expect(responded.body).toMatchObject({ responseStatus: 'partially_accepted', responseText: 'In part.', respondedOn: '2024-02-20', version: 2 });
      const [answer] = await audit(rec.id, 'recommendation.response_recorded');
      expect(answer).toMatchObject({ actorId: reviewer.id });
      expect(answer.changes).toMatchObject({ responseStatus: { before: 'pending', after: 'partially_accepted' } });

      const done = await postTo(rec.id, 'implementation', { implementationStatus: 'implemented', evidence: 'Policy published.' }, 2).expect(200);
      expect(done.body).toMatchObject({ implementationStatus: 'implemented', implementationEvidence: 'Policy published.', version: 3 });
      expect(await audit(rec.id, 'recommendation.implementation_recorded')).toHaveLength(1);
    });

    it('refuses implementation under way before the recommendation is accepted (422)', async () => {
      const rec = await addRecommendation(t, lead.token, investigation.id);
      const res = await postTo(rec.id, 'implementation', { implementationStatus: 'in_progress' }, 1).expect(422);
      expect(res.body.message).toBe('implementation can only be in progress or done once the recommendation has been accepted or partially accepted');
      await postTo(rec.id, 'implementation', { implementationStatus: 'not_implemented', evidence: 'No response yet.' }, 1).expect(200);
    });

    it('refuses a response dated before the recommendation, and "pending" as an answer', async () => {
      const rec = await addRecommendation(t, lead.token, investigation.id, { issuedOn: '2024-01-10' });
      const early = await postTo(rec.id, 'response', { responseStatus: 'accepted', responseText: 'Yes.', respondedOn: '2024-01-09' }, 1).expect(422);
      expect(early.body.message).toBe('a response cannot predate the recommendation (issued on 2024-01-10)');
      const pending = await postTo(rec.id, 'response', { responseStatus: 'pending', responseText: 'Hm.', respondedOn: '2024-01-11' }, 1).expect(400);
      expect(pending.body.message).toBe('responseStatus must be one of: accepted, partially_accepted, not_accepted');
    });
  });

  it.each([
    ['extension', { responseDueOn: '2099-01-01', reason: 'a reason' }, reviewerToken],
    ['response', { responseStatus: 'accepted', responseText: 'Yes.', respondedOn: '2022-03-01' }, reviewerToken],
    ['implementation', { implementationStatus: 'not_started' }, reviewerToken],
    ['archive', { reason: 'a reason' }, leadToken],
  ])('needs If-Match on %s (428) and refuses a stale one (412), writing nothing', async (action, body, token) => {
    const rec = await addRecommendation(t, lead.token, investigation.id);
    await postTo(rec.id, action, body, null, token()).expect(428);
    const stale = await postTo(rec.id, action, body, 2, token()).expect(412);
    expect(stale.body.details).toEqual({ currentVersion: 1 });
    expect((await get(rec.id)).version).toBe(1);
  });

  describe('closed cases', () => {
    it('takes no new recommendations once the case is closed (409), but still records the responses to them', async () => {
      const inv = await createInvestigation(t, lead.token);
      const rec = await addRecommendation(t, lead.token, inv.id);
      await advanceInvestigation(t, { investigator: lead.token, reviewer: reviewer.token }, inv.id, 'closed');
      await t.http().post(`/api/investigations/${inv.id}/recommendations`).set(bearer(lead.token)).send(recommendationInput()).expect(409);
      await t.http().patch(`/api/recommendations/${rec.id}`).set(bearer(lead.token)).set('If-Match', '"1"').send({ text: 'x' }).expect(409);
      const res = await postTo(rec.id, 'response', { responseStatus: 'accepted', responseText: 'Accepted in full.', respondedOn: '2022-03-01' }, 1).expect(200);
      expect(res.body.responseStatus).toBe('accepted');
    });
  });

  describe('overdue listing (today fixed at 2024-06-01)', () => {
    it('lists exactly those still pending after their due date; the due day itself is still in time', async () => {
      jest.spyOn(Clock.prototype, 'today').mockReturnValue('2024-06-01');
      const inv = await createInvestigation(t, lead.token);
      const overdue = await addRecommendation(t, lead.token, inv.id, { issuedOn: '2024-01-01', text: 'overdue' });
      const dueToday = await addRecommendation(t, lead.token, inv.id, { issuedOn: '2024-04-06', text: 'due today' });
      const notYet = await addRecommendation(t, lead.token, inv.id, { issuedOn: '2024-05-01', text: 'not yet due' });
      const answered = await addRecommendation(t, lead.token, inv.id, { issuedOn: '2024-01-01', text: 'answered' });
      await respondTo(t, reviewer.token, answered, { responseStatus: 'not_accepted', responseText: 'No.', respondedOn: '2024-05-30' });
      const extended = await addRecommendation(t, lead.token, inv.id, { issuedOn: '2024-01-01', text: 'extended' });
      await postTo(extended.id, 'extension', { responseDueOn: '2024-07-01', reason: 'agreed' }, 1).expect(200);
      expect(dueToday.responseDueOn).toBe('2024-06-01');

      const texts = (query: Record<string, string>, token = reviewer.token) =>
        t.http().get('/api/recommendations').query({ investigationId: inv.id, ...query }).set(bearer(token)).expect(200)
          .then((r) => r.body.items.map((x: RecordBody) => x.text).sort());
      expect(await texts({ overdue: 'true' })).toEqual(['overdue']);
      expect(await texts({ overdue: 'false' })).toEqual(['answered', 'due today', 'extended', 'not yet due']);
      expect(await texts({ overdue: 'true' }, analyst)).toEqual(['overdue']);
      expect(await texts({ overdue: 'true' }, lead.token)).toEqual(['overdue']);
      expect(await texts({ overdue: 'true' }, outsider.token)).toEqual([]);
      expect((await get(overdue.id)).overdue).toBe(true);
      expect((await get(notYet.id)).overdue).toBe(false);
      await t.http().get('/api/recommendations?overdue=yes').set(bearer(reviewer.token)).expect(400);

      // A day later the one due today is overdue too.
      jest.spyOn(Clock.prototype, 'today').mockReturnValue('2024-06-02');
      expect(await texts({ overdue: 'true' })).toEqual(['due today', 'overdue']);
    });

    it('filters by response status and by part of the recipient\'s name', async () => {
      const inv = await createInvestigation(t, lead.token);
      const a = await addRecommendation(t, lead.token, inv.id, { recipient: 'Metropolitan Police Service' });
      await addRecommendation(t, lead.token, inv.id, { recipient: 'College of Policing' });
      await respondTo(t, reviewer.token, a, { responseStatus: 'accepted', responseText: 'Yes.', respondedOn: '2022-03-01' });
      const q = (query: Record<string, string>) =>
        t.http().get('/api/recommendations').query({ investigationId: inv.id, ...query }).set(bearer(reviewer.token)).expect(200).then((r) => r.body);
      expect((await q({ responseStatus: 'accepted' })).items.map((r: RecordBody) => r.id)).toEqual([a.id]);
      expect((await q({ responseStatus: 'pending' })).total).toBe(1);
      expect((await q({ recipient: 'college' })).items[0].recipient).toBe('College of Policing');
      expect((await q({ sort: '-issuedOn' })).total).toBe(2);
    });
  });

  describe('who may do what', () => {
    let rec: RecordBody;
    beforeAll(async () => { rec = await addRecommendation(t, lead.token, investigation.id); });

    const investigatorRoutes = () => [
      { name: 'POST recommendations', call: (token: string) => t.http().post(`/api/investigations/${investigation.id}/recommendations`).set(bearer(token)).send(recommendationInput()) },
      { name: 'PATCH recommendation', call: (token: string) => t.http().patch(`/api/recommendations/${rec.id}`).set(bearer(token)).set('If-Match', '"1"').send({ text: 'x' }) },
      { name: 'archive recommendation', call: (token: string) => t.http().post(`/api/recommendations/${rec.id}/archive`).set(bearer(token)).set('If-Match', '"1"').send({ reason: 'a reason' }) },
    ];
    const reviewerRoutes = () => [
      { name: 'extension', call: (token: string) => postTo(rec.id, 'extension', { responseDueOn: '2099-01-01', reason: 'a reason' }, 1, token) },
      { name: 'response', call: (token: string) => postTo(rec.id, 'response', { responseStatus: 'accepted', responseText: 'x', respondedOn: '2022-03-01' }, 1, token) },
      { name: 'implementation', call: (token: string) => postTo(rec.id, 'implementation', { implementationStatus: 'not_started' }, 1, token) },
    ];
    const readRoutes = () => [
      { name: 'GET investigation recommendations', call: (token: string) => t.http().get(`/api/investigations/${investigation.id}/recommendations`).set(bearer(token)) },
      { name: 'GET recommendation', call: (token: string) => t.http().get(`/api/recommendations/${rec.id}`).set(bearer(token)) },
    ];
    const status = async (route: { name: string; call: (token: string) => PromiseLike<{ status: number }> }, token: string) =>
      ({ route: route.name, status: (await route.call(token)).status });

    it('refuses each role the actions that are not theirs (403)', async () => {
      for (const route of investigatorRoutes()) {
        for (const token of [reviewer.token, analyst, admin]) expect(await status(route, token)).toEqual({ route: route.name, status: 403 });
      }
      for (const route of reviewerRoutes()) {
        for (const token of [lead.token, analyst, admin]) expect(await status(route, token)).toEqual({ route: route.name, status: 403 });
      }
      for (const route of readRoutes()) expect(await status(route, admin)).toEqual({ route: route.name, status: 403 });
      await t.http().get('/api/recommendations').set(bearer(admin)).expect(403);
    });

    it('lets every case role read', async () => {
      for (const token of [lead.token, reviewer.token, analyst]) {
        for (const route of readRoutes()) expect(await status(route, token)).toEqual({ route: route.name, status: 200 });
      }
    });

    it('answers 404 to an investigator not on the case on every route open to investigators', async () => {
      for (const route of [...investigatorRoutes(), ...readRoutes()]) {
        expect(await status(route, outsider.token)).toEqual({ route: route.name, status: 404 });
      }
      const res = await t.http().get(`/api/recommendations/${rec.id}`).set(bearer(outsider.token)).expect(404);
      expect(res.body.message).toBe(`recommendation ${rec.id} not found`);
      expect((await get(rec.id)).version).toBe(1);
    });

    it('answers 404 for a recommendation that does not exist', async () => {
      await t.http().get(`/api/recommendations/${randomUUID()}`).set(bearer(reviewer.token)).expect(404);
    });

    it('archives: out of the lists unless asked for, still readable, no more changes', async () => {
      const inv = await createInvestigation(t, lead.token);
      const r = await addRecommendation(t, lead.token, inv.id);
      await postTo(r.id, 'archive', { reason: 'duplicate' }, 1, lead.token).expect(200);
      const list = (all: boolean) => t.http().get(`/api/investigations/${inv.id}/recommendations`).query(all ? { includeArchived: 'true' } : {})
        .set(bearer(lead.token)).then((res) => res.body.total);
      expect(await list(false)).toBe(0);
      expect(await list(true)).toBe(1);
      await postTo(r.id, 'response', { responseStatus: 'accepted', responseText: 'x', respondedOn: '2022-03-01' }, 2).expect(409);
      expect(await audit(r.id, 'recommendation.archived')).toHaveLength(1);
    });
  });
});
