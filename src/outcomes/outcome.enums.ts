export enum OutcomeType {
  Dismissed = 'dismissed',
  /** A former officer (resigned or retired) who would have been dismissed had they served. */
  WouldHaveBeenDismissed = 'would_have_been_dismissed',
  Resigned = 'resigned',
  Retired = 'retired',
  Disciplined = 'disciplined',
  /** Not discipline: management action, reflective practice, practice requiring improvement. */
  Learning = 'learning',
  NoFurtherAction = 'no_further_action',
}

export enum Sanction {
  WrittenWarning = 'written_warning',
  FinalWrittenWarning = 'final_written_warning',
  ReductionInRank = 'reduction_in_rank',
}

export enum LearningOutcome {
  ManagementAction = 'management_action',
  ReflectivePracticeReview = 'reflective_practice_review',
  PracticeRequiringImprovement = 'practice_requiring_improvement',
}

export enum HearingType {
  MisconductMeeting = 'misconduct_meeting',
  GrossMisconductHearing = 'gross_misconduct_hearing',
  AcceleratedHearing = 'accelerated_hearing',
}

export enum ConductRegime {
  Regs2012 = '2012',
  Regs2020 = '2020',
}
