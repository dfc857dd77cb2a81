import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

/** A browser's state after signing in: the Cookie header to send back, and the session's CSRF token. */
export interface Browser {
  cookie: string;
  csrfToken: string;
  res: Response;
}

/** The Set-Cookie lines of a response. */
export const setCookies = (res: Response): string[] => {
  const header = res.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
};

/** Signs in as a browser would (POST /api/auth/session) and keeps what the browser would keep. */
export async function signIn(t: TestApp, username: string, password: string, headers: Record<string, string> = {}): Promise<Browser> {
  const res = await t.http().post('/api/auth/session').set(headers).send({ username, password }).expect(200);
  const [line] = setCookies(res);
  return { cookie: line.split(';', 1)[0], csrfToken: res.body.csrfToken as string, res };
}

/** The `sessions` rows of an account, oldest first. */
export const sessionRows = (t: TestApp, userId: string) =>
  t.sql<{ token_hash: string; ended_at: string | null; ended_reason: string | null; last_seen_at: string; expires_at: string; user_agent: string | null; client_address: string | null; credentials_version: number; csrf_token: string }>(
    'SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at', [userId]);
