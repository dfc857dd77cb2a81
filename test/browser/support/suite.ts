import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from './api.js';
import { startBuiltServer, type BuiltServer } from './built-server.js';
import { launchBrowser, newContext } from './browser.js';

// Starting the server and Chromium on a shared 2-core machine takes a while: every browser
// test (and its file's beforeAll) gets 90 s (import.meta.jest is Jest's ESM handle).
(import.meta as unknown as { jest?: { setTimeout(ms: number): void } }).jest?.setTimeout(90_000);

/** One server and one browser per test file; a context (cookie jar) per user. */
export interface Suite {
  server: BuiltServer;
  browser: Browser;
  /** The first admin's API access (bearer token), for seeding and checking. */
  admin: Api;
  /** A new context and page on the app. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function openSuite(env: Record<string, string> = {}): Promise<Suite> {
  const [server, browser] = await Promise.all([startBuiltServer(env), launchBrowser()]);
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    admin: await Api.admin(server.base),
    async newPage() {
      const context = await newContext(browser, server.base);
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}
