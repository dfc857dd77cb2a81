// Jest runs in its native ESM mode (node --experimental-vm-modules); SWC strips types and
// emits the decorator metadata Nest's dependency injection needs.
// The service tier and the e2e suite each run twice: on SQLite and on PostgreSQL
// (TEST_DATABASE_URL or 127.0.0.1:5432/test). The browser suite drives Debian's Chromium
// (/usr/bin/chromium) against the built server.
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';

const swc = JSON.parse(readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
const CHROMIUM = '/usr/bin/chromium';
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};
const e2e = { ...shared, testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'], testTimeout: 60000 };
// Services on a real database, no HTTP (test/support/service-context.ts).
const service = { ...shared, testMatch: ['<rootDir>/test/service/**/*.service-spec.ts'] };
const sqlite = ['<rootDir>/test/support/engine-sqlite.ts'];
const postgres = ['<rootDir>/test/support/engine-postgres.ts'];

export default async () => {
  const projects = [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...service, displayName: 'service-sqlite', setupFiles: sqlite },
    { ...e2e, displayName: 'e2e-sqlite', setupFiles: sqlite },
  ];
  if (await postgresReachable()) {
    projects.push(
      { ...service, displayName: 'service-postgres', setupFiles: postgres },
      { ...e2e, displayName: 'e2e-postgres', setupFiles: postgres },
    );
  } else if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL at ${pgUrl} is unreachable: CI requires the service tier and the e2e suite on PostgreSQL`);
  } else {
    console.warn(`\n*** PostgreSQL at ${pgUrl} is unreachable: the service tier and the e2e suite on PostgreSQL are SKIPPED ***\n`);
  }
  if (existsSync(CHROMIUM)) {
    projects.push({
      ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/global-setup.ts',
    });
  } else if (process.env.CI === 'true') {
    throw new Error(`Chromium is missing at ${CHROMIUM}: CI requires the browser suite (apt-get install chromium)`);
  } else {
    console.warn(`\n*** Chromium not found: browser tests SKIPPED *** (no ${CHROMIUM}: apt-get install chromium)\n`);
  }
  return { projects };
};
