import { Subject } from '../../src/allegations/subject.entity.js';
import { Investigation } from '../../src/investigations/investigation.entity.js';
import { InvestigationStatus } from '../../src/investigations/investigation.enums.js';
import type { Officer } from '../../src/officers/officer.entity.js';
import { ConductRegime, OutcomeType, Sanction } from '../../src/outcomes/outcome.enums.js';
import { Recommendation } from '../../src/recommendations/recommendation.entity.js';
import { ResponseStatus } from '../../src/recommendations/recommendation.enums.js';
import { Role } from '../../src/common/auth/role.js';
import { COMPLAINANT_MARKER, ReportFixtures } from '../support/report-fixtures.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * GET /api/reports/deadlines over a small world of its own (asOf 2025-01-01 unless stated).
 *
 * Investigations (opened, status, lead): D1 2023-06-01 investigating A · D2 2024-01-01 open B ·
 *   D3 2023-12-31 suspended B · D4 2022-01-01 closed · D5 2022-05-01 investigating, archived ·
 *   D6 2023-02-01 decision A
 * Pending recommendations (investigation, due): RD1 D1 2024-12-31 · RD2 D1 2025-01-01 ·
 *   RD3 D2 2025-01-15 · RD4 D2 2025-01-16 · RD5 D3 accepted · RD6 D5 2024-12-01 (archived case) ·
 *   RD7 D6 2024-11-30 · RD8 D6 2024-10-01 archived
 * Warnings (investigation, officer, sanction, regime, decided → expires):
 *   WA D1 W1 written 2020 2023-08-01 → 2025-02-01 · WB D3 W2 final 2020 2023-03-15 → 2025-03-15 ·
 *   WC D6 W3 written 2012 2024-02-20 → 2025-02-20 (12 months under 2012) ·
 *   WD D4 W1 written 2020 2023-07-01 → 2025-01-01 (expired on asOf) ·
 *   WE D4 W2 written 2020 2023-10-02 → 2025-04-02 (beyond 90 days) ·
 *   WF D4 W3 written 2020 2023-10-01 → 2025-04-01 (day 90) ·
 *   WG D5 W2 (archived case) · WH D2 W3 (archived subject) ·
 *   WI D6 W1 written 2020 2023-08-31 → 2025-02-28 (31 February clamps to the month's end) ·
 *   WJ D1 W2 reduction in rank (never expires)
 */
describe('reports: deadlines', () => {
  let t: TestApp;
  let analyst: string;
  let leadA: { id: string; token: string };
  let leadB: { id: string; token: string };
  let W1: Officer;
  const ids: Record<string, string> = {};
  const bodies: string[] = [];

  const deadlines = async (query: Record<string, string | number | boolean> = {}, token = analyst) => {
    const res = await t.http().get('/api/reports/deadlines').query({ asOf: '2025-01-01', ...query }).set(bearer(token));
    bodies.push(res.text);
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.tokenFor(Role.Analyst);
    leadA = await t.newUser([Role.Investigator]);
    leadB = await t.newUser([Role.Investigator]);
    const f = new ReportFixtures(t);
    W1 = await f.officer({ givenName: 'Walt', familyName: 'Warner', unit: 'TP' });
    const W2 = await f.officer({ givenName: 'Wendy', familyName: 'Wells', unit: 'TP' });
    const W3 = await f.officer({ givenName: 'Will', familyName: 'Wood', unit: 'Roads' });

    const D1 = await f.investigation({ openedOn: '2023-06-01', status: InvestigationStatus.Investigating, leadInvestigatorId: leadA.id });
    const D2 = await f.investigation({ openedOn: '2024-01-01', status: InvestigationStatus.Open, leadInvestigatorId: leadB.id });
    const D3 = await f.investigation({ openedOn: '2023-12-31', status: InvestigationStatus.Suspended, leadInvestigatorId: leadB.id });
    const D4 = await f.investigation({ openedOn: '2022-01-01', status: InvestigationStatus.Closed });
    const D5 = await f.archive(Investigation, await f.investigation({ openedOn: '2022-05-01', status: InvestigationStatus.Investigating }));
    const D6 = await f.investigation({ openedOn: '2023-02-01', status: InvestigationStatus.Decision, leadInvestigatorId: leadA.id });
    Object.assign(ids, { D1: D1.id, D3: D3.id, D6: D6.id });

    const pending = ResponseStatus.Pending;
    ids.RD1 = (await f.recommendation(D1, { responseStatus: pending, issuedOn: '2024-11-05', responseDueOn: '2024-12-31' })).id;
    ids.RD2 = (await f.recommendation(D1, { responseStatus: pending, issuedOn: '2024-11-06', responseDueOn: '2025-01-01' })).id;
    ids.RD3 = (await f.recommendation(D2, { responseStatus: pending, issuedOn: '2024-11-20', responseDueOn: '2025-01-15' })).id;
    await f.recommendation(D2, { responseStatus: pending, responseDueOn: '2025-01-16' });
    await f.recommendation(D3, { responseStatus: ResponseStatus.Accepted, responseDueOn: '2024-06-01' });
    await f.recommendation(D5, { responseStatus: pending, responseDueOn: '2024-12-01' });
    ids.RD7 = (await f.recommendation(D6, { responseStatus: pending, issuedOn: '2024-10-05', responseDueOn: '2024-11-30' })).id;
    await f.archive(Recommendation, await f.recommendation(D6, { responseStatus: pending, responseDueOn: '2024-10-01' }));

    const warning = async (inv: Investigation, officer: Officer, sanction: Sanction, regime: ConductRegime, decidedOn: string) => {
      const subject = await f.subject(inv, officer);
      await f.allegation(subject);
      return (await f.outcome(subject, { type: OutcomeType.Disciplined, sanction, regime, decidedOn })).id;
    };
    const { WrittenWarning: written, FinalWrittenWarning: final } = Sanction;
    const { Regs2020: r2020, Regs2012: r2012 } = ConductRegime;
    ids.WA = await warning(D1, W1, written, r2020, '2023-08-01');
    ids.WB = await warning(D3, W2, final, r2020, '2023-03-15');
    ids.WC = await warning(D6, W3, written, r2012, '2024-02-20');
    await warning(D4, W1, written, r2020, '2023-07-01');
    await warning(D4, W2, written, r2020, '2023-10-02');
    ids.WF = await warning(D4, W3, written, r2020, '2023-10-01');
    await warning(D5, W2, written, r2020, '2023-08-01');
    const archivedSubject = await f.subject(D2, W3);
    await f.outcome(archivedSubject, { type: OutcomeType.Disciplined, sanction: written, decidedOn: '2023-08-01' });
    await f.archive(Subject, archivedSubject);
    ids.WI = await warning(D6, W1, written, r2020, '2023-08-31');
    await warning(D1, W2, Sanction.ReductionInRank, r2020, '2023-08-01');
    // A complaint about D1 carries the marker that must never reach a report.
    await f.complaint({ investigationId: D1.id, complainantAnonymous: false, complainantName: COMPLAINANT_MARKER, complainantContact: COMPLAINANT_MARKER });
  });

  afterAll(async () => {
    await t.close();
  });

  it('states its rules', async () => {
    const { body } = await deadlines();
    expect(body.asOf).toBe('2025-01-01');
    expect(body.rules).toEqual({
      recommendationsDueWithinDays: 14,
      investigationsOpenLongerThanMonths: 12,
      warningsExpiringWithinDays: 90,
      warningDurations: [
        { regime: '2012', sanction: 'written_warning', months: 12 },
        { regime: '2012', sanction: 'final_written_warning', months: 18 },
        { regime: '2020', sanction: 'written_warning', months: 18 },
        { regime: '2020', sanction: 'final_written_warning', months: 24 },
      ],
    });
  });

  it('lists pending recommendations overdue or due within 14 days, earliest first', async () => {
    const res = await deadlines();
    expect(res.status).toBe(200);
    expect(res.body.recommendations).toEqual({
      overdue: 2, dueSoon: 2, total: 4,
      items: [
        expect.objectContaining({ id: ids.RD7, investigationId: ids.D6, number: 1, responseDueOn: '2024-11-30', issuedOn: '2024-10-05', state: 'overdue', daysToDue: -32 }),
        expect.objectContaining({ id: ids.RD1, investigationId: ids.D1, number: 1, responseDueOn: '2024-12-31', state: 'overdue', daysToDue: -1 }),
        expect.objectContaining({ id: ids.RD2, number: 2, responseDueOn: '2025-01-01', state: 'due_soon', daysToDue: 0 }),
        expect.objectContaining({ id: ids.RD3, responseDueOn: '2025-01-15', state: 'due_soon', daysToDue: 14 }),
      ],
    });
    expect(res.body.recommendations.items[0]).toEqual({
      id: ids.RD7, investigationId: ids.D6, investigationReference: expect.stringMatching(/^INV-T-/), number: 1,
      recipient: 'Test Force', issuedOn: '2024-10-05', responseDueOn: '2024-11-30', state: 'overdue', daysToDue: -32,
    });
  });

  it('lists investigations not closed and open longer than 12 months, longest first', async () => {
    const { body } = await deadlines();
    // D2 opened exactly 12 months before asOf: not longer than 12 months.
    expect(body.investigations).toEqual({
      total: 3,
      items: [
        expect.objectContaining({ id: ids.D6, status: 'decision', openedOn: '2023-02-01', daysOpen: 700 }),
        expect.objectContaining({ id: ids.D1, status: 'investigating', openedOn: '2023-06-01', daysOpen: 580 }),
        expect.objectContaining({ id: ids.D3, status: 'suspended', openedOn: '2023-12-31', daysOpen: 367 }),
      ],
    });
    expect(Object.keys(body.investigations.items[0]).sort()).toEqual(['daysOpen', 'id', 'mode', 'openedOn', 'reference', 'status', 'title']);
  });

  it('lists live warnings expiring within 90 days with their expiry dates, by regulations', async () => {
    const { body } = await deadlines();
    expect(body.warnings.total).toBe(5);
    expect(body.warnings.items.map((w: { outcomeId: string; sanction: string; regime: string; decidedOn: string; expiresOn: string; daysToExpiry: number }) =>
      [w.outcomeId, w.sanction, w.regime, w.decidedOn, w.expiresOn, w.daysToExpiry])).toEqual([
      [ids.WA, 'written_warning', '2020', '2023-08-01', '2025-02-01', 31],
      [ids.WC, 'written_warning', '2012', '2024-02-20', '2025-02-20', 50],
      [ids.WI, 'written_warning', '2020', '2023-08-31', '2025-02-28', 58],
      [ids.WB, 'final_written_warning', '2020', '2023-03-15', '2025-03-15', 73],
      [ids.WF, 'written_warning', '2020', '2023-10-01', '2025-04-01', 90],
    ]);
    expect(body.warnings.items[0].officer).toEqual({
      id: W1.id, name: 'Walt Warner', serviceNumber: W1.serviceNumber, force: 'Test Force', rank: 'PC', unit: 'TP', pseudonymised: false,
    });
    expect(body.warnings.items[0].investigationId).toBe(ids.D1);
  });

  it('moves with asOf: a warning stops being live on its expiry day', async () => {
    const before = (await deadlines({ asOf: '2025-01-31' })).body.warnings.items.map((w: { outcomeId: string }) => w.outcomeId);
    expect(before).toContain(ids.WA);
    const on = (await deadlines({ asOf: '2025-02-01' })).body;
    expect(on.warnings.items.map((w: { outcomeId: string }) => w.outcomeId)).not.toContain(ids.WA);
    // 2025-02-01: RD1, RD2, RD3, RD4 and RD7 are overdue; none falls due within 14 days.
    expect(on.recommendations).toMatchObject({ overdue: 5, dueSoon: 0, total: 5 });
  });

  it('caps each list at limit and keeps the totals whole', async () => {
    const { body } = await deadlines({ limit: 1 });
    expect(body.recommendations.items).toHaveLength(1);
    expect(body.recommendations.total).toBe(4);
    expect(body.investigations.items).toHaveLength(1);
    expect(body.investigations.total).toBe(3);
    expect(body.warnings.items).toHaveLength(1);
    expect(body.warnings.total).toBe(5);
  });

  it('limits an investigator to their own cases', async () => {
    const a = (await deadlines({}, leadA.token)).body;
    expect(a.recommendations).toMatchObject({ overdue: 2, dueSoon: 1, total: 3 });
    expect(a.investigations.items.map((i: { id: string }) => i.id)).toEqual([ids.D6, ids.D1]);
    expect(a.warnings.items.map((w: { outcomeId: string }) => w.outcomeId)).toEqual([ids.WA, ids.WC, ids.WI]);

    const b = (await deadlines({}, leadB.token)).body;
    expect(b.recommendations).toMatchObject({ overdue: 0, dueSoon: 1, total: 1 });
    expect(b.investigations.items.map((i: { id: string }) => i.id)).toEqual([ids.D3]);
    expect(b.warnings.items.map((w: { outcomeId: string }) => w.outcomeId)).toEqual([ids.WB]);
  });

  it('pseudonymises the officers on warnings', async () => {
    const first = await deadlines({ pseudonymise: true });
    const second = await deadlines({ pseudonymise: true });
    const officers = first.body.warnings.items.map((w: { officer: { id: string } }) => w.officer);
    expect(officers[0]).toEqual({ id: expect.stringMatching(/^OFF-[0-9a-f]{16}$/), name: null, serviceNumber: null, force: 'Test Force', rank: 'PC', unit: 'TP', pseudonymised: true });
    // WA and WI are both W1's.
    expect(officers[2].id).toBe(officers[0].id);
    expect(officers[1].id).not.toBe(officers[0].id);
    expect(second.body.warnings.items.map((w: { officer: { id: string } }) => w.officer.id)).toEqual(officers.map((o: { id: string }) => o.id));
    expect(first.text).not.toContain(W1.id);
    expect(first.text).not.toContain('Warner');
  });

  it('refuses admins who hold no case role, and bad parameters with a 400 naming them', async () => {
    expect((await deadlines({}, await t.tokenFor(Role.Admin))).status).toBe(403);
    for (const [query, field] of [[{ asOf: '2025-13-01' }, /asOf/], [{ limit: 0 }, /limit/], [{ suppress: 5 }, /suppress/]] as const) {
      const res = await deadlines(query);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(field);
    }
  });

  it('never lets complainant personal data into the dashboard', () => {
    expect(bodies.length).toBeGreaterThan(10);
    for (const body of bodies) expect(body).not.toContain(COMPLAINANT_MARKER);
  });
});
