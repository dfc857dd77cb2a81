import { Role } from '../common/auth/role.js';
import { InvestigationStatus as S } from './investigation.enums.js';
import { TRANSITIONS, allowedTargets, rolesFor } from './investigation-lifecycle.js';

describe('investigation lifecycle table', () => {
  it('has a row for every state and no move from a state to itself', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual(Object.values(S).sort());
    for (const [from, targets] of Object.entries(TRANSITIONS)) expect(Object.keys(targets)).not.toContain(from);
  });

  it('resumes a suspended case only to where it came from or to investigating', () => {
    const suspendable = Object.values(S).filter((from) => S.Suspended in TRANSITIONS[from]);
    expect(suspendable.sort()).toEqual([S.Investigating, S.Open, S.ReportSubmitted].sort());
    // Every state a case can be suspended from is a state it can resume to.
    expect(Object.keys(TRANSITIONS[S.Suspended]).sort()).toEqual(suspendable.sort());
    expect(allowedTargets(S.Suspended, S.Open).sort()).toEqual([S.Investigating, S.Open].sort());
    expect(allowedTargets(S.Suspended, S.ReportSubmitted).sort()).toEqual([S.Investigating, S.ReportSubmitted].sort());
    expect(allowedTargets(S.Suspended, S.Investigating)).toEqual([S.Investigating]);
  });

  it('leaves decision, closing, reopening and sending a report back to reviewers', () => {
    for (const [from, to] of [[S.ReportSubmitted, S.Decision], [S.Decision, S.Closed], [S.Closed, S.Reopened], [S.ReportSubmitted, S.Investigating]]) {
      expect(rolesFor(from, to)).toEqual([Role.Reviewer]);
    }
    expect(rolesFor(S.Investigating, S.ReportSubmitted)).toContain(Role.Investigator);
    expect(rolesFor(S.Open, S.Closed)).toEqual([]);
  });

  it('never lets an investigator reach decision or closed, or reopen', () => {
    for (const targets of Object.values(TRANSITIONS)) {
      for (const to of [S.Decision, S.Closed, S.Reopened]) expect(targets[to] ?? []).not.toContain(Role.Investigator);
    }
  });
});
