import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse, ApiExtension } from '@nestjs/swagger';
import { ALL_ROLES, type Role } from './role.js';

export const ROLES_KEY = 'probity:roles';
export const PUBLIC_KEY = 'probity:public';

/** Who may call a route. Routes with no declared policy are refused by RolesGuard. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    // Either one: a bearer token, or the browser's session cookie (with X-CSRF-Token on writes).
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiExtension('x-roles', roles),
    ApiUnauthorizedResponse({ description: 'missing, invalid or expired token, or the session expired or ended' }),
    ApiForbiddenResponse({ description: `allowed roles: ${roles.join(', ')}; or a cookie-authenticated write without the session's X-CSRF-Token or from another Origin` }),
  );

/** Any signed-in user, whatever their roles (e.g. their own profile). */
export const AnyRole = () => Roles(...ALL_ROLES);

/**
 * No token needed: login, health, docs. `x-public` in the OpenAPI document lets the roles ×
 * routes test tell a deliberately open route from one that forgot its @Roles.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));
