import { Like, Not } from 'typeorm';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import {
  addAllegation, addRecommendation, provenAllegation, recordOutcome, subjectOnNewCase,
} from '../support/case-decisions.js';
import { createComplaint, createInvestigation, createOfficer, type RecordBody } from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * PATCH with `null`: a field that creation requires cannot be erased (400 naming the field,
 * nothing written, nothing audited); a field that is optional and nullable at creation can
 * be cleared.
 */
describe('null in a PATCH body', () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let reviewer: { id: string; token: string };
  let admin: string;
  const records: Record<string, RecordBody> = {};

  interface Target {
    /** The table the record lives in, and the path that changes it. */
    table: string;
    path: (id: string) => string;
    token: () => string;
    /** Sends If-Match (every route but users). */
    versioned: boolean;
  }
  const targets: Record<string, Target> = {
    user: { table: 'users', path: (id) => `/api/users/${id}`, token: () => admin, versioned: false },
    recommendation: { table: 'recommendations', path: (id) => `/api/recommendations/${id}`, token: () => lead.token, versioned: true },
    allegation: { table: 'allegations', path: (id) => `/api/allegations/${id}`, token: () => lead.token, versioned: true },
    officer: { table: 'officers', path: (id) => `/api/officers/${id}`, token: () => lead.token, versioned: true },
    investigation: { table: 'investigations', path: (id) => `/api/investigations/${id}`, token: () => lead.token, versioned: true },
    complaint: { table: 'complaints', path: (id) => `/api/complaints/${id}`, token: () => lead.token, versioned: true },
    subject: { table: 'subjects', path: (id) => `/api/subjects/${id}`, token: () => lead.token, versioned: true },
    outcome: { table: 'outcomes', path: (id) => `/api/outcomes/${id}`, token: () => reviewer.token, versioned: true },
  };

  const row = async (kind: string) => {
    const [stored] = await t.sql(`SELECT * FROM ${targets[kind].table} WHERE id = ?`, [records[kind].id]);
    return stored as Record<string, unknown>;
  };
  /** Events that record a change (showing a complainant's details is logged too, as a read). */
  const auditCount = (kind: string) =>
    t.dataSource.getRepository(AuditEvent).countBy({ entityId: records[kind].id, action: Not(Like('%.personal_data_read')) });
  const patch = async (kind: string, body: object) => {
    const target = targets[kind];
    const req = t.http().patch(target.path(records[kind].id)).set(bearer(target.token()));
    if (target.versioned) req.set('If-Match', `"${(await row(kind)).version}"`);
    return req.send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    reviewer = await t.newUser([Role.Reviewer]);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;

    records.user = (await t.http().post('/api/users').set(bearer(admin))
      .send({ username: `null-${Date.now().toString(36)}`, displayName: 'Null Test', roles: ['analyst'], password: 'a-long-test-password' })
      .expect(201)).body;
    const { investigation, subject } = await subjectOnNewCase(t, lead.token);
    records.recommendation = await addRecommendation(t, lead.token, investigation.id);
    records.allegation = await addAllegation(t, lead.token, subject.id);
    records.officer = await createOfficer(t, lead.token, { rank: 'PC', unit: 'Territorial Support Group' });
    records.investigation = await createInvestigation(t, lead.token, { summary: 'To be cleared.' });
    records.complaint = await createComplaint(t, lead.token, { summary: 'To be cleared.' });
    records.subject = subject;
    const decided = await subjectOnNewCase(t, lead.token);
    await provenAllegation(t, { investigator: lead.token, reviewer: reviewer.token }, decided.subject.id);
    records.outcome = await recordOutcome(t, reviewer.token, decided.subject.id,
      { type: 'no_further_action', decidedOn: '2022-01-10', regime: '2020', rationale: 'To be cleared.' });
  });
  afterAll(async () => { await t.close(); });

  it.each([
    ['user', 'displayName'], ['user', 'active'], ['user', 'roles'],
    ['recommendation', 'recipient'], ['recommendation', 'text'],
    ['allegation', 'category'], ['allegation', 'severity'], ['allegation', 'detail'], ['allegation', 'standard'],
    ['officer', 'givenName'], ['officer', 'employmentStatus'],
    ['investigation', 'title'], ['investigation', 'mode'],
    ['complaint', 'channel'], ['complaint', 'complainant'],
    ['outcome', 'type'], ['outcome', 'decidedOn'], ['outcome', 'regime'],
  ])('refuses null for the %s field required at creation, %s (400 naming it), writing nothing', async (kind, field) => {
    const before = await row(kind);
    const events = await auditCount(kind);
    const res = await patch(kind, { [field]: null });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await row(kind)).toEqual(before);
    expect(await auditCount(kind)).toBe(events);
  });

  it.each([
    ['allegation', 'allegedOn'],
    ['officer', 'rank'],
    ['investigation', 'summary'],
    ['complaint', 'summary'],
    ['subject', 'unitAtTime'],
    ['outcome', 'rationale'],
  ])('clears the %s field that is optional at creation, %s, with null (audited)', async (kind, field) => {
    const before = await row(kind);
    const events = await auditCount(kind);
    const res = await patch(kind, { [field]: null });
    expect(res.status).toBe(200);
    expect(res.body[field]).toBeNull();
    expect(res.body.version).toBe(Number(before.version) + 1);
    expect(await auditCount(kind)).toBe(events + 1);
  });
});
