import { ConflictError, NotAllowedError, NotFoundError } from '../../src/common/errors/domain-errors.js';
import { Role } from '../../src/common/auth/role.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { TransitionDto } from '../../src/investigations/dto/transition.dto.js';
import { Investigation } from '../../src/investigations/investigation.entity.js';
import { InvestigationStatus as S } from '../../src/investigations/investigation.enums.js';
import { openCase, transition } from '../support/service-cases.js';
import { createServiceContext, type ServiceContext } from '../support/service-context.js';

describe('LifecycleService: who may move a case where', () => {
  let ctx: ServiceContext;
  let lead: AuthUser;
  let reviewer: AuthUser;
  let outsider: AuthUser;

  const stored = async (id: string) => (await ctx.rows(Investigation, { id }))[0];
  /** A case of `lead`'s, moved along `path` by the role allowed each step. */
  const caseAt = async (path: Array<[S, AuthUser]>) => {
    const opened = await openCase(ctx, lead);
    for (const [to, by] of path) await transition(ctx, by, opened.id, to);
    return opened.id;
  };
  const toReportSubmitted = (): Array<[S, AuthUser]> => [[S.Investigating, lead], [S.ReportSubmitted, lead]];
  const toClosed = (): Array<[S, AuthUser]> => [...toReportSubmitted(), [S.Decision, reviewer], [S.Closed, reviewer]];

  beforeAll(async () => {
    ctx = await createServiceContext({ today: '2024-06-01' });
    ({ lead, reviewer, outsider } = await ctx.actors({ lead: [Role.Investigator], reviewer: [Role.Reviewer], outsider: [Role.Investigator] }));
  });
  afterAll(() => ctx?.close());

  it('lets the investigator take their case from open to report_submitted, each move audited with its reason', async () => {
    const { id } = await openCase(ctx, lead);
    const mark = await ctx.auditMark();

    const investigating = await transition(ctx, lead, id, S.Investigating, 'Enquiries begun');
    const submitted = await transition(ctx, lead, id, S.ReportSubmitted, 'Report sent to the appropriate authority');

    expect(investigating).toMatchObject({ status: S.Investigating, version: 2 });
    expect(submitted).toMatchObject({ status: S.ReportSubmitted, version: 3, closedOn: null });
    expect(await stored(id)).toMatchObject({ status: S.ReportSubmitted, version: 3, suspendedFrom: null });
    const events = await ctx.auditSince(mark);
    expect(events.map((e) => [e.action, e.entityId, e.actorId, e.detail])).toEqual([
      ['investigation.transitioned', id, lead.id, { from: S.Open, to: S.Investigating, reason: 'Enquiries begun' }],
      ['investigation.transitioned', id, lead.id, { from: S.Investigating, to: S.ReportSubmitted, reason: 'Report sent to the appropriate authority' }],
    ]);
    expect(events[1].changes).toMatchObject({ status: { before: S.Investigating, after: S.ReportSubmitted } });
  });

  it('undoes the move when its audit event cannot be written', async () => {
    const { id } = await openCase(ctx, lead);
    ctx.failNextAudit('investigation.transitioned');

    const error = await ctx.refused(() => transition(ctx, lead, id, S.Investigating));

    expect(error.message).toBe('audit write failed: investigation.transitioned');
    expect(await stored(id)).toMatchObject({ status: S.Open, version: 1 });
  });

  it('refuses an investigator the move to decision, and writes nothing', async () => {
    const id = await caseAt(toReportSubmitted());

    const error = await ctx.refused(() => transition(ctx, lead, id, S.Decision));

    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe('only a reviewer may move an investigation from report_submitted to decision');
    expect(await stored(id)).toMatchObject({ status: S.ReportSubmitted, version: 3 });
  });

  it('lets only a reviewer decide and close a case, dated by the clock', async () => {
    const id = await caseAt([...toReportSubmitted(), [S.Decision, reviewer]]);
    const refused = await ctx.refused(() => transition(ctx, lead, id, S.Closed));
    expect(refused).toBeInstanceOf(NotAllowedError);
    expect(refused.message).toBe('only a reviewer may move an investigation from decision to closed');

    ctx.clock.set('2024-06-03');
    const closed = await transition(ctx, reviewer, id, S.Closed, 'Decisions recorded');
    ctx.clock.set('2024-06-01');

    expect(closed).toMatchObject({ status: S.Closed, closedOn: '2024-06-03' });
    expect(await stored(id)).toMatchObject({ status: S.Closed, closedOn: '2024-06-03', version: 5 });
    const [event] = (await ctx.auditSince(0)).filter((e) => e.entityId === id && e.detail?.to === S.Closed);
    expect(event).toMatchObject({ actorId: reviewer.id, changes: { closedOn: { before: null, after: '2024-06-03' } } });
  });

  it('names both states, and where the case may go, when a move does not exist', async () => {
    const { id, reference } = await openCase(ctx, lead);

    const error = await ctx.refused(() => transition(ctx, reviewer, id, S.Closed));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(`cannot move investigation ${reference} from open to closed; from open it may move to: investigating, suspended`);
    expect((error as ConflictError).details).toEqual({ currentStatus: S.Open, wantedStatus: S.Closed, allowed: [S.Investigating, S.Suspended] });
    expect(await stored(id)).toMatchObject({ status: S.Open, version: 1 });
  });

  it('suspends a case and resumes it only where it was or to investigating', async () => {
    const id = await caseAt(toReportSubmitted());
    await transition(ctx, lead, id, S.Suspended, 'Criminal proceedings first');
    expect(await stored(id)).toMatchObject({ status: S.Suspended, suspendedFrom: S.ReportSubmitted });

    const error = await ctx.refused(() => transition(ctx, lead, id, S.Decision));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('from suspended (suspended from report_submitted) to decision; from suspended it may move to: investigating, report_submitted');

    const resumed = await transition(ctx, lead, id, S.ReportSubmitted, 'Criminal proceedings over');
    expect(resumed).toMatchObject({ status: S.ReportSubmitted, suspendedFrom: null });
    expect(await stored(id)).toMatchObject({ status: S.ReportSubmitted, suspendedFrom: null });
  });

  it('lets a case suspended while open go back to open, but not straight to report_submitted', async () => {
    const id = await caseAt([[S.Suspended, lead]]);

    const error = await ctx.refused(() => transition(ctx, lead, id, S.ReportSubmitted));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain('from suspended (suspended from open) to report_submitted');

    await transition(ctx, lead, id, S.Open, 'Resumed');
    expect(await stored(id)).toMatchObject({ status: S.Open, suspendedFrom: null });
  });

  it('reopens a closed case for a reviewer only, clearing its closing date, and then lets it be investigated again', async () => {
    const id = await caseAt(toClosed());
    expect((await stored(id)).closedOn).toBe('2024-06-01');
    const refused = await ctx.refused(() => transition(ctx, lead, id, S.Reopened));
    expect(refused).toBeInstanceOf(NotAllowedError);

    const mark = await ctx.auditMark();
    const reopened = await transition(ctx, reviewer, id, S.Reopened, 'New evidence');
    expect(reopened).toMatchObject({ status: S.Reopened, closedOn: null });
    const [event] = await ctx.auditSince(mark);
    expect(event).toMatchObject({
      action: 'investigation.transitioned', actorId: reviewer.id,
      changes: { status: { before: S.Closed, after: S.Reopened }, closedOn: { before: '2024-06-01', after: null } },
    });

    await transition(ctx, lead, id, S.Investigating, 'Back to enquiries');
    expect(await stored(id)).toMatchObject({ status: S.Investigating, closedOn: null });
  });

  it('answers "not found" to an investigator who is not on the case, and writes nothing', async () => {
    const { id } = await openCase(ctx, lead);

    const move = await ctx.dto(TransitionDto, { to: S.Investigating, reason: 'not mine' });
    const error = await ctx.refused(() => ctx.services.lifecycle.transition(id, move, 1, outsider));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`investigation ${id} not found`);
    expect(await stored(id)).toMatchObject({ status: S.Open, version: 1 });
  });
});
