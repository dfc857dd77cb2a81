import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/** Schemas of the API, by name: `Schema<'InvestigationResponse'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** What every list route answers: `{items, total, limit, offset}`. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Every error the API answers: `{statusCode, error, message, details?}` plus the X-Request-Id header. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The fields a 400 names (details[] of the answer); empty for other errors. */
    readonly details: FieldProblem[],
    readonly requestId: string | null,
    /** The answer's details when they are not a field list (412: {currentVersion}; 422: {rules}). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problems the server named for one field, joined for display. */
  fieldMessage(field: string): string | undefined {
    const problems = this.details.filter((d) => d.field === field).flatMap((d) => d.problems);
    return problems.length ? problems.join('; ') : undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// The session's CSRF token lives only in this module's memory: never in storage or a cookie.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = () => void;
const sessionLostListeners = new Set<Listener>();
/** Called on a 401 from any request other than signing in: the session has ended. */
export function onSessionLost(listener: Listener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** The If-Match header for a versioned write: the record's version as its ETag. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

/** The one typed client: same-origin cookies, the CSRF header on writes. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', headers: { Accept: 'application/json' } });

api.use({
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

function toApiError(response: Response, body: unknown): ApiError {
  const shaped = (typeof body === 'object' && body !== null ? body : {}) as { message?: unknown; details?: unknown };
  const message = typeof shaped.message === 'string' && shaped.message
    ? shaped.message
    : `${response.status} ${response.statusText || 'error'}`;
  const details = Array.isArray(shaped.details)
    ? (shaped.details as FieldProblem[]).filter((d) => typeof d?.field === 'string')
    : [];
  const extra = !Array.isArray(shaped.details) && typeof shaped.details === 'object' && shaped.details !== null
    ? shaped.details as Record<string, unknown>
    : {};
  return new ApiError(response.status, message, details, response.headers.get('x-request-id'), extra);
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Unwraps an openapi-fetch answer: the data, or an ApiError. A 401 tells the app the session is
 * gone (unless `quiet401`: signing in, and asking on load whether a session exists).
 */
export async function unwrap<T>(pending: Promise<Answer<T>>, options: { quiet401?: boolean } = {}): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (cause) {
    throw new ApiError(0, 'The server could not be reached: check your connection and try again.', [], null, { cause });
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  if (response.status === 401 && !options.quiet401) sessionLostListeners.forEach((listener) => listener());
  throw toApiError(response, error);
}

/** A list route's answer as the page it really is. */
export async function unwrapPage<T>(pending: Promise<Answer<unknown>>): Promise<Page<T>> {
  return (await unwrap(pending)) as Page<T>;
}

/** Every page of a list route (100 at a time), for the parts of a case that are shown whole. */
export async function fetchAllPages<T>(fetchPage: (limit: number, offset: number) => Promise<Answer<unknown>>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await unwrapPage<T>(fetchPage(100, offset));
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}
