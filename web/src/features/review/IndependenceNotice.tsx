import { Alert } from '@mantine/core';
import { can } from '../../app/can';
import { useUser } from '../auth/session';
import type { Investigation } from '../investigations/useInvestigation';

/** True when the signed-in user leads or is on the case's team. */
export function isOnTeam(investigation: Investigation, userId: string): boolean {
  return investigation.leadInvestigatorId === userId || investigation.team.some((member) => member.userId === userId);
}

/**
 * Findings and outcomes are decided by a reviewer independent of the case: the API refuses
 * (403) a reviewer on its team, so such a reviewer is told before they try.
 */
export function IndependenceNotice({ investigation }: { investigation: Investigation }) {
  const user = useUser();
  if (!can(user, 'record-outcome') || !isOnTeam(investigation, user.id)) return null;
  return (
    <Alert color="blue" variant="light" title="You are on this case's team">
      Findings and outcomes must be decided by a reviewer independent of the investigation. Because you lead or are on
      the team of this case, the server will refuse the findings and outcomes you try to record here.
    </Alert>
  );
}
