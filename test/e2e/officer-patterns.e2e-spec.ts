import { Role } from '../../src/common/auth/role.js';
import { buildReportWorld, COMPLAINANT_MARKER, ReportFixtures } from '../support/report-fixtures.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Officer patterns over the world in report-fixtures.ts: GET /api/officers/:id/profile,
 * GET /api/officers/:id/coaccused and GET /api/reports/officers (early intervention). Every
 * expected figure is counted by hand from that world's table.
 */
const ZERO_CATEGORIES = {
  discriminatory_behaviour: 0, sexual_misconduct: 0, bullying_or_harassment: 0, violence_or_abuse: 0,
  dishonesty_or_perverting_justice: 0, improper_use_of_social_media_or_messaging: 0, abuse_of_position: 0,
  use_of_force: 0, discourtesy_or_offensive_language: 0, failure_to_challenge_or_report: 0, other: 0,
};
const ZERO_FINDINGS = { pending: 0, proven: 0, not_proven: 0, exonerated: 0, unfounded: 0, withdrawn: 0 };
const ZERO_TYPES = { dismissed: 0, would_have_been_dismissed: 0, resigned: 0, retired: 0, disciplined: 0, learning: 0, no_further_action: 0 };
const PSEUDONYM = /^OFF-[0-9a-f]{16}$/;

type World = Awaited<ReturnType<typeof buildReportWorld>>;

describe('reports: officer patterns', () => {
  let t: TestApp;
  let analyst: string;
  let leadA: { id: string; token: string };
  let leadB: { id: string; token: string };
  let world: World;
  const bodies: string[] = [];

  const get = async (path: string, query: Record<string, string | number | boolean> = {}, token = analyst) => {
    const res = await t.http().get(path).query(query).set(bearer(token));
    bodies.push(res.text);
    return res;
  };
  const ref = (o: World['officers']['O1']) => ({
    id: o.id, name: `${o.givenName} ${o.familyName}`, serviceNumber: o.serviceNumber, force: 'Test Force', rank: 'PC', unit: o.unit, pseudonymised: false,
  });
  /** Officers in the order the reports break ties: by id. */
  const byId = (...officers: Array<World['officers']['O1']>) => [...officers].sort((a, b) => a.id.localeCompare(b.id));

  beforeAll(async () => {
    // The default threshold comes from the environment.
    t = await createTestApp({ env: { EARLY_INTERVENTION_THRESHOLD: '2' } });
    analyst = await t.tokenFor(Role.Analyst);
    leadA = await t.newUser([Role.Investigator]);
    leadB = await t.newUser([Role.Investigator]);
    world = await buildReportWorld(new ReportFixtures(t), { a: leadA.id, b: leadB.id });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/officers/:id/profile', () => {
    it('gives complaints, allegations by category and finding, findings and outcomes per year, and barred status', async () => {
      const { O1 } = world.officers;
      const res = await get(`/api/officers/${O1.id}/profile`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        officer: ref(O1),
        scope: 'all_cases',
        suppress: null,
        investigations: 3,
        complaints: 3,
        allegations: {
          total: 4,
          byCategory: { ...ZERO_CATEGORIES, use_of_force: 3, discriminatory_behaviour: 1 },
          byFinding: { ...ZERO_FINDINGS, proven: 2, not_proven: 1, pending: 1 },
        },
        byYear: [
          { year: 2022, allegations: 2, findings: { ...ZERO_FINDINGS, proven: 2 }, outcomes: 0, outcomeTypes: ZERO_TYPES },
          { year: 2023, allegations: 1, findings: { ...ZERO_FINDINGS, not_proven: 1 }, outcomes: 1, outcomeTypes: { ...ZERO_TYPES, dismissed: 1 } },
          // A7 has no date of its own: it counts in the year its investigation (I3) opened.
          { year: 2024, allegations: 1, findings: { ...ZERO_FINDINGS, pending: 1 }, outcomes: 1, outcomeTypes: { ...ZERO_TYPES, learning: 1 } },
        ],
        barred: { current: true, entries: [{ addedOn: '2023-07-10', reviewEligibleOn: null, removedOn: null }] },
      });
    });

    it('leaves out archived allegations and shows a barred entry that was removed', async () => {
      const { O4 } = world.officers;
      const { body } = await get(`/api/officers/${O4.id}/profile`);
      expect(body.investigations).toBe(2);
      expect(body.complaints).toBe(0);
      expect(body.allegations).toEqual({
        total: 2,
        byCategory: { ...ZERO_CATEGORIES, bullying_or_harassment: 1, dishonesty_or_perverting_justice: 1 },
        byFinding: { ...ZERO_FINDINGS, proven: 1, exonerated: 1 },
      });
      expect(body.byYear).toEqual([
        { year: 2023, allegations: 1, findings: { ...ZERO_FINDINGS, proven: 1 }, outcomes: 0, outcomeTypes: ZERO_TYPES },
        { year: 2024, allegations: 1, findings: { ...ZERO_FINDINGS, exonerated: 1 }, outcomes: 1, outcomeTypes: { ...ZERO_TYPES, would_have_been_dismissed: 1 } },
        { year: 2025, allegations: 0, findings: ZERO_FINDINGS, outcomes: 1, outcomeTypes: { ...ZERO_TYPES, no_further_action: 1 } },
      ]);
      expect(body.barred).toEqual({ current: false, entries: [{ addedOn: '2024-03-01', reviewEligibleOn: null, removedOn: '2024-10-01' }] });
    });

    it('gives an officer with no cases a profile of zeros', async () => {
      const { O5 } = world.officers;
      const { body } = await get(`/api/officers/${O5.id}/profile`);
      expect(body).toMatchObject({
        investigations: 0, complaints: 0, byYear: [], barred: { current: false, entries: [] },
        allegations: { total: 0, byCategory: ZERO_CATEGORIES, byFinding: ZERO_FINDINGS },
      });
    });

    it('restricts an investigator to their own cases', async () => {
      const { O1 } = world.officers;
      // B leads I2 and I3: O1 was a subject in both (S3, S5), but not in B's view of I1.
      const { body } = await get(`/api/officers/${O1.id}/profile`, {}, leadB.token);
      expect(body.scope).toBe('own_cases');
      expect(body.investigations).toBe(2);
      expect(body.complaints).toBe(1);
      expect(body.allegations).toEqual({
        total: 2, byCategory: { ...ZERO_CATEGORIES, use_of_force: 2 }, byFinding: { ...ZERO_FINDINGS, not_proven: 1, pending: 1 },
      });
      expect(body.byYear).toEqual([
        { year: 2023, allegations: 1, findings: { ...ZERO_FINDINGS, not_proven: 1 }, outcomes: 0, outcomeTypes: ZERO_TYPES },
        { year: 2024, allegations: 1, findings: { ...ZERO_FINDINGS, pending: 1 }, outcomes: 1, outcomeTypes: { ...ZERO_TYPES, learning: 1 } },
      ]);
      // The barred list is published: the same for everyone.
      expect(body.barred.current).toBe(true);

      // A leads I1 and is on I3's team: S1, S5; complaints C1, C2 (I1) and C3 (I3).
      const a = (await get(`/api/officers/${O1.id}/profile`, {}, leadA.token)).body;
      expect(a).toMatchObject({ investigations: 2, complaints: 3, allegations: { total: 3 } });
    });

    it('suppresses small counts, hiding a second cell where one alone could be derived', async () => {
      const { O1 } = world.officers;
      const { body } = await get(`/api/officers/${O1.id}/profile`, { suppress: 3 });
      expect(body.suppress).toBe(3);
      expect(body.investigations).toBe(3);
      expect(body.allegations).toEqual({
        total: 4,
        // discriminatory (1) alone is below 3; use_of_force (3) = 4 - 1 would reveal it, so it goes too.
        byCategory: { ...ZERO_CATEGORIES, use_of_force: '<3', discriminatory_behaviour: '<3' },
        byFinding: { ...ZERO_FINDINGS, proven: '<3', not_proven: '<3', pending: '<3' },
      });
      expect(body.byYear[0]).toEqual({ year: 2022, allegations: '<3', findings: { ...ZERO_FINDINGS, proven: '<3' }, outcomes: 0, outcomeTypes: ZERO_TYPES });
    });

    it('pseudonymises the officer: stable, not the id, no name or service number', async () => {
      const { O1, O2 } = world.officers;
      const first = await get(`/api/officers/${O1.id}/profile`, { pseudonymise: true });
      const second = await get(`/api/officers/${O1.id}/profile`, { pseudonymise: true });
      expect(first.body.officer).toEqual({ id: expect.stringMatching(PSEUDONYM), name: null, serviceNumber: null, force: 'Test Force', rank: 'PC', unit: 'TP', pseudonymised: true });
      expect(second.body.officer.id).toBe(first.body.officer.id);
      const other = await get(`/api/officers/${O2.id}/profile`, { pseudonymise: true });
      expect(other.body.officer.id).not.toBe(first.body.officer.id);
      for (const text of [first.text, second.text]) {
        expect(text).not.toContain(O1.id);
        expect(text).not.toContain(O1.serviceNumber);
        expect(text).not.toContain(O1.familyName);
      }
    });

    it('answers 404 for an unknown officer and 400 for an id that is not a UUID', async () => {
      expect((await get('/api/officers/00000000-0000-4000-8000-000000000000/profile')).status).toBe(404);
      const bad = await get('/api/officers/not-a-uuid/profile');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/id/);
    });
  });

  describe('GET /api/officers/:id/coaccused', () => {
    it('lists officers named in the same investigations and complaints, most shared first', async () => {
      const { O1, O2, O3, O4 } = world.officers;
      const res = await get(`/api/officers/${O1.id}/coaccused`);
      expect(res.status).toBe(200);
      // O2 shares I1 (complaints C1, C2) and I3 (C3); O3 shares I3 (C3); O4 shares I2 (no complaints).
      const ones = byId(O3, O4).map((o) => ({ officer: ref(o), investigations: 1, complaints: o === O3 ? 1 : 0 }));
      expect(res.body).toEqual({
        officer: ref(O1), scope: 'all_cases', suppress: null,
        items: [{ officer: ref(O2), investigations: 2, complaints: 3 }, ...ones],
        total: 3, limit: 20, offset: 0,
      });
    });

    it('leaves out archived subjects', async () => {
      const { O4, O1 } = world.officers;
      // O4 is in I4 with O2 only through the archived S7, and in I2 with O1.
      const { body } = await get(`/api/officers/${O4.id}/coaccused`);
      expect(body.items).toEqual([{ officer: ref(O1), investigations: 1, complaints: 0 }]);
      expect(body.total).toBe(1);
    });

    it('pages', async () => {
      const { O1, O2 } = world.officers;
      const { body } = await get(`/api/officers/${O1.id}/coaccused`, { limit: 1 });
      expect(body.items).toEqual([{ officer: ref(O2), investigations: 2, complaints: 3 }]);
      expect(body).toMatchObject({ total: 3, limit: 1, offset: 0 });
    });

    it('restricts an investigator to their own cases', async () => {
      const { O1, O2, O3, O4 } = world.officers;
      const b = (await get(`/api/officers/${O1.id}/coaccused`, {}, leadB.token)).body;
      expect(b.scope).toBe('own_cases');
      expect(b.items).toEqual(byId(O2, O3, O4).map((o) => ({ officer: ref(o), investigations: 1, complaints: o === O4 ? 0 : 1 })));
      const a = (await get(`/api/officers/${O1.id}/coaccused`, {}, leadA.token)).body;
      expect(a.items).toEqual([{ officer: ref(O2), investigations: 2, complaints: 3 }, { officer: ref(O3), investigations: 1, complaints: 1 }]);
    });

    it('pseudonymises every officer with the same pseudonyms as the profile', async () => {
      const { O1, O2 } = world.officers;
      const res = await get(`/api/officers/${O1.id}/coaccused`, { pseudonymise: true, suppress: 3 });
      const o2Pseudonym = (await get(`/api/officers/${O2.id}/profile`, { pseudonymise: true })).body.officer.id;
      expect(res.body.officer.id).toMatch(PSEUDONYM);
      expect(res.body.items[0]).toEqual({
        officer: { id: o2Pseudonym, name: null, serviceNumber: null, force: 'Test Force', rank: 'PC', unit: 'TP', pseudonymised: true },
        investigations: '<3', complaints: 3,
      });
      for (const officer of Object.values(world.officers)) expect(res.text).not.toContain(officer.id);
    });

    it('answers 404 for an unknown officer', async () => {
      expect((await get('/api/officers/00000000-0000-4000-8000-000000000000/coaccused')).status).toBe(404);
    });
  });

  describe('GET /api/reports/officers (early intervention)', () => {
    it('lists officers at or above the configured threshold in the last 12 months', async () => {
      const { O3 } = world.officers;
      const res = await get('/api/reports/officers', { asOf: '2024-12-31' });
      expect(res.status).toBe(200);
      // Window 2024-01-01..2024-12-31: O3 has A5 and A6; O1 only A7 (dated by I3's opening), O4 only A8.
      expect(res.body).toEqual({
        asOf: '2024-12-31', within: '12m', from: '2024-01-01', to: '2024-12-31', minAllegations: 2, suppress: null,
        items: [{ officer: ref(O3), allegations: 2 }], total: 1, limit: 20, offset: 0,
      });
    });

    it('takes the threshold and window from the request, most allegations first', async () => {
      const { O1, O2, O3, O4 } = world.officers;
      const one = (await get('/api/reports/officers', { asOf: '2024-12-31', minAllegations: 1 })).body;
      expect(one.items).toEqual([{ officer: ref(O3), allegations: 2 }, ...byId(O1, O4).map((o) => ({ officer: ref(o), allegations: 1 }))]);
      expect(one.total).toBe(3);

      // Two years: A4 and A12 (2023) join; A3 is dated by I1's opening (2023-01-10); A10 (archived
      // subject) and A11 (archived investigation) never count.
      const twoYears = (await get('/api/reports/officers', { asOf: '2024-12-31', within: '2y', minAllegations: 1 })).body;
      expect(twoYears.from).toBe('2023-01-01');
      expect(twoYears.items).toEqual([...byId(O1, O3, O4).map((o) => ({ officer: ref(o), allegations: 2 })), { officer: ref(O2), allegations: 1 }]);

      const days = (await get('/api/reports/officers', { asOf: '2024-03-01', within: '90d' })).body;
      expect(days.from).toBe('2023-12-03');
      expect(days.items).toEqual([{ officer: ref(O3), allegations: 2 }]);
    });

    it('rolls the window day by day: inclusive at both ends', async () => {
      const { O3 } = world.officers;
      // A5 is dated 2024-01-30.
      const inside = (await get('/api/reports/officers', { asOf: '2025-01-29' })).body;
      expect(inside.from).toBe('2024-01-30');
      expect(inside.items).toEqual([{ officer: ref(O3), allegations: 2 }]);
      const outside = (await get('/api/reports/officers', { asOf: '2025-01-30' })).body;
      expect(outside.items).toEqual([]);
      expect(outside.total).toBe(0);
    });

    it('pages', async () => {
      const { body } = await get('/api/reports/officers', { asOf: '2024-12-31', minAllegations: 1, limit: 1, offset: 1 });
      expect(body.items).toHaveLength(1);
      expect(body.items[0].allegations).toBe(1);
      expect(body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    });

    it('restricts an investigator to their own cases', async () => {
      const { O1, O3 } = world.officers;
      const { body } = await get('/api/reports/officers', { asOf: '2024-12-31', minAllegations: 1 }, leadB.token);
      expect(body.items).toEqual([{ officer: ref(O3), allegations: 2 }, { officer: ref(O1), allegations: 1 }]);
      expect(body.total).toBe(2);
    });

    it('suppresses and pseudonymises', async () => {
      const { body, text } = await get('/api/reports/officers', { asOf: '2024-12-31', minAllegations: 1, suppress: 3, pseudonymise: true });
      expect(body.items.map((item: { allegations: unknown }) => item.allegations)).toEqual(['<3', '<3', '<3']);
      for (const item of body.items) expect(item.officer).toMatchObject({ id: expect.stringMatching(PSEUDONYM), name: null, serviceNumber: null });
      for (const officer of Object.values(world.officers)) {
        expect(text).not.toContain(officer.id);
        expect(text).not.toContain(officer.familyName);
      }
    });

    it('refuses a bad window or threshold with a 400 naming the field', async () => {
      for (const [query, field] of [[{ within: '12x' }, /within/], [{ within: '0m' }, /within/], [{ minAllegations: 0 }, /minAllegations/], [{ limit: 1000 }, /limit/]] as const) {
        const res = await get('/api/reports/officers', query);
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(field);
      }
    });
  });

  it('refuses admins who hold no case role on every officer-pattern route', async () => {
    const admin = await t.tokenFor(Role.Admin);
    const { O1 } = world.officers;
    for (const path of [`/api/officers/${O1.id}/profile`, `/api/officers/${O1.id}/coaccused`, '/api/reports/officers']) {
      expect((await get(path, {}, admin)).status).toBe(403);
    }
  });

  it('never lets complainant personal data into a report', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) expect(body).not.toContain(COMPLAINANT_MARKER);
  });
});
