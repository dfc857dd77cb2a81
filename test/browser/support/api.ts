import { randomUUID } from 'node:crypto';
import { ADMIN_PASSWORD, ADMIN_USER, USER_PASSWORD } from './built-server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = { id: string; version: number } & Record<string, any>;

export interface Answer<T = Body> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The API over HTTP with a bearer token, for seeding what a browser test needs and for
 * checking what the browser wrote. Writes that need it send the record's version as If-Match.
 */
export class Api {
  constructor(readonly base: string, readonly token?: string) {}

  async request<T = Body>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The body of a 2xx answer; anything else throws with the answer in the message. */
  async ok<T = Body>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.request<T>(method, path, body, headers);
    if (res.status < 200 || res.status > 299) throw new Error(`seeding: ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  get<T = Body>(path: string): Promise<T> { return this.ok<T>('GET', path); }
  post<T = Body>(path: string, body: unknown, version?: number): Promise<T> {
    return this.ok<T>('POST', path, body, version === undefined ? {} : { 'if-match': `"${version}"` });
  }
  patch<T = Body>(path: string, body: unknown, version: number): Promise<T> {
    return this.ok<T>('PATCH', path, body, { 'if-match': `"${version}"` });
  }

  static async login(base: string, username: string, password: string): Promise<Api> {
    const res = await new Api(base).request<{ accessToken: string }>('POST', '/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`seeding: login as ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return new Api(base, res.body.accessToken);
  }

  static admin(base: string): Promise<Api> {
    return Api.login(base, ADMIN_USER, ADMIN_PASSWORD);
  }
}

export interface SeededUser {
  id: string;
  username: string;
  displayName: string;
  password: string;
  /** The same user's API access with a bearer token. */
  api: Api;
}

/** Creates an account with these roles (as the admin) and logs it in over the API. */
export async function createUser(admin: Api, roles: string[], name = roles.join('-')): Promise<SeededUser> {
  const username = `${name}-${randomUUID().slice(0, 6)}`;
  const displayName = `${name[0].toUpperCase()}${name.slice(1)} ${username.slice(-6).toUpperCase()}`;
  const created = await admin.post('/api/users', { username, displayName, roles, password: USER_PASSWORD });
  return { id: created.id, username, displayName, password: USER_PASSWORD, api: await Api.login(admin.base, username, USER_PASSWORD) };
}

const unique = () => randomUUID().slice(0, 8);

export const officerInput = (overrides: Record<string, unknown> = {}) => ({
  force: 'Metropolitan Police Service', serviceNumber: `SN-${unique()}`, givenName: 'Alex', familyName: `Officer-${unique()}`,
  rank: 'PC', unit: 'Territorial Policing', station: 'Charing Cross', employmentStatus: 'serving', ...overrides,
});

export const investigationInput = (overrides: Record<string, unknown> = {}) => ({
  title: `Investigation ${unique()}`, mode: 'independent', origin: 'conduct_matter', station: 'Charing Cross',
  summary: 'Illustrative browser-test investigation.', ...overrides,
});

export const allegationInput = (overrides: Record<string, unknown> = {}) => ({
  category: 'improper_use_of_social_media_or_messaging', standard: 'discreditable_conduct', severity: 'gross_misconduct',
  detail: 'Illustrative allegation: offensive messages in a group chat.', allegedOn: '2017-05-01', ...overrides,
});

/** Moves a case one lifecycle step as `api`'s user, with the current version. */
export async function transition(api: Api, investigationId: string, to: string, reason = 'browser-test setup'): Promise<Body> {
  const current = await api.get(`/api/investigations/${investigationId}`);
  return api.post(`/api/investigations/${investigationId}/transitions`, { to, reason }, current.version);
}

/**
 * A case led by `investigator` with one subject and one allegation per severity given,
 * moved to `decision` by the reviewer (ready for findings and outcomes).
 */
export async function caseAwaitingDecision(
  investigator: Api, reviewer: Api, options: { title?: string; officer?: Record<string, unknown>; severities?: string[] } = {},
): Promise<{ investigation: Body; officer: Body; subject: Body; allegations: Body[] }> {
  const investigation = await investigator.post('/api/investigations', investigationInput(options.title ? { title: options.title } : {}));
  const officer = await investigator.post('/api/officers', officerInput(options.officer));
  const subject = await investigator.post(`/api/investigations/${investigation.id}/subjects`, { officerId: officer.id });
  const allegations: Body[] = [];
  for (const severity of options.severities ?? ['gross_misconduct']) {
    allegations.push(await investigator.post(`/api/subjects/${subject.id}/allegations`, allegationInput({ severity })));
  }
  await transition(investigator, investigation.id, 'investigating');
  await transition(investigator, investigation.id, 'report_submitted');
  const moved = await transition(reviewer, investigation.id, 'decision');
  return { investigation: moved, officer, subject, allegations };
}
