import type { Allegation } from '../allegations/allegation.entity.js';
import { Finding, Severity } from '../allegations/allegation.enums.js';
import { addYears } from '../common/time/day.js';
import type { Outcome } from '../outcomes/outcome.entity.js';
import { HearingType, OutcomeType } from '../outcomes/outcome.enums.js';

/**
 * The barring rule, in one place for records made here and for imported ones: which outcomes
 * put an officer on the barred list, the reason the list gives, and when they may ask for review.
 */

/** People barred after gross misconduct may ask for review five years on. */
export const REVIEW_AFTER_YEARS = 5;

const BARRING_OUTCOMES: readonly OutcomeType[] = [OutcomeType.Dismissed, OutcomeType.WouldHaveBeenDismissed];

/** A dismissal, or a would-have-been dismissal of someone who had already left. */
export const bars = (type: OutcomeType): boolean => BARRING_OUTCOMES.includes(type);

/** What a barred-list entry says: from when, why, and from when a review may be asked for. */
export interface BarringTerms {
  addedOn: string;
  reason: string;
  reviewEligibleOn: string | null;
}

export type BarringOutcome = Pick<Outcome, 'type' | 'hearingType' | 'decidedOn'>;
/** The subject's allegations that count (archived ones left out by the caller). */
export type BarringAllegation = Pick<Allegation, 'finding' | 'severity' | 'category'>;

const HEARINGS: Record<HearingType, string> = {
  [HearingType.MisconductMeeting]: 'a misconduct meeting',
  [HearingType.GrossMisconductHearing]: 'a gross misconduct hearing',
  [HearingType.AcceleratedHearing]: 'an accelerated hearing',
};

const MAX_REASON = 1000;

export const words = (value: string): string => value.replaceAll('_', ' ');

const what = (type: OutcomeType) => type === OutcomeType.Dismissed
  ? 'Dismissed without notice'
  : 'Would have been dismissed had they not left the force';

const provenGrossMisconduct = (allegations: BarringAllegation[]) =>
  allegations.filter((a) => a.finding === Finding.Proven && a.severity === Severity.GrossMisconduct);

/**
 * The entry for an outcome recorded here, or null if the outcome does not bar. The reason is
 * in words, without the case reference (the list is read by people who may not see the case).
 */
export function barringTerms(outcome: BarringOutcome, allegations: BarringAllegation[]): BarringTerms | null {
  if (!bars(outcome.type)) return null;
  const proven = provenGrossMisconduct(allegations);
  const hearing = outcome.hearingType ? ` after ${HEARINGS[outcome.hearingType]}` : '';
  const categories = [...new Set(proven.map((a) => words(a.category)))].sort();
  const found = categories.length ? `: gross misconduct found proven (${categories.join('; ')})` : '';
  return {
    addedOn: outcome.decidedOn,
    reason: `${what(outcome.type)}${hearing}${found}`.slice(0, MAX_REASON),
    reviewEligibleOn: proven.length ? addYears(outcome.decidedOn, REVIEW_AFTER_YEARS) : null,
  };
}

/**
 * The entry for an imported outcome, or null if it does not bar. Import validation has
 * checked that a dismissal follows gross misconduct found proven, so review is always five
 * years on; the reason says the record was imported rather than naming what the source omits.
 */
export function importedBarringTerms(outcome: Pick<Outcome, 'type' | 'decidedOn'>): BarringTerms | null {
  if (!bars(outcome.type)) return null;
  return {
    addedOn: outcome.decidedOn,
    reason: `${what(outcome.type)} (imported record)`,
    reviewEligibleOn: addYears(outcome.decidedOn, REVIEW_AFTER_YEARS),
  };
}
