import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Role } from '../../src/common/auth/role.js';
import { createInvestigation, getInvestigation, transitionInvestigation } from '../support/factories.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

type Status = 'open' | 'investigating' | 'report_submitted' | 'decision' | 'closed' | 'suspended' | 'reopened';
const STATUSES: Status[] = ['open', 'investigating', 'report_submitted', 'decision', 'closed', 'suspended', 'reopened'];

/**
 * The lifecycle as the issue describes it, restated here independently of the code's table.
 * 'investigator': investigators (and reviewers) may make the move; 'reviewer': reviewers only.
 * A suspended case is named with the state it was suspended from.
 */
const EXPECTED: Record<string, { path: Status[]; allowed: Partial<Record<Status, 'investigator' | 'reviewer'>> }> = {
  open: { path: [], allowed: { investigating: 'investigator', suspended: 'investigator' } },
  investigating: { path: ['investigating'], allowed: { report_submitted: 'investigator', suspended: 'investigator' } },
  report_submitted: {
    path: ['investigating', 'report_submitted'],
    allowed: { decision: 'reviewer', investigating: 'reviewer', suspended: 'investigator' },
  },
  decision: { path: ['investigating', 'report_submitted', 'decision'], allowed: { closed: 'reviewer' } },
  closed: { path: ['investigating', 'report_submitted', 'decision', 'closed'], allowed: { reopened: 'reviewer' } },
  reopened: { path: ['investigating', 'report_submitted', 'decision', 'closed', 'reopened'], allowed: { investigating: 'investigator' } },
  'suspended from open': { path: ['suspended'], allowed: { open: 'investigator', investigating: 'investigator' } },
  'suspended from investigating': { path: ['investigating', 'suspended'], allowed: { investigating: 'investigator' } },
  'suspended from report_submitted': {
    path: ['investigating', 'report_submitted', 'suspended'],
    allowed: { report_submitted: 'investigator', investigating: 'investigator' },
  },
};

const CASES = Object.entries(EXPECTED).flatMap(([from, { path, allowed }]) =>
  STATUSES.map((to) => {
    const by = allowed[to] ?? null;
    const who = by === 'investigator' ? 'investigators and reviewers' : by === 'reviewer' ? 'reviewers only (investigators 403)' : 'nobody (409)';
    return { from, path, to, by, who };
  }));

describe('investigation lifecycle', () => {
  let t: TestApp;
  let investigator: string;
  let reviewer: string;
  let analyst: string;

  beforeAll(async () => {
    t = await createTestApp();
    investigator = await t.tokenFor(Role.Investigator);
    reviewer = await t.tokenFor(Role.Reviewer);
    analyst = await t.tokenFor(Role.Analyst);
  });
  afterAll(async () => { await t.close(); });

  /** A new case (led by `investigator`) walked along `path` by a reviewer. */
  async function caseAt(path: Status[]) {
    const investigation = await createInvestigation(t, investigator);
    for (const step of path) await transitionInvestigation(t, reviewer, investigation.id, step);
    return getInvestigation(t, reviewer, investigation.id);
  }

  const attempt = (token: string, id: string, to: string, version: number, reason = 'test') =>
    t.http().post(`/api/investigations/${id}/transitions`).set(bearer(token)).set('If-Match', `"${version}"`).send({ to, reason });

  it.each(CASES)('$from → $to: $who', async ({ path, to, by }) => {
    const before = await caseAt(path);
    const from: string = before.status;
    if (by === 'investigator') {
      const res = await attempt(investigator, before.id, to, before.version).expect(200);
      expect(res.body).toMatchObject({ status: to, version: before.version + 1 });
      return;
    }
    if (by === 'reviewer') {
      const refused = await attempt(investigator, before.id, to, before.version).expect(403);
      expect(refused.body.message).toBe(`only a reviewer may move an investigation from ${from} to ${to}`);
      expect((await getInvestigation(t, reviewer, before.id)).version).toBe(before.version);
      const res = await attempt(reviewer, before.id, to, before.version).expect(200);
      expect(res.body).toMatchObject({ status: to, version: before.version + 1 });
      return;
    }
    for (const token of [investigator, reviewer]) {
      const res = await attempt(token, before.id, to, before.version).expect(409);
      expect(res.body.message).toContain(`from ${from}`);
      expect(res.body.message).toContain(` to ${to};`);
      expect(res.body.details).toMatchObject({ currentStatus: from, wantedStatus: to });
    }
    const after = await getInvestigation(t, reviewer, before.id);
    expect(after).toMatchObject({ status: from, version: before.version });
  });

  it('remembers where a case was suspended from and forgets it on resuming', async () => {
    const inv = await caseAt(['investigating', 'report_submitted']);
    const suspended = await transitionInvestigation(t, investigator, inv.id, 'suspended', 'awaiting criminal proceedings');
    expect(suspended).toMatchObject({ status: 'suspended', suspendedFrom: 'report_submitted' });
    const resumed = await transitionInvestigation(t, investigator, inv.id, 'report_submitted', 'proceedings concluded');
    expect(resumed).toMatchObject({ status: 'report_submitted', suspendedFrom: null });
  });

  it('dates a closed case, clears the date on reopening, and audits each move with its reason', async () => {
    const inv = await caseAt(['investigating', 'report_submitted', 'decision']);
    const closed = await transitionInvestigation(t, reviewer, inv.id, 'closed', 'outcomes recorded');
    const londonToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
    expect(closed.closedOn).toBe(londonToday);
    const reopened = await transitionInvestigation(t, reviewer, inv.id, 'reopened', 'new evidence');
    expect(reopened).toMatchObject({ status: 'reopened', closedOn: null });

    const events = await t.dataSource.getRepository(AuditEvent)
      .find({ where: { entityId: inv.id, action: 'investigation.transitioned' }, order: { seq: 'ASC' } });
    expect(events.map((e) => e.detail)).toEqual([
      { from: 'open', to: 'investigating', reason: 'test transition' },
      { from: 'investigating', to: 'report_submitted', reason: 'test transition' },
      { from: 'report_submitted', to: 'decision', reason: 'test transition' },
      { from: 'decision', to: 'closed', reason: 'outcomes recorded' },
      { from: 'closed', to: 'reopened', reason: 'new evidence' },
    ]);
    expect(events[3].changes).toEqual({ status: { before: 'decision', after: 'closed' }, closedOn: { before: null, after: londonToday } });
    expect(events[3].actorRoles).toEqual(['reviewer']);
  });

  it('refuses analysts and admins (403)', async () => {
    const inv = await caseAt([]);
    await attempt(analyst, inv.id, 'investigating', inv.version).expect(403);
    await attempt(await t.tokenFor(Role.Admin), inv.id, 'investigating', inv.version).expect(403);
  });

  it('requires If-Match (428) and refuses a stale one (412), writing nothing', async () => {
    const inv = await caseAt(['investigating']);
    await t.http().post(`/api/investigations/${inv.id}/transitions`).set(bearer(investigator))
      .send({ to: 'report_submitted', reason: 'x'.repeat(5) }).expect(428);
    const stale = await attempt(investigator, inv.id, 'report_submitted', inv.version - 1).expect(412);
    expect(stale.body.details).toEqual({ currentVersion: inv.version });
    expect(await getInvestigation(t, reviewer, inv.id)).toMatchObject({ status: 'investigating', version: inv.version });
  });

  it('lets one of two simultaneous moves from the same version win', async () => {
    const inv = await caseAt(['investigating']);
    const results = await Promise.all([
      attempt(investigator, inv.id, 'report_submitted', inv.version),
      attempt(reviewer, inv.id, 'suspended', inv.version),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const events = await t.dataSource.getRepository(AuditEvent).find({ where: { entityId: inv.id, action: 'investigation.transitioned' } });
    expect(events).toHaveLength(1 + 1); // the walk to investigating, then the winner
  });

  it('answers 400 naming a bad target state or a missing reason', async () => {
    const inv = await caseAt([]);
    const bad = await t.http().post(`/api/investigations/${inv.id}/transitions`).set(bearer(investigator)).set('If-Match', '"1"')
      .send({ to: 'finished' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['reason', 'to']);
  });

  it('refuses moving an archived case (409)', async () => {
    const inv = await caseAt([]);
    await t.http().post(`/api/investigations/${inv.id}/archive`).set(bearer(investigator)).set('If-Match', '"1"')
      .send({ reason: 'opened in error' }).expect(200);
    const res = await attempt(investigator, inv.id, 'investigating', 2).expect(409);
    expect(res.body.message).toContain('archived');
  });
});
