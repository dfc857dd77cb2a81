import { Role } from '../common/auth/role.js';
import { InvestigationStatus as S } from './investigation.enums.js';

const BOTH = [Role.Investigator, Role.Reviewer];
const REVIEWERS = [Role.Reviewer];

/**
 * The investigation lifecycle, in one place, as data: for each state, the states it may move
 * to and the roles that may make that move. Anything not listed does not exist (409).
 *
 *   open ─→ investigating ─→ report_submitted ─→ decision ─→ closed ─→ reopened ─→ investigating
 *     │            │                 │   └─(reviewer sends it back)─→ investigating
 *     └────────────┴─────────────────┴─→ suspended ─→ (the state it was suspended from, or investigating)
 *
 * Investigators take a case up to report_submitted and may suspend and resume it; only
 * reviewers move it to decision and closed, send a report back, or reopen a closed case.
 */
export const TRANSITIONS: Readonly<Record<S, Readonly<Partial<Record<S, readonly Role[]>>>>> = {
  [S.Open]: { [S.Investigating]: BOTH, [S.Suspended]: BOTH },
  [S.Investigating]: { [S.ReportSubmitted]: BOTH, [S.Suspended]: BOTH },
  [S.ReportSubmitted]: { [S.Decision]: REVIEWERS, [S.Investigating]: REVIEWERS, [S.Suspended]: BOTH },
  [S.Decision]: { [S.Closed]: REVIEWERS },
  [S.Closed]: { [S.Reopened]: REVIEWERS },
  // Resuming: only to the state it was suspended from, or to investigating (see allowedTargets).
  [S.Suspended]: { [S.Open]: BOTH, [S.Investigating]: BOTH, [S.ReportSubmitted]: BOTH },
  [S.Reopened]: { [S.Investigating]: BOTH },
};

/** The states `from` may move to now; a suspended case only back where it was, or to investigating. */
export function allowedTargets(from: S, suspendedFrom: S | null): S[] {
  const targets = Object.keys(TRANSITIONS[from]) as S[];
  if (from !== S.Suspended) return targets;
  return targets.filter((to) => to === S.Investigating || to === suspendedFrom);
}

/** Roles that may move a case from `from` to `to` (empty if the move does not exist). */
export const rolesFor = (from: S, to: S): readonly Role[] => TRANSITIONS[from][to] ?? [];
