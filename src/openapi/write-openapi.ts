import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../config/app.config.js';
import { apiDocument, createApp } from '../configure-app.js';

/** Where the web app's typed client is generated from. */
export const WEB_OPENAPI_FILE = fileURLToPath(new URL('../../web/openapi.json', import.meta.url));

/**
 * The OpenAPI document exactly as GET /api/docs-json serves it, from an app built (not
 * listening) on a throw-away SQLite database with its own audit key (no server, no files touched elsewhere,
 * whatever DATABASE_URL says). Routes come in module order, so the text is the same each run.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'probity-openapi-'));
  try {
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(dir, 'openapi.sqlite')}`,
      LOG_LEVEL: 'silent',
      PROBITY_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
      AUDIT_KEY_FILE: join(dir, 'audit-ed25519.pem'),
      AUDIT_CHECKPOINT_FILE: join(dir, 'audit-checkpoints.jsonl'),
      WEB_DIST_DIR: dir,
    });
    const app = await createApp(config);
    try {
      // As JSON carries it: what GET /api/docs-json sends.
      return JSON.parse(JSON.stringify(apiDocument(app)));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const openApiText = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;

export async function writeOpenApi(file = WEB_OPENAPI_FILE): Promise<string> {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, openApiText(await openApiDocument()));
  return target;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  writeOpenApi(process.argv[2]).then(
    (file) => { process.stdout.write(`wrote ${file}\n`); },
    (error: unknown) => { process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`); process.exitCode = 1; },
  );
}
