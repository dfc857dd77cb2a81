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

/**
 * Compiles src/ as `npm run build` does, into a temporary directory keyed by the sources'
 * hash (so test files share one build and never touch dist/). Returns the build's dist
 * directory: `node <dir>/main.js` is the server, `node <dir>/cli/cli.js` the CLI.
 */
export async function buildOnce(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of sourceFiles(join(ROOT, 'src')).sort()) hash.update(file).update(readFileSync(file));
  hash.update(readFileSync(join(ROOT, 'tsconfig.build.json'))).update(readFileSync(join(ROOT, 'tsconfig.json')));
  const home = join(tmpdir(), `probity-build-${hash.digest('hex').slice(0, 16)}`);
  const dist = join(home, 'dist');
  if (existsSync(join(home, 'ok'))) return dist;

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
  rmSync(home, { recursive: true, force: true });
  renameSync(staging, home);
  return dist;
}

/** A child process with its output collected line by line. */
export interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line matching, or rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnNode(script: string, args: string[], env: Record<string, string | undefined>, cwd = ROOT): Child {
  const child = spawn(process.execPath, [script, ...args], { env: env as NodeJS.ProcessEnv, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.on('exit', (code, signal) => done({ code, signal }));
  });
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, ms = 20_000) {
      const line = out.split('\n').find((l) => pattern.test(l));
      if (line) return Promise.resolve(line);
      return new Promise((resolveLine, reject) => {
        const timer = setTimeout(() => reject(new Error(`no output line matching ${pattern} within ${ms} ms\nstdout:\n${out}\nstderr:\n${err}`)), ms);
        exited.then(() => setTimeout(() => reject(new Error(`exited before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`)), 50));
        waiters.push({ pattern, resolve: (l) => { clearTimeout(timer); resolveLine(l); } });
      });
    },
  };
}
