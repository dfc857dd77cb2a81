import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from './built-server.js';

/** Debian's Chromium: Playwright's own browser download cannot work on these machines. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test/browser/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A fresh context (its own cookies: one user) with the app's locale and time zone. */
export async function newContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  // Long enough for a loaded 2-core machine, short enough that a missing element fails its test soon.
  context.setDefaultTimeout(15_000);
  return context;
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const pendingViolations: string[] = [];

// A page's violations fail its test at the end (afterEach), so that the rest of the flow still
// runs and reports; every violation found on the way is listed.
afterEach(() => {
  const found = pendingViolations.splice(0);
  if (found.length) throw new Error(found.join('\n\n'));
});

/** Every page visited gets one: axe's WCAG 2.2 AA rules; any serious or critical violation fails the test. */
export async function scan(page: Page): Promise<void> {
  try {
    await scanNow(page);
  } catch (error) {
    pendingViolations.push((error as Error).message);
  }
}

async function scanNow(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (!bad.length) return;
  const lines = bad.map((v) => [
    `- ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`,
    ...v.nodes.slice(0, 5).map((n) => `    element ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
    ...(v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : []),
  ].join('\n'));
  throw new Error(`axe found ${bad.length} serious or critical violation(s) on ${page.url()} ("${await page.title()}"):\n${lines.join('\n')}`);
}

/** A full-page screenshot in test/browser/screenshots/ (git-ignored), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page (a cookie session) and waits until the app has left it. */
export async function signIn(page: Page, user: { username: string; password: string }, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Username', { exact: true }).fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The text of the elements a field's aria-describedby names (its hint and error, as a screen reader reads them). */
export async function description(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText().catch(() => '')));
  return texts.join(' ');
}

/** Retries an assertion until it passes (the page updates after the data arrives), failing with its last error. */
export async function eventually(assertion: () => Promise<void> | void, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
