export enum AllegationCategory {
  DiscriminatoryBehaviour = 'discriminatory_behaviour',
  SexualMisconduct = 'sexual_misconduct',
  BullyingOrHarassment = 'bullying_or_harassment',
  ViolenceOrAbuse = 'violence_or_abuse',
  DishonestyOrPervertingJustice = 'dishonesty_or_perverting_justice',
  ImproperUseOfSocialMediaOrMessaging = 'improper_use_of_social_media_or_messaging',
  AbuseOfPosition = 'abuse_of_position',
  UseOfForce = 'use_of_force',
  DiscourtesyOrOffensiveLanguage = 'discourtesy_or_offensive_language',
  FailureToChallengeOrReport = 'failure_to_challenge_or_report',
  Other = 'other',
}

/** The ten Standards of Professional Behaviour (Police (Conduct) Regulations 2020, Schedule 2). */
export enum ProfessionalStandard {
  HonestyAndIntegrity = 'honesty_and_integrity',
  AuthorityRespectAndCourtesy = 'authority_respect_and_courtesy',
  EqualityAndDiversity = 'equality_and_diversity',
  UseOfForce = 'use_of_force',
  OrdersAndInstructions = 'orders_and_instructions',
  DutiesAndResponsibilities = 'duties_and_responsibilities',
  Confidentiality = 'confidentiality',
  FitnessForWork = 'fitness_for_work',
  DiscreditableConduct = 'discreditable_conduct',
  ChallengingAndReportingImproperConduct = 'challenging_and_reporting_improper_conduct',
}

export enum Severity {
  None = 'none',
  Misconduct = 'misconduct',
  GrossMisconduct = 'gross_misconduct',
}

export enum CaseToAnswer {
  Yes = 'yes',
  No = 'no',
  Pending = 'pending',
}

export enum Finding {
  Pending = 'pending',
  Proven = 'proven',
  NotProven = 'not_proven',
  /** US review-board terms, for imported records. */
  Exonerated = 'exonerated',
  Unfounded = 'unfounded',
  Withdrawn = 'withdrawn',
}
