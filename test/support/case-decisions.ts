/**
 * Test helpers for subjects, allegations, findings, outcomes and recommendations, over HTTP
 * through the real routes (so every rule, audit event and access check applies).
 *
 *   const { subject } = await subjectOnNewCase(t, lead.token);
 *   const allegation = await addAllegation(t, lead.token, subject.id, { severity: 'gross_misconduct' });
 *   await recordFinding(t, reviewer, allegation, { caseToAnswer: 'yes', finding: 'proven' });
 *   await recordOutcome(t, reviewer, subject.id, dismissal());
 */
import { createInvestigation, createOfficer, type RecordBody } from './factories.js';
import { bearer, type TestApp } from './test-app.js';

async function send(
  t: TestApp, method: 'post' | 'patch', token: string, path: string, body: object, version?: number,
): Promise<RecordBody> {
  const req = t.http()[method](path).set(bearer(token));
  if (version !== undefined) req.set('If-Match', `"${version}"`);
  const res = await req.send(body);
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`helper: ${method.toUpperCase()} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body as RecordBody;
}

/** POST /api/investigations/:id/subjects as `token` (an investigator on the case). */
export function addSubject(t: TestApp, token: string, investigationId: string, officerId: string, extra: object = {}): Promise<RecordBody> {
  return send(t, 'post', token, `/api/investigations/${investigationId}/subjects`, { officerId, ...extra });
}

/** A new officer made a subject of a new investigation led by `token`'s user. */
export async function subjectOnNewCase(
  t: TestApp, token: string, options: { officer?: Record<string, unknown>; investigation?: Record<string, unknown> } = {},
): Promise<{ investigation: RecordBody; officer: RecordBody; subject: RecordBody }> {
  const investigation = await createInvestigation(t, token, options.investigation);
  const officer = await createOfficer(t, token, options.officer);
  const subject = await addSubject(t, token, investigation.id, officer.id);
  return { investigation, officer, subject };
}

/** The body POST /api/subjects/:id/allegations accepts. */
export function allegationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'improper_use_of_social_media_or_messaging',
    standard: 'discreditable_conduct',
    severity: 'gross_misconduct',
    detail: 'Illustrative test allegation: offensive messages in a group chat.',
    allegedOn: '2017-05-01',
    ...overrides,
  };
}

export function addAllegation(t: TestApp, token: string, subjectId: string, overrides: Record<string, unknown> = {}): Promise<RecordBody> {
  return send(t, 'post', token, `/api/subjects/${subjectId}/allegations`, allegationInput(overrides));
}

/** POST /api/allegations/:id/finding as a reviewer, with the allegation's current version. */
export function recordFinding(
  t: TestApp, token: string, allegation: RecordBody, finding: { caseToAnswer: string; finding: string; severity?: string },
): Promise<RecordBody> {
  return send(t, 'post', token, `/api/allegations/${allegation.id}/finding`, finding, allegation.version);
}

/** An allegation of the given severity, found proven by the reviewer. */
export async function provenAllegation(
  t: TestApp, tokens: { investigator: string; reviewer: string }, subjectId: string, severity = 'gross_misconduct',
): Promise<RecordBody> {
  const allegation = await addAllegation(t, tokens.investigator, subjectId, { severity });
  return recordFinding(t, tokens.reviewer, allegation, { caseToAnswer: 'yes', finding: 'proven' });
}

/** The body of a dismissal after a gross misconduct hearing. */
export function dismissal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'dismissed', hearingType: 'gross_misconduct_hearing', decidedOn: '2021-11-30',
    decidedBy: 'Misconduct panel (illustrative)', rationale: 'Gross misconduct found proven.', regime: '2020', ...overrides,
  };
}

export function recordOutcome(t: TestApp, token: string, subjectId: string, body: Record<string, unknown>): Promise<RecordBody> {
  return send(t, 'post', token, `/api/subjects/${subjectId}/outcome`, body);
}

/** The body POST /api/investigations/:id/recommendations accepts. */
export function recommendationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { text: 'Illustrative recommendation.', recipient: 'Metropolitan Police Service', issuedOn: '2022-02-01', ...overrides };
}

export function addRecommendation(t: TestApp, token: string, investigationId: string, overrides: Record<string, unknown> = {}): Promise<RecordBody> {
  return send(t, 'post', token, `/api/investigations/${investigationId}/recommendations`, recommendationInput(overrides));
}

/** A reviewer's response to a recommendation, with its current version. */
export function respondTo(t: TestApp, token: string, recommendation: RecordBody, body: Record<string, unknown>): Promise<RecordBody> {
  return send(t, 'post', token, `/api/recommendations/${recommendation.id}/response`, body, recommendation.version);
}
