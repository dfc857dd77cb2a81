import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/** argon2id (never bcrypt: it silently truncates passwords at 72 bytes). */
@Injectable()
export class PasswordHasher {
  /** A real hash of nothing, verified against when the user does not exist so timing does not tell. */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (!hash) {
      this.dummyHash ??= this.hash('probity-timing-equaliser');
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  }
}
