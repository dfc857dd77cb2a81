import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { SettingsService } from '../database/settings.service.js';

export const JWT_KEY = Symbol('JWT_KEY');
export const JWT_ALGORITHM = 'HS256' as const;

/**
 * The signing key: JWT_SECRET if set, else one generated on first start and kept in the
 * database so every instance on it agrees. A KeyObject, because jsonwebtoken first tries a
 * string secret as a public key, which costs far more than the check itself on every request.
 */
export async function resolveJwtKey(configured: string | undefined, settings: SettingsService): Promise<KeyObject> {
  const secret = configured ?? await settings.getOrCreate('jwt.secret', () => randomBytes(48).toString('base64url'));
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
