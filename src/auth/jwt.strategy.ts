import { Injectable } from '@nestjs/common';
import { JsonWebTokenError, JwtService } from '@nestjs/jwt';
import { PassportStrategy } from '@nestjs/passport';
import { LRUCache } from 'lru-cache';
import { hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-custom';
import type { AuthUser } from '../common/auth/auth-user.js';
import { AuthService, type TokenClaims } from './auth.service.js';

/** Tokens whose signature has been checked, remembered until they expire (see validate). */
const VERIFIED_TOKENS_REMEMBERED = 10_000;
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

type VerifiedClaims = Partial<TokenClaims> & { exp?: number };

/**
 * The bearer token check behind every route that is not @Public(): the token from the
 * Authorization header only (never a query string, which ends up in logs), its signature and
 * expiry verified (HS256 only, JwtModule's options), then the account it names checked in
 * the database on every request, so a deactivation or password change stops it at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  /**
   * Verified claims by SHA-256 of the token (tokens themselves are not kept), each until its
   * token expires: a client's next request skips the HMAC and decoding, a measurable share of
   * a read. A token is only remembered after it verified in full.
   */
  private readonly verified = new LRUCache<string, VerifiedClaims>({ max: VERIFIED_TOKENS_REMEMBERED });

  constructor(private readonly jwt: JwtService, private readonly auth: AuthService) {
    super();
  }

  /** null: no valid token (401); a thrown error (the database did not answer) stays a 5xx. */
  async validate(req: { headers: IncomingHttpHeaders }): Promise<AuthUser | null> {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return null;
    const claims = this.verifiedClaims(token);
    if (typeof claims?.sub !== 'string' || typeof claims.cv !== 'number') return null;
    return this.auth.authenticate({ sub: claims.sub, cv: claims.cv });
  }

  private verifiedClaims(token: string): VerifiedClaims | null {
    const key = hash('sha256', token, 'base64');
    const known = this.verified.get(key);
    if (known) return known;
    let claims: VerifiedClaims;
    try {
      claims = this.jwt.verify<VerifiedClaims>(token);
    } catch (error) {
      if (error instanceof JsonWebTokenError) return null;
      throw error;
    }
    // Forgotten the moment it expires (jsonwebtoken's own rule: expired at exp).
    const ttl = typeof claims.exp === 'number' ? claims.exp * 1000 - Date.now() : 0;
    if (ttl > 0) this.verified.set(key, claims, { ttl });
    return claims;
  }
}
