import { jest } from '@jest/globals';
import { Clock } from '../../src/common/time/day.js';
import { Role } from '../../src/common/auth/role.js';
import {
  addAllegation, addRecommendation, addSubject, dismissal, provenAllegation, recordOutcome, respondTo,
} from '../support/case-decisions.js';
import { addTeamMember, createInvestigation, createOfficer, type RecordBody } from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('investigation and operation summaries', () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let colleague: { id: string; token: string };
  let outsider: { id: string; token: string };
  let reviewer: string;
  let analyst: string;
  let admin: string;
  let first: RecordBody;
  let second: RecordBody;
  let sharedOfficer: RecordBody;

  const summary = (path: string, token = reviewer) => t.http().get(path).set(bearer(token)).expect(200).then((r) => r.body);

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    colleague = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    reviewer = await t.tokenFor(Role.Reviewer);
    analyst = await t.tokenFor(Role.Analyst);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
    const tokens = { investigator: lead.token, reviewer };

    // First investigation of Operation Larch: five subjects counted, one archived.
    first = await createInvestigation(t, lead.token, { operation: 'Operation Larch' });
    const subject = async (inv: RecordBody, officer: Record<string, unknown> = {}) =>
      addSubject(t, lead.token, inv.id, (await createOfficer(t, lead.token, officer)).id);
    const dismissed = await subject(first);
    await provenAllegation(t, tokens, dismissed.id);
    await recordOutcome(t, reviewer, dismissed.id, dismissal());
    const former = await subject(first, { employmentStatus: 'retired' });
    await provenAllegation(t, tokens, former.id);
    await recordOutcome(t, reviewer, former.id, dismissal({ type: 'would_have_been_dismissed' }));
    const learning = await subject(first);
    await recordOutcome(t, reviewer, learning.id, { type: 'learning', learningOutcome: 'management_action', decidedOn: '2022-01-10', regime: '2020' });
    sharedOfficer = await createOfficer(t, lead.token);
    const noAction = await addSubject(t, lead.token, first.id, sharedOfficer.id);
    await recordOutcome(t, reviewer, noAction.id, { type: 'no_further_action', decidedOn: '2022-01-10', regime: '2020' });
    const pending = await subject(first);
    await addAllegation(t, lead.token, pending.id);
    const archived = await subject(first);
    await t.http().post(`/api/subjects/${archived.id}/archive`).set(bearer(lead.token)).set('If-Match', '"1"').send({ reason: 'added in error' }).expect(200);

    jest.spyOn(Clock.prototype, 'today').mockReturnValue('2024-06-01');
    const accepted = await addRecommendation(t, lead.token, first.id, { issuedOn: '2024-01-01' });
    await respondTo(t, reviewer, accepted, { responseStatus: 'accepted', responseText: 'Yes.', respondedOn: '2024-02-01' });
    await addRecommendation(t, lead.token, first.id, { issuedOn: '2024-01-01' });
    await addRecommendation(t, lead.token, first.id, { issuedOn: '2024-05-20' });
    jest.restoreAllMocks();

    // Second investigation of the same operation, led by a colleague: the shared officer again, disciplined.
    second = await createInvestigation(t, colleague.token, { operation: 'Operation Larch' });
    await addTeamMember(t, colleague.token, second.id, lead.id);
    const again = await addSubject(t, colleague.token, second.id, sharedOfficer.id);
    await provenAllegation(t, { investigator: colleague.token, reviewer }, again.id, 'misconduct');
    await recordOutcome(t, reviewer, again.id, { type: 'disciplined', sanction: 'written_warning', hearingType: 'misconduct_meeting', decidedOn: '2022-02-01', regime: '2020' });
    await addRecommendation(t, colleague.token, second.id);
  });
  afterEach(() => { jest.restoreAllMocks(); });
  afterAll(async () => { await t.close(); });

  it('counts one investigation in the database and says it in a sentence', async () => {
    jest.spyOn(Clock.prototype, 'today').mockReturnValue('2024-06-01');
    expect(await summary(`/api/investigations/${first.id}/summary`)).toEqual({
      investigation: { id: first.id, reference: first.reference, title: first.title, operation: 'Operation Larch' },
      officersInvestigated: 5,
      outcomes: { dismissed: 1, would_have_been_dismissed: 1, resigned: 0, retired: 0, disciplined: 0, learning: 1, no_further_action: 1, pending: 1 },
      dismissedForGrossMisconduct: 1,
      barred: 2,
      recommendations: { total: 3, byResponseStatus: { pending: 2, accepted: 1, partially_accepted: 0, not_accepted: 0 }, overdue: 1 },
      sentence: 'Of 5 officers investigated, 1 was dismissed for gross misconduct and barred and 1 would have been dismissed and was barred; 3 recommendations were made.',
    });
  });

  it('sums an operation over its investigations, counting an officer in both once', async () => {
    jest.spyOn(Clock.prototype, 'today').mockReturnValue('2024-06-01');
    const body = await summary('/api/operations/operation%20larch/summary', analyst);
    expect(body).toMatchObject({
      operation: 'Operation Larch',
      officersInvestigated: 5,
      outcomes: { dismissed: 1, would_have_been_dismissed: 1, disciplined: 1, learning: 1, no_further_action: 1, pending: 1 },
      barred: 2,
      // The second case's one recommendation (issued 2022-02-01) is still pending too.
      recommendations: { total: 4, overdue: 2 },
      sentence: 'Of 5 officers investigated, 1 was dismissed for gross misconduct and barred, 1 would have been dismissed and was barred and 1 was disciplined; 4 recommendations were made.',
    });
    expect(body.investigations.map((i: RecordBody) => i.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('gives an investigator only the investigations of the operation they are on', async () => {
    const colleagueView = await summary('/api/operations/Operation%20Larch/summary', colleague.token);
    expect(colleagueView.investigations.map((i: RecordBody) => i.id)).toEqual([second.id]);
    expect(colleagueView).toMatchObject({ officersInvestigated: 1, outcomes: { disciplined: 1 }, recommendations: { total: 1 } });
    const leadView = await summary('/api/operations/Operation%20Larch/summary', lead.token);
    expect(leadView.investigations).toHaveLength(2);
  });

  it('answers 404 to an investigator not on the case, and for an operation they see nothing of', async () => {
    const res = await t.http().get(`/api/investigations/${first.id}/summary`).set(bearer(outsider.token)).expect(404);
    expect(res.body.message).toBe(`investigation ${first.id} not found`);
    const op = await t.http().get('/api/operations/Operation%20Larch/summary').set(bearer(outsider.token)).expect(404);
    expect(op.body.message).toBe('operation Operation Larch not found');
    await t.http().get('/api/operations/Operation%20Nowhere/summary').set(bearer(reviewer)).expect(404);
  });

  it('lets every case role read summaries and refuses admins (403)', async () => {
    for (const token of [lead.token, reviewer, analyst]) {
      await t.http().get(`/api/investigations/${first.id}/summary`).set(bearer(token)).expect(200);
      await t.http().get('/api/operations/Operation%20Larch/summary').set(bearer(token)).expect(200);
    }
    await t.http().get(`/api/investigations/${first.id}/summary`).set(bearer(admin)).expect(403);
    await t.http().get('/api/operations/Operation%20Larch/summary').set(bearer(admin)).expect(403);
  });

  it('reads sensibly for a case with nothing in it yet', async () => {
    const empty = await createInvestigation(t, lead.token);
    const body = await summary(`/api/investigations/${empty.id}/summary`);
    expect(body).toMatchObject({ officersInvestigated: 0, barred: 0, recommendations: { total: 0, overdue: 0 }, outcomes: { pending: 0 } });
    expect(body.sentence).toBe('No officers were investigated; no recommendations were made.');
  });
});
