export enum InvestigationMode {
  Local = 'local',
  Directed = 'directed',
  Independent = 'independent',
  /** Only for cases opened before 2020 (the 2012 regime). */
  Supervised = 'supervised',
  /** Only for cases opened before 2020 (the 2012 regime). */
  Managed = 'managed',
}

export const PRE_2020_MODES = [InvestigationMode.Supervised, InvestigationMode.Managed];

export enum InvestigationOrigin {
  Complaint = 'complaint',
  ConductMatter = 'conduct_matter',
  DeathOrSeriousInjury = 'death_or_serious_injury',
  Whistleblowing = 'whistleblowing',
  Referral = 'referral',
}

export enum InvestigationStatus {
  Open = 'open',
  Investigating = 'investigating',
  ReportSubmitted = 'report_submitted',
  Decision = 'decision',
  Closed = 'closed',
  Suspended = 'suspended',
  Reopened = 'reopened',
}
