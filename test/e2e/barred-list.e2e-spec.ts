import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role.js';
import { dismissal, provenAllegation, recordOutcome, subjectOnNewCase } from '../support/case-decisions.js';
import { type RecordBody } from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('barred list', () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let outsider: { id: string; token: string };
  let reviewer: string;
  let analyst: string;
  let admin: string;
  const entries: Array<{ officer: RecordBody; outcome: RecordBody; investigation: RecordBody }> = [];

  /** Dismisses (or, for a former officer, finds "would have been dismissed") a new subject. */
  async function bar(officer: Record<string, unknown>, outcome: Record<string, unknown> = {}) {
    const { investigation, officer: o, subject } = await subjectOnNewCase(t, lead.token, { officer });
    await provenAllegation(t, { investigator: lead.token, reviewer }, subject.id);
    const recorded = await recordOutcome(t, reviewer, subject.id, dismissal(outcome));
    entries.push({ officer: o, outcome: recorded, investigation });
    return { officer: o, outcome: recorded, investigation };
  }
  const list = (query: Record<string, string | number | boolean>, token = reviewer) =>
    t.http().get('/api/barred-list').query(query).set(bearer(token)).expect(200).then((r) => r.body);

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    reviewer = await t.tokenFor(Role.Reviewer);
    analyst = await t.tokenFor(Role.Analyst);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
    await bar({ givenName: 'Amelia', familyName: 'Hartley', serviceNumber: 'MPS-4411' }, { decidedOn: '2021-06-01' });
    await bar({ givenName: 'Ben', familyName: 'Okafor', serviceNumber: 'MPS-5120' }, { decidedOn: '2021-07-15' });
    await bar({ givenName: 'Cara', familyName: 'Hart', serviceNumber: 'K-0099', force: 'Kent Police', employmentStatus: 'retired' },
      { type: 'would_have_been_dismissed', decidedOn: '2020-02-29' });
  });
  afterAll(async () => { await t.close(); });

  it('holds an entry per dismissal and would-have-been dismissal, newest first, with the details copied', async () => {
    const body = await list({});
    expect(body.total).toBe(3);
    expect(body.items.map((e: RecordBody) => e.familyName)).toEqual(['Okafor', 'Hartley', 'Hart']);
    const [, hartley, hart] = body.items;
    expect(hartley).toMatchObject({
      givenName: 'Amelia', familyName: 'Hartley', serviceNumber: 'MPS-4411', force: 'Metropolitan Police Service',
      addedOn: '2021-06-01', reviewEligibleOn: '2026-06-01', removedOn: null, officerId: entries[0].officer.id,
      reason: 'Dismissed without notice after a gross misconduct hearing: gross misconduct found proven (improper use of social media or messaging)',
    });
    // Five years on from 29 February is 28 February.
    expect(hart).toMatchObject({ addedOn: '2020-02-29', reviewEligibleOn: '2025-02-28' });
    expect(hart.reason).toMatch(/^Would have been dismissed had they not left the force after a gross misconduct hearing/);
  });

  it.each([
    ['part of a family name, any case', 'HART', ['Hartley', 'Hart']],
    ['a full name', 'ben okafor', ['Okafor']],
    ['a service number', 'mps-4411', ['Hartley']],
    ['a force', 'kent', ['Hart']],
    ['LIKE wildcards, taken literally', '%', []],
    ['something absent', 'Zebedee', []],
  ])('searches by %s', async (_what, q, names) => {
    const body = await list({ q });
    expect(body.items.map((e: RecordBody) => e.familyName)).toEqual(names);
    expect(body.total).toBe(names.length);
  });

  it('pages', async () => {
    const page = await list({ limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.items.map((e: RecordBody) => e.familyName)).toEqual(['Hart']);
    await t.http().get('/api/barred-list?limit=101').set(bearer(reviewer)).expect(400);
  });

  it('keeps the name as it was when barred, whatever later happens to the officer record', async () => {
    const { officer } = entries[1];
    await t.http().patch(`/api/officers/${officer.id}`).set(bearer(reviewer)).set('If-Match', `"${(await t.http().get(`/api/officers/${officer.id}`).set(bearer(reviewer))).body.version}"`)
      .send({ familyName: 'Okafor-Renamed' }).expect(200);
    expect((await list({ q: 'okafor' })).items[0].familyName).toBe('Okafor');
  });

  it('lets every case role read the list and an entry; admins may not (403)', async () => {
    const id = (await list({})).items[0].id;
    for (const token of [lead.token, outsider.token, reviewer, analyst]) {
      expect((await list({}, token)).total).toBe(3);
      await t.http().get(`/api/barred-list/${id}`).set(bearer(token)).expect(200);
    }
    await t.http().get('/api/barred-list').set(bearer(admin)).expect(403);
    await t.http().get(`/api/barred-list/${id}`).set(bearer(admin)).expect(403);
  });

  it('shows which case an entry came from only to those who may see that case', async () => {
    const { investigation, outcome } = entries[0];
    const entryId = outcome.barredListEntryId;
    for (const token of [lead.token, reviewer, analyst]) {
      const res = await t.http().get(`/api/barred-list/${entryId}`).set(bearer(token)).expect(200);
      expect(res.body.case).toEqual({ id: investigation.id, reference: investigation.reference, outcomeId: outcome.id });
    }
    const hidden = await t.http().get(`/api/barred-list/${entryId}`).set(bearer(outsider.token)).expect(200);
    expect(hidden.body.case).toBeNull();
    expect(JSON.stringify(hidden.body)).not.toContain(investigation.id);
    expect(JSON.stringify(hidden.body)).not.toContain(investigation.reference);
    expect((await list({}, outsider.token)).items.every((e: { case: unknown }) => e.case === null)).toBe(true);
  });

  it('answers 404 for an entry that does not exist, 400 for a malformed id', async () => {
    const id = randomUUID();
    const res = await t.http().get(`/api/barred-list/${id}`).set(bearer(reviewer)).expect(404);
    expect(res.body.message).toBe(`barred list entry ${id} not found`);
    await t.http().get('/api/barred-list/not-an-id').set(bearer(reviewer)).expect(400);
  });
});
