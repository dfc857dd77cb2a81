import 'reflect-metadata';
import { closeOnSignal } from '../configure-app.js';
import { bootAndSeedDemo } from './demo-database.js';

/**
 * `npm run demo`: the app on data/demo.sqlite, with the reference case loaded first if it is
 * not there yet. Ctrl-C (or SIGTERM) lets requests in flight finish, then closes the database.
 */
async function main(): Promise<void> {
  const { app, config, report } = await bootAndSeedDemo();
  closeOnSignal(app);
  await app.listen({ port: config.port, host: config.host });
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  process.stdout.write(`${report}\n  Probity demo running: open ${base}/ and sign in as a demo user (API documentation: ${base}/api/docs)\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
