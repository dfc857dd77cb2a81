import { ComplaintStatus as S } from './complaint.enums.js';

/**
 * How a complaint moves on, as data: received → assessed → referred for investigation →
 * resolved, and it may be resolved or withdrawn along the way. Resolved and withdrawn are final.
 */
export const COMPLAINT_TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.Received]: [S.Assessed, S.Resolved, S.Withdrawn],
  [S.Assessed]: [S.ReferredForInvestigation, S.Resolved, S.Withdrawn],
  [S.ReferredForInvestigation]: [S.Resolved, S.Withdrawn],
  [S.Resolved]: [],
  [S.Withdrawn]: [],
};
