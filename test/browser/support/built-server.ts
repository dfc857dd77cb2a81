import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = 'admin-password-for-browser-tests';
export const USER_PASSWORD = 'a-long-browser-test-password';

/** A port nothing listens on now (127.0.0.1). */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

export interface BuiltServer {
  /** http://127.0.0.1:<port> */
  base: string;
  /** The temporary directory holding the database, audit key and checkpoints. */
  dir: string;
  /** The SQLite file (read it with better-sqlite3 to check what was written). */
  databaseFile: string;
  /** What the server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built server (`node dist/main.js`, as `npm start` does) on a free port of 127.0.0.1
 * with a throw-away SQLite database, and waits until /api/health answers.
 */
export async function startBuiltServer(env: Record<string, string> = {}): Promise<BuiltServer> {
  const dir = mkdtempSync(join(tmpdir(), 'probity-browser-'));
  const databaseFile = join(dir, 'probity.sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `sqlite:${databaseFile}`,
      PROBITY_ADMIN_USER: ADMIN_USER,
      PROBITY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      AUDIT_KEY_FILE: join(dir, 'audit-ed25519.pem'),
      AUDIT_CHECKPOINT_FILE: join(dir, 'audit-checkpoints.jsonl'),
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT: '1000',
      ...env,
    },
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  const exited = once(child, 'exit');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  for (let waited = 0; waited < 60_000; waited += 200) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited with ${child.exitCode} before answering:\n${output}`);
    }
    const ok = await fetch(`${base}/api/health`).then((res) => res.status === 200, () => false);
    if (ok) return { base, dir, databaseFile, output: () => output, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`the server did not answer /api/health within 60 s:\n${output}`);
}
