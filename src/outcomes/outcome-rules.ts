import { Finding, Severity } from '../allegations/allegation.enums.js';
import { EmploymentStatus, FORMER_OFFICER_STATUSES } from '../officers/officer.enums.js';
import { HearingType, type LearningOutcome, OutcomeType, Sanction } from './outcome.enums.js';

/** What the conduct rules look at when an outcome is decided for one subject. */
export interface OutcomeCase {
  type: OutcomeType;
  sanction: Sanction | null;
  learningOutcome: LearningOutcome | null;
  hearingType: HearingType | null;
  /** The subject's allegations (archived ones left out). */
  allegations: ReadonlyArray<{ severity: Severity; finding: Finding }>;
  /**
   * The officer's employment status before this outcome. Left out when the outcome's type is
   * not being decided (e.g. re-checking an outcome after a finding changes), because a
   * dismissal has by then changed the status itself.
   */
  employmentStatus?: EmploymentStatus;
}

interface OutcomeRule {
  /** The rule in words: the 422 message when it is broken. */
  rule: string;
  broken(c: OutcomeCase): boolean;
}

const DISMISSALS = [OutcomeType.Dismissed, OutcomeType.WouldHaveBeenDismissed];
const GROSS_MISCONDUCT_HEARINGS = [HearingType.GrossMisconductHearing, HearingType.AcceleratedHearing];
const SERVING_STATUSES = [EmploymentStatus.Serving, EmploymentStatus.Suspended];

const proven = (c: OutcomeCase, severities: Severity[]) =>
  c.allegations.some((a) => a.finding === Finding.Proven && severities.includes(a.severity));
const provenAtAll = (c: OutcomeCase) => c.allegations.some((a) => a.finding === Finding.Proven);
const afterGrossMisconductHearing = (c: OutcomeCase) => c.hearingType !== null && GROSS_MISCONDUCT_HEARINGS.includes(c.hearingType);

/**
 * The conduct rules of England and Wales an outcome must satisfy (Police (Conduct)
 * Regulations 2012 and 2020, simplified to what Probity records). Pure: no database.
 */
export const OUTCOME_RULES: readonly OutcomeRule[] = [
  {
    rule: 'a disciplined outcome needs a sanction (written warning, final written warning or reduction in rank)',
    broken: (c) => c.type === OutcomeType.Disciplined && c.sanction === null,
  },
  {
    rule: 'only a disciplined outcome carries a sanction',
    broken: (c) => c.type !== OutcomeType.Disciplined && c.sanction !== null,
  },
  {
    rule: 'a learning outcome needs its kind (management action, reflective practice review or practice requiring improvement)',
    broken: (c) => c.type === OutcomeType.Learning && c.learningOutcome === null,
  },
  {
    rule: 'only a learning outcome has a learning outcome kind',
    broken: (c) => c.type !== OutcomeType.Learning && c.learningOutcome !== null,
  },
  {
    rule: 'dismissal, or a finding that the officer would have been dismissed, needs an allegation of gross misconduct found proven',
    broken: (c) => DISMISSALS.includes(c.type) && !proven(c, [Severity.GrossMisconduct]),
  },
  {
    rule: 'dismissal, or a finding that the officer would have been dismissed, needs a gross misconduct hearing or an accelerated hearing',
    broken: (c) => DISMISSALS.includes(c.type) && !afterGrossMisconductHearing(c),
  },
  {
    rule: 'a serving or suspended officer cannot be found "would have been dismissed": only a former officer who resigned or retired can',
    broken: (c) => c.type === OutcomeType.WouldHaveBeenDismissed && c.employmentStatus !== undefined
      && !FORMER_OFFICER_STATUSES.includes(c.employmentStatus),
  },
  {
    rule: 'only a serving or suspended officer can be dismissed; a former officer who resigned or retired can be found "would have been dismissed"',
    broken: (c) => c.type === OutcomeType.Dismissed && c.employmentStatus !== undefined
      && !SERVING_STATUSES.includes(c.employmentStatus),
  },
  {
    rule: 'reduction in rank can only follow a gross misconduct hearing or an accelerated hearing',
    broken: (c) => c.sanction === Sanction.ReductionInRank && !afterGrossMisconductHearing(c),
  },
  {
    rule: 'a final written warning needs an allegation of misconduct or gross misconduct found proven; it cannot follow on misconduct never found',
    broken: (c) => c.sanction === Sanction.FinalWrittenWarning && !proven(c, [Severity.Misconduct, Severity.GrossMisconduct]),
  },
  {
    rule: 'a disciplinary sanction needs at least one allegation found proven',
    broken: (c) => c.sanction !== null && !provenAtAll(c),
  },
  {
    rule: 'an accelerated hearing is only for gross misconduct: the subject needs an allegation assessed as gross misconduct',
    broken: (c) => c.hearingType === HearingType.AcceleratedHearing
      && !c.allegations.some((a) => a.severity === Severity.GrossMisconduct),
  },
];

/** Every rule the outcome breaks, in words; empty when it may be recorded. */
export function brokenOutcomeRules(c: OutcomeCase): string[] {
  return OUTCOME_RULES.filter((r) => r.broken(c)).map((r) => r.rule);
}
