import { Allegation } from '../../src/allegations/allegation.entity.js';
import { Finding, Severity } from '../../src/allegations/allegation.enums.js';
import { RecordFindingDto } from '../../src/allegations/dto/allegation.dto.js';
import { ArchiveDto } from '../../src/common/records/archive.dto.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { Role } from '../../src/common/auth/role.js';
import { ConflictError, NotAllowedError, RuleViolationError } from '../../src/common/errors/domain-errors.js';
import { Officer } from '../../src/officers/officer.entity.js';
import { EmploymentStatus } from '../../src/officers/officer.enums.js';
import { RecordOutcomeDto } from '../../src/outcomes/dto/outcome.dto.js';
import { Outcome } from '../../src/outcomes/outcome.entity.js';
import { OutcomeType, Sanction } from '../../src/outcomes/outcome.enums.js';
import { dismissal } from '../support/case-decisions.js';
import { addAllegation, provenAllegation, recordFinding, subjectOnNewCase, type CaseActors } from '../support/service-cases.js';
import { createServiceContext, type ServiceContext } from '../support/service-context.js';

const TODAY = '2024-06-01';
const formerOfficer = { employmentStatus: 'resigned', joinedOn: '2010-09-01', leftOn: '2021-01-31' };
const writtenWarning = (sanction: Sanction) => ({
  type: OutcomeType.Disciplined, sanction, hearingType: 'misconduct_meeting', decidedOn: '2021-11-30', regime: '2020',
});

describe('OutcomesService: an outcome must rest on the findings and the officer', () => {
  let ctx: ServiceContext;
  let actors: CaseActors;
  let lead: AuthUser;
  let reviewer: AuthUser;
  /** Investigators who also hold the reviewer role. */
  let colleague: AuthUser;
  let leadingReviewer: AuthUser;

  const record = async (subjectId: string, body: Record<string, unknown>, by = reviewer) =>
    ctx.services.outcomes.record(subjectId, await ctx.dto(RecordOutcomeDto, body), by);
  /** The outcome is refused as breaking a conduct rule; nothing was written (see ctx.refused). */
  const brokenRules = async (subjectId: string, body: Record<string, unknown>, by = reviewer): Promise<string[]> => {
    const dto = await ctx.dto(RecordOutcomeDto, body);
    const error = await ctx.refused(() => ctx.services.outcomes.record(subjectId, dto, by));
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(await ctx.rows(Outcome, { subjectId })).toEqual([]);
    return (error as RuleViolationError).details!.rules as string[];
  };
  const officerRow = async (id: string) => (await ctx.rows(Officer, { id }))[0];

  beforeAll(async () => {
    ctx = await createServiceContext({ today: TODAY });
    ({ lead, reviewer, colleague, leadingReviewer } = await ctx.actors({
      lead: [Role.Investigator], reviewer: [Role.Reviewer],
      colleague: [Role.Investigator, Role.Reviewer], leadingReviewer: [Role.Investigator, Role.Reviewer],
    }));
    actors = { investigator: lead, reviewer };
  });
  afterAll(() => ctx?.close());

  describe('dismissal', () => {
    it('dismisses a serving officer with gross misconduct proven at a gross misconduct hearing, in one audited transaction', async () => {
      const { investigation, officer, subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);
      const mark = await ctx.auditMark();

      const outcome = await record(subject.id, dismissal({ decidedOn: '2021-11-30' }));

      expect(outcome).toMatchObject({ type: OutcomeType.Dismissed, subjectId: subject.id, officerId: officer.id, decidedOn: '2021-11-30' });
      expect(await ctx.rows(Outcome, { subjectId: subject.id })).toEqual([expect.objectContaining({
        id: outcome.id, type: OutcomeType.Dismissed, hearingType: 'gross_misconduct_hearing', investigationId: investigation.id,
        createdBy: reviewer.id, version: 1,
      })]);
      expect(await officerRow(officer.id)).toMatchObject({ employmentStatus: EmploymentStatus.Dismissed, leftOn: '2021-11-30', version: 2 });
      const events = await ctx.auditSince(mark);
      expect(events.map((e) => [e.action, e.entityId, e.actorId])).toEqual([
        ['outcome.recorded', outcome.id, reviewer.id],
        ['officer.dismissed', officer.id, reviewer.id],
        ['barred_list.added', expect.any(String), reviewer.id],
      ]);
      expect(events[1].changes).toMatchObject({ employmentStatus: { before: 'serving', after: 'dismissed' } });
    });

    it('accepts an accelerated hearing for a dismissal', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);

      await expect(record(subject.id, dismissal({ hearingType: 'accelerated_hearing' }))).resolves.toMatchObject({ type: OutcomeType.Dismissed });
    });

    it('refuses a dismissal while the gross misconduct allegation awaits its finding', async () => {
      const { officer, subject } = await subjectOnNewCase(ctx, lead);
      await addAllegation(ctx, lead, subject.id, { severity: Severity.GrossMisconduct });

      expect(await brokenRules(subject.id, dismissal())).toEqual([
        'dismissal, or a finding that the officer would have been dismissed, needs an allegation of gross misconduct found proven',
      ]);
      expect(await officerRow(officer.id)).toMatchObject({ employmentStatus: EmploymentStatus.Serving, version: 1 });
    });

    it('refuses a dismissal when only misconduct, not gross misconduct, is proven', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.Misconduct);
      await addAllegation(ctx, lead, subject.id, { severity: Severity.GrossMisconduct });

      expect(await brokenRules(subject.id, dismissal())).toEqual([
        'dismissal, or a finding that the officer would have been dismissed, needs an allegation of gross misconduct found proven',
      ]);
    });

    it('refuses a dismissal decided at a misconduct meeting, however proven the gross misconduct', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);

      expect(await brokenRules(subject.id, dismissal({ hearingType: 'misconduct_meeting' }))).toEqual([
        'dismissal, or a finding that the officer would have been dismissed, needs a gross misconduct hearing or an accelerated hearing',
      ]);
    });

    it('refuses to dismiss an officer who has already resigned', async () => {
      const { officer, subject } = await subjectOnNewCase(ctx, lead, { officer: formerOfficer });
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);

      expect(await brokenRules(subject.id, dismissal())).toEqual([
        'only a serving or suspended officer can be dismissed; a former officer who resigned or retired can be found "would have been dismissed"',
      ]);
      expect(await officerRow(officer.id)).toMatchObject({ employmentStatus: EmploymentStatus.Resigned, leftOn: '2021-01-31' });
    });
  });

  describe('would have been dismissed', () => {
    it('is found for a former officer, whose employment status stays as it was', async () => {
      const { officer, subject } = await subjectOnNewCase(ctx, lead, { officer: { ...formerOfficer, employmentStatus: 'retired' } });
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);
      const mark = await ctx.auditMark();

      const outcome = await record(subject.id, dismissal({ type: 'would_have_been_dismissed' }));

      expect(outcome.type).toBe(OutcomeType.WouldHaveBeenDismissed);
      expect(await officerRow(officer.id)).toMatchObject({ employmentStatus: EmploymentStatus.Retired, leftOn: '2021-01-31', version: 1 });
      expect((await ctx.auditSince(mark)).map((e) => e.action)).toEqual(['outcome.recorded', 'barred_list.added']);
    });

    it('is refused for an officer still serving', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);

      expect(await brokenRules(subject.id, dismissal({ type: 'would_have_been_dismissed' }))).toEqual([
        'a serving or suspended officer cannot be found "would have been dismissed": only a former officer who resigned or retired can',
      ]);
    });
  });

  describe('sanctions', () => {
    it('gives a final written warning when misconduct is proven', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.Misconduct);

      const outcome = await record(subject.id, writtenWarning(Sanction.FinalWrittenWarning));

      expect(outcome).toMatchObject({ type: OutcomeType.Disciplined, sanction: Sanction.FinalWrittenWarning });
      expect(await ctx.rows(Outcome, { subjectId: subject.id })).toEqual([expect.objectContaining({ sanction: Sanction.FinalWrittenWarning })]);
    });

    it('refuses a final written warning when what is proven was assessed as no misconduct', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.None);
      await addAllegation(ctx, lead, subject.id, { severity: Severity.Misconduct });

      expect(await brokenRules(subject.id, writtenWarning(Sanction.FinalWrittenWarning))).toEqual([
        'a final written warning needs an allegation of misconduct or gross misconduct found proven; it cannot follow on misconduct never found',
      ]);
    });

    it('refuses any sanction when no allegation is found proven', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      const allegation = await addAllegation(ctx, lead, subject.id, { severity: Severity.Misconduct });
      await recordFinding(ctx, reviewer, allegation, { caseToAnswer: 'yes', finding: Finding.NotProven });

      expect(await brokenRules(subject.id, writtenWarning(Sanction.WrittenWarning))).toEqual([
        'a disciplinary sanction needs at least one allegation found proven',
      ]);
    });

    it('leaves archived allegations out: an archived proven allegation supports no sanction', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      const proven = await provenAllegation(ctx, actors, subject.id, Severity.Misconduct);
      const reason = await ctx.dto(ArchiveDto, { reason: 'Recorded against the wrong officer' });
      await ctx.services.allegations.archive(proven.id, reason, proven.version, lead);

      expect(await brokenRules(subject.id, writtenWarning(Sanction.WrittenWarning))).toContain(
        'a disciplinary sanction needs at least one allegation found proven',
      );
    });
  });

  describe('who decides, and when', () => {
    it('refuses the decision to a reviewer on the case team, and writes nothing', async () => {
      const { investigation, subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);
      await ctx.services.team.add(investigation.id, colleague.id, lead);
      const dto = await ctx.dto(RecordOutcomeDto, dismissal());

      const error = await ctx.refused(() => ctx.services.outcomes.record(subject.id, dto, colleague));

      expect(error).toBeInstanceOf(NotAllowedError);
      expect(error.message).toBe('a reviewer who leads or is on the team of an investigation may not decide its outcomes');
      expect(await ctx.rows(Outcome, { subjectId: subject.id })).toEqual([]);
    });

    it('refuses the decision to a reviewer who leads the case', async () => {
      const { subject } = await subjectOnNewCase(ctx, leadingReviewer);
      await provenAllegation(ctx, { investigator: leadingReviewer, reviewer }, subject.id, Severity.GrossMisconduct);
      const dto = await ctx.dto(RecordOutcomeDto, dismissal());

      expect(await ctx.refused(() => ctx.services.outcomes.record(subject.id, dto, leadingReviewer))).toBeInstanceOf(NotAllowedError);
    });

    it('refuses an outcome dated after today', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);

      expect(await brokenRules(subject.id, dismissal({ decidedOn: '2024-06-02' }))).toEqual(['an outcome cannot be decided on a day still in the future']);
      await expect(record(subject.id, dismissal({ decidedOn: TODAY }))).resolves.toMatchObject({ decidedOn: TODAY });
    });

    it('keeps one outcome per subject: a second is refused and points to amending the first', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      await provenAllegation(ctx, actors, subject.id, Severity.Misconduct);
      const first = await record(subject.id, writtenWarning(Sanction.WrittenWarning));
      const dto = await ctx.dto(RecordOutcomeDto, writtenWarning(Sanction.FinalWrittenWarning));

      const error = await ctx.refused(() => ctx.services.outcomes.record(subject.id, dto, reviewer));

      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toContain(`already has an outcome (${first.id})`);
      expect(await ctx.rows(Outcome, { subjectId: subject.id })).toEqual([expect.objectContaining({ id: first.id, sanction: Sanction.WrittenWarning })]);
    });
  });

  describe('findings changed afterwards', () => {
    it('refuses a later finding that would leave a recorded dismissal without its proven gross misconduct', async () => {
      const { subject } = await subjectOnNewCase(ctx, lead);
      const proven = await provenAllegation(ctx, actors, subject.id, Severity.GrossMisconduct);
      await record(subject.id, dismissal());
      const dto = await ctx.dto(RecordFindingDto, { caseToAnswer: 'yes', finding: 'not_proven' });

      const error = await ctx.refused(() => ctx.services.allegations.recordFinding(proven.id, dto, proven.version, reviewer));

      expect(error).toBeInstanceOf(RuleViolationError);
      expect(error.message).toContain("the subject's recorded outcome (dismissed) would then break the rules");
      expect(await ctx.rows(Allegation, { id: proven.id })).toEqual([expect.objectContaining({ finding: Finding.Proven, version: proven.version })]);
    });
  });
});
