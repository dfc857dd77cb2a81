import { AllegationCategory, Finding, Severity } from '../allegations/allegation.enums.js';
import { HearingType, OutcomeType } from '../outcomes/outcome.enums.js';
import { barringTerms, bars, importedBarringTerms, type BarringAllegation, type BarringOutcome } from './barring.js';

const allegation = (overrides: Partial<BarringAllegation> = {}): BarringAllegation => ({
  category: AllegationCategory.SexualMisconduct, severity: Severity.GrossMisconduct, finding: Finding.Proven, ...overrides,
});
const dismissal = (overrides: Partial<BarringOutcome> = {}): BarringOutcome => ({
  type: OutcomeType.Dismissed, hearingType: HearingType.GrossMisconductHearing, decidedOn: '2021-11-30', ...overrides,
});

describe('barring', () => {
  it('bars a dismissal and a would-have-been dismissal, and nothing else', () => {
    const barring = Object.values(OutcomeType).filter(bars);
    expect(barring.sort()).toEqual([OutcomeType.Dismissed, OutcomeType.WouldHaveBeenDismissed].sort());
  });

  it('gives no terms for an outcome that does not bar', () => {
    expect(barringTerms(dismissal({ type: OutcomeType.NoFurtherAction }), [allegation()])).toBeNull();
    expect(importedBarringTerms({ type: OutcomeType.Disciplined, decidedOn: '2021-11-30' })).toBeNull();
  });

  it('adds a dismissal on the day decided, names the hearing and the proven categories, and allows review five years on', () => {
    const terms = barringTerms(dismissal(), [
      allegation({ category: AllegationCategory.SexualMisconduct }),
      allegation({ category: AllegationCategory.DiscriminatoryBehaviour }),
      allegation({ category: AllegationCategory.SexualMisconduct }),
    ]);
    expect(terms).toEqual({
      addedOn: '2021-11-30',
      reason: 'Dismissed without notice after a gross misconduct hearing: gross misconduct found proven (discriminatory behaviour; sexual misconduct)',
      reviewEligibleOn: '2026-11-30',
    });
  });

  it('names only allegations of gross misconduct found proven', () => {
    const terms = barringTerms(dismissal(), [
      allegation({ category: AllegationCategory.DiscriminatoryBehaviour, finding: Finding.NotProven }),
      allegation({ category: AllegationCategory.BullyingOrHarassment, severity: Severity.Misconduct }),
      allegation({ category: AllegationCategory.SexualMisconduct }),
    ]);
    expect(terms?.reason).toBe('Dismissed without notice after a gross misconduct hearing: gross misconduct found proven (sexual misconduct)');
  });

  it('says a former officer would have been dismissed, without a hearing when none was recorded', () => {
    const terms = barringTerms(dismissal({ type: OutcomeType.WouldHaveBeenDismissed, hearingType: null }), [allegation()]);
    expect(terms?.reason).toBe('Would have been dismissed had they not left the force: gross misconduct found proven (sexual misconduct)');
  });

  it('sets no review date when no gross misconduct was found proven', () => {
    const terms = barringTerms(dismissal({ hearingType: HearingType.AcceleratedHearing }), [allegation({ finding: Finding.Pending })]);
    expect(terms).toEqual({ addedOn: '2021-11-30', reason: 'Dismissed without notice after an accelerated hearing', reviewEligibleOn: null });
  });

  it('moves a review date from 29 February to 28 February', () => {
    expect(barringTerms(dismissal({ decidedOn: '2020-02-29' }), [allegation()])?.reviewEligibleOn).toBe('2025-02-28');
  });

  it('says an imported entry was imported, with review five years on', () => {
    expect(importedBarringTerms({ type: OutcomeType.Dismissed, decidedOn: '2019-03-04' })).toEqual({
      addedOn: '2019-03-04', reason: 'Dismissed without notice (imported record)', reviewEligibleOn: '2024-03-04',
    });
    expect(importedBarringTerms({ type: OutcomeType.WouldHaveBeenDismissed, decidedOn: '2019-03-04' })?.reason)
      .toBe('Would have been dismissed had they not left the force (imported record)');
  });
});
