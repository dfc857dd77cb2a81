import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['src', 'web', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts', 'vite.config.js'];

/** A hash of everything `npm run build` reads (git's list of files, so web/dist and node_modules stay out). */
function inputsHash(ROOT: string): string | null {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', ...INPUTS], { cwd: ROOT, encoding: 'utf8' })
      .split('\n').filter(Boolean).sort();
  } catch {
    return null; // not a git checkout: always build
  }
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(ROOT, file);
    if (existsSync(path)) hash.update(file).update('\0').update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * The browser tests run the built server (`node dist/main.js`) serving the built app
 * (web/dist): build both once per run, unless the last build was of exactly these sources.
 * Jest runs a project's globalSetup only when one of its tests is selected. Self-contained:
 * Jest loads this file as CommonJS, without the project's module mapping.
 */
export default function buildForBrowserTests(_global: unknown, project: { rootDir: string }): void {
  const ROOT = project.rootDir;
  const STAMP = join(ROOT, 'dist/.browser-tests-build');
  const hash = inputsHash(ROOT);
  const built = existsSync(join(ROOT, 'dist/main.js')) && (!existsSync(join(ROOT, 'web')) || existsSync(join(ROOT, 'web/dist/index.html')));
  if (hash && built && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return;
  process.stderr.write('\n[browser tests] npm run build (server and web app)…\n');
  const started = Date.now();
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  process.stderr.write(`[browser tests] built in ${Math.round((Date.now() - started) / 1000)} s\n`);
  if (hash) writeFileSync(STAMP, hash);
}
