import 'reflect-metadata';
import { bootAndSeedDemo } from './demo-database.js';

/** `npm run seed:demo`: loads the reference case and the demo users into data/demo.sqlite (once). */
async function main(): Promise<void> {
  // Quiet unless asked: the report is what matters here.
  const { app, report } = await bootAndSeedDemo({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  try {
    process.stdout.write(report);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
