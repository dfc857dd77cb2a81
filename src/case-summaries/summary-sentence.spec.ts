import { OutcomeType } from '../outcomes/outcome.enums.js';
import { summarySentence, type SentenceFigures } from './summary-sentence.js';

const none = (): SentenceFigures['outcomes'] => ({
  [OutcomeType.Dismissed]: 0, [OutcomeType.WouldHaveBeenDismissed]: 0, [OutcomeType.Resigned]: 0, [OutcomeType.Retired]: 0,
  [OutcomeType.Disciplined]: 0, [OutcomeType.Learning]: 0, [OutcomeType.NoFurtherAction]: 0, pending: 0,
});

const figures = (overrides: Partial<Omit<SentenceFigures, 'outcomes'>> & { outcomes?: Partial<SentenceFigures['outcomes']> }): SentenceFigures => ({
  officersInvestigated: 0, dismissedForGrossMisconduct: 0, barredDismissed: 0, barredWouldHaveBeenDismissed: 0, recommendations: 0,
  ...overrides,
  outcomes: { ...none(), ...overrides.outcomes },
});

describe('summary sentence', () => {
  it('reads the reference case as the article does', () => {
    expect(summarySentence(figures({
      officersInvestigated: 14, dismissedForGrossMisconduct: 2, barredDismissed: 2, recommendations: 15,
      outcomes: { dismissed: 2, resigned: 2, disciplined: 2, pending: 8 },
    }))).toBe('Of 14 officers investigated, 2 were dismissed for gross misconduct and barred, 2 resigned and 2 were disciplined; 15 recommendations were made.');
  });

  it('uses the singular for one of each', () => {
    expect(summarySentence(figures({
      officersInvestigated: 1, dismissedForGrossMisconduct: 1, barredDismissed: 1, recommendations: 1, outcomes: { dismissed: 1 },
    }))).toBe('Of 1 officer investigated, 1 was dismissed for gross misconduct and barred; 1 recommendation was made.');
  });

  it('names every career-ending or disciplinary outcome, in order', () => {
    expect(summarySentence(figures({
      officersInvestigated: 9, dismissedForGrossMisconduct: 1, barredDismissed: 1, barredWouldHaveBeenDismissed: 2, recommendations: 3,
      outcomes: { dismissed: 1, would_have_been_dismissed: 2, resigned: 1, retired: 1, disciplined: 1, learning: 2, no_further_action: 1 },
    }))).toBe('Of 9 officers investigated, 1 was dismissed for gross misconduct and barred, 2 would have been dismissed and were barred, '
      + '1 resigned, 1 retired and 1 was disciplined; 3 recommendations were made.');
  });

  it('says only what the figures support when not every dismissal was for gross misconduct or barred', () => {
    expect(summarySentence(figures({
      officersInvestigated: 3, dismissedForGrossMisconduct: 1, barredDismissed: 1, outcomes: { dismissed: 3 },
    }))).toBe('Of 3 officers investigated, 3 were dismissed (1 for gross misconduct); no recommendations were made.');
  });

  it('says when no outcome is recorded yet', () => {
    expect(summarySentence(figures({ officersInvestigated: 4, recommendations: 2, outcomes: { pending: 4 } })))
      .toBe('Of 4 officers investigated, none has an outcome yet; 2 recommendations were made.');
  });

  it('says when the outcomes were all lighter than discipline', () => {
    expect(summarySentence(figures({ officersInvestigated: 2, outcomes: { learning: 1, no_further_action: 1 } })))
      .toBe('Of 2 officers investigated, none was dismissed, resigned, retired or disciplined; no recommendations were made.');
  });

  it('copes with a case that has no subjects yet', () => {
    expect(summarySentence(figures({ recommendations: 0 }))).toBe('No officers were investigated; no recommendations were made.');
  });
});
