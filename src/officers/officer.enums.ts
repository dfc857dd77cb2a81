export enum EmploymentStatus {
  Serving = 'serving',
  Suspended = 'suspended',
  Resigned = 'resigned',
  Retired = 'retired',
  Dismissed = 'dismissed',
}

/** Former officers: the only ones an outcome can find "would have been dismissed". */
export const FORMER_OFFICER_STATUSES = [EmploymentStatus.Resigned, EmploymentStatus.Retired];
