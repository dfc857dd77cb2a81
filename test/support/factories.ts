/**
 * Test factories for case records, created over HTTP through the real routes so every rule,
 * audit event and access check applies. Signatures are stable: other engineers' tests use them.
 *
 *   const officer = await createOfficer(t, investigatorToken, { familyName: 'Marker' });
 *   const inv = await createInvestigation(t, investigatorToken);          // caller becomes lead
 *   await addTeamMember(t, investigatorToken, inv.id, colleague.id);
 *   await advanceInvestigation(t, { investigator: invToken, reviewer: revToken }, inv.id, 'decision');
 */
import { randomUUID } from 'node:crypto';
import { Allegation } from '../../src/allegations/allegation.entity.js';
import { Subject } from '../../src/allegations/subject.entity.js';
import { BarredListEntry } from '../../src/barred-list/barred-list-entry.entity.js';
import { newRecordColumns } from '../../src/common/records/record-columns.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { Outcome } from '../../src/outcomes/outcome.entity.js';
import { Recommendation } from '../../src/recommendations/recommendation.entity.js';
import { bearer, type TestApp } from './test-app.js';

/** A response body of a versioned record: always id and version, the rest as the route returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RecordBody = { id: string; version: number } & Record<string, any>;

const unique = (): string => randomUUID().slice(0, 8);

/** The body POST /api/officers accepts, with sensible unique defaults. */
export function officerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    force: 'Metropolitan Police Service',
    serviceNumber: `SN-${unique()}`,
    givenName: 'Alex',
    familyName: `Officer-${unique()}`,
    rank: 'PC',
    unit: 'Territorial Policing',
    station: 'Charing Cross',
    employmentStatus: 'serving',
    ...overrides,
  };
}

/** The body POST /api/investigations accepts. */
export function investigationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Investigation ${unique()}`,
    mode: 'independent',
    origin: 'conduct_matter',
    station: 'Charing Cross',
    summary: 'Illustrative test investigation.',
    ...overrides,
  };
}

/** The body POST /api/complaints accepts (a named complainant unless overridden). */
export function complaintInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedOn: '2024-03-01',
    channel: 'public_complaint',
    complainant: { anonymous: false, name: `Complainant ${unique()}`, contact: `c-${unique()}@example.test` },
    summary: 'Illustrative test complaint.',
    ...overrides,
  };
}

async function post(t: TestApp, token: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RecordBody> {
  const res = await t.http().post(path).set(bearer(token)).set(headers).send(body as object);
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`factory: POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body as RecordBody;
}

/** POST /api/officers as `token` (an investigator). */
export function createOfficer(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<RecordBody> {
  return post(t, token, '/api/officers', officerInput(overrides));
}

/** POST /api/investigations as `token` (an investigator, who becomes lead unless leadInvestigatorId is given). */
export function createInvestigation(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<RecordBody> {
  return post(t, token, '/api/investigations', investigationInput(overrides));
}

/** POST /api/complaints as `token` (an investigator). Pass `investigationId` to link it to a case. */
export function createComplaint(t: TestApp, token: string, overrides: Record<string, unknown> = {}): Promise<RecordBody> {
  return post(t, token, '/api/complaints', complaintInput(overrides));
}

/** GET /api/investigations/:id as `token`. */
export async function getInvestigation(t: TestApp, token: string, investigationId: string): Promise<RecordBody> {
  const res = await t.http().get(`/api/investigations/${investigationId}`).set(bearer(token));
  if (res.status !== 200) throw new Error(`factory: GET investigation answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as RecordBody;
}

/** POST /api/investigations/:id/team {userId} as `token` (the lead or a reviewer). */
export function addTeamMember(t: TestApp, token: string, investigationId: string, userId: string): Promise<RecordBody> {
  return post(t, token, `/api/investigations/${investigationId}/team`, { userId });
}

/** One lifecycle transition as `token`, sending the current version as If-Match. Returns the investigation. */
export async function transitionInvestigation(
  t: TestApp, token: string, investigationId: string, to: string, reason = 'test transition',
): Promise<RecordBody> {
  const current = await getInvestigation(t, token, investigationId);
  return post(t, token, `/api/investigations/${investigationId}/transitions`, { to, reason }, { 'If-Match': `"${current.version}"` });
}

/** The main path a case takes; who may make each step (investigators up to report_submitted). */
const MAIN_PATH: Array<{ to: string; by: 'investigator' | 'reviewer' }> = [
  { to: 'investigating', by: 'investigator' },
  { to: 'report_submitted', by: 'investigator' },
  { to: 'decision', by: 'reviewer' },
  { to: 'closed', by: 'reviewer' },
];

/**
 * Walks a freshly opened investigation along open → investigating → report_submitted →
 * decision → closed until it reaches `target`, each step by the role allowed to make it.
 */
export async function advanceInvestigation(
  t: TestApp, tokens: { investigator: string; reviewer: string }, investigationId: string,
  target: 'investigating' | 'report_submitted' | 'decision' | 'closed',
): Promise<RecordBody> {
  let last = await getInvestigation(t, tokens.reviewer, investigationId);
  const order = ['open', ...MAIN_PATH.map((s) => s.to)];
  if (!order.includes(last.status) || order.indexOf(last.status) > order.indexOf(target)) {
    throw new Error(`factory: cannot advance an investigation in state ${last.status} to ${target}`);
  }
  for (const step of MAIN_PATH.slice(order.indexOf(last.status), order.indexOf(target))) {
    last = await transitionInvestigation(t, tokens[step.by], investigationId, step.to);
  }
  return last;
}

/* ------------------------------------------------------------------------------------------
 * Raw rows for read-side tests (officer cases, counts, search): written straight to the
 * tables inside a UnitOfWork, bypassing the subject/allegation/outcome routes and their rules.
 * Use the real routes when the rules themselves are under test.
 * ---------------------------------------------------------------------------------------- */

/** Any of the entity's columns, with enum values given as plain strings. */
export type Loose<T> = { [K in keyof T]?: unknown };

/** The bookkeeping columns, without the id (the helpers below take theirs from the row or a new one). */
const recordColumns = () => {
  const { id: _id, ...columns } = newRecordColumns(null);
  return columns;
};

async function insertRow<T extends object>(t: TestApp, entity: new () => T, row: Record<string, unknown>): Promise<T> {
  await t.app.get(UnitOfWork).run((em) => em.insert(entity, row as never));
  return row as T;
}

/** A subjects row: `officerId` under investigation in `investigationId`. */
export function insertSubject(
  t: TestApp, row: { investigationId: string; officerId: string } & Loose<Subject>,
): Promise<Subject> {
  return insertRow(t, Subject, { id: randomUUID(), rankAtTime: 'PC', unitAtTime: null, ...recordColumns(), ...row });
}

/** An allegations row against a subject (defaults: discriminatory behaviour, gross misconduct, finding pending). */
export function insertAllegation(
  t: TestApp, subject: Pick<Subject, 'id' | 'investigationId' | 'officerId'>, row: Loose<Allegation> = {},
): Promise<Allegation> {
  return insertRow(t, Allegation, {
    id: randomUUID(), subjectId: subject.id, investigationId: subject.investigationId, officerId: subject.officerId,
    category: 'discriminatory_behaviour', standard: 'equality_and_diversity', severity: 'gross_misconduct',
    caseToAnswer: 'pending', finding: 'pending', detail: null, allegedOn: '2017-05-01', sourceCategory: null, sourceFinding: null,
    ...recordColumns(), ...row,
  });
}

/** An outcomes row for a subject (default: dismissed after a gross misconduct hearing). */
export function insertOutcome(
  t: TestApp, subject: Pick<Subject, 'id' | 'investigationId' | 'officerId'>, row: Loose<Outcome> = {},
): Promise<Outcome> {
  return insertRow(t, Outcome, {
    id: randomUUID(), subjectId: subject.id, investigationId: subject.investigationId, officerId: subject.officerId,
    type: 'dismissed', sanction: null, learningOutcome: null, hearingType: 'gross_misconduct_hearing',
    decidedOn: '2022-01-10', decidedBy: 'Panel', rationale: null, regime: '2020', sourceOutcome: null,
    ...recordColumns(), ...row,
  });
}

/** A barred_list_entries row for an outcome. */
export function insertBarredListEntry(
  t: TestApp, outcome: Pick<Outcome, 'id' | 'investigationId' | 'officerId'>,
  officer: Record<string, unknown> & { id: string }, row: Loose<BarredListEntry> = {},
): Promise<BarredListEntry> {
  return insertRow(t, BarredListEntry, {
    id: randomUUID(), officerId: outcome.officerId, outcomeId: outcome.id, investigationId: outcome.investigationId,
    givenName: officer.givenName, familyName: officer.familyName, force: officer.force, serviceNumber: officer.serviceNumber,
    addedOn: '2022-01-10', reason: 'dismissed for gross misconduct', reviewEligibleOn: '2027-01-10',
    createdAt: new Date().toISOString(), createdBy: null, removedOn: null, removalReason: null, ...row,
  });
}

/** A recommendations row (numbered `number` within its investigation). */
export function insertRecommendation(
  t: TestApp, investigationId: string, number: number, row: Loose<Recommendation> = {},
): Promise<Recommendation> {
  return insertRow(t, Recommendation, {
    id: randomUUID(), investigationId, number, text: `Illustrative recommendation ${number}`, recipient: 'Metropolitan Police Service',
    issuedOn: '2022-02-01', responseDueOn: '2022-03-29', dueExtensionReason: null, responseStatus: 'pending',
    responseText: null, respondedOn: null, implementationStatus: 'not_started', implementationEvidence: null,
    ...recordColumns(), ...row,
  });
}
