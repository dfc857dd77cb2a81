import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createVerifier, TokenError } from 'fast-jwt';
import type { IncomingHttpHeaders } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { Strategy } from 'passport-custom';
import type { AuthUser } from '../common/auth/auth-user.js';
import { AuthService, type TokenClaims } from './auth.service.js';
import { JWT_ALGORITHM, JWT_KEY } from './jwt-key.js';

/**
 * Tokens whose signature has been checked, remembered (by a hash of the token) until they
 * expire, so a client's next request skips the HMAC and JSON decoding. Expiry is still
 * checked on every use, and the account (active, credentials version) on every request.
 */
const VERIFIED_TOKENS_REMEMBERED = 10_000;
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/**
 * The bearer token check behind every route that is not @Public(): the token from the
 * Authorization header only (never a query string, which ends up in logs), verified with
 * fast-jwt (HS256 only), then the account it names checked in the database.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly verify: (token: string) => unknown;

  constructor(@Inject(JWT_KEY) key: KeyObject, private readonly auth: AuthService) {
    super();
    this.verify = createVerifier({ key: key.export(), algorithms: [JWT_ALGORITHM], cache: VERIFIED_TOKENS_REMEMBERED });
  }

  /** null: no valid token (401); a thrown error (the database did not answer) stays a 5xx. */
  async validate(req: { headers: IncomingHttpHeaders }): Promise<AuthUser | null> {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return null;
    let claims: Partial<TokenClaims>;
    try {
      claims = this.verify(token) as Partial<TokenClaims>;
    } catch (error) {
      if (error instanceof TokenError) return null;
      throw error;
    }
    if (typeof claims?.sub !== 'string' || typeof claims.cv !== 'number') return null;
    return this.auth.authenticate({ sub: claims.sub, cv: claims.cv });
  }
}
