import { Severity } from '../../src/allegations/allegation.enums.js';
import { BarredListEntry } from '../../src/barred-list/barred-list-entry.entity.js';
import { BarredListQuery } from '../../src/barred-list/dto/barred-list.dto.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { Role } from '../../src/common/auth/role.js';
import { RuleViolationError } from '../../src/common/errors/domain-errors.js';
import { Officer } from '../../src/officers/officer.entity.js';
import { EmploymentStatus } from '../../src/officers/officer.enums.js';
import { AmendOutcomeDto, RecordOutcomeDto } from '../../src/outcomes/dto/outcome.dto.js';
import { Outcome } from '../../src/outcomes/outcome.entity.js';
import { dismissal } from '../support/case-decisions.js';
import { addAllegation, provenAllegation, recordFinding, subjectOnNewCase, type CaseActors } from '../support/service-cases.js';
import { createServiceContext, type ServiceContext } from '../support/service-context.js';

const formerOfficer = { employmentStatus: 'resigned', joinedOn: '2010-09-01', leftOn: '2021-01-31' };

/** Every outcome that is not a dismissal, each with the findings it needs. */
const NON_BARRING: Array<{ outcome: string; body: Record<string, unknown>; officer?: Record<string, unknown> }> = [
  { outcome: 'a written warning', body: { type: 'disciplined', sanction: 'written_warning', hearingType: 'misconduct_meeting' } },
  { outcome: 'a final written warning', body: { type: 'disciplined', sanction: 'final_written_warning', hearingType: 'misconduct_meeting' } },
  { outcome: 'a reduction in rank', body: { type: 'disciplined', sanction: 'reduction_in_rank', hearingType: 'gross_misconduct_hearing' } },
  { outcome: 'a learning outcome', body: { type: 'learning', learningOutcome: 'reflective_practice_review' } },
  { outcome: 'no further action', body: { type: 'no_further_action' } },
  { outcome: 'resigned', body: { type: 'resigned' }, officer: formerOfficer },
  { outcome: 'retired', body: { type: 'retired' }, officer: { ...formerOfficer, employmentStatus: 'retired' } },
];

describe('BarredListService: who goes on the barred list', () => {
  let ctx: ServiceContext;
  let actors: CaseActors;
  let lead: AuthUser;
  let reviewer: AuthUser;
  let analyst: AuthUser;
  let otherInvestigator: AuthUser;

  const record = async (subjectId: string, body: Record<string, unknown>) =>
    ctx.services.outcomes.record(subjectId, await ctx.dto(RecordOutcomeDto, body), reviewer);
  /** A subject on a new case with a proven gross misconduct allegation of each category. */
  const provenGrossMisconduct = async (categories = ['improper_use_of_social_media_or_messaging'], officer: Record<string, unknown> = {}) => {
    const made = await subjectOnNewCase(ctx, lead, { officer });
    for (const category of categories) {
      const allegation = await addAllegation(ctx, lead, made.subject.id, { category, severity: Severity.GrossMisconduct });
      await recordFinding(ctx, reviewer, allegation, { caseToAnswer: 'yes', finding: 'proven' });
    }
    return made;
  };

  beforeAll(async () => {
    ctx = await createServiceContext({ today: '2024-06-01' });
    ({ lead, reviewer, analyst, otherInvestigator } = await ctx.actors({
      lead: [Role.Investigator], reviewer: [Role.Reviewer], analyst: [Role.Analyst], otherInvestigator: [Role.Investigator],
    }));
    actors = { investigator: lead, reviewer };
  });
  afterAll(() => ctx?.close());

  it('puts a dismissed officer on the barred list, with the reason, the case and a review date five years on', async () => {
    const { investigation, officer, subject } = await provenGrossMisconduct();
    const mark = await ctx.auditMark();

    const outcome = await record(subject.id, dismissal({ decidedOn: '2021-11-30' }));

    const entries = await ctx.rows(BarredListEntry, { officerId: officer.id });
    expect(entries).toEqual([expect.objectContaining({
      outcomeId: outcome.id, investigationId: investigation.id,
      givenName: officer.givenName, familyName: officer.familyName, force: officer.force, serviceNumber: officer.serviceNumber,
      addedOn: '2021-11-30', reviewEligibleOn: '2026-11-30', removedOn: null, removalReason: null, createdBy: reviewer.id,
      reason: 'Dismissed without notice after a gross misconduct hearing: gross misconduct found proven (improper use of social media or messaging)',
    })]);
    expect(outcome.barredListEntryId).toBe(entries[0].id);
    const events = await ctx.auditSince(mark);
    expect(events.map((e) => e.action)).toEqual(['outcome.recorded', 'officer.dismissed', 'barred_list.added']);
    expect(events[2]).toMatchObject({ entityType: 'barred_list_entry', entityId: entries[0].id, actorId: reviewer.id });
    expect(events[2].changes).toMatchObject({ outcomeId: { before: null, after: outcome.id }, reviewEligibleOn: { before: null, after: '2026-11-30' } });
  });

  it('puts a former officer found "would have been dismissed" on the list, naming every proven gross misconduct', async () => {
    const { officer, subject } = await provenGrossMisconduct(['use_of_force', 'discriminatory_behaviour'], formerOfficer);

    const outcome = await record(subject.id, dismissal({ type: 'would_have_been_dismissed', hearingType: 'accelerated_hearing', decidedOn: '2020-02-29' }));

    expect(await ctx.rows(BarredListEntry, { officerId: officer.id })).toEqual([expect.objectContaining({
      outcomeId: outcome.id, addedOn: '2020-02-29', reviewEligibleOn: '2025-02-28',
      reason: 'Would have been dismissed had they not left the force after an accelerated hearing: gross misconduct found proven (discriminatory behaviour; use of force)',
    })]);
  });

  it.each(NON_BARRING)('bars no one for $outcome', async ({ body, officer: officerInput }) => {
    const { officer, subject } = await subjectOnNewCase(ctx, lead, { officer: officerInput });
    await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);
    const mark = await ctx.auditMark();

    const outcome = await record(subject.id, { decidedOn: '2021-11-30', regime: '2020', ...body });

    expect(outcome.barredListEntryId).toBeNull();
    expect(await ctx.rows(BarredListEntry, { officerId: officer.id })).toEqual([]);
    expect((await ctx.auditSince(mark)).map((e) => e.action)).toEqual(['outcome.recorded']);
  });

  it('records neither the dismissal nor the barring if the barred-list entry cannot be written', async () => {
    const { officer, subject } = await provenGrossMisconduct();
    ctx.failNextAudit('barred_list.added');
    const dto = await ctx.dto(RecordOutcomeDto, dismissal());

    const error = await ctx.refused(() => ctx.services.outcomes.record(subject.id, dto, reviewer));

    expect(error.message).toBe('audit write failed: barred_list.added');
    expect(await ctx.rows(Outcome, { subjectId: subject.id })).toEqual([]);
    expect(await ctx.rows(Officer, { id: officer.id })).toEqual([expect.objectContaining({ employmentStatus: EmploymentStatus.Serving, version: 1 })]);
  });

  it('takes an officer off the list, keeping the entry, when a would-have-been dismissal is amended to another outcome', async () => {
    const { officer, subject } = await provenGrossMisconduct(undefined, formerOfficer);
    const outcome = await record(subject.id, dismissal({ type: 'would_have_been_dismissed' }));
    const mark = await ctx.auditMark();
    ctx.clock.set('2024-07-15');

    const amended = await ctx.services.outcomes.amend(outcome.id, await ctx.dto(AmendOutcomeDto, { type: 'resigned' }), outcome.version, reviewer)
      .finally(() => ctx.clock.set('2024-06-01'));

    expect(amended.barredListEntryId).toBeNull();
    const [entry] = await ctx.rows(BarredListEntry, { officerId: officer.id });
    expect(entry).toMatchObject({ id: outcome.barredListEntryId, removedOn: '2024-07-15', removalReason: 'outcome amended to resigned' });
    const events = await ctx.auditSince(mark);
    expect(events.map((e) => [e.action, e.entityId])).toEqual([['outcome.amended', outcome.id], ['barred_list.removed', entry.id]]);
  });

  it('keeps a dismissed officer on the list: a dismissal cannot be amended into another outcome', async () => {
    const { officer, subject } = await provenGrossMisconduct();
    const outcome = await record(subject.id, dismissal());
    const dto = await ctx.dto(AmendOutcomeDto, { type: 'disciplined', sanction: 'reduction_in_rank' });

    const error = await ctx.refused(() => ctx.services.outcomes.amend(outcome.id, dto, outcome.version, reviewer));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(await ctx.rows(BarredListEntry, { officerId: officer.id })).toEqual([expect.objectContaining({ removedOn: null })]);
  });

  it('publishes the entry to every case role, showing the case only to those who may see it', async () => {
    const { investigation, officer, subject } = await provenGrossMisconduct();
    await record(subject.id, dismissal());
    const query = await ctx.dto(BarredListQuery, { q: officer.familyName });

    const [asAnalyst] = (await ctx.services.barredList.list(query, analyst)).items;
    const [asOutsider] = (await ctx.services.barredList.list(query, otherInvestigator)).items;

    expect(asAnalyst).toMatchObject({ officerId: officer.id, case: { id: investigation.id, reference: investigation.reference } });
    expect(asOutsider).toMatchObject({ officerId: officer.id, case: null });
  });
});
