import { Finding, Severity } from '../allegations/allegation.enums.js';
import { EmploymentStatus } from '../officers/officer.enums.js';
import { HearingType, LearningOutcome, OutcomeType, Sanction } from './outcome.enums.js';
import { brokenOutcomeRules, OUTCOME_RULES, type OutcomeCase } from './outcome-rules.js';

const provenGross = { severity: Severity.GrossMisconduct, finding: Finding.Proven };
const provenMisconduct = { severity: Severity.Misconduct, finding: Finding.Proven };
const provenNoSeverity = { severity: Severity.None, finding: Finding.Proven };
const pendingGross = { severity: Severity.GrossMisconduct, finding: Finding.Pending };
const notProvenMisconduct = { severity: Severity.Misconduct, finding: Finding.NotProven };

const outcome = (overrides: Partial<OutcomeCase>): OutcomeCase => ({
  type: OutcomeType.NoFurtherAction, sanction: null, learningOutcome: null, hearingType: null,
  allegations: [], employmentStatus: EmploymentStatus.Serving, ...overrides,
});

const rule = (start: string): string => {
  const found = OUTCOME_RULES.find((r) => r.rule.startsWith(start));
  if (!found) throw new Error(`no rule starts with "${start}"`);
  return found.rule;
};

const DISCIPLINED_NEEDS_SANCTION = rule('a disciplined outcome needs a sanction');
const SANCTION_ONLY_IF_DISCIPLINED = rule('only a disciplined outcome carries a sanction');
const LEARNING_NEEDS_KIND = rule('a learning outcome needs its kind');
const KIND_ONLY_IF_LEARNING = rule('only a learning outcome has');
const DISMISSAL_NEEDS_PROVEN_GROSS = rule('dismissal, or a finding that the officer would have been dismissed, needs an allegation of gross misconduct found proven');
const DISMISSAL_NEEDS_GROSS_HEARING = rule('dismissal, or a finding that the officer would have been dismissed, needs a gross misconduct hearing');
const WOULD_HAVE_BEEN_ONLY_FORMER = rule('a serving or suspended officer cannot be found "would have been dismissed"');
const DISMISS_ONLY_SERVING = rule('only a serving or suspended officer can be dismissed');
const REDUCTION_AFTER_GROSS_HEARING = rule('reduction in rank can only follow');
const FINAL_WARNING_NEEDS_MISCONDUCT = rule('a final written warning needs');
const SANCTION_NEEDS_PROVEN = rule('a disciplinary sanction needs at least one allegation found proven');
const ACCELERATED_ONLY_GROSS = rule('an accelerated hearing is only for gross misconduct');

const broken: Array<[string, OutcomeCase, string[]]> = [
  ['disciplined without a sanction',
    outcome({ type: OutcomeType.Disciplined, hearingType: HearingType.MisconductMeeting, allegations: [provenMisconduct] }),
    [DISCIPLINED_NEEDS_SANCTION]],
  ['no further action with a sanction',
    outcome({ sanction: Sanction.WrittenWarning, allegations: [provenMisconduct] }),
    [SANCTION_ONLY_IF_DISCIPLINED]],
  ['learning without its kind',
    outcome({ type: OutcomeType.Learning, allegations: [provenMisconduct] }),
    [LEARNING_NEEDS_KIND]],
  ['resigned with a learning outcome kind',
    outcome({ type: OutcomeType.Resigned, learningOutcome: LearningOutcome.ManagementAction, employmentStatus: EmploymentStatus.Resigned }),
    [KIND_ONLY_IF_LEARNING]],
  ['dismissal on misconduct only (gross misconduct alleged but not found)',
    outcome({ type: OutcomeType.Dismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [provenMisconduct, pendingGross] }),
    [DISMISSAL_NEEDS_PROVEN_GROSS]],
  ['would-have-been dismissal with no proven gross misconduct',
    outcome({ type: OutcomeType.WouldHaveBeenDismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [pendingGross], employmentStatus: EmploymentStatus.Retired }),
    [DISMISSAL_NEEDS_PROVEN_GROSS]],
  ['dismissal at a misconduct meeting',
    outcome({ type: OutcomeType.Dismissed, hearingType: HearingType.MisconductMeeting, allegations: [provenGross] }),
    [DISMISSAL_NEEDS_GROSS_HEARING]],
  ['dismissal with no hearing recorded',
    outcome({ type: OutcomeType.Dismissed, allegations: [provenGross] }),
    [DISMISSAL_NEEDS_GROSS_HEARING]],
  ['a serving officer found "would have been dismissed"',
    outcome({ type: OutcomeType.WouldHaveBeenDismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [provenGross] }),
    [WOULD_HAVE_BEEN_ONLY_FORMER]],
  ['a suspended officer found "would have been dismissed"',
    outcome({ type: OutcomeType.WouldHaveBeenDismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [provenGross], employmentStatus: EmploymentStatus.Suspended }),
    [WOULD_HAVE_BEEN_ONLY_FORMER]],
  ['dismissing an officer who already resigned',
    outcome({ type: OutcomeType.Dismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [provenGross], employmentStatus: EmploymentStatus.Resigned }),
    [DISMISS_ONLY_SERVING]],
  ['reduction in rank at a misconduct meeting',
    outcome({ type: OutcomeType.Disciplined, sanction: Sanction.ReductionInRank, hearingType: HearingType.MisconductMeeting, allegations: [provenGross] }),
    [REDUCTION_AFTER_GROSS_HEARING]],
  ['a final written warning on an allegation of no misconduct',
    outcome({ type: OutcomeType.Disciplined, sanction: Sanction.FinalWrittenWarning, hearingType: HearingType.MisconductMeeting, allegations: [provenNoSeverity, notProvenMisconduct] }),
    [FINAL_WARNING_NEEDS_MISCONDUCT]],
  ['a written warning with nothing proven',
    outcome({ type: OutcomeType.Disciplined, sanction: Sanction.WrittenWarning, hearingType: HearingType.MisconductMeeting, allegations: [notProvenMisconduct, pendingGross] }),
    [SANCTION_NEEDS_PROVEN]],
  ['a final written warning with nothing proven breaks both sanction rules',
    outcome({ type: OutcomeType.Disciplined, sanction: Sanction.FinalWrittenWarning, hearingType: HearingType.MisconductMeeting, allegations: [notProvenMisconduct] }),
    [FINAL_WARNING_NEEDS_MISCONDUCT, SANCTION_NEEDS_PROVEN]],
  ['an accelerated hearing on misconduct',
    outcome({ type: OutcomeType.Disciplined, sanction: Sanction.WrittenWarning, hearingType: HearingType.AcceleratedHearing, allegations: [provenMisconduct] }),
    [ACCELERATED_ONLY_GROSS]],
];

const allowed: Array<[string, OutcomeCase]> = [
  ['dismissal after a gross misconduct hearing', outcome({ type: OutcomeType.Dismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [provenGross, notProvenMisconduct] })],
  ['dismissal of a suspended officer after an accelerated hearing', outcome({ type: OutcomeType.Dismissed, hearingType: HearingType.AcceleratedHearing, allegations: [provenGross], employmentStatus: EmploymentStatus.Suspended })],
  ['would have been dismissed (resigned)', outcome({ type: OutcomeType.WouldHaveBeenDismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [provenGross], employmentStatus: EmploymentStatus.Resigned })],
  ['would have been dismissed (retired)', outcome({ type: OutcomeType.WouldHaveBeenDismissed, hearingType: HearingType.AcceleratedHearing, allegations: [provenGross], employmentStatus: EmploymentStatus.Retired })],
  ['written warning', outcome({ type: OutcomeType.Disciplined, sanction: Sanction.WrittenWarning, hearingType: HearingType.MisconductMeeting, allegations: [provenNoSeverity] })],
  ['final written warning on proven misconduct', outcome({ type: OutcomeType.Disciplined, sanction: Sanction.FinalWrittenWarning, hearingType: HearingType.MisconductMeeting, allegations: [provenMisconduct] })],
  ['reduction in rank after a gross misconduct hearing', outcome({ type: OutcomeType.Disciplined, sanction: Sanction.ReductionInRank, hearingType: HearingType.GrossMisconductHearing, allegations: [provenGross] })],
  ['learning outcome with nothing proven', outcome({ type: OutcomeType.Learning, learningOutcome: LearningOutcome.ReflectivePracticeReview, allegations: [pendingGross] })],
  ['resigned', outcome({ type: OutcomeType.Resigned, allegations: [pendingGross], employmentStatus: EmploymentStatus.Resigned })],
  ['retired', outcome({ type: OutcomeType.Retired, employmentStatus: EmploymentStatus.Retired })],
  ['no further action', outcome({ allegations: [notProvenMisconduct] })],
  ['a dismissal re-checked after it changed the status (status rules left out)', outcome({ type: OutcomeType.Dismissed, hearingType: HearingType.GrossMisconductHearing, allegations: [provenGross], employmentStatus: undefined })],
];

describe('outcome rules', () => {
  it.each(broken)('refuses %s', (_name, c, expected) => {
    expect(brokenOutcomeRules(c)).toEqual(expected);
  });

  it.each(allowed)('allows %s', (_name, c) => {
    expect(brokenOutcomeRules(c)).toEqual([]);
  });

  it('has a refusing case for every rule', () => {
    const covered = new Set(broken.flatMap(([, , rules]) => rules));
    expect(OUTCOME_RULES.map((r) => r.rule).filter((r) => !covered.has(r))).toEqual([]);
  });

  it('states every rule in words that name what is needed', () => {
    for (const { rule: words } of OUTCOME_RULES) expect(words).toMatch(/^[a-z].{20,}[a-z")]$/);
  });
});
