import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import {
  createInvestigation, createOfficer, insertAllegation, insertBarredListEntry, insertOutcome, insertSubject, officerInput,
} from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('officers', () => {
  let t: TestApp;
  let investigator: string;
  let reviewer: string;
  let analyst: string;
  let admin: string;

  const audit = (entityId: string, action?: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { entityId, ...(action ? { action } : {}) }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    t = await createTestApp();
    investigator = await t.tokenFor(Role.Investigator);
    reviewer = await t.tokenFor(Role.Reviewer);
    analyst = await t.tokenFor(Role.Analyst);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
  });
  afterAll(async () => { await t.close(); });

  describe('create', () => {
    it('lets an investigator register an officer, with an ETag and an audit event', async () => {
      const body = officerInput({ givenName: 'Ada', familyName: 'Lovelace', joinedOn: '2010-09-01' });
      const res = await t.http().post('/api/officers').set(bearer(investigator)).send(body).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ ...body, version: 1, leftOn: null, archivedAt: null, sourceAttributes: null });
      const [event] = await audit(res.body.id, 'officer.created');
      expect(event.entityType).toBe('officer');
      expect(event.changes).toMatchObject({ familyName: { before: null, after: 'Lovelace' }, serviceNumber: { after: body.serviceNumber } });
    });

    it('defaults the employment status to serving', async () => {
      const { employmentStatus: _, ...body } = officerInput();
      const res = await t.http().post('/api/officers').set(bearer(investigator)).send(body).expect(201);
      expect(res.body.employmentStatus).toBe('serving');
    });

    it.each([
      ['reviewer', () => reviewer],
      ['analyst', () => analyst],
      ['admin', () => admin],
    ])('refuses the %s role (403)', async (_role, token) => {
      await t.http().post('/api/officers').set(bearer(token())).send(officerInput()).expect(403);
    });

    it('refuses a second officer with the same service number in the same force (409), writing nothing', async () => {
      const first = await createOfficer(t, investigator, { force: 'Kent Police', serviceNumber: 'K-1001' });
      const before = await t.dataSource.getRepository(AuditEvent).count();
      const res = await t.http().post('/api/officers').set(bearer(investigator))
        .send(officerInput({ force: 'Kent Police', serviceNumber: 'K-1001' })).expect(409);
      expect(res.body.message).toBe('service number K-1001 is already held by an officer of Kent Police');
      expect(await t.dataSource.getRepository(AuditEvent).count()).toBe(before);
      const list = await t.http().get('/api/officers?force=Kent%20Police').set(bearer(investigator)).expect(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([first.id]);
    });

    it('allows the same service number in another force', async () => {
      await createOfficer(t, investigator, { force: 'Essex Police', serviceNumber: 'X-77' });
      await t.http().post('/api/officers').set(bearer(investigator)).send(officerInput({ force: 'Surrey Police', serviceNumber: 'X-77' })).expect(201);
    });

    it('answers 400 naming each bad field', async () => {
      const res = await t.http().post('/api/officers').set(bearer(investigator))
        .send({ ...officerInput({ employmentStatus: 'sacked', joinedOn: '2019-02-30' }), familyName: undefined, shoeSize: 9 })
        .expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['familyName', 'employmentStatus', 'joinedOn', 'shoeSize']));
    });

    it('refuses leaving before joining (422, the rule in words)', async () => {
      const res = await t.http().post('/api/officers').set(bearer(investigator))
        .send(officerInput({ joinedOn: '2015-01-01', leftOn: '2014-12-31' })).expect(422);
      expect(res.body.message).toBe('an officer cannot leave before joining: leftOn 2014-12-31 is before joinedOn 2015-01-01');
    });
  });

  describe('list and read', () => {
    const force = `Force ${randomUUID().slice(0, 6)}`;
    let smith: Record<string, any>;
    let jones: Record<string, any>;
    let brown: Record<string, any>;

    beforeAll(async () => {
      smith = await createOfficer(t, investigator, {
        force, serviceNumber: 'MPS-100', givenName: 'Jane', familyName: 'Smith', rank: 'PS', unit: 'CID', station: 'Charing Cross',
      });
      jones = await createOfficer(t, investigator, {
        force, serviceNumber: 'MPS-200', givenName: 'Tom', familyName: 'Jones', rank: 'PC', unit: 'Response', station: 'Charing Cross',
        employmentStatus: 'resigned', leftOn: '2020-01-31',
      });
      brown = await createOfficer(t, investigator, {
        force, serviceNumber: 'MPS-300', givenName: 'Amy', familyName: 'Brown', rank: 'PC', unit: 'Response', station: 'Brixton',
      });
    });

    const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((o) => o.id);
    const list = (query: string, token = analyst) => t.http().get(`/api/officers?force=${encodeURIComponent(force)}&${query}`).set(bearer(token)).expect(200);

    it.each([
      ['investigator', () => investigator],
      ['reviewer', () => reviewer],
      ['analyst', () => analyst],
    ])('lets the %s role list and read officers', async (_role, token) => {
      const res = await list('', token());
      expect(res.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      const one = await t.http().get(`/api/officers/${smith.id}`).set(bearer(token())).expect(200);
      expect(one.headers.etag).toBe('"1"');
      expect(one.body).toEqual(smith);
    });

    it('refuses an admin without a case role (403)', async () => {
      await t.http().get('/api/officers').set(bearer(admin)).expect(403);
      await t.http().get(`/api/officers/${smith.id}`).set(bearer(admin)).expect(403);
    });

    it('sorts by family name by default, and by a whitelisted field either way', async () => {
      expect(ids(await list(''))).toEqual([brown.id, jones.id, smith.id]);
      expect(ids(await list('sort=-serviceNumber'))).toEqual([brown.id, jones.id, smith.id]);
      expect(ids(await list('sort=givenName'))).toEqual([brown.id, smith.id, jones.id]);
      const bad = await t.http().get('/api/officers?sort=passwordHash').set(bearer(analyst)).expect(400);
      expect(bad.body.details[0].field).toBe('sort');
    });

    it.each([
      ['station=Charing%20Cross', () => [jones.id, smith.id]],
      ['unit=Response', () => [brown.id, jones.id]],
      ['rank=PS', () => [smith.id]],
      ['employmentStatus=resigned', () => [jones.id]],
      ['q=smi', () => [smith.id]],
      ['q=JANE%20SMITH', () => [smith.id]],
      ['q=mps-2', () => [jones.id]],
      ['q=a', () => [brown.id, smith.id]],
      ['q=100%25', () => []],
    ])('filters with %s', async (query, expected) => {
      expect(ids(await list(query))).toEqual(expected());
    });

    it('pages with limit and offset and reports the total', async () => {
      const res = await list('limit=2&offset=1');
      expect(res.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(ids(res)).toEqual([jones.id, smith.id]);
      await t.http().get('/api/officers?limit=101').set(bearer(analyst)).expect(400);
      await t.http().get('/api/officers?offset=-1').set(bearer(analyst)).expect(400);
    });

    it('answers 404 for an unknown officer and 400 naming a malformed id', async () => {
      const missing = randomUUID();
      const res = await t.http().get(`/api/officers/${missing}`).set(bearer(analyst)).expect(404);
      expect(res.body.message).toBe(`officer ${missing} not found`);
      const bad = await t.http().get('/api/officers/not-a-uuid').set(bearer(analyst)).expect(400);
      expect(bad.body.message).toBe('id must be a UUID');
    });
  });

  describe('update', () => {
    it.each([
      ['investigator', () => investigator],
      ['reviewer', () => reviewer],
    ])('lets the %s role change an officer with If-Match, audited with before and after', async (_role, token) => {
      const officer = await createOfficer(t, investigator, { rank: 'PC' });
      const res = await t.http().patch(`/api/officers/${officer.id}`).set(bearer(token())).set('If-Match', '"1"')
        .send({ rank: 'PS', station: null }).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ rank: 'PS', station: null, version: 2 });
      const [event] = await audit(officer.id, 'officer.updated');
      expect(event.changes).toEqual({ rank: { before: 'PC', after: 'PS' }, station: { before: 'Charing Cross', after: null } });
    });

    it('refuses an analyst (403)', async () => {
      const officer = await createOfficer(t, investigator);
      await t.http().patch(`/api/officers/${officer.id}`).set(bearer(analyst)).set('If-Match', '"1"').send({ rank: 'PS' }).expect(403);
    });

    it('requires If-Match (428)', async () => {
      const officer = await createOfficer(t, investigator);
      await t.http().patch(`/api/officers/${officer.id}`).set(bearer(investigator)).send({ rank: 'PS' }).expect(428);
    });

    it('refuses a stale version with 412 and the current version, writing nothing', async () => {
      const officer = await createOfficer(t, investigator, { rank: 'PC' });
      await t.http().patch(`/api/officers/${officer.id}`).set(bearer(investigator)).set('If-Match', '"1"').send({ rank: 'PS' }).expect(200);
      const res = await t.http().patch(`/api/officers/${officer.id}`).set(bearer(investigator)).set('If-Match', '"1"')
        .send({ rank: 'Insp' }).expect(412);
      expect(res.body.details).toEqual({ currentVersion: 2 });
      expect(res.body.message).toContain('the current version is 2');
      const now = await t.http().get(`/api/officers/${officer.id}`).set(bearer(investigator)).expect(200);
      expect(now.body).toMatchObject({ rank: 'PS', version: 2 });
      expect(await audit(officer.id, 'officer.updated')).toHaveLength(1);
    });

    it('lets exactly one of two concurrent edits of the same version win; the audit shows one change', async () => {
      const officer = await createOfficer(t, investigator);
      const [a, b] = await Promise.all([
        t.http().patch(`/api/officers/${officer.id}`).set(bearer(investigator)).set('If-Match', '"1"').send({ rank: 'Sgt A' }),
        t.http().patch(`/api/officers/${officer.id}`).set(bearer(reviewer)).set('If-Match', '"1"').send({ rank: 'Sgt B' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const winner = a.status === 200 ? a : b;
      const events = await audit(officer.id, 'officer.updated');
      expect(events).toHaveLength(1);
      expect(events[0].changes?.rank.after).toBe(winner.body.rank);
      const now = await t.http().get(`/api/officers/${officer.id}`).set(bearer(investigator)).expect(200);
      expect(now.body).toMatchObject({ rank: winner.body.rank, version: 2 });
    });

    it('refuses taking a service number already held in the force (409)', async () => {
      await createOfficer(t, investigator, { force: 'Avon and Somerset', serviceNumber: 'AS-1' });
      const other = await createOfficer(t, investigator, { force: 'Avon and Somerset', serviceNumber: 'AS-2' });
      await t.http().patch(`/api/officers/${other.id}`).set(bearer(investigator)).set('If-Match', '"1"').send({ serviceNumber: 'AS-1' }).expect(409);
    });

    it('refuses null for a required field (400 naming it)', async () => {
      const officer = await createOfficer(t, investigator);
      const res = await t.http().patch(`/api/officers/${officer.id}`).set(bearer(investigator)).set('If-Match', '"1"')
        .send({ familyName: null }).expect(400);
      expect(res.body.details[0].field).toBe('familyName');
    });
  });

  describe('archive', () => {
    it('takes the officer out of the default list but keeps it readable, audited with the reason', async () => {
      const officer = await createOfficer(t, investigator, { familyName: 'Archivable' });
      await t.http().post(`/api/officers/${officer.id}/archive`).set(bearer(analyst)).set('If-Match', '"1"').send({ reason: 'duplicate' }).expect(403);
      await t.http().post(`/api/officers/${officer.id}/archive`).set(bearer(investigator)).send({ reason: 'duplicate' }).expect(428);
      const res = await t.http().post(`/api/officers/${officer.id}/archive`).set(bearer(investigator)).set('If-Match', '"1"')
        .send({ reason: 'duplicate record' }).expect(200);
      expect(res.body).toMatchObject({ archiveReason: 'duplicate record', version: 2 });
      expect(res.body.archivedAt).toEqual(expect.any(String));

      const hidden = await t.http().get('/api/officers?q=Archivable').set(bearer(analyst)).expect(200);
      expect(hidden.body.total).toBe(0);
      const shown = await t.http().get('/api/officers?q=Archivable&includeArchived=true').set(bearer(analyst)).expect(200);
      expect(shown.body.items.map((o: { id: string }) => o.id)).toEqual([officer.id]);
      await t.http().get(`/api/officers/${officer.id}`).set(bearer(analyst)).expect(200);

      const [event] = await audit(officer.id, 'officer.archived');
      expect(event.detail).toEqual({ reason: 'duplicate record' });
      await t.http().post(`/api/officers/${officer.id}/archive`).set(bearer(investigator)).set('If-Match', '"2"').send({ reason: 'again' }).expect(409);
      await t.http().patch(`/api/officers/${officer.id}`).set(bearer(investigator)).set('If-Match', '"2"').send({ rank: 'PS' }).expect(409);
    });

    it('needs a reason (400 naming it)', async () => {
      const officer = await createOfficer(t, investigator);
      const res = await t.http().post(`/api/officers/${officer.id}/archive`).set(bearer(investigator)).set('If-Match', '"1"').send({}).expect(400);
      expect(res.body.details[0].field).toBe('reason');
    });
  });

  describe('cases', () => {
    it('lists the investigations the officer was a subject of, with allegations, outcome and barring, limited to those the caller may see', async () => {
      const other = await t.newUser([Role.Investigator]);
      const officer = await createOfficer(t, investigator, { givenName: 'Case', familyName: 'Subject' });
      const mine = await createInvestigation(t, investigator, { title: 'Mine', openedOn: '2021-03-01' });
      const theirs = await createInvestigation(t, other.token, { title: 'Theirs', openedOn: '2022-03-01' });
      const archived = await createInvestigation(t, investigator, { title: 'Unrelated' });

      const s1 = await insertSubject(t, { investigationId: mine.id, officerId: officer.id, rankAtTime: 'PC' });
      await insertAllegation(t, s1, { category: 'sexual_misconduct', severity: 'misconduct', finding: 'proven' });
      await insertAllegation(t, s1, { category: 'other', archivedAt: new Date().toISOString() });
      const s2 = await insertSubject(t, { investigationId: theirs.id, officerId: officer.id, rankAtTime: 'PS' });
      const a2 = await insertAllegation(t, s2, { finding: 'proven' });
      const outcome = await insertOutcome(t, s2);
      const entry = await insertBarredListEntry(t, outcome, officer);
      // An archived subject row is not part of the officer's history.
      await insertSubject(t, { investigationId: archived.id, officerId: officer.id, archivedAt: new Date().toISOString() });

      const own = await t.http().get(`/api/officers/${officer.id}/cases`).set(bearer(investigator)).expect(200);
      expect(own.body).toMatchObject({ total: 1, barred: true, officer: { id: officer.id, familyName: 'Subject' } });
      expect(own.body.items).toEqual([{
        subjectId: s1.id, rankAtTime: 'PC', unitAtTime: null,
        investigation: expect.objectContaining({ id: mine.id, reference: mine.reference, title: 'Mine', status: 'open' }),
        allegations: [expect.objectContaining({ category: 'sexual_misconduct', severity: 'misconduct', finding: 'proven' })],
        outcome: null, barredListEntry: null,
      }]);

      for (const token of [reviewer, analyst]) {
        const all = await t.http().get(`/api/officers/${officer.id}/cases`).set(bearer(token)).expect(200);
        expect(all.body.total).toBe(2);
        expect(all.body.items.map((c: { investigation: { id: string } }) => c.investigation.id)).toEqual([theirs.id, mine.id]);
        expect(all.body.items[0]).toMatchObject({
          allegations: [{ id: a2.id, category: 'discriminatory_behaviour', severity: 'gross_misconduct', finding: 'proven' }],
          outcome: { id: outcome.id, type: 'dismissed', hearingType: 'gross_misconduct_hearing', decidedOn: '2022-01-10' },
          barredListEntry: { id: entry.id, addedOn: '2022-01-10', reviewEligibleOn: '2027-01-10', removedOn: null },
        });
      }

      const paged = await t.http().get(`/api/officers/${officer.id}/cases?limit=1&offset=1`).set(bearer(reviewer)).expect(200);
      expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(paged.body.items[0].investigation.id).toBe(mine.id);
      await t.http().get(`/api/officers/${randomUUID()}/cases`).set(bearer(reviewer)).expect(404);
      await t.http().get(`/api/officers/${officer.id}/cases`).set(bearer(admin)).expect(403);
    });

    it('shows an officer with no cases as not barred', async () => {
      const officer = await createOfficer(t, investigator);
      const res = await t.http().get(`/api/officers/${officer.id}/cases`).set(bearer(analyst)).expect(200);
      expect(res.body).toMatchObject({ barred: false, items: [], total: 0 });
    });
  });
});
