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
