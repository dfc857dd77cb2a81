import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from './config/app.config.js';
import { closeOnSignal, createApp } from './configure-app.js';
import { AuditKeyError } from './audit/audit-key.js';
import { InstanceLockedError } from './database/instance-lock.js';

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
