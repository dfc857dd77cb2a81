import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigValidationError, loadConfig } from './config/app.config.js';
import { createApp } from './configure-app.js';
import { AuditKeyError } from './audit/audit-key.js';
import { InstanceLockedError } from './database/instance-lock.js';

/**
 * SIGTERM (or Ctrl-C): new requests get 503, requests in flight finish, Fastify closes, then
 * the database. Exit code 0 once all of it is done; a second signal kills at once.
 */
function closeOnSignal(app: NestFastifyApplication): void {
  const logger = new Logger('Shutdown');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} received: finishing requests in flight, then closing the database`);
      app.close().then(
        () => {
          logger.log('closed cleanly');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`shutdown failed: ${(error as Error)?.message ?? String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  closeOnSignal(app);
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigValidationError || error instanceof InstanceLockedError || error instanceof AuditKeyError ? error.message : (error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
