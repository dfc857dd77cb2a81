import { hasRole, type AuthUser } from '../common/auth/auth-user.js';
import { Role } from '../common/auth/role.js';
import type { Complaint } from './complaint.entity.js';

/** What the caller's relation to one complaint allows. */
export interface ComplaintStanding {
  /** Created it, or is on the case it is linked to (investigators). */
  own: boolean;
  sees: boolean;
  changes: boolean;
  personalData: boolean;
}

/**
 * The one complaint access rule, for the complaint routes and its history alike: reviewers and
 * analysts see every complaint; an investigator those they recorded and those linked to a case
 * they lead or are on (`onItsCase`, from CaseAccess.casesOf). Changes and complainant personal
 * data: reviewers and those investigators. A plain function, so record history can use it
 * without the complaints service.
 */
export function complaintStanding(complaint: Pick<Complaint, 'createdBy'>, actor: AuthUser, onItsCase: boolean): ComplaintStanding {
  const reviewer = hasRole(actor, Role.Reviewer);
  const own = hasRole(actor, Role.Investigator) && (complaint.createdBy === actor.id || onItsCase);
  return { own, sees: own || hasRole(actor, Role.Reviewer, Role.Analyst), changes: own || reviewer, personalData: own || reviewer };
}
