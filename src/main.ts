import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from './config/app.config.js';
import { createApp } from './configure-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  // SIGTERM: Nest closes Fastify (stops accepting, lets in-flight requests finish), then the database.
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigValidationError ? error.message : (error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
