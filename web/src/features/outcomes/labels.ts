import type { Schema } from '../../api/client';

type Outcome = Schema<'OutcomeResponse'>;
export type OutcomeType = Outcome['type'];
export type Sanction = NonNullable<Outcome['sanction']>;
export type HearingType = NonNullable<Outcome['hearingType']>;
export type LearningOutcome = NonNullable<Outcome['learningOutcome']>;

export const OUTCOME_LABELS: Record<OutcomeType, string> = {
  dismissed: 'Dismissed',
  would_have_been_dismissed: 'Would have been dismissed',
  resigned: 'Resigned',
  retired: 'Retired',
  disciplined: 'Disciplined',
  learning: 'Learning outcome',
  no_further_action: 'No further action',
};

export const SANCTION_LABELS: Record<Sanction, string> = {
  written_warning: 'Written warning',
  final_written_warning: 'Final written warning',
  reduction_in_rank: 'Reduction in rank',
};

export const HEARING_LABELS: Record<HearingType, string> = {
  misconduct_meeting: 'Misconduct meeting',
  gross_misconduct_hearing: 'Gross misconduct hearing',
  accelerated_hearing: 'Accelerated hearing',
};

export const LEARNING_LABELS: Record<LearningOutcome, string> = {
  management_action: 'Management action',
  reflective_practice_review: 'Reflective practice review',
  practice_requiring_improvement: 'Practice requiring improvement',
};

export const EMPLOYMENT_LABELS: Record<Schema<'OfficerResponse'>['employmentStatus'], string> = {
  serving: 'Serving', suspended: 'Suspended', resigned: 'Resigned', retired: 'Retired', dismissed: 'Dismissed',
};
