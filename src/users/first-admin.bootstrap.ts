import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app.config.js';
import { UsersService } from './users.service.js';

/** On an empty database, creates the first admin; a generated password is printed once. */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  constructor(private readonly users: UsersService, private readonly config: ConfigService<{ app: AppConfig }, true>) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminUser, adminPassword, createFirstAdmin } = this.config.get('app', { infer: true });
    if (!createFirstAdmin) return;
    const generated = await this.users.ensureFirstAdmin(adminUser, adminPassword);
    if (generated) {
      // Deliberately on stdout and not in the structured log: shown once, never stored.
      process.stdout.write(
        `\n  First start: created admin user "${adminUser}" with password: ${generated}\n` +
        '  It is shown only this once. Log in and change it (POST /api/auth/password).\n\n',
      );
    }
  }
}
