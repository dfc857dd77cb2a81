/**
 * `npm run bench [-- --scale 0.1] [-- --duration 10]`: Probity against bare better-sqlite3
 * on the same data, in the same run, on this machine. Everything listens on 127.0.0.1 only
 * and every step is bounded in time. Prints a table and writes bench/results.json.
 *
 *   1. generate a synthetic CCRB-format file (scale 1: 1,000,000 allegations, 100,000 complaints)
 *   2. import it with Probity's importer, and with raw prepared statements (rows/s, ratio)
 *   3. start the real server on the imported database, log in
 *   4. export every allegation as CSV over HTTP, three times (the median's rows/s, the server's
 *      peak RSS) vs a raw iterator → the same CSV writer in a process of its own
 *   5. the summary report over HTTP (latency)
 *   6. the web app: its initial JavaScript (gzip), and in headless Chromium with a cookie session
 *      the time to "My cases" (first page) and to a 14-subject case page, with the API's time
 *   7. GET /api/investigations/:id with a token, 50 connections (autocannon, after a 2 s
 *      warm-up) vs a bare node:http + better-sqlite3 server answering the same queries
 */
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_INVESTIGATOR, BENCH_PASSWORD, BENCH_USER } from './bench-env.js';
import { browserTimings, initialJavaScript, type BrowserTimings, type InitialJs } from './web.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const DATA = join(ROOT, 'bench', 'data');
const RESULTS = join(ROOT, 'bench', 'results.json');
const WEB_DIST = join(ROOT, 'web', 'dist');
const step = (name: string) => join(here, `${name}.js`);

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, duration: { type: 'string', default: '10' } } });
const scale = Number(values.scale);
const duration = Number(values.duration);
if (!(scale > 0 && scale <= 5) || !(duration >= 1 && duration <= 60)) {
  process.stderr.write('usage: npm run bench -- [--scale 0.001-5] [--duration 1-60 seconds]\n');
  process.exit(2);
}
const allegations = Math.round(1_000_000 * scale);
const investigations = Math.max(1, Math.round(100_000 * scale));
const CONNECTIONS = 50;
const EXPORT_RUNS = 3;
const STEP_TIMEOUT_MS = 20 * 60_000;

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** Runs a child step to its end and parses the JSON line it prints. */
async function runStep<T>(name: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, [step(name), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
  let output = '';
  child.stdout!.on('data', (chunk) => { output += String(chunk); });
  const [code] = await once(child, 'exit') as [number | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${name} exited with ${code}`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}

/** A port nothing listens on now (127.0.0.1). */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Starts the real server (as `npm start` does) and waits until its health check answers. */
async function startProbity(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist-bench', 'src', 'main.js')], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, PORT: String(port) } });
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 120_000; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((res) => res.status === 200, () => false);
    if (ok) return { child, base };
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer its health check within 2 minutes');
}

/** Starts a long-running child and waits for the line that says it is ready. */
async function startServer(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
  const lines = createInterface({ input: child.stdout! });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  try {
    for await (const line of lines) {
      const match = ready.exec(line);
      if (match) return { child, match };
    }
    throw new Error(`${args.join(' ')} stopped before it was ready`);
  } finally {
    clearTimeout(timer);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Peak (VmHWM) or current (VmRSS) resident memory of a running process, from the kernel, in MB. */
function rssMb(pid: number, which: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${which}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
}

/** Starts a new peak: the kernel resets VmHWM to the current RSS (Linux, own or root's process). */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Seconds of load before each measured run, not counted: the servers' code is compiled by then (JIT). */
const WARM_UP_SECONDS = 2;

async function load(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors under load`);
  return { requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, requests: result.requests.total };
}

interface Rate { rows: number; seconds: number; rowsPerSecond: number }
interface Load { requestsPerSecond: number; p99Ms: number; requests: number }
interface BenchResults {
  when: string;
  machine: { cpus: number; model?: string; node: string; loadAverageBefore: number };
  scale: number;
  allegations: number;
  investigations: number;
  import: { probity: Rate & { checkingPassSeconds: number; peakRssMb: number }; raw: Rate; ratio: number; target: string; met: boolean };
  summary: { firstMs: number; medianMs: number; maxMs: number; target: string; met: boolean };
  export: {
    probity: Rate & { bytes: number; runsRowsPerSecond: number[]; peakRssMb: number; rssBeforeMb: number; peakIncludesBoot: boolean };
    raw: Rate & { bytes: number; peakRssMb: number };
    ratio: number; target: string; metThroughput: boolean; metMemory: boolean;
  };
  web: { initialJs: InitialJs | { skipped: string }; browser: BrowserTimings };
  http: {
    route: string; connections: number; durationSeconds: number; probity: Load; raw: Load; ratio: number; target: string;
    probityHealthCheck: Load; probityAuthMe: Load;
    metThroughput: boolean; metLatency: boolean;
  };
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  // Other work on the machine skews every figure (the ratios less): the load before the run is recorded.
  const loadBefore = round(loadavg()[0], 2);
  mkdirSync(DATA, { recursive: true });
  const csvFile = join(DATA, `synthetic-${allegations}.csv`);
  const probityDb = join(DATA, 'probity.sqlite');
  const rawDb = join(DATA, 'raw.sqlite');
  for (const path of [probityDb, rawDb]) {
    for (const suffix of ['', '-wal', '-shm', '-instance.lock', '-instance.pid']) rmSync(`${path}${suffix}`, { force: true });
  }
  rmSync(join(DATA, 'probity.audit-checkpoints.jsonl'), { force: true });

  log(`generating ${allegations} allegations over ${investigations} complaints (CCRB format)`);
  await runStep('generate-step', [csvFile, String(allegations), String(investigations)]);

  // Each import starts with no other write-back running under it (a 230 MB file, then a gigabyte of database).
  execFileSync('sync');
  log('import: Probity importer (validate pass + write pass, batched transactions, audit event)');
  const imported = await runStep<{ rows: number; rejected: number; seconds: number; checkSeconds: number; peakRssMb: number }>('import-step', [csvFile, probityDb]);
  if (imported.rejected) throw new Error(`the synthetic file had ${imported.rejected} rejected rows`);
  execFileSync('sync');
  log('import: raw better-sqlite3 prepared statements');
  const rawImport = await runStep<{ rows: number; seconds: number }>('raw-import-step', [csvFile, rawDb]);

  // The imports leave a gigabyte of dirty pages; their write-back would otherwise run under the next steps.
  execFileSync('sync');

  log('starting the Probity server on the imported database');
  const server = await startProbity({
    ...process.env, DATABASE_URL: `sqlite:${probityDb}`, HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-jwt-secret-bench-jwt-secret-0123456789', LOGIN_RATE_LIMIT: '10000', WEB_DIST_DIR: WEB_DIST,
  });
  const { base } = server;
  try {
    const tokenOf = async (username: string) => {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login as ${username} answered ${login.status}`);
      return (await login.json() as { accessToken: string }).accessToken;
    };
    const token = await tokenOf(BENCH_USER);
    const auth = { authorization: `Bearer ${token}` };
    // The login's password hash (argon2) takes tens of MB for a moment: the export's peak starts after it.
    const beforeExportMb = rssMb(server.child.pid!, 'VmRSS');
    const peakSinceBoot = !resetPeak(server.child.pid!);

    log(`export: GET /api/exports/allegations.csv, ${EXPORT_RUNS} times`);
    const exportRuns: Array<{ rows: number; seconds: number }> = [];
    let bytes = 0;
    for (let run = 0; run < EXPORT_RUNS; run += 1) {
      const exportStarted = performance.now();
      // node:http rather than fetch: the client shares the machine, and web streams cost it more.
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        httpGet(`${base}/api/exports/allegations.csv`, { headers: auth }, resolve).on('error', reject);
      });
      if (response.statusCode !== 200) throw new Error(`export answered ${response.statusCode}`);
      bytes = 0;
      let lines = 0;
      for await (const chunk of response as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
      }
      exportRuns.push({ rows: lines - 1, seconds: (performance.now() - exportStarted) / 1000 });
    }
    // The median run: the first also pays for reading the database file into the page cache.
    const { rows: exportRows, seconds: exportSeconds } = [...exportRuns].sort((a, b) => a.seconds - b.seconds)[Math.floor(EXPORT_RUNS / 2)];
    const exportPeakRssMb = rssMb(server.child.pid!, 'VmHWM');
    log('export: raw better-sqlite3 iterate → CSV');
    const rawExport = await runStep<{ rows: number; bytes: number; seconds: number; peakRssMb: number }>('raw-export-step', [probityDb]);

    log('summary: GET /api/reports/summary');
    const summaryMs: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const started = performance.now();
      const summary = await fetch(`${base}/api/reports/summary`, { headers: auth });
      if (summary.status !== 200) throw new Error(`summary answered ${summary.status}`);
      await summary.arrayBuffer();
      summaryMs.push(performance.now() - started);
    }
    const sortedSummary = summaryMs.slice(1).sort((a, b) => a - b);

    const web: BenchResults['web'] = {
      initialJs: existsSync(join(WEB_DIST, 'index.html')) ? initialJavaScript(WEB_DIST) : { skipped: `${WEB_DIST} is not built` },
      browser: { skipped: 'the web app is not built' },
    };
    if (!('skipped' in web.initialJs)) {
      web.browser = await browserTimings(base, {
        reviewer: { username: BENCH_USER, password: BENCH_PASSWORD },
        investigator: { token: await tokenOf(BENCH_INVESTIGATOR) },
      }, log);
    }

    const page = await (await fetch(`${base}/api/investigations?limit=1`, { headers: auth })).json() as { items: Array<{ id: string }> };
    const { id } = page.items[0];
    log(`http: GET /api/investigations/:id with a token, ${CONNECTIONS} connections, ${duration} s`);
    const probityHttp = await load(`${base}/api/investigations/${id}`, auth);
    // Where the time goes: the framework alone (public health check), then with the token check.
    log('http: the same load on GET /api/health (no token) and GET /api/auth/me (token only), for the breakdown');
    const breakdown = { health: await load(`${base}/api/health`), me: await load(`${base}/api/auth/me`, auth) };
    await stop(server.child);

    log(`http: raw node:http + better-sqlite3, ${CONNECTIONS} connections, ${duration} s`);
    const raw = await startServer([step('raw-server-step'), probityDb], process.env, /listening (\d+)/);
    const rawHttp = await load(`http://127.0.0.1:${raw.match[1]}/api/investigations/${id}`).finally(() => stop(raw.child));

    const importRate = imported.rows / imported.seconds;
    const rawImportRate = rawImport.rows / rawImport.seconds;
    const exportRate = exportRows / exportSeconds;
    const rawExportRate = rawExport.rows / rawExport.seconds;
    const results: BenchResults = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore },
      scale, allegations, investigations,
      import: {
        probity: { rows: imported.rows, seconds: round(imported.seconds, 1), rowsPerSecond: Math.round(importRate), checkingPassSeconds: round(imported.checkSeconds, 1), peakRssMb: Math.round(imported.peakRssMb) },
        raw: { rows: rawImport.rows, seconds: round(rawImport.seconds, 1), rowsPerSecond: Math.round(rawImportRate) },
        ratio: round(importRate / rawImportRate, 2),
        target: 'Probity >= 20000 rows/s', met: importRate >= 20_000,
      },
      summary: {
        firstMs: Math.round(summaryMs[0]), medianMs: Math.round(sortedSummary[Math.floor(sortedSummary.length / 2)]), maxMs: Math.round(Math.max(...summaryMs)),
        target: '< 1000 ms', met: Math.max(...summaryMs) < 1000,
      },
      export: {
        probity: { rows: exportRows, bytes, seconds: round(exportSeconds, 1), rowsPerSecond: Math.round(exportRate), runsRowsPerSecond: exportRuns.map((run) => Math.round(run.rows / run.seconds)), peakRssMb: Math.round(exportPeakRssMb), rssBeforeMb: Math.round(beforeExportMb), peakIncludesBoot: peakSinceBoot },
        raw: { rows: rawExport.rows, bytes: rawExport.bytes, seconds: round(rawExport.seconds, 1), rowsPerSecond: Math.round(rawExportRate), peakRssMb: Math.round(rawExport.peakRssMb) },
        ratio: round(exportRate / rawExportRate, 2),
        target: 'Probity >= 100000 rows/s with peak RSS < 300 MB',
        metThroughput: exportRate >= 100_000 && exportRuns.every((run) => run.rows === allegations), metMemory: exportPeakRssMb < 300,
      },
      web,
      http: {
        route: 'GET /api/investigations/:id (bearer token)', connections: CONNECTIONS, durationSeconds: duration,
        probity: probityHttp, raw: rawHttp, probityHealthCheck: breakdown.health, probityAuthMe: breakdown.me,
        ratio: round(probityHttp.requestsPerSecond / rawHttp.requestsPerSecond, 2),
        target: '>= 30% of raw req/s with p99 < 50 ms',
        metThroughput: probityHttp.requestsPerSecond >= 0.3 * rawHttp.requestsPerSecond, metLatency: probityHttp.p99Ms < 50,
      },
    };
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
  } finally {
    await stop(server.child);
  }
}

function printTable(r: BenchResults): void {
  const rows: string[][] = [
    ['measure', 'Probity', 'raw', 'ratio', 'target', 'met'],
    ['import rows/s', String(r.import.probity.rowsPerSecond), String(r.import.raw.rowsPerSecond), String(r.import.ratio), '>= 20000', r.import.met ? 'yes' : 'NO'],
    ['  (import s, of which checking pass)', `${r.import.probity.seconds}, ${r.import.probity.checkingPassSeconds}`, String(r.import.raw.seconds), '-', '-', ''],
    ['import peak RSS MB', String(r.import.probity.peakRssMb), '-', '-', '-', ''],
    ['summary ms (first / median / max)', `${r.summary.firstMs} / ${r.summary.medianMs} / ${r.summary.maxMs}`, '-', '-', '< 1000', r.summary.met ? 'yes' : 'NO'],
    ['export rows/s', String(r.export.probity.rowsPerSecond), String(r.export.raw.rowsPerSecond), String(r.export.ratio), '>= 100000', r.export.metThroughput ? 'yes' : 'NO'],
    ['export peak RSS MB', String(r.export.probity.peakRssMb), String(r.export.raw.peakRssMb), '-', '< 300', r.export.metMemory ? 'yes' : 'NO'],
    ['GET investigation req/s', String(r.http.probity.requestsPerSecond), String(r.http.raw.requestsPerSecond), String(r.http.ratio), '>= 0.3 x raw', r.http.metThroughput ? 'yes' : 'NO'],
    ['GET investigation p99 ms', String(r.http.probity.p99Ms), String(r.http.raw.p99Ms), '-', '< 50', r.http.metLatency ? 'yes' : 'NO'],
    ['  (GET /api/health req/s, p99)', `${r.http.probityHealthCheck.requestsPerSecond}, ${r.http.probityHealthCheck.p99Ms}`, '-', '-', '-', ''],
    ['  (GET /api/auth/me req/s, p99)', `${r.http.probityAuthMe.requestsPerSecond}, ${r.http.probityAuthMe.p99Ms}`, '-', '-', '-', ''],
    ...webRows(r.web),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  process.stdout.write(`\nProbity benchmark: ${r.allegations} allegations, ${r.investigations} investigations, ${r.machine.cpus} CPUs, `
    + `Node ${r.machine.node}, load average ${r.machine.loadAverageBefore} before the run\n`);
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}\n`);
  process.stdout.write(`\nwritten to ${RESULTS}\n`);
}

function webRows(web: BenchResults['web']): string[][] {
  const rows: string[][] = [];
  const js = web.initialJs;
  rows.push('skipped' in js
    ? ['web initial JS kB gzip', `skipped: ${js.skipped}`, '-', '-', '<= 300', '']
    : ['web initial JS kB gzip', `${js.gzipKb} (${js.files.length} file${js.files.length === 1 ? '' : 's'})`, '-', '-', '<= 300', js.met ? 'yes' : 'NO']);
  const b = web.browser;
  if ('skipped' in b) {
    rows.push(['web pages in Chromium', `skipped: ${b.skipped}`, '-', '-', '-', '']);
    return rows;
  }
  const timing = (name: string, t: { medianMs: number; runsMs: number[]; domContentLoadedMs: number; api: { medianMs: number; requests: string[] }; met: boolean }) => [
    [name, `${t.medianMs} median (runs ${t.runsMs.join(', ')}; DOMContentLoaded ${t.domContentLoadedMs})`, '-', '-', '<= 1000', t.met ? 'yes' : 'NO'],
    ['  (API time for its requests, ms)', `${t.api.medianMs} median for ${t.api.requests.length} GET(s)`, '-', '-', '-', ''],
  ];
  rows.push(...timing('web "My cases" first page ms', b.myCases), ...timing(`web case page (${b.casePage.subjects} subjects) ms`, b.casePage));
  return rows;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
