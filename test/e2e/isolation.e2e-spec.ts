import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Complaint } from '../../src/complaints/complaint.entity.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { EvidenceNote } from '../../src/investigations/evidence-note.entity.js';
import { Role } from '../../src/common/auth/role.js';
import {
  addTeamMember, createComplaint, createInvestigation, createOfficer, getInvestigation, insertAllegation, insertSubject,
} from '../support/factories.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

interface Route {
  /** As the OpenAPI document names it, e.g. 'InvestigationsController_get'. */
  operationId: string;
  method: Method;
  path: string;
  body?: object;
  ifMatch?: boolean;
  /** What the 404 must say: the record asked for, exactly as for a record that does not exist. */
  notFound: 'investigation' | 'complaint';
}

describe('isolation', () => {
  let t: TestApp;
  let owner: { id: string; username: string; token: string };
  let member: { id: string; username: string; token: string };
  let outsider: { id: string; username: string; token: string };
  let analyst: string;
  let analystId: string;
  let reviewer: string;
  let caseOfOwner: Record<string, any>;
  let complaintOfOwner: Record<string, any>;
  let officer: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.newUser([Role.Investigator]);
    member = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    ({ id: analystId, token: analyst } = await t.newUser([Role.Analyst]));
    reviewer = await t.tokenFor(Role.Reviewer);
    caseOfOwner = await createInvestigation(t, owner.token, { title: 'Owner only', operation: 'Operation Isolation' });
    await addTeamMember(t, owner.token, caseOfOwner.id, member.id);
    complaintOfOwner = await createComplaint(t, owner.token, { investigationId: caseOfOwner.id });
    await t.http().post(`/api/investigations/${caseOfOwner.id}/evidence-notes`).set(bearer(owner.token))
      .send({ notedOn: '2020-01-01', text: 'owner note' }).expect(201);
    officer = await createOfficer(t, owner.token, { familyName: 'Isolated' });
    const subject = await insertSubject(t, { investigationId: caseOfOwner.id, officerId: officer.id });
    await insertAllegation(t, subject);
  });
  afterAll(async () => { await t.close(); });

  describe('a second investigator on the first one\'s case', () => {
    /** Every case-scoped route of investigations and complaints, with a body that would otherwise succeed. */
    const routes = (): Route[] => {
      const inv = `/api/investigations/${caseOfOwner.id}`;
      const cmp = `/api/complaints/${complaintOfOwner.id}`;
      return [
        { operationId: 'InvestigationsController_get', method: 'get', path: inv, notFound: 'investigation' },
        { operationId: 'InvestigationsController_update', method: 'patch', path: inv, body: { title: 'taken over' }, ifMatch: true, notFound: 'investigation' },
        { operationId: 'InvestigationsController_archive', method: 'post', path: `${inv}/archive`, body: { reason: 'hiding it' }, ifMatch: true, notFound: 'investigation' },
        { operationId: 'InvestigationsController_transition', method: 'post', path: `${inv}/transitions`, body: { to: 'investigating', reason: 'mine now' }, ifMatch: true, notFound: 'investigation' },
        { operationId: 'InvestigationsController_addTeamMember', method: 'post', path: `${inv}/team`, body: { userId: outsider.id }, notFound: 'investigation' },
        { operationId: 'InvestigationsController_removeTeamMember', method: 'delete', path: `${inv}/team/${member.id}`, notFound: 'investigation' },
        { operationId: 'InvestigationsController_addEvidenceNote', method: 'post', path: `${inv}/evidence-notes`, body: { notedOn: '2021-01-01', text: 'planted' }, notFound: 'investigation' },
        { operationId: 'InvestigationsController_listEvidenceNotes', method: 'get', path: `${inv}/evidence-notes`, notFound: 'investigation' },
        { operationId: 'ComplaintsController_get', method: 'get', path: cmp, notFound: 'complaint' },
        { operationId: 'ComplaintsController_update', method: 'patch', path: cmp, body: { summary: 'rewritten' }, ifMatch: true, notFound: 'complaint' },
        { operationId: 'ComplaintsController_archive', method: 'post', path: `${cmp}/archive`, body: { reason: 'hiding it' }, ifMatch: true, notFound: 'complaint' },
      ];
    };

    const call = (route: Route, token: string, path = route.path) => {
      const req = t.http()[route.method](path).set(bearer(token));
      if (route.ifMatch) req.set('If-Match', '"1"');
      return route.body ? req.send(route.body) : req;
    };

    it('covers every case-scoped route of investigations and complaints in the OpenAPI document', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { operationId: string }>> };
      const scoped = Object.entries(doc.paths).flatMap(([path, ops]) => Object.values(ops)
        .filter((op) => /^(Investigations|Complaints)Controller_/.test(op.operationId) && path.includes('{id}'))
        .map((op) => op.operationId));
      expect(routes().map((r) => r.operationId).sort()).toEqual([...new Set(scoped)].sort());
    });

    it('answers every one of those routes 404, exactly as for a record that does not exist, and writes nothing', async () => {
      const auditBefore = await t.dataSource.getRepository(AuditEvent).count();
      for (const route of routes()) {
        const res = await call(route, outsider.token);
        expect({ route: route.operationId, status: res.status }).toEqual({ route: route.operationId, status: 404 });
        const realId = route.notFound === 'investigation' ? caseOfOwner.id : complaintOfOwner.id;
        expect(res.body.message).toBe(`${route.notFound} ${realId} not found`);

        const missingId = randomUUID();
        const ghost = await call(route, outsider.token, route.path.replace(realId, missingId));
        expect(ghost.status).toBe(404);
        expect(ghost.body).toEqual({ ...res.body, message: `${route.notFound} ${missingId} not found` });
      }
      expect(await t.dataSource.getRepository(AuditEvent).count()).toBe(auditBefore);
      const now = await getInvestigation(t, owner.token, caseOfOwner.id);
      expect(now).toMatchObject({ version: caseOfOwner.version, title: 'Owner only', status: 'open', archivedAt: null });
      expect(now.team.map((m: { userId: string }) => m.userId).sort()).toEqual([owner.id, member.id].sort());
      expect(await t.dataSource.getRepository(EvidenceNote).countBy({ investigationId: caseOfOwner.id })).toBe(1);
      expect(await t.dataSource.getRepository(Complaint).findOneByOrFail({ id: complaintOfOwner.id }))
        .toMatchObject({ version: 1, summary: complaintOfOwner.summary, archivedAt: null });
    });

    it('lets a team member of the case through the same read routes (the test can fail)', async () => {
      for (const route of routes().filter((r) => r.method === 'get')) {
        expect({ route: route.operationId, status: (await call(route, member.token)).status }).toEqual({ route: route.operationId, status: 200 });
      }
    });

    it('shows nothing of the case in any list or search', async () => {
      const lists = [
        '/api/investigations', `/api/investigations?q=${caseOfOwner.reference}`, '/api/investigations?q=owner%20only',
        `/api/investigations?officerId=${officer.id}`, `/api/investigations?leadInvestigatorId=${owner.id}`,
        '/api/investigations?operation=Operation%20Isolation&includeArchived=true',
        '/api/complaints?includeArchived=true', `/api/complaints?investigationId=${caseOfOwner.id}`, `/api/complaints?q=${complaintOfOwner.reference}`,
      ];
      for (const path of lists) {
        const res = await t.http().get(path).set(bearer(outsider.token)).expect(200);
        expect({ path, total: res.body.total }).toEqual({ path, total: 0 });
      }
      const cases = await t.http().get(`/api/officers/${officer.id}/cases`).set(bearer(outsider.token)).expect(200);
      expect(cases.body).toMatchObject({ total: 0, items: [] });
      const ownerView = await t.http().get(`/api/officers/${officer.id}/cases`).set(bearer(owner.token)).expect(200);
      expect(ownerView.body.total).toBe(1);
    });

    it('cannot link a complaint to the case, new or existing (404)', async () => {
      const res = await t.http().post('/api/complaints').set(bearer(outsider.token))
        .send({ receivedOn: '2024-01-01', channel: 'public_complaint', complainant: { anonymous: true }, investigationId: caseOfOwner.id })
        .expect(404);
      expect(res.body.message).toBe(`investigation ${caseOfOwner.id} not found`);
      const own = await createComplaint(t, outsider.token);
      await t.http().patch(`/api/complaints/${own.id}`).set(bearer(outsider.token)).set('If-Match', '"1"')
        .send({ investigationId: caseOfOwner.id }).expect(404);
    });

    it('cannot name someone else lead to reach a case (the case then is not theirs either)', async () => {
      const opened = await t.http().post('/api/investigations').set(bearer(outsider.token))
        .send({ title: 'For the owner', mode: 'local', origin: 'referral', leadInvestigatorId: owner.id }).expect(201);
      // The opener stays on the team of the case they opened, and sees only that one.
      const list = await t.http().get('/api/investigations').set(bearer(outsider.token)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([opened.body.id]);
    });
  });

  describe('an analyst and complainant personal data', () => {
    const marker = `MARKER${randomUUID().replace(/-/g, '')}`;
    let complaints: Record<string, any>[];

    beforeAll(async () => {
      complaints = [
        await createComplaint(t, owner.token, {
          investigationId: caseOfOwner.id, complainant: { anonymous: false, name: `Name ${marker}`, contact: `${marker}@example.test` },
        }),
        await createComplaint(t, outsider.token, { complainant: { anonymous: false, name: marker, contact: `tel ${marker}` } }),
      ];
      // Imported complainant attributes are personal data too.
      await t.app.get(UnitOfWork).run((em) => em.update(Complaint, { id: complaints[1].id }, { complainantAttributes: { ethnicity: marker } }));
      await t.http().post(`/api/complaints/${complaints[1].id}/archive`).set(bearer(outsider.token)).set('If-Match', '"1"')
        .send({ reason: 'archived, still personal data' }).expect(200);
    });

    /** Every GET route under /api/officers, /api/complaints and /api/investigations, with ids filled in. */
    async function analystGetPaths(): Promise<string[]> {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const ids: Record<string, string> = { officers: officer.id, complaints: complaints[0].id, investigations: caseOfOwner.id };
      const paths = Object.entries(doc.paths)
        .filter(([path, ops]) => 'get' in ops && /^\/api\/(officers|complaints|investigations)(\/|$)/.test(path))
        .flatMap(([path]) => {
          const collection = path.split('/')[2];
          // The first path parameter under a collection is that collection's record (however the route names it).
          const filled = path.replace(/\{[^}]+\}/, ids[collection]);
          if (/\{[^}]+\}/.test(filled)) return [];
          // Complaint routes are read for both complaints (one of them archived, with imported attributes).
          return collection === 'complaints' && filled !== path ? [filled, filled.replace(complaints[0].id, complaints[1].id)] : [filled];
        });
      const listVariants = [
        '/api/complaints?includeArchived=true&limit=100', `/api/complaints?q=${complaints[0].reference}`,
        `/api/complaints?investigationId=${caseOfOwner.id}`, '/api/investigations?includeArchived=true&limit=100',
        `/api/officers?q=isolated`,
      ];
      return [...paths, ...listVariants];
    }

    it('never appears in any analyst response body', async () => {
      const paths = await analystGetPaths();
      // The routes this engineer owns must be among them and answer 200.
      const mustAnswer = [
        '/api/complaints', `/api/complaints/${complaints[0].id}`, `/api/complaints/${complaints[1].id}`, '/api/investigations',
        `/api/investigations/${caseOfOwner.id}`, `/api/investigations/${caseOfOwner.id}/evidence-notes`,
        '/api/officers', `/api/officers/${officer.id}`, `/api/officers/${officer.id}/cases`,
      ];
      expect(paths).toEqual(expect.arrayContaining(mustAnswer));
      const analystReads = () => t.dataSource.getRepository(AuditEvent).countBy({ action: 'complaint.personal_data_read', actorId: analystId });
      for (const path of paths) {
        const res = await t.http().get(path).set(bearer(analyst));
        if (mustAnswer.includes(path)) expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect({ path, leaked: res.text.includes(marker) }).toEqual({ path, leaked: false });
        expect({ path, leaked: JSON.stringify(res.headers).includes(marker) }).toEqual({ path, leaked: false });
      }
      expect(await analystReads()).toBe(0);
    });

    it('does reach a reviewer through the same routes (so the search above can fail)', async () => {
      for (const complaint of complaints) {
        const res = await t.http().get(`/api/complaints/${complaint.id}`).set(bearer(reviewer)).expect(200);
        expect(res.text).toContain(marker);
      }
      const list = await t.http().get('/api/complaints?includeArchived=true&limit=100').set(bearer(reviewer)).expect(200);
      expect(list.text).toContain(marker);
    });
  });
  describe('who may call what', () => {
    type Who = 'investigator' | 'reviewer' | 'analyst' | 'admin';
    const WHO: Who[] = ['investigator', 'reviewer', 'analyst', 'admin'];

    /** Fresh records for one call, all belonging to the investigator `owner` (so writes do not interfere). */
    async function fixture() {
      const inv = await createInvestigation(t, owner.token);
      await addTeamMember(t, owner.token, inv.id, member.id);
      const complaint = await createComplaint(t, owner.token, { investigationId: inv.id });
      const someone = await createOfficer(t, owner.token);
      return { inv: inv.id, complaint: complaint.id, officer: someone.id };
    }
    type Ids = Awaited<ReturnType<typeof fixture>>;

    const ROUTES: Array<{ operationId: string; method: Method; path: (ids: Ids) => string; body?: (ids: Ids) => object; ifMatch?: boolean; allowed: Who[] }> = [
      { operationId: 'OfficersController_create', method: 'post', path: () => '/api/officers', body: () => ({ force: 'F', serviceNumber: randomUUID(), givenName: 'G', familyName: 'F' }), allowed: ['investigator'] },
      { operationId: 'OfficersController_list', method: 'get', path: () => '/api/officers', allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'OfficersController_get', method: 'get', path: (i) => `/api/officers/${i.officer}`, allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'OfficersController_cases', method: 'get', path: (i) => `/api/officers/${i.officer}/cases`, allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'OfficersController_update', method: 'patch', path: (i) => `/api/officers/${i.officer}`, body: () => ({ rank: 'PS' }), ifMatch: true, allowed: ['investigator', 'reviewer'] },
      { operationId: 'OfficersController_archive', method: 'post', path: (i) => `/api/officers/${i.officer}/archive`, body: () => ({ reason: 'test' }), ifMatch: true, allowed: ['investigator', 'reviewer'] },
      { operationId: 'InvestigationsController_open', method: 'post', path: () => '/api/investigations', body: () => ({ title: 'T', mode: 'local', origin: 'referral' }), allowed: ['investigator'] },
      { operationId: 'InvestigationsController_list', method: 'get', path: () => '/api/investigations', allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'InvestigationsController_get', method: 'get', path: (i) => `/api/investigations/${i.inv}`, allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'InvestigationsController_update', method: 'patch', path: (i) => `/api/investigations/${i.inv}`, body: () => ({ title: 'New' }), ifMatch: true, allowed: ['investigator', 'reviewer'] },
      { operationId: 'InvestigationsController_archive', method: 'post', path: (i) => `/api/investigations/${i.inv}/archive`, body: () => ({ reason: 'test' }), ifMatch: true, allowed: ['investigator', 'reviewer'] },
      { operationId: 'InvestigationsController_transition', method: 'post', path: (i) => `/api/investigations/${i.inv}/transitions`, body: () => ({ to: 'investigating', reason: 'test' }), ifMatch: true, allowed: ['investigator', 'reviewer'] },
      { operationId: 'InvestigationsController_addTeamMember', method: 'post', path: (i) => `/api/investigations/${i.inv}/team`, body: () => ({ userId: outsider.id }), allowed: ['investigator', 'reviewer'] },
      { operationId: 'InvestigationsController_removeTeamMember', method: 'delete', path: (i) => `/api/investigations/${i.inv}/team/${member.id}`, allowed: ['investigator', 'reviewer'] },
      { operationId: 'InvestigationsController_addEvidenceNote', method: 'post', path: (i) => `/api/investigations/${i.inv}/evidence-notes`, body: () => ({ notedOn: '2020-01-01', text: 'n' }), allowed: ['investigator'] },
      { operationId: 'InvestigationsController_listEvidenceNotes', method: 'get', path: (i) => `/api/investigations/${i.inv}/evidence-notes`, allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'ComplaintsController_create', method: 'post', path: () => '/api/complaints', body: () => ({ receivedOn: '2024-01-01', channel: 'public_complaint', complainant: { anonymous: true } }), allowed: ['investigator'] },
      { operationId: 'ComplaintsController_list', method: 'get', path: () => '/api/complaints', allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'ComplaintsController_get', method: 'get', path: (i) => `/api/complaints/${i.complaint}`, allowed: ['investigator', 'reviewer', 'analyst'] },
      { operationId: 'ComplaintsController_update', method: 'patch', path: (i) => `/api/complaints/${i.complaint}`, body: () => ({ summary: 'x' }), ifMatch: true, allowed: ['investigator', 'reviewer'] },
      { operationId: 'ComplaintsController_archive', method: 'post', path: (i) => `/api/complaints/${i.complaint}/archive`, body: () => ({ reason: 'test' }), ifMatch: true, allowed: ['investigator', 'reviewer'] },
    ];

    const tokens = async (): Promise<Record<Who, string>> =>
      ({ investigator: owner.token, reviewer, analyst, admin: await t.tokenFor(Role.Admin) });

    it('covers every route of the officers, investigations and complaints controllers, with the roles the document declares', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { operationId: string; 'x-roles'?: string[] }>>;
      };
      const declared = new Map(Object.values(doc.paths).flatMap((ops) => Object.values(ops))
        .filter((op) => /^(Officers|Investigations|Complaints)Controller_/.test(op.operationId))
        .map((op) => [op.operationId, [...(op['x-roles'] ?? [])].sort()]));
      expect(ROUTES.map((r) => r.operationId).sort()).toEqual([...declared.keys()].sort());
      for (const route of ROUTES) expect({ op: route.operationId, roles: declared.get(route.operationId) }).toEqual({ op: route.operationId, roles: [...route.allowed].sort() });
    });

    it.each(ROUTES.flatMap((route) => WHO.map((who) => ({ ...route, who, ok: route.allowed.includes(who) }))))(
      '$operationId as $who → allowed: $ok',
      async ({ method, path, body, ifMatch, who, ok }) => {
        const ids = await fixture();
        const req = t.http()[method](path(ids)).set(bearer((await tokens())[who]));
        if (ifMatch) req.set('If-Match', '"1"');
        const res = await (body ? req.send(body(ids)) : req);
        if (ok) expect([200, 201]).toContain(res.status);
        else expect(res.status).toBe(403);
      },
    );
  });
});
