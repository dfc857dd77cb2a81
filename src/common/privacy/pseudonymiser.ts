import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { SettingsService } from '../../database/settings.service.js';

/** A function from an officer id to its pseudonym. */
export type OfficerPseudonym = (officerId: string) => string;

const KEY_SETTING = 'pseudonym.key';

/**
 * Stable pseudonyms for publication (`?pseudonymise=true`): the same officer gets the same
 * pseudonym in every report and export, on every instance, but the pseudonym cannot be
 * turned back into the id without the key. The key is an HMAC secret generated once and kept
 * in the settings table (like the JWT key), so it survives restarts.

 * Provided once, by CommonModule (global): inject it wherever officer identities are published.
 */
@Injectable()
export class Pseudonymiser {
  private key?: Promise<Buffer>;

  constructor(private readonly settings: SettingsService) {}

  /** Resolves the key once; call per export or report, then map ids synchronously. */
  async officers(): Promise<OfficerPseudonym> {
    this.key ??= this.settings.getOrCreate(KEY_SETTING, () => randomBytes(32).toString('base64url'))
      .then((value) => Buffer.from(value, 'utf8'))
      .catch((error: unknown) => {
        this.key = undefined; // a failed read is retried next time, not remembered
        throw error;
      });
    return officerPseudonym(await this.key);
  }

  /** The officer pseudonym when the caller asked for it (`pseudonymise=true`), else null (identities shown). */
  async officersIf(pseudonymise: boolean | undefined): Promise<OfficerPseudonym | null> {
    return pseudonymise ? this.officers() : null;
  }
}

/** "OFF-" and 16 hex digits of HMAC-SHA256(key, officer id): 64 bits, no collisions in practice. */
export function officerPseudonym(key: Buffer): OfficerPseudonym {
  return (officerId) => `OFF-${createHmac('sha256', key).update(`officer:${officerId}`).digest('hex').slice(0, 16)}`;
}
