import type { Schema } from '../../api/client';

type Allegation = Schema<'AllegationResponse'>;
export type Category = Allegation['category'];
export type Standard = NonNullable<Allegation['standard']>;
export type Severity = Allegation['severity'];
export type Finding = Allegation['finding'];
export type CaseToAnswer = Allegation['caseToAnswer'];

export const CATEGORY_LABELS: Record<Category, string> = {
  discriminatory_behaviour: 'Discriminatory behaviour',
  sexual_misconduct: 'Sexual misconduct',
  bullying_or_harassment: 'Bullying or harassment',
  violence_or_abuse: 'Violence or abuse',
  dishonesty_or_perverting_justice: 'Dishonesty or perverting justice',
  improper_use_of_social_media_or_messaging: 'Improper use of social media or messaging',
  abuse_of_position: 'Abuse of position',
  use_of_force: 'Use of force',
  discourtesy_or_offensive_language: 'Discourtesy or offensive language',
  failure_to_challenge_or_report: 'Failure to challenge or report',
  other: 'Other',
};

export const STANDARD_LABELS: Record<Standard, string> = {
  honesty_and_integrity: 'Honesty and integrity',
  authority_respect_and_courtesy: 'Authority, respect and courtesy',
  equality_and_diversity: 'Equality and diversity',
  use_of_force: 'Use of force',
  orders_and_instructions: 'Orders and instructions',
  duties_and_responsibilities: 'Duties and responsibilities',
  confidentiality: 'Confidentiality',
  fitness_for_work: 'Fitness for work',
  discreditable_conduct: 'Discreditable conduct',
  challenging_and_reporting_improper_conduct: 'Challenging and reporting improper conduct',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  none: 'No misconduct',
  misconduct: 'Misconduct',
  gross_misconduct: 'Gross misconduct',
};

export const FINDING_LABELS: Record<Finding, string> = {
  pending: 'Pending',
  proven: 'Proven',
  not_proven: 'Not proven',
  exonerated: 'Exonerated',
  unfounded: 'Unfounded',
  withdrawn: 'Withdrawn',
};

export const CASE_TO_ANSWER_LABELS: Record<CaseToAnswer, string> = {
  pending: 'Not decided',
  yes: 'Case to answer',
  no: 'No case to answer',
};

export const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
