import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Builds of older sources, left by earlier runs: gone after a day. */
function removeStaleBuilds(): void {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('probity-build-')) continue;
    const path = join(tmpdir(), name);
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

/**
 * Compiles src/ as `npm run build` does, into a temporary directory keyed by the sources'
 * hash (so test files share one build and never touch dist/). Returns the build's dist
 * directory: `node <dir>/main.js` is the server, `node <dir>/cli/cli.js` the CLI.
 */
export async function buildOnce(): Promise<string> {
  // Keyed by the checkout too: a build links to its checkout's node_modules.
  const hash = createHash('sha256').update(ROOT);
  for (const file of sourceFiles(join(ROOT, 'src')).sort()) hash.update(file).update(readFileSync(file));
  hash.update(readFileSync(join(ROOT, 'tsconfig.build.json'))).update(readFileSync(join(ROOT, 'tsconfig.json')));
  const home = join(tmpdir(), `probity-build-${hash.digest('hex').slice(0, 16)}`);
  const dist = join(home, 'dist');
  if (existsSync(join(home, 'ok'))) return dist;
  removeStaleBuilds();

  const staging = `${home}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tsc = [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(staging, 'dist')];
  await promisify(execFile)(process.execPath, tsc, { cwd: ROOT }).catch((error: Error & { stdout?: string }) => {
    // Type errors are `npm run typecheck`'s business; tsc still emits, and these tests are
    // about the running process. Without output there is nothing to run.
    if (!existsSync(join(staging, 'dist/main.js'))) throw new Error(`build failed:\n${error.stdout ?? error.message}`);
  });
  // ESM needs "type": "module" beside the output; packages resolve through the project's node_modules.
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(ROOT, 'node_modules'), join(staging, 'node_modules'), 'dir');
  writeFileSync(join(staging, 'ok'), '');
  try {
    renameSync(staging, home);
  } catch (error) {
    // Another jest worker finished the same build first, and may be running it already:
    // keep theirs (never remove it) and drop ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(home, 'ok'))) throw error;
  }
  return dist;
}

/** A child process with its output collected line by line. */
export interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching, or rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  /** Resolves once `count` stdout lines match, with those lines. */
  waitForLines(pattern: RegExp, count: number, ms?: number): Promise<string[]>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnNode(script: string, args: string[], env: Record<string, string | undefined>, cwd = ROOT): Child {
  const child = spawn(process.execPath, [script, ...args], { env: env as NodeJS.ProcessEnv, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const matching = (pattern: RegExp) => out.split('\n').filter((l) => pattern.test(l));
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const check of [...waiters]) check();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('exit', (code, signal) => done({ code, signal }));
  });
  const waitForLines = (pattern: RegExp, count: number, ms = 30_000) => new Promise<string[]>((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${why}: wanted ${count} line(s) matching ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
    const timer = setTimeout(() => { waiters.delete(check); fail(`not within ${ms} ms`); }, ms);
    function check() {
      const lines = matching(pattern);
      if (lines.length < count) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve(lines.slice(0, count));
    }
    waiters.add(check);
    check();
    exited.then(() => setTimeout(() => { if (waiters.delete(check)) { clearTimeout(timer); fail('the process exited first'); } }, 100));
  });
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLines,
    waitFor: async (pattern, ms) => (await waitForLines(pattern, 1, ms))[0],
  };
}
