import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NotAllowedError } from '../errors/domain-errors.js';
import type { AuthUser } from './auth-user.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import type { Role } from './role.js';

/** Runs after the JWT guard. Closed by default: a route with no @Roles is refused. */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger(RolesGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.warn(`refused ${context.getClass().name}.${context.getHandler().name}: no role policy declared`);
      throw new NotAllowedError('this route has no role policy and is closed');
    }
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !roles.some((role) => user.roles.includes(role))) {
      throw new NotAllowedError(`requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
