import { Injectable, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { PUBLIC_KEY } from './roles.decorator.js';

/**
 * Every route needs a valid bearer token or, failing that, a live browser session cookie
 * (strategies in src/auth/), unless marked @Public(). A request with a bearer token is
 * judged by the token alone.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(['jwt', 'session']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  /**
   * A bad, expired or revoked token arrives as `user === false`; `err` is a real failure (the
   * database did not answer while the account was checked) and stays a 5xx: a 401 would tell
   * clients to log in again when logging in cannot help. The session strategy also throws its
   * own 401 (session ended) and 403 (cross-site write) as `err`.
   */
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new UnauthorizedException('missing, invalid or expired token');
    return user;
  }
}
