import type { EntityManager } from 'typeorm';
import { Role } from '../common/auth/role.js';
import { ConflictError, RuleViolationError } from '../common/errors/domain-errors.js';
import { User } from '../users/user.entity.js';
import type { Investigation } from './investigation.entity.js';
import { InvestigationMode, InvestigationStatus, PRE_2020_MODES } from './investigation.enums.js';

/** The day the 2020 conduct regulations took effect: supervised and managed modes end there. */
export const REGIME_2020_STARTS = '2020-01-01';

/** Rules every investigation obeys, whatever route changed it. */
export function assertInvestigationRules(i: Pick<Investigation, 'mode' | 'openedOn' | 'conductFrom' | 'conductTo'>): void {
  if (PRE_2020_MODES.includes(i.mode) && i.openedOn >= REGIME_2020_STARTS) {
    throw new RuleViolationError(
      `mode ${i.mode} exists only for investigations opened before ${REGIME_2020_STARTS} (this one opened on ${i.openedOn}); `
      + `use ${InvestigationMode.Local}, ${InvestigationMode.Directed} or ${InvestigationMode.Independent}`,
    );
  }
  if (i.conductFrom && i.conductTo && i.conductFrom > i.conductTo) {
    throw new RuleViolationError(`the conduct period cannot end before it starts: conductFrom ${i.conductFrom} is after conductTo ${i.conductTo}`);
  }
}

/** An archived case is not changed, nor is anything on it. */
export function assertNotArchived(i: Pick<Investigation, 'archivedAt' | 'reference'>): void {
  if (i.archivedAt) throw new ConflictError(`investigation ${i.reference} is archived and cannot be changed`);
}

/** Closed and archived cases are not edited: a closed one is reopened first. */
export function assertChangeable(i: Pick<Investigation, 'archivedAt' | 'reference' | 'status'>): void {
  assertNotArchived(i);
  if (i.status === InvestigationStatus.Closed) throw new ConflictError(`investigation ${i.reference} is closed: reopen it to change it`);
}

/** Who may lead or join a case: an active account holding the investigator role. */
export function isActiveInvestigator(user: Pick<User, 'active' | 'roles'> | null): boolean {
  return !!user && user.active && user.roles.includes(Role.Investigator);
}

/** The lead or team member `userId`, if an active investigator (else a rule violation naming them). */
export async function assertActiveInvestigator(em: EntityManager, userId: string, as: 'lead investigator' | 'team member'): Promise<User> {
  const user = await em.findOneBy(User, { id: userId });
  if (!user || !isActiveInvestigator(user)) {
    throw new RuleViolationError(`the ${as} must be an active user holding the investigator role; user ${userId} is not`);
  }
  return user;
}
