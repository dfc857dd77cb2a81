#!/usr/bin/env node
/**
 * Crash test (`npm run test:crash`): builds Probity, starts it on a temporary SQLite file,
 * drives a burst of concurrent writes over HTTP, kills the server with SIGKILL in the middle
 * of the burst, starts it again on the same file and checks that
 *   - PRAGMA integrity_check answers ok,
 *   - every write the client saw acknowledged is there (the record, its latest acknowledged
 *     value, and its audit event),
 *   - the audit chain and its signed checkpoints verify (GET /api/audit/verify).
 * Repeated ROUNDS times (default 3); exit code 1 if any round fails. 127.0.0.1 only.
 */
import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const WORKERS = 12;
/** Bounded: no worker sends more than this many requests per round. */
const MAX_REQUESTS_PER_WORKER = 400;
const ADMIN_PASSWORD = 'crash-test-admin-password';
const USER_PASSWORD = 'crash-test-user-password';

const log = (line) => process.stdout.write(`${line}\n`);

/** Compiles src/ into a directory of its own (dist/ is left alone), as `npm run build` does. */
async function build(home) {
  const dist = join(home, 'dist');
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dist], { cwd: ROOT });
  writeFileSync(join(home, 'package.json'), JSON.stringify({ type: 'module' }));
  symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'), 'dir');
  return dist;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function startServer(dist, env) {
  const child = spawn(process.execPath, [join(dist, 'main.js')], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, output: () => output };
}

async function waitUntilHealthy(base, server, ms = 30_000) {
  const deadline = Date.now() + ms;
  let exited = false;
  server.exited.then(() => { exited = true; });
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not become healthy${exited ? ' (it exited)' : ''}:\n${server.output()}`);
}

async function call(base, method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function login(base, username, password) {
  const res = await call(base, 'POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login as ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/**
 * One writer: creates officers and edits the ones it created (so its own edits are
 * sequential), recording only what the server acknowledged. Stops at the first failed call
 * (the server died) or when `stop()` says so.
 */
async function writer(base, token, id, acked, stop, inflight) {
  const mine = [];
  for (let n = 0; n < MAX_REQUESTS_PER_WORKER && !stop(); n++) {
    const requestId = `crash-${id}-${n}-${randomUUID().slice(0, 8)}`;
    inflight.count++;
    try {
      if (mine.length && n % 3 === 2) {
        const officer = mine[n % mine.length];
        const station = `Station ${id}-${n}`;
        const res = await call(base, 'PATCH', `/api/officers/${officer.id}`, {
          token, body: { station }, headers: { 'if-match': `"${officer.version}"`, 'x-request-id': requestId },
        });
        if (res.status !== 200) throw new Error(`PATCH answered ${res.status}: ${JSON.stringify(res.body)}`);
        officer.version = res.body.version;
        officer.station = station;
        acked.requests.push(requestId);
      } else {
        const serviceNumber = `CR-${id}-${n}-${randomUUID().slice(0, 6)}`;
        const res = await call(base, 'POST', '/api/officers', {
          token,
          headers: { 'x-request-id': requestId },
          body: { force: 'Crash Test Constabulary', serviceNumber, givenName: 'Crash', familyName: `Test ${id}-${n}`, rank: 'PC', employmentStatus: 'serving', station: 'Initial' },
        });
        if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${JSON.stringify(res.body)}`);
        const officer = { id: res.body.id, serviceNumber, version: res.body.version, station: 'Initial' };
        mine.push(officer);
        acked.officers.push(officer);
        acked.requests.push(requestId);
      }
    } catch {
      return; // connection refused or reset: the server is gone
    } finally {
      inflight.count--;
    }
  }
}

async function round(number, dist) {
  const dir = mkdtempSync(join(tmpdir(), `probity-crash-${number}-`));
  const dbPath = join(dir, 'probity.sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${dbPath}`, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn',
    PROBITY_ADMIN_USER: 'admin', PROBITY_ADMIN_PASSWORD: ADMIN_PASSWORD, LOGIN_RATE_LIMIT: '1000',
    AUDIT_KEY_FILE: join(dir, 'audit-ed25519.pem'), AUDIT_CHECKPOINT_FILE: join(dir, 'audit-checkpoints.jsonl'),
    // Checkpoints are signed during the burst too: none may name an event the crash undid.
    AUDIT_CHECKPOINT_INTERVAL: '1s',
  };
  const problems = [];
  let server = startServer(dist, env);
  try {
    await waitUntilHealthy(base, server);
    const admin = await login(base, 'admin', ADMIN_PASSWORD);
    const created = await call(base, 'POST', '/api/users', { token: admin, body: { username: 'crash-investigator', displayName: 'Crash', roles: ['investigator'], password: USER_PASSWORD } });
    if (created.status !== 201) throw new Error(`creating the investigator answered ${created.status}`);
    const investigator = await login(base, 'crash-investigator', USER_PASSWORD);

    // The burst; the kill comes once a random number of writes were acknowledged, while others are in flight.
    const acked = { officers: [], requests: [] };
    const killAfter = 40 + Math.floor(Math.random() * 160);
    const inflight = { count: 0 };
    let killed = false;
    const workers = Array.from({ length: WORKERS }, (_, i) => writer(base, investigator, `${number}.${i}`, acked, () => killed, inflight));
    const killer = (async () => {
      const deadline = Date.now() + 30_000;
      while (acked.requests.length < killAfter && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      const inFlightAtKill = inflight.count;
      server.child.kill('SIGKILL');
      killed = true;
      return inFlightAtKill;
    })();
    const inFlightAtKill = await killer;
    const exit = await server.exited;
    await Promise.all(workers);
    if (exit.signal !== 'SIGKILL') problems.push(`the server was not killed by SIGKILL (exit ${JSON.stringify(exit)})`);

    // Restart on the same file: the dead process's instance lock must not stand in the way.
    server = startServer(dist, env);
    await waitUntilHealthy(base, server);

    const db = new Database(dbPath, { readonly: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
      const officers = new Map(db.prepare('SELECT id, service_number AS serviceNumber, station, version FROM officers').all().map((o) => [o.id, o]));
      for (const o of acked.officers) {
        const stored = officers.get(o.id);
        if (!stored) problems.push(`acknowledged officer ${o.id} (${o.serviceNumber}) is missing`);
        else if (stored.version !== o.version || stored.station !== o.station) {
          problems.push(`officer ${o.id}: acknowledged version ${o.version} station "${o.station}", stored version ${stored.version} station "${stored.station}"`);
        }
      }
      const audited = new Set(db.prepare("SELECT request_id FROM audit_events WHERE request_id LIKE 'crash-%'").all().map((r) => r.request_id));
      const unaudited = acked.requests.filter((r) => !audited.has(r));
      if (unaudited.length) problems.push(`${unaudited.length} acknowledged writes have no audit event (e.g. ${unaudited[0]})`);
    } finally {
      db.close();
    }
    const adminAgain = await login(base, 'admin', ADMIN_PASSWORD);
    const verify = await call(base, 'GET', '/api/audit/verify', { token: adminAgain });
    if (verify.status !== 200 || !verify.body.ok) problems.push(`audit verify: ${JSON.stringify(verify.body)}`);

    server.child.kill('SIGTERM');
    const stopped = await server.exited;
    if (stopped.code !== 0) problems.push(`the restarted server did not stop cleanly: ${JSON.stringify(stopped)}\n${server.output()}`);

    const summary = `${acked.requests.length} writes acknowledged (${acked.officers.length} creates), ${inFlightAtKill} in flight at the kill, ` +
      `${verify.body?.events ?? '?'} audit events, ${verify.body?.checkpoints ?? '?'} checkpoints`;
    return { ok: problems.length === 0, summary, problems };
  } catch (error) {
    server.child.kill('SIGKILL');
    return { ok: false, summary: 'aborted', problems: [...problems, error.stack ?? String(error)] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const started = Date.now();
  const home = mkdtempSync(join(tmpdir(), 'probity-crash-build-'));
  try {
    log('crash test: building…');
    const dist = await build(home);
    let passed = 0;
    for (let n = 1; n <= ROUNDS; n++) {
      const result = await round(n, dist);
      log(`crash test round ${n}/${ROUNDS}: ${result.ok ? 'ok' : 'FAILED'}: ${result.summary}`);
      for (const problem of result.problems) log(`  - ${problem}`);
      if (result.ok) passed++;
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`crash test: ${passed}/${ROUNDS} rounds passed in ${seconds} s (kill -9 mid-burst; integrity_check, acknowledged writes and audit chain checked after restart)`);
    process.exitCode = passed === ROUNDS ? 0 : 1;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(`crash test: ERROR ${error.stack ?? error}`);
  process.exitCode = 1;
});
