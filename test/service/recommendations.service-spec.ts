import type { AuthUser } from '../../src/common/auth/auth-user.js';
import { Role } from '../../src/common/auth/role.js';
import { RuleViolationError } from '../../src/common/errors/domain-errors.js';
import {
  CreateRecommendationDto, ExtendResponseDeadlineDto, RecommendationQuery, RecordResponseDto, type RecommendationResponse,
} from '../../src/recommendations/dto/recommendation.dto.js';
import { Recommendation } from '../../src/recommendations/recommendation.entity.js';
import { recommendationInput } from '../support/case-decisions.js';
import { openCase } from '../support/service-cases.js';
import { createServiceContext, type ServiceContext } from '../support/service-context.js';

const TODAY = '2024-06-01';

describe('RecommendationsService: the response clock', () => {
  let ctx: ServiceContext;
  let lead: AuthUser;
  let reviewer: AuthUser;

  const issue = async (investigationId: string, issuedOn: string) =>
    ctx.services.recommendations.create(investigationId, await ctx.dto(CreateRecommendationDto, recommendationInput({ issuedOn })), lead);
  const issueOnNewCase = async (issuedOn: string) => issue((await openCase(ctx, lead)).id, issuedOn);
  const stored = async (id: string) => (await ctx.rows(Recommendation, { id }))[0];
  /** The recommendation as read on `day`. */
  const readOn = async (day: string, id: string) => {
    ctx.clock.set(day);
    return ctx.services.recommendations.get(id, reviewer);
  };
  /** Ids of the case's recommendations that are (or are not) overdue on `day`. */
  const overdueOn = async (day: string, investigationId: string, overdue = true) => {
    ctx.clock.set(day);
    const query = await ctx.dto(RecommendationQuery, { investigationId, overdue: String(overdue) });
    return (await ctx.services.recommendations.list(query, reviewer)).items.map((r) => r.id);
  };
  const extend = async (r: RecommendationResponse, body: { responseDueOn: string; reason: string }) =>
    ctx.services.recommendations.extend(r.id, await ctx.dto(ExtendResponseDeadlineDto, body), r.version, lead);

  beforeAll(async () => {
    ctx = await createServiceContext({ today: TODAY });
    ({ lead, reviewer } = await ctx.actors({ lead: [Role.Investigator], reviewer: [Role.Reviewer] }));
  });
  beforeEach(() => ctx.clock.set(TODAY));
  afterAll(() => ctx?.close());

  it('makes the response due 56 days after issue, numbering recommendations within their case, audited', async () => {
    const { id: investigationId } = await openCase(ctx, lead);
    const mark = await ctx.auditMark();

    const first = await issue(investigationId, '2024-01-10');
    const second = await issue(investigationId, '2023-01-10');

    expect(first).toMatchObject({ number: 1, issuedOn: '2024-01-10', responseDueOn: '2024-03-06', responseStatus: 'pending', overdue: true });
    expect(second).toMatchObject({ number: 2, responseDueOn: '2023-03-07' });
    expect(await stored(first.id)).toMatchObject({ investigationId, number: 1, responseDueOn: '2024-03-06', dueExtensionReason: null, createdBy: lead.id });
    const events = await ctx.auditSince(mark);
    expect(events.map((e) => [e.action, e.entityId, e.actorId])).toEqual([
      ['recommendation.created', first.id, lead.id], ['recommendation.created', second.id, lead.id],
    ]);
    expect(events[0].changes).toMatchObject({ responseDueOn: { before: null, after: '2024-03-06' } });
  });

  it('refuses a recommendation issued after today, and writes nothing', async () => {
    const { id: investigationId } = await openCase(ctx, lead);
    const dto = await ctx.dto(CreateRecommendationDto, recommendationInput({ issuedOn: '2024-06-02' }));

    const error = await ctx.refused(() => ctx.services.recommendations.create(investigationId, dto, lead));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.message).toBe('a recommendation cannot be issued on a day still in the future');
    expect(await ctx.rows(Recommendation, { investigationId })).toEqual([]);
  });

  it('is still in time on its due day and overdue the day after, while unanswered', async () => {
    const { id: investigationId } = await openCase(ctx, lead);
    const r = await issue(investigationId, '2024-01-10');

    expect(await readOn('2024-03-06', r.id)).toMatchObject({ responseDueOn: '2024-03-06', overdue: false });
    expect(await overdueOn('2024-03-06', investigationId)).toEqual([]);
    expect(await overdueOn('2024-03-06', investigationId, false)).toEqual([r.id]);

    expect(await readOn('2024-03-07', r.id)).toMatchObject({ overdue: true });
    expect(await overdueOn('2024-03-07', investigationId)).toEqual([r.id]);
    expect(await overdueOn('2024-03-07', investigationId, false)).toEqual([]);
  });

  it('extends the due date with the reason, audited, which ends the overdue', async () => {
    const r = await issueOnNewCase('2024-01-10');
    const mark = await ctx.auditMark();
    ctx.clock.set('2024-03-10');

    const extended = await extend(r, { responseDueOn: '2024-04-30', reason: 'Recipient asked for more time to consult' });

    expect(extended).toMatchObject({ responseDueOn: '2024-04-30', dueExtensionReason: 'Recipient asked for more time to consult', overdue: false, version: 2 });
    expect(await stored(r.id)).toMatchObject({ responseDueOn: '2024-04-30', dueExtensionReason: 'Recipient asked for more time to consult', version: 2 });
    const [event] = await ctx.auditSince(mark);
    expect(event).toMatchObject({
      action: 'recommendation.deadline_extended', entityId: r.id, actorId: lead.id,
      changes: { responseDueOn: { before: '2024-03-06', after: '2024-04-30' }, dueExtensionReason: { before: null, after: 'Recipient asked for more time to consult' } },
    });
    expect(await readOn('2024-05-01', r.id)).toMatchObject({ overdue: true });
  });

  it('undoes the extension when its audit event cannot be written', async () => {
    const r = await issueOnNewCase('2024-01-10');
    ctx.failNextAudit('recommendation.deadline_extended');

    const error = await ctx.refused(() => extend(r, { responseDueOn: '2024-04-30', reason: 'Recipient asked for more time' }));

    expect(error.message).toBe('audit write failed: recommendation.deadline_extended');
    expect(await stored(r.id)).toMatchObject({ responseDueOn: '2024-03-06', dueExtensionReason: null, version: 1 });
  });

  it('refuses an extension that does not move the due date later', async () => {
    const r = await issueOnNewCase('2024-01-10');
    const dto = await ctx.dto(ExtendResponseDeadlineDto, { responseDueOn: '2024-03-06', reason: 'Same day again' });

    const error = await ctx.refused(() => ctx.services.recommendations.extend(r.id, dto, r.version, lead));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.message).toBe('an extension must move the response due date later than the current one (2024-03-06)');
    expect(await stored(r.id)).toMatchObject({ responseDueOn: '2024-03-06', dueExtensionReason: null, version: 1 });
  });

  it('is never overdue once answered, and its deadline can no longer be extended', async () => {
    const r = await issueOnNewCase('2024-01-10');
    const answer = await ctx.dto(RecordResponseDto, { responseStatus: 'accepted', responseText: 'We will review vetting.', respondedOn: '2024-04-02' });
    const answered = await ctx.services.recommendations.respond(r.id, answer, r.version, reviewer);
    expect(answered).toMatchObject({ responseStatus: 'accepted', respondedOn: '2024-04-02', overdue: false });
    expect(await stored(r.id)).toMatchObject({ responseStatus: 'accepted', respondedOn: '2024-04-02', responseText: 'We will review vetting.' });
    const dto = await ctx.dto(ExtendResponseDeadlineDto, { responseDueOn: '2024-05-01', reason: 'Too late for this' });

    const error = await ctx.refused(() => ctx.services.recommendations.extend(r.id, dto, answered.version, lead));

    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error.message).toBe('the response deadline can only be extended while the response is still pending');
    expect(await readOn('2025-01-01', r.id)).toMatchObject({ overdue: false });
  });

  it('refuses a response dated after today or before the recommendation was issued', async () => {
    const r = await issueOnNewCase('2024-01-10');
    const tomorrow = await ctx.dto(RecordResponseDto, { responseStatus: 'not_accepted', responseText: 'No.', respondedOn: '2024-06-02' });
    const beforeIssue = await ctx.dto(RecordResponseDto, { responseStatus: 'not_accepted', responseText: 'No.', respondedOn: '2024-01-09' });

    const future = await ctx.refused(() => ctx.services.recommendations.respond(r.id, tomorrow, r.version, reviewer));
    const early = await ctx.refused(() => ctx.services.recommendations.respond(r.id, beforeIssue, r.version, reviewer));

    expect(future.message).toBe('a response cannot be dated on a day still in the future');
    expect(early.message).toBe('a response cannot predate the recommendation (issued on 2024-01-10)');
    expect(await stored(r.id)).toMatchObject({ responseStatus: 'pending', respondedOn: null, version: 1 });
  });
});
