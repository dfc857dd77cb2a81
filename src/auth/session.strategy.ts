import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import type { AuthUser } from '../common/auth/auth-user.js';
import { attachSession, SessionsService } from './sessions.service.js';

export const SESSION_ENDED = 'session expired or ended: sign in again';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The browser's way in, tried after the bearer token (jwt.strategy.ts): the session cookie,
 * its session checked in the database on every request, and for a write the CSRF check,
 * all before any handler runs. A request with an Authorization header is the token's alone.
 */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, 'session') {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  /** null: no cookie (the generic 401); a thrown error: 401 for a dead session, 403 for a cross-site write. */
  async validate(req: FastifyRequest): Promise<AuthUser | null> {
    if (req.headers.authorization !== undefined) return null;
    const browser = this.sessions.browser(req);
    if (browser.secret === undefined) return null;
    const session = await this.sessions.authenticate(browser.secret);
    if (!session) throw new UnauthorizedException(SESSION_ENDED);
    if (!SAFE_METHODS.has(req.method)) this.sessions.refuseCrossSite(session, browser);
    await this.sessions.touch(session);
    attachSession(req, session);
    return session.user;
  }
}
