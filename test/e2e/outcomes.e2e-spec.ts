import { randomUUID } from 'node:crypto';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Outcome } from '../../src/outcomes/outcome.entity.js';
import { Role } from '../../src/common/auth/role.js';
import {
  addAllegation, dismissal, provenAllegation, recordFinding, recordOutcome, subjectOnNewCase,
} from '../support/case-decisions.js';
import { addTeamMember, type RecordBody } from '../support/factories.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

describe('outcomes', () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let outsider: { id: string; token: string };
  let reviewer: { id: string; token: string };
  let analyst: string;
  let admin: string;

  const audit = (entityId: string, action: string) =>
    t.dataSource.getRepository(AuditEvent).find({ where: { entityId, action }, order: { seq: 'ASC' } });
  const tokens = () => ({ investigator: lead.token, reviewer: reviewer.token });
  const post = (subjectId: string, body: object, token = reviewer.token) =>
    t.http().post(`/api/subjects/${subjectId}/outcome`).set(bearer(token)).send(body);

  /** A subject with allegations of the given severities, each found proven, not proven or left pending. */
  async function subjectWith(
    allegations: Array<{ severity: string; finding: 'proven' | 'not_proven' | 'pending' }>, officer: Record<string, unknown> = {},
  ): Promise<{ investigation: RecordBody; officer: RecordBody; subject: RecordBody }> {
    const made = await subjectOnNewCase(t, lead.token, { officer });
    for (const { severity, finding } of allegations) {
      const allegation = await addAllegation(t, lead.token, made.subject.id, { severity });
      if (finding !== 'pending') await recordFinding(t, reviewer.token, allegation, { caseToAnswer: 'yes', finding });
    }
    return made;
  }

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    reviewer = await t.newUser([Role.Reviewer]);
    analyst = await t.tokenFor(Role.Analyst);
    admin = (await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200)).body.accessToken;
  });
  afterAll(async () => { await t.close(); });

  describe('recording', () => {
    it('records a dismissal: the outcome, the officer dismissed and the barred-list entry, each audited', async () => {
      const { officer, subject, investigation } = await subjectWith([{ severity: 'gross_misconduct', finding: 'proven' }]);
      const res = await post(subject.id, dismissal({ decidedOn: '2021-11-30' })).expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        subjectId: subject.id, investigationId: investigation.id, officerId: officer.id, type: 'dismissed', sanction: null,
        hearingType: 'gross_misconduct_hearing', decidedOn: '2021-11-30', regime: '2020', createdBy: reviewer.id, version: 1,
        barredListEntryId: expect.any(String),
      });
      const [recorded] = await audit(res.body.id, 'outcome.recorded');
      expect(recorded).toMatchObject({ actorId: reviewer.id, entityType: 'outcome' });
      expect(recorded.changes).toMatchObject({ type: { before: null, after: 'dismissed' } });

      const after = await t.http().get(`/api/officers/${officer.id}`).set(bearer(reviewer.token)).expect(200);
      expect(after.body).toMatchObject({ employmentStatus: 'dismissed', leftOn: '2021-11-30' });
      const [dismissed] = await audit(officer.id, 'officer.dismissed');
      expect(dismissed.changes).toMatchObject({ employmentStatus: { before: 'serving', after: 'dismissed' } });
      expect(dismissed.detail).toEqual({ outcomeId: res.body.id });

      const entry = await t.http().get(`/api/barred-list/${res.body.barredListEntryId}`).set(bearer(reviewer.token)).expect(200);
      expect(entry.body).toMatchObject({ officerId: officer.id, addedOn: '2021-11-30', reviewEligibleOn: '2026-11-30', removedOn: null });
      expect(await audit(res.body.barredListEntryId, 'barred_list.added')).toHaveLength(1);
    });

    it('records "would have been dismissed" for an officer who resigned, barring them without changing their status', async () => {
      const { officer, subject } = await subjectWith([{ severity: 'gross_misconduct', finding: 'proven' }], { employmentStatus: 'resigned' });
      const res = await post(subject.id, dismissal({ type: 'would_have_been_dismissed', hearingType: 'accelerated_hearing' })).expect(201);
      expect(res.body.barredListEntryId).toEqual(expect.any(String));
      expect((await t.http().get(`/api/officers/${officer.id}`).set(bearer(reviewer.token))).body.employmentStatus).toBe('resigned');
      expect(await audit(officer.id, 'officer.dismissed')).toHaveLength(0);
    });

    it('records discipline, learning, resignation and no further action without touching the barred list', async () => {
      const cases: Array<[Array<{ severity: string; finding: 'proven' | 'not_proven' | 'pending' }>, Record<string, unknown>]> = [
        [[{ severity: 'misconduct', finding: 'proven' }], { type: 'disciplined', sanction: 'final_written_warning', hearingType: 'misconduct_meeting' }],
        [[{ severity: 'gross_misconduct', finding: 'proven' }], { type: 'disciplined', sanction: 'reduction_in_rank', hearingType: 'gross_misconduct_hearing' }],
        [[{ severity: 'misconduct', finding: 'pending' }], { type: 'learning', learningOutcome: 'reflective_practice_review' }],
        [[{ severity: 'gross_misconduct', finding: 'pending' }], { type: 'resigned' }],
        [[{ severity: 'misconduct', finding: 'not_proven' }], { type: 'no_further_action' }],
      ];
      for (const [allegations, body] of cases) {
        const { subject } = await subjectWith(allegations);
        const res = await post(subject.id, { decidedOn: '2022-01-10', regime: '2020', ...body });
        expect({ body, status: res.status }).toEqual({ body, status: 201 });
        expect(res.body.barredListEntryId).toBeNull();
      }
    });

    it('refuses a second outcome for the same subject (409), pointing to the amendment route', async () => {
      const { subject } = await subjectWith([]);
      const first = await recordOutcome(t, reviewer.token, subject.id, { type: 'no_further_action', decidedOn: '2022-01-10', regime: '2020' });
      const res = await post(subject.id, { type: 'no_further_action', decidedOn: '2022-01-11', regime: '2020' }).expect(409);
      expect(res.body.message).toBe(`subject ${subject.id} already has an outcome (${first.id}): amend it with PATCH /api/outcomes/${first.id}`);
    });

    it('names bad fields (400)', async () => {
      const { subject } = await subjectWith([]);
      const res = await post(subject.id, { type: 'sacked', decidedOn: 'yesterday', regime: '2016' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['decidedOn', 'regime', 'type']);
    });
  });

  describe('the conduct rules (422, the rule in words, nothing written)', () => {
    const gross = { severity: 'gross_misconduct', finding: 'proven' } as const;
    const misconduct = { severity: 'misconduct', finding: 'proven' } as const;
    const rules: Array<[string, Array<{ severity: string; finding: 'proven' | 'not_proven' | 'pending' }>, Record<string, unknown>, Record<string, unknown>, string]> = [
      ['dismissal without gross misconduct proven', [misconduct, { severity: 'gross_misconduct', finding: 'not_proven' }], {}, dismissal(),
        'dismissal, or a finding that the officer would have been dismissed, needs an allegation of gross misconduct found proven'],
      ['dismissal after a misconduct meeting', [gross], {}, dismissal({ hearingType: 'misconduct_meeting' }),
        'dismissal, or a finding that the officer would have been dismissed, needs a gross misconduct hearing or an accelerated hearing'],
      ['"would have been dismissed" for a serving officer', [gross], {}, dismissal({ type: 'would_have_been_dismissed' }),
        'a serving or suspended officer cannot be found "would have been dismissed": only a former officer who resigned or retired can'],
      ['"would have been dismissed" for a suspended officer', [gross], { employmentStatus: 'suspended' }, dismissal({ type: 'would_have_been_dismissed' }),
        'a serving or suspended officer cannot be found "would have been dismissed": only a former officer who resigned or retired can'],
      ['dismissal of an officer who retired', [gross], { employmentStatus: 'retired' }, dismissal(),
        'only a serving or suspended officer can be dismissed; a former officer who resigned or retired can be found "would have been dismissed"'],
      ['reduction in rank after a misconduct meeting', [gross], {}, { type: 'disciplined', sanction: 'reduction_in_rank', hearingType: 'misconduct_meeting' },
        'reduction in rank can only follow a gross misconduct hearing or an accelerated hearing'],
      ['a final written warning on an allegation of no misconduct', [{ severity: 'none', finding: 'proven' }], {},
        { type: 'disciplined', sanction: 'final_written_warning', hearingType: 'misconduct_meeting' },
        'a final written warning needs an allegation of misconduct or gross misconduct found proven; it cannot follow on misconduct never found'],
      ['a written warning with nothing proven', [{ severity: 'misconduct', finding: 'not_proven' }], {},
        { type: 'disciplined', sanction: 'written_warning', hearingType: 'misconduct_meeting' },
        'a disciplinary sanction needs at least one allegation found proven'],
      ['an accelerated hearing on misconduct', [misconduct], {}, { type: 'disciplined', sanction: 'written_warning', hearingType: 'accelerated_hearing' },
        'an accelerated hearing is only for gross misconduct: the subject needs an allegation assessed as gross misconduct'],
      ['discipline without a sanction', [misconduct], {}, { type: 'disciplined', hearingType: 'misconduct_meeting' },
        'a disciplined outcome needs a sanction (written warning, final written warning or reduction in rank)'],
      ['a sanction with no further action', [misconduct], {}, { type: 'no_further_action', sanction: 'written_warning' },
        'only a disciplined outcome carries a sanction'],
      ['a learning outcome without its kind', [], {}, { type: 'learning' },
        'a learning outcome needs its kind (management action, reflective practice review or practice requiring improvement)'],
      ['a learning kind on a resignation', [], { employmentStatus: 'resigned' }, { type: 'resigned', learningOutcome: 'management_action' },
        'only a learning outcome has a learning outcome kind'],
      ['a decision dated in the future', [], {}, { type: 'no_further_action', decidedOn: '2999-01-01' },
        'an outcome cannot be decided on a day still in the future'],
    ];

    it.each(rules)('refuses %s', async (_name, allegations, officer, body, rule) => {
      const { subject, officer: o } = await subjectWith(allegations, officer);
      const res = await post(subject.id, { decidedOn: '2022-01-10', regime: '2020', ...body }).expect(422);
      expect(res.body.message).toBe(rule);
      expect(res.body.details).toEqual({ rules: [rule] });
      expect(await t.dataSource.getRepository(Outcome).countBy({ subjectId: subject.id })).toBe(0);
      expect((await t.http().get(`/api/officers/${o.id}`).set(bearer(reviewer.token))).body.employmentStatus).toBe(officer.employmentStatus ?? 'serving');
      expect((await t.http().get('/api/barred-list').query({ q: o.serviceNumber }).set(bearer(reviewer.token))).body.total).toBe(0);
    });
  });

  describe('independence', () => {
    it('refuses a reviewer who leads or is on the team of the case (403), and allows an independent one', async () => {
      const member = await t.newUser([Role.Investigator, Role.Reviewer]);
      const leadReviewer = await t.newUser([Role.Investigator, Role.Reviewer]);
      const { investigation, subject } = await subjectOnNewCase(t, leadReviewer.token);
      await addTeamMember(t, leadReviewer.token, investigation.id, member.id);
      const body = { type: 'no_further_action', decidedOn: '2022-01-10', regime: '2020' };
      for (const token of [member.token, leadReviewer.token]) {
        const res = await post(subject.id, body, token).expect(403);
        expect(res.body.message).toBe('a reviewer who leads or is on the team of an investigation may not decide its outcomes');
      }
      const recorded = await post(subject.id, body).expect(201);
      await t.http().patch(`/api/outcomes/${recorded.body.id}`).set(bearer(member.token)).set('If-Match', '"1"').send({ rationale: 'x' }).expect(403);
    });
  });

  describe('amending', () => {
    it('needs If-Match (428), refuses a stale one (412), and keeps the before-image in the audit', async () => {
      const { subject } = await subjectWith([{ severity: 'misconduct', finding: 'proven' }]);
      const outcome = await recordOutcome(t, reviewer.token, subject.id,
        { type: 'disciplined', sanction: 'written_warning', hearingType: 'misconduct_meeting', decidedOn: '2022-01-10', regime: '2020' });
      const patch = () => t.http().patch(`/api/outcomes/${outcome.id}`).set(bearer(reviewer.token));
      await patch().send({ sanction: 'final_written_warning' }).expect(428);
      await patch().set('If-Match', '"3"').send({ sanction: 'final_written_warning' }).expect(412);
      const res = await patch().set('If-Match', '"1"').send({ sanction: 'final_written_warning', rationale: 'On appeal.' }).expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({ sanction: 'final_written_warning', rationale: 'On appeal.', version: 2 });
      const [amended] = await audit(outcome.id, 'outcome.amended');
      expect(amended.actorId).toBe(reviewer.id);
      expect(amended.changes).toMatchObject({ sanction: { before: 'written_warning', after: 'final_written_warning' }, version: { before: 1, after: 2 } });
    });

    it('checks the rules on the amended outcome (422)', async () => {
      const { subject } = await subjectWith([{ severity: 'misconduct', finding: 'proven' }]);
      const outcome = await recordOutcome(t, reviewer.token, subject.id,
        { type: 'disciplined', sanction: 'written_warning', hearingType: 'misconduct_meeting', decidedOn: '2022-01-10', regime: '2020' });
      const res = await t.http().patch(`/api/outcomes/${outcome.id}`).set(bearer(reviewer.token)).set('If-Match', '"1"')
        .send({ sanction: 'reduction_in_rank' }).expect(422);
      expect(res.body.message).toBe('reduction in rank can only follow a gross misconduct hearing or an accelerated hearing');
      expect(await audit(outcome.id, 'outcome.amended')).toHaveLength(0);
    });

    it('adds a barred-list entry when amended to "would have been dismissed", and marks it removed when amended away', async () => {
      const { subject, officer } = await subjectWith([{ severity: 'gross_misconduct', finding: 'proven' }], { employmentStatus: 'resigned' });
      const outcome = await recordOutcome(t, reviewer.token, subject.id, { type: 'resigned', decidedOn: '2022-01-10', regime: '2020' });
      const barred = await t.http().patch(`/api/outcomes/${outcome.id}`).set(bearer(reviewer.token)).set('If-Match', '"1"')
        .send({ type: 'would_have_been_dismissed', hearingType: 'gross_misconduct_hearing' }).expect(200);
      const entryId = barred.body.barredListEntryId;
      expect(entryId).toEqual(expect.any(String));
      const search = () => t.http().get('/api/barred-list').query({ q: officer.serviceNumber }).set(bearer(reviewer.token)).then((r) => r.body.total);
      expect(await search()).toBe(1);

      const cleared = await t.http().patch(`/api/outcomes/${outcome.id}`).set(bearer(reviewer.token)).set('If-Match', '"2"')
        .send({ type: 'resigned', hearingType: null }).expect(200);
      expect(cleared.body.barredListEntryId).toBeNull();
      expect(await search()).toBe(0);
      const entry = await t.http().get(`/api/barred-list/${entryId}`).set(bearer(reviewer.token)).expect(200);
      expect(entry.body).toMatchObject({ removedOn: expect.any(String), removalReason: 'outcome amended to resigned' });
      expect(await audit(entryId, 'barred_list.removed')).toHaveLength(1);
    });

    it('refuses to amend a dismissal into another outcome (422)', async () => {
      const { subject } = await subjectWith([{ severity: 'gross_misconduct', finding: 'proven' }]);
      const outcome = await recordOutcome(t, reviewer.token, subject.id, dismissal());
      const res = await t.http().patch(`/api/outcomes/${outcome.id}`).set(bearer(reviewer.token)).set('If-Match', '"1"')
        .send({ type: 'no_further_action', hearingType: null }).expect(422);
      expect(res.body.message).toBe('a dismissal cannot be amended into another outcome: the officer has already been recorded as dismissed');
    });
  });

  describe('reading and who may do what', () => {
    let subject: RecordBody;
    let outcome: RecordBody;
    beforeAll(async () => {
      ({ subject } = await subjectOnNewCase(t, lead.token));
      await provenAllegation(t, tokens(), subject.id);
      outcome = await recordOutcome(t, reviewer.token, subject.id, dismissal());
    });

    it('lets every case role read the outcome, by subject, by id and in the filtered list', async () => {
      for (const token of [lead.token, reviewer.token, analyst]) {
        expect((await t.http().get(`/api/subjects/${subject.id}/outcome`).set(bearer(token)).expect(200)).body).toEqual(outcome);
        const one = await t.http().get(`/api/outcomes/${outcome.id}`).set(bearer(token)).expect(200);
        expect(one.headers.etag).toBe('"1"');
        const list = await t.http().get('/api/outcomes').query({ investigationId: subject.investigationId, type: 'dismissed' }).set(bearer(token)).expect(200);
        expect(list.body.items.map((o: RecordBody) => o.id)).toEqual([outcome.id]);
      }
    });

    it('answers 404 for a subject without an outcome yet', async () => {
      const { subject: undecided } = await subjectOnNewCase(t, lead.token);
      const res = await t.http().get(`/api/subjects/${undecided.id}/outcome`).set(bearer(reviewer.token)).expect(404);
      expect(res.body.message).toBe(`outcome of subject ${undecided.id} not found`);
    });

    it('refuses investigators, analysts and admins the decisions (403), whatever the case', async () => {
      for (const token of [lead.token, outsider.token, analyst, admin]) {
        await post(subject.id, dismissal(), token).expect(403);
        await post(randomUUID(), dismissal(), token).expect(403);
        await t.http().patch(`/api/outcomes/${outcome.id}`).set(bearer(token)).set('If-Match', '"1"').send({ rationale: 'x' }).expect(403);
      }
      for (const path of [`/api/subjects/${subject.id}/outcome`, `/api/outcomes/${outcome.id}`, '/api/outcomes']) {
        await t.http().get(path).set(bearer(admin)).expect(403);
      }
    });

    it('answers 404 to an investigator not on the case on every read, and lists nothing of it', async () => {
      await t.http().get(`/api/subjects/${subject.id}/outcome`).set(bearer(outsider.token)).expect(404);
      const res = await t.http().get(`/api/outcomes/${outcome.id}`).set(bearer(outsider.token)).expect(404);
      expect(res.body.message).toBe(`outcome ${outcome.id} not found`);
      const list = await t.http().get('/api/outcomes').query({ investigationId: subject.investigationId }).set(bearer(outsider.token)).expect(200);
      expect(list.body.total).toBe(0);
    });
  });
});
