import type { SessionUser } from '../features/auth/session';

export type Role = SessionUser['roles'][number];

/**
 * What the app offers each role, mirroring the API's @Roles on each route. The server still
 * decides (a team member check, the case's state); this only hides what a role can never do.
 */
const ACTIONS = {
  'see-cases': ['investigator', 'reviewer', 'analyst'],
  'create-complaint': ['investigator'],
  'open-investigation': ['investigator'],
  'edit-investigation': ['investigator', 'reviewer'],
  'move-investigation': ['investigator', 'reviewer'],
  'manage-team': ['investigator', 'reviewer'],
  'add-subject': ['investigator'],
  'create-officer': ['investigator'],
  'edit-allegation': ['investigator'],
  'add-evidence-note': ['investigator'],
  'add-recommendation': ['investigator'],
  'record-finding': ['reviewer'],
  'record-outcome': ['reviewer'],
  'review-queue': ['reviewer'],
  'extend-recommendation': ['reviewer'],
  'respond-recommendation': ['reviewer'],
  'record-implementation': ['reviewer'],
  'see-registers': ['investigator', 'reviewer', 'analyst'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

export function can(user: SessionUser | null | undefined, action: Action): boolean {
  if (!user) return false;
  const allowed: readonly Role[] = ACTIONS[action];
  return user.roles.some((role) => allowed.includes(role));
}

/** Investigators see their own cases; everyone else who sees cases sees them all. */
export function seesOnlyOwnCases(user: SessionUser): boolean {
  return user.roles.includes('investigator') && !user.roles.includes('reviewer') && !user.roles.includes('analyst');
}
