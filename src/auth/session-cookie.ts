import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Over plain HTTP (a developer's machine). */
export const SESSION_COOKIE = 'probity_session';
/** Over HTTPS: `__Host-` makes the browser refuse it unless Secure, Path=/ and no Domain (no cookie tossing from a sibling host). */
export const SECURE_SESSION_COOKIE = '__Host-probity_session';
export const CSRF_HEADER = 'x-csrf-token';
const SECRET_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url: the cookie's value and, separately, a session's CSRF token. */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** What a browser request says about itself, as far as sessions care. */
export interface BrowserRequest {
  /** Came over HTTPS (req.protocol, which honours TRUST_PROXY), or SESSION_COOKIE_SECURE=true. */
  secure: boolean;
  /** The session secret from the cookie of the name that fits `secure`, if well-formed. */
  secret: string | undefined;
  origin: string | undefined;
  /** The X-CSRF-Token header, as sent. */
  csrfToken: string | string[] | undefined;
  /** This server as the browser addressed it, e.g. http://127.0.0.1:3000. */
  ownOrigin: string;
  userAgent: string | null;
  address: string | null;
}

export function browserRequest(req: FastifyRequest, alwaysSecure: boolean): BrowserRequest {
  const secure = alwaysSecure || req.protocol === 'https';
  const secret = readCookie(req.headers.cookie, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
  const agent = req.headers['user-agent'];
  return {
    secure,
    secret: secret !== undefined && SECRET_FORMAT.test(secret) ? secret : undefined,
    origin: req.headers.origin,
    csrfToken: req.headers[CSRF_HEADER],
    ownOrigin: `${req.protocol}://${req.host}`,
    userAgent: agent ? agent.slice(0, 500) : null,
    address: req.ip ? req.ip.slice(0, 64) : null,
  };
}

/** One cookie's value from a Cookie header (the first of that name). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The Set-Cookie value. No Max-Age: the browser forgets it when it closes; the server ends
 * the session on its own clock (idle timeout and absolute lifetime) in any case.
 */
export function sessionCookie(secret: string, secure: boolean): string {
  return `${secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** Compared in constant time (over fixed-length digests, so the length leaks nothing either). */
export function csrfTokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** No Origin header (same-origin GETs, non-browser clients), this server's own, or a configured CORS origin. */
export function originAllowed(request: Pick<BrowserRequest, 'origin' | 'ownOrigin'>, corsOrigins: string[]): boolean {
  const { origin } = request;
  return origin === undefined || origin === request.ownOrigin || corsOrigins.includes(origin);
}
