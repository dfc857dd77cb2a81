import type { Role } from './role.js';

/** Who is calling: what the JWT strategy attaches to the request after checking the account. */
export interface AuthUser {
  id: string;
  username: string;
  roles: Role[];
}

export const hasRole = (user: AuthUser, ...roles: Role[]): boolean => roles.some((r) => user.roles.includes(r));
