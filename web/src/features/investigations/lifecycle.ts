// The lifecycle table is the server's own (data, no Nest code): the app offers exactly the moves
// the API allows, for the roles it allows them to.
import { allowedTargets, rolesFor } from '../../../../src/investigations/investigation-lifecycle';
import type { InvestigationStatus as ServerStatus } from '../../../../src/investigations/investigation.enums';
import type { SessionUser } from '../auth/session';
import type { InvestigationStatus } from './labels';

/** The states this user may move the case to now. */
export function movesFor(user: SessionUser, status: InvestigationStatus, suspendedFrom: InvestigationStatus | null): InvestigationStatus[] {
  return allowedTargets(status as ServerStatus, suspendedFrom as ServerStatus | null)
    .filter((to) => rolesFor(status as ServerStatus, to).some((role) => user.roles.includes(role)))
    .map((to) => to as InvestigationStatus);
}

/** What the button for a move says. */
export function moveLabel(from: InvestigationStatus, to: InvestigationStatus): string {
  if (from === 'suspended') return to === 'investigating' ? 'Resume investigating' : 'Resume';
  switch (to) {
    case 'investigating': return from === 'report_submitted' ? 'Send back for more investigation' : 'Start investigating';
    case 'report_submitted': return 'Submit report';
    case 'decision': return 'Move to decision';
    case 'closed': return 'Close case';
    case 'suspended': return 'Suspend';
    case 'reopened': return 'Reopen case';
    default: return `Move to ${to}`;
  }
}
