import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/auth/auth-user.js';
import { AuthService, type TokenClaims } from './auth.service.js';
import { JWT_ALGORITHM, JWT_KEY } from './jwt-key.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(JWT_KEY) key: KeyObject, private readonly auth: AuthService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: key as unknown as Buffer,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  validate(claims: TokenClaims): Promise<AuthUser | null> {
    if (typeof claims?.sub !== 'string' || typeof claims.cv !== 'number') return Promise.resolve(null);
    return this.auth.authenticate(claims);
  }
}
