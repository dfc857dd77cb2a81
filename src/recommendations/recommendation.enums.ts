/** A recipient must answer within 56 days of issue unless the deadline is extended. */
export const RESPONSE_DAYS = 56;

export enum ResponseStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  PartiallyAccepted = 'partially_accepted',
  NotAccepted = 'not_accepted',
}

export enum ImplementationStatus {
  NotStarted = 'not_started',
  InProgress = 'in_progress',
  Implemented = 'implemented',
  NotImplemented = 'not_implemented',
}
