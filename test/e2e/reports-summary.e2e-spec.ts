import { jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { Role } from '../../src/common/auth/role.js';
import { buildReportWorld, COMPLAINANT_MARKER, ReportFixtures } from '../support/report-fixtures.js';
import { ReportQueries } from '../../src/reports/report-queries.js';
import { bearer, createTestApp, ENGINE, type TestApp } from '../support/test-app.js';

/**
 * GET /api/reports/summary over the world in report-fixtures.ts. Every expected figure below
 * is counted by hand from that world's table (asOf 2025-01-01 unless stated).
 */
const ZERO_STATUSES = { open: 0, investigating: 0, report_submitted: 0, decision: 0, closed: 0, suspended: 0, reopened: 0 };
const ZERO_MODES = { local: 0, directed: 0, independent: 0, supervised: 0, managed: 0 };
const ZERO_CATEGORIES = {
  discriminatory_behaviour: 0, sexual_misconduct: 0, bullying_or_harassment: 0, violence_or_abuse: 0,
  dishonesty_or_perverting_justice: 0, improper_use_of_social_media_or_messaging: 0, abuse_of_position: 0,
  use_of_force: 0, discourtesy_or_offensive_language: 0, failure_to_challenge_or_report: 0, other: 0,
};
const ZERO_SEVERITIES = { none: 0, misconduct: 0, gross_misconduct: 0 };
const ZERO_FINDINGS = { pending: 0, proven: 0, not_proven: 0, exonerated: 0, unfounded: 0, withdrawn: 0 };
const ZERO_TYPES = { dismissed: 0, would_have_been_dismissed: 0, resigned: 0, retired: 0, disciplined: 0, learning: 0, no_further_action: 0 };
const ZERO_SANCTIONS = { written_warning: 0, final_written_warning: 0, reduction_in_rank: 0, none: 0 };
const ZERO_RESPONSES = { pending: 0, accepted: 0, partially_accepted: 0, not_accepted: 0 };

const UNFILTERED = {
  asOf: '2025-01-01',
  filters: {},
  suppress: null,
  investigations: {
    total: 4,
    byStatus: { ...ZERO_STATUSES, open: 1, investigating: 1, decision: 1, closed: 1 },
    byMode: { ...ZERO_MODES, local: 1, directed: 1, independent: 2 },
  },
  subjects: { total: 8 },
  allegations: {
    total: 9,
    byCategory: {
      ...ZERO_CATEGORIES, use_of_force: 4, discriminatory_behaviour: 1, discourtesy_or_offensive_language: 1,
      sexual_misconduct: 1, bullying_or_harassment: 1, dishonesty_or_perverting_justice: 1,
    },
    bySeverity: { none: 1, misconduct: 4, gross_misconduct: 4 },
    byFinding: { ...ZERO_FINDINGS, pending: 2, proven: 5, not_proven: 1, exonerated: 1 },
  },
  outcomes: {
    total: 6,
    byType: { ...ZERO_TYPES, dismissed: 1, would_have_been_dismissed: 1, disciplined: 2, learning: 1, no_further_action: 1 },
    bySanction: { ...ZERO_SANCTIONS, written_warning: 1, final_written_warning: 1, none: 4 },
  },
  barred: { total: 2, current: 1 },
  // Days sorted: 131 181 182 228 234 274; nearest rank: median = 3rd, p90 = ceil(5.4) = 6th.
  daysToOutcome: { outcomes: 6, median: 182, p90: 274, method: 'nearest-rank' },
  recommendations: { total: 5, byResponseStatus: { ...ZERO_RESPONSES, pending: 3, accepted: 1, not_accepted: 1 }, overdue: 1 },
};

describe('reports: summary', () => {
  let t: TestApp;
  let analyst: string;
  let leadA: { id: string; token: string };
  let leadB: { id: string; token: string };
  const bodies: string[] = [];

  const summary = async (query: Record<string, string | number | boolean> = {}, token = analyst) => {
    const res = await t.http().get('/api/reports/summary').query({ asOf: '2025-01-01', ...query }).set(bearer(token));
    bodies.push(res.text);
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.tokenFor(Role.Analyst);
    leadA = await t.newUser([Role.Investigator]);
    leadB = await t.newUser([Role.Investigator]);
    await buildReportWorld(new ReportFixtures(t), { a: leadA.id, b: leadB.id });
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts every section over the live records, leaving out archived ones and those under archived parents', async () => {
    const res = await summary();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(UNFILTERED);
  });

  it('gives reviewers the same figures as analysts', async () => {
    const res = await summary({}, await t.tokenFor(Role.Reviewer));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(UNFILTERED);
  });

  it('judges overdue recommendations against asOf', async () => {
    // R1 (due 2024-12-01) is overdue from 2024-12-02; R3 (2025-01-10) from 2025-01-11; R4 (2025-03-01) from 2025-03-02.
    expect((await summary({ asOf: '2024-12-01' })).body.recommendations.overdue).toBe(0);
    expect((await summary({ asOf: '2024-12-02' })).body.recommendations.overdue).toBe(1);
    expect((await summary({ asOf: '2025-01-11' })).body.recommendations.overdue).toBe(2);
    expect((await summary({ asOf: '2025-03-02' })).body.recommendations.overdue).toBe(3);
  });

  it('filters by station: the investigation and everything under it', async () => {
    const { body } = await summary({ station: 'Charing Cross' });
    expect(body.filters).toEqual({ station: 'Charing Cross' });
    expect(body.investigations).toEqual({ total: 2, byStatus: { ...ZERO_STATUSES, closed: 1, investigating: 1 }, byMode: { ...ZERO_MODES, independent: 1, local: 1 } });
    expect(body.subjects.total).toBe(4);
    expect(body.allegations.total).toBe(5);
    expect(body.allegations.byCategory).toEqual({
      ...ZERO_CATEGORIES, use_of_force: 2, discriminatory_behaviour: 1, discourtesy_or_offensive_language: 1, dishonesty_or_perverting_justice: 1,
    });
    expect(body.outcomes.total).toBe(4);
    // 181 228 234 274: median = 2nd, p90 = ceil(3.6) = 4th.
    expect(body.daysToOutcome).toEqual({ outcomes: 4, median: 228, p90: 274, method: 'nearest-rank' });
    expect(body.barred).toEqual({ total: 2, current: 1 });
    expect(body.recommendations).toEqual({ total: 3, byResponseStatus: { ...ZERO_RESPONSES, pending: 1, accepted: 1, not_accepted: 1 }, overdue: 1 });
  });

  it('filters by opening date, both ends inclusive', async () => {
    const { body } = await summary({ openedFrom: '2023-06-01', openedTo: '2024-02-15' });
    expect(body.investigations.byStatus).toEqual({ ...ZERO_STATUSES, investigating: 1, open: 1 });
    expect(body.subjects.total).toBe(5);
    expect(body.allegations.total).toBe(5);

    const later = (await summary({ openedFrom: '2024-01-01' })).body;
    expect(later.investigations.byStatus).toEqual({ ...ZERO_STATUSES, open: 1, decision: 1 });
    expect(later.subjects.total).toBe(4);
    expect(later.allegations.total).toBe(4);
    expect(later.outcomes.total).toBe(2);
    // 131 182: median = 1st, p90 = 2nd.
    expect(later.daysToOutcome).toMatchObject({ outcomes: 2, median: 131, p90: 182 });
    expect(later.recommendations).toMatchObject({ total: 2, overdue: 0 });
    expect(later.barred).toEqual({ total: 0, current: 0 });
  });

  it('filters by decision date: outcomes decided then, and the subjects, allegations and cases they belong to', async () => {
    const { body } = await summary({ decidedFrom: '2024-01-01', decidedTo: '2024-12-31' });
    expect(body.outcomes).toEqual({
      total: 3,
      byType: { ...ZERO_TYPES, learning: 1, disciplined: 1, would_have_been_dismissed: 1 },
      bySanction: { ...ZERO_SANCTIONS, final_written_warning: 1, none: 2 },
    });
    expect(body.subjects.total).toBe(3);
    expect(body.allegations.total).toBe(4);
    expect(body.investigations.total).toBe(2);
    expect(body.recommendations).toEqual({ total: 2, byResponseStatus: { ...ZERO_RESPONSES, pending: 1, not_accepted: 1 }, overdue: 0 });
    expect(body.daysToOutcome).toMatchObject({ outcomes: 3, median: 228, p90: 274 });
    expect(body.barred).toEqual({ total: 1, current: 0 });
  });

  it('filters by unit: the unit at the time of the conduct, else the officer\'s current unit', async () => {
    const tp = (await summary({ unit: 'TP' })).body;
    expect(tp.subjects.total).toBe(5);
    expect(tp.allegations.total).toBe(4);
    expect(tp.outcomes.total).toBe(3);
    expect(tp.investigations.total).toBe(4);
    expect(tp.recommendations.total).toBe(5);

    // S1 is O1 (now in TP) but was in Roads at the time: it counts under Roads.
    const roads = (await summary({ unit: 'Roads' })).body;
    expect(roads.subjects.total).toBe(3);
    expect(roads.allegations.total).toBe(5);
    expect(roads.outcomes.total).toBe(3);
    expect(roads.investigations.total).toBe(3);
    expect(roads.barred).toEqual({ total: 2, current: 1 });
  });

  it('filters by operation and by mode', async () => {
    const hotton = (await summary({ operation: 'Hotton' })).body;
    expect(hotton.investigations.total).toBe(2);
    expect(hotton.subjects.total).toBe(5);
    expect(hotton.allegations.total).toBe(6);
    expect(hotton.outcomes.total).toBe(3);

    const independent = (await summary({ mode: 'independent' })).body;
    expect(independent.investigations.byMode).toEqual({ ...ZERO_MODES, independent: 2 });
    expect(independent.subjects.total).toBe(3);
    expect(independent.allegations.total).toBe(4);
    expect(independent.outcomes.total).toBe(3);
  });

  it('filters by category: those allegations, and the subjects, outcomes and cases with one', async () => {
    const { body } = await summary({ category: 'use_of_force' });
    expect(body.allegations.byCategory).toEqual({ ...ZERO_CATEGORIES, use_of_force: 4 });
    expect(body.subjects.total).toBe(4);
    expect(body.outcomes.total).toBe(3);
    expect(body.investigations.total).toBe(3);
    expect(body.recommendations).toMatchObject({ total: 4, overdue: 1 });
    // 181 182 228
    expect(body.daysToOutcome).toMatchObject({ outcomes: 3, median: 182, p90: 228 });
    expect(body.barred).toEqual({ total: 1, current: 1 });
  });

  it('combines filters with AND', async () => {
    const { body } = await summary({ station: 'Brixton', unit: 'TP' });
    expect(body.investigations.total).toBe(2);
    expect(body.subjects.total).toBe(3);
    expect(body.allegations.total).toBe(2);
    expect(body.outcomes.total).toBe(1);
  });

  it('counts in the source\'s own terms on request', async () => {
    const { body } = await summary({ groupBySource: true });
    expect(body.allegationsBySourceCategory).toEqual({ Force: 1, 'Abuse of Authority': 2, '@Discourtesy, rude "words"': 1 });
    expect(body.allegationsBySourceFinding).toEqual({ 'Substantiated (Charges)': 2, 'Substantiated (Command Discipline)': 1, Exonerated: 1 });
    expect(body.outcomesBySourceOutcome).toEqual({ Terminated: 1, 'Command Discipline A': 1 });
    // The ordinary breakdowns are unchanged by the finer grouping.
    expect(body.allegations).toEqual(UNFILTERED.allegations);
    expect(body.outcomes).toEqual(UNFILTERED.outcomes);
    expect((await summary()).body).not.toHaveProperty('allegationsBySourceCategory');
  });

  it('answers CSV in long format for format=csv and for Accept: text/csv', async () => {
    const res = await summary({ format: 'csv', groupBySource: true, station: 'Charing Cross' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.split('\r\n')[0]).toBe('section,key,value');
    const rows = parse(res.text, { columns: true }) as Array<{ section: string; key: string; value: string }>;
    const value = (section: string, key: string) => rows.find((r) => r.section === section && r.key === key)?.value;
    expect(value('report', 'asOf')).toBe('2025-01-01');
    expect(value('filter', 'station')).toBe('Charing Cross');
    expect(value('investigations', 'total')).toBe('2');
    expect(value('investigations.byStatus', 'closed')).toBe('1');
    expect(value('allegations.byCategory', 'use_of_force')).toBe('2');
    expect(value('daysToOutcome', 'median')).toBe('228');
    expect(value('daysToOutcome', 'method')).toBe('nearest-rank');
    expect(value('recommendations', 'overdue')).toBe('1');
    // An imported value that a spreadsheet would run as a formula is neutralised, and quoted.
    expect(value('allegationsBySourceCategory', '\'@Discourtesy, rude "words"')).toBe('1');
    expect(res.text).toContain('"\'@Discourtesy, rude ""words"""');

    const negotiated = await t.http().get('/api/reports/summary').query({ asOf: '2025-01-01' }).set(bearer(analyst)).set('Accept', 'text/csv');
    expect(negotiated.status).toBe(200);
    expect(negotiated.headers['content-type']).toMatch(/^text\/csv/);
    const all = parse(negotiated.text, { columns: true }) as Array<{ section: string; key: string; value: string }>;
    expect(all.find((r) => r.section === 'subjects' && r.key === 'total')?.value).toBe('8');
    // Every figure of the JSON report is a row: 7+5 statuses/modes, 11+3+6 allegation cells, 7+4 outcome cells, 4 responses…
    expect(all.filter((r) => r.section.includes('.by')).length).toBe(7 + 5 + 11 + 3 + 6 + 7 + 4 + 4);

    const json = await t.http().get('/api/reports/summary').query({ asOf: '2025-01-01', format: 'json' }).set(bearer(analyst)).set('Accept', 'text/csv');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    bodies.push(res.text, negotiated.text);
  });

  describe('publication mode', () => {
    it('suppresses counts from 1 to k-1, keeps zeros, and hides a second cell where one alone could be derived', async () => {
      const { body } = await summary({ suppress: 3 });
      expect(body.suppress).toBe(3);
      expect(body.investigations).toEqual({
        total: 4,
        byStatus: { ...ZERO_STATUSES, open: '<3', investigating: '<3', decision: '<3', closed: '<3' },
        byMode: { ...ZERO_MODES, local: '<3', directed: '<3', independent: '<3' },
      });
      expect(body.subjects).toEqual({ total: 8 });
      expect(body.allegations).toEqual({
        total: 9,
        byCategory: {
          ...ZERO_CATEGORIES, use_of_force: 4, discriminatory_behaviour: '<3', discourtesy_or_offensive_language: '<3',
          sexual_misconduct: '<3', bullying_or_harassment: '<3', dishonesty_or_perverting_justice: '<3',
        },
        // Only "none" (1) is below 3: 9 - 4 - 4 would give it away, so the smaller of the two 4s
        // (a tie: the first by key) is hidden too.
        bySeverity: { none: '<3', misconduct: 4, gross_misconduct: '<3' },
        byFinding: { ...ZERO_FINDINGS, pending: '<3', proven: 5, not_proven: '<3', exonerated: '<3' },
      });
      expect(body.outcomes).toEqual({
        total: 6,
        byType: { ...ZERO_TYPES, dismissed: '<3', would_have_been_dismissed: '<3', disciplined: '<3', learning: '<3', no_further_action: '<3' },
        bySanction: { ...ZERO_SANCTIONS, written_warning: '<3', final_written_warning: '<3', none: 4 },
      });
      expect(body.barred).toEqual({ total: '<3', current: '<3' });
      expect(body.daysToOutcome).toEqual({ outcomes: 6, median: 182, p90: 274, method: 'nearest-rank' });
      expect(body.recommendations).toEqual({
        total: 5, byResponseStatus: { ...ZERO_RESPONSES, pending: 3, accepted: '<3', not_accepted: '<3' }, overdue: '<3',
      });
    });

    it('withholds the median and 90th percentile when fewer than k outcomes produced them', async () => {
      const { body } = await summary({ suppress: 5, station: 'Charing Cross' });
      expect(body.daysToOutcome).toEqual({ outcomes: '<5', median: null, p90: null, method: 'nearest-rank' });
      expect(body.allegations.total).toBe(5);
    });

    it('suppresses the CSV too', async () => {
      const res = await summary({ suppress: 3, format: 'csv' });
      const rows = parse(res.text, { columns: true }) as Array<{ section: string; key: string; value: string }>;
      expect(rows.find((r) => r.section === 'allegations.bySeverity' && r.key === 'gross_misconduct')?.value).toBe('<3');
      expect(rows.find((r) => r.section === 'report' && r.key === 'suppress')?.value).toBe('3');
    });

    it('refuses a k outside 2..100', async () => {
      for (const suppress of ['1', '101', 'five']) {
        const res = await summary({ suppress });
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(/suppress/);
      }
    });
  });

  describe('who may see what', () => {
    it('limits an investigator to the cases they lead or are on the team of', async () => {
      // A leads I1 (and archived I5) and is on I3's team.
      const { body } = await summary({}, leadA.token);
      expect(body.investigations.byStatus).toEqual({ ...ZERO_STATUSES, closed: 1, open: 1 });
      expect(body.subjects.total).toBe(5);
      expect(body.allegations.total).toBe(6);
      expect(body.outcomes.byType).toEqual({ ...ZERO_TYPES, dismissed: 1, disciplined: 2 });
      expect(body.barred).toEqual({ total: 1, current: 1 });
      // 181 182 234
      expect(body.daysToOutcome).toMatchObject({ outcomes: 3, median: 182, p90: 234 });
      expect(body.recommendations).toEqual({ total: 3, byResponseStatus: { ...ZERO_RESPONSES, pending: 2, accepted: 1 }, overdue: 1 });

      // B leads I2 and I3.
      const b = (await summary({}, leadB.token)).body;
      expect(b.investigations.byStatus).toEqual({ ...ZERO_STATUSES, investigating: 1, open: 1 });
      expect(b.subjects.total).toBe(5);
      expect(b.allegations.total).toBe(5);
      expect(b.outcomes.total).toBe(3);
    });

    it('gives an investigator with no cases zeros, not other people\'s figures', async () => {
      const { body } = await summary({}, await t.tokenFor(Role.Investigator));
      expect(body.investigations.total).toBe(0);
      expect(body.allegations.total).toBe(0);
      expect(body.daysToOutcome).toEqual({ outcomes: 0, median: null, p90: null, method: 'nearest-rank' });
      expect(body.recommendations.overdue).toBe(0);
    });

    it('refuses admins who hold no case role, and anonymous callers', async () => {
      expect((await summary({}, await t.tokenFor(Role.Admin))).status).toBe(403);
      expect((await t.http().get('/api/reports/summary')).status).toBe(401);
    });
  });

  (ENGINE === 'sqlite' ? it : it.skip)('answers the allegation and outcome breakdowns from the covering report indexes on SQLite', async () => {
    // What keeps the summary under a second on a million allegations: no table reads, no sort.
    const queries = t.app.get(ReportQueries);
    const seen: Array<{ sql: string; parameters: Record<string, unknown> }> = [];
    const original = queries.query.bind(queries);
    const spy = jest.spyOn(queries, 'query').mockImplementation((sql: string, parameters: Record<string, unknown>) => {
      seen.push({ sql, parameters });
      return original(sql, parameters);
    });
    try {
      expect((await summary()).status).toBe(200);
    } finally {
      spy.mockRestore();
    }
    const plan = async (table: string) => {
      const found = seen.find(({ sql }) => sql.includes(`FROM "${table}"`) && sql.includes('UNION ALL'))!;
      const [query, values] = t.dataSource.driver.escapeQueryWithParameters(found.sql, found.parameters);
      const rows = await t.dataSource.query(`EXPLAIN QUERY PLAN ${query}`, values) as Array<{ detail: string }>;
      return rows.map((row) => row.detail);
    };
    const allegations = await plan('allegations');
    expect(allegations).toContain('SCAN a USING COVERING INDEX ix_allegations_report');
    expect(allegations.filter((step) => /^SCAN a\b/.test(step))).toEqual(['SCAN a USING COVERING INDEX ix_allegations_report']);
    const outcomes = await plan('outcomes');
    expect(outcomes).toContain('SCAN o USING COVERING INDEX ix_outcomes_report');
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ openedFrom: '2024-02-30' }, /openedFrom/],
      [{ openedFrom: '2024-03-01', openedTo: '2024-02-01' }, /openedTo must not be before openedFrom/],
      [{ decidedTo: '01/02/2024' }, /decidedTo/],
      [{ mode: 'sideways' }, /mode/],
      [{ category: 'rudeness' }, /category/],
      [{ format: 'xml' }, /format/],
      [{ groupBySource: 'yes' }, /groupBySource/],
      [{ asOf: 'today' }, /asOf/],
      [{ colour: 'blue' }, /colour/],
    ];
    for (const [query, message] of cases) {
      const res = await summary(query);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    }
  });

  it('never lets complainant personal data into a report', () => {
    expect(bodies.length).toBeGreaterThan(20);
    for (const body of bodies) expect(body).not.toContain(COMPLAINANT_MARKER);
  });
});
