/**
 * The web app's figures for `npm run bench`: the initial JavaScript (gzip) of the built app,
 * and, in headless Chromium with a cookie session, the time from navigation to "My cases"
 * showing its first page and to a 14-subject case page showing its subjects, each against
 * the API's own time for the requests the page made.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;
const TARGET_MS = 1000;
const INITIAL_JS_TARGET_KB = 300;
/** The reference case's size: the bench data's cases have one to three subjects. */
export const REFERENCE_SUBJECTS = 14;

export interface InitialJs {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  gzipKb: number;
  target: string;
  met: boolean;
}

/**
 * What index.html loads before the app can draw anything: its module scripts and
 * modulepreload links (Vite's entry chunk and the chunks it imports statically), gzip level 6
 * (what a server sends).
 */
export function initialJavaScript(webDist: string): InitialJs {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
    if (src) urls.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (!/\srel="modulepreload"/.test(tag)) continue;
    const href = /\shref="([^"]+)"/.exec(tag)?.[1];
    if (href) urls.add(href);
  }
  if (!urls.size) throw new Error(`${webDist}/index.html loads no script`);
  const files = [...urls].map((url) => {
    const file = url.replace(/^\//, '').split('?')[0];
    const content = readFileSync(join(webDist, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 6 }).length };
  });
  const gzipKb = Math.round(files.reduce((sum, f) => sum + f.gzipBytes, 0) / 100) / 10;
  return { files, gzipKb, target: `<= ${INITIAL_JS_TARGET_KB} kB gzip`, met: gzipKb <= INITIAL_JS_TARGET_KB };
}

export interface PageTiming {
  path: string;
  /** Navigation until the page shows what it is for, per run (the first with a cold cache). */
  runsMs: number[];
  medianMs: number;
  /** Of that, until the document and the app's initial scripts had loaded (DOMContentLoaded), median. */
  domContentLoadedMs: number;
  /** The API requests the page made, and the server's time for them replayed one after another with the same session cookie. */
  api: { requests: string[]; runsMs: number[]; medianMs: number };
  target: string;
  met: boolean;
}

export type BrowserTimings =
  | { skipped: string }
  | { myCases: PageTiming; casePage: PageTiming & { reference: string; subjects: number } };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Accounts {
  /** The reviewer who looks (a cookie session in the browser, reused for the API replay). */
  reviewer: { username: string; password: string };
  /** An investigator who opens the 14-subject case. */
  investigator: { token: string };
}

async function api<T>(base: string, token: string, method: string, path: string, body?: unknown, ifMatch?: number): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(ifMatch === undefined ? {} : { 'if-match': `"${ifMatch}"` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return await res.json() as T;
}

/** A case the size of the reference case (14 subjects, an allegation each), opened through the API. */
export async function openReferenceSizeCase(base: string, token: string): Promise<{ id: string; reference: string }> {
  const call = <T>(method: string, path: string, body?: unknown) => api<T>(base, token, method, path, body);
  const opened = await call<{ id: string; reference: string }>('POST', '/api/investigations', {
    title: 'Benchmark: a case the size of the reference case', mode: 'independent', origin: 'conduct_matter',
    station: 'Charing Cross', summary: 'Fourteen officers under investigation (synthetic).',
  });
  for (let i = 1; i <= REFERENCE_SUBJECTS; i += 1) {
    const officer = await call<{ id: string }>('POST', '/api/officers', {
      force: 'Metropolitan Police Service', serviceNumber: `BENCH-REF-${i}`, givenName: 'Officer', familyName: `Benchmark${i}`,
      rank: 'PC', unit: 'Territorial Policing', station: 'Charing Cross', employmentStatus: 'serving',
    });
    const subject = await call<{ id: string }>('POST', `/api/investigations/${opened.id}/subjects`, { officerId: officer.id });
    await call('POST', `/api/subjects/${subject.id}/allegations`, {
      category: 'improper_use_of_social_media_or_messaging', standard: 'discreditable_conduct', severity: 'gross_misconduct',
      detail: 'Synthetic allegation.', allegedOn: '2017-05-01',
    });
  }
  return opened;
}

/** Times `RUNS` navigations to `path`, each in a new tab of the signed-in context, until `shown` resolves. */
async function timePage(context: BrowserContext, base: string, path: string, shown: (page: Page) => Promise<void>): Promise<PageTiming> {
  const runsMs: number[] = [];
  const loadedMs: number[] = [];
  let requests: string[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/') && request.method() === 'GET') seen.push(`${url.pathname}${url.search}`);
    });
    const started = performance.now();
    await page.goto(`${base}${path}`);
    await shown(page);
    runsMs.push(Math.round(performance.now() - started));
    loadedMs.push(Math.round(await page.evaluate('performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd') as number));
    requests = seen;
    await page.close();
  }
  const cookie = (await context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
  const apiRunsMs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    for (const request of requests) {
      const res = await fetch(`${base}${request}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET ${request} answered ${res.status}`);
      await res.arrayBuffer();
    }
    apiRunsMs.push(Math.round(performance.now() - started));
  }
  const medianMs = median(runsMs);
  return {
    path, runsMs, medianMs, domContentLoadedMs: median(loadedMs), api: { requests, runsMs: apiRunsMs, medianMs: median(apiRunsMs) },
    target: `<= ${TARGET_MS} ms median of ${RUNS}`, met: medianMs <= TARGET_MS,
  };
}

/** Signs in the way the app does (a cookie session), in the context's own cookie jar. */
async function signIn(context: BrowserContext, base: string, username: string, password: string): Promise<void> {
  const res = await context.request.post(`${base}/api/auth/session`, { data: { username, password } });
  if (res.status() !== 200) throw new Error(`POST /api/auth/session answered ${res.status()}: ${await res.text()}`);
}

export async function browserTimings(base: string, accounts: Accounts, log: (line: string) => void): Promise<BrowserTimings> {
  if (!existsSync(CHROMIUM)) {
    const skipped = `Chromium not found at ${CHROMIUM}: the browser timings are SKIPPED`;
    log(skipped);
    return { skipped };
  }
  const { chromium } = await import('playwright-core');
  log(`web: opening a case with ${REFERENCE_SUBJECTS} subjects through the API`);
  const reference = await openReferenceSizeCase(base, accounts.investigator.token);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 900 } });
    await signIn(context, base, accounts.reviewer.username, accounts.reviewer.password);
    log(`web: "My cases" in Chromium, ${RUNS} runs`);
    const myCases = await timePage(context, base, MY_CASES_PATH, myCasesShown);
    log(`web: the ${REFERENCE_SUBJECTS}-subject case page in Chromium, ${RUNS} runs`);
    const casePage = await timePage(context, base, `/cases/${encodeURIComponent(reference.reference)}?tab=subjects`, subjectsShown);
    return { myCases, casePage: { ...casePage, reference: reference.reference, subjects: REFERENCE_SUBJECTS } };
  } finally {
    await browser.close();
  }
}

const MY_CASES_PATH = '/cases';

/** "My cases" (a reviewer's "All cases") has drawn its first page: the table holds case links. */
async function myCasesShown(page: Page): Promise<void> {
  await page.getByRole('table', { name: /^(My|All) cases$/ }).getByRole('link').first().waitFor({ timeout: 30_000 });
}

/** The case page's subjects tab shows every subject (a section named by the officer each). */
async function subjectsShown(page: Page): Promise<void> {
  await page.getByRole('region', { name: /^Officer Benchmark\d+$/ }).nth(REFERENCE_SUBJECTS - 1).waitFor({ timeout: 30_000 });
}
