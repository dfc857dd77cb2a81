import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { Page } from 'playwright-core';
import { Api, createUser, investigationInput, type SeededUser } from './support/api.js';
import { description, scan, screenshot, signIn } from './support/browser.js';
import { count } from './support/database.js';
import { openSuite, type Suite } from './support/suite.js';

let suite: Suite;
let investigator: SeededUser;
beforeAll(async () => {
  suite = await openSuite();
  investigator = await createUser(suite.admin, ['investigator']);
});
afterAll(() => suite?.close());

const SIGN_IN_FAILED = 'Sign-in failed: wrong username or password, or the account is locked.';

async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The session cookie the browser holds now (its value, sent by hand to the API). */
async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => /probity_session$/.test(c.name));
  if (!cookie) throw new Error('the browser holds no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

test('a wrong password is refused with a clear message, and nothing is signed in', async () => {
  const { page } = await suite.newPage();
  await page.goto('/sign-in');
  await fillSignIn(page, investigator.username, 'not-the-password');
  await page.getByRole('alert').filter({ hasText: SIGN_IN_FAILED }).waitFor();
  expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  expect(await page.getByLabel('Password', { exact: true }).isVisible()).toBe(true);
  await scan(page);
  await screenshot(page, 'sign-in-failed');
});

test('a locked account gets the same clear message, even with the right password', async () => {
  const locked = await createUser(suite.admin, ['investigator'], 'locked');
  for (let i = 0; i < 5; i += 1) await new Api(suite.server.base).request('POST', '/api/auth/login', { username: locked.username, password: 'wrong-password-guess' });
  const { page } = await suite.newPage();
  await page.goto('/sign-in');
  await fillSignIn(page, locked.username, locked.password);
  await page.getByRole('alert').filter({ hasText: SIGN_IN_FAILED }).waitFor();
  expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  const [row] = (await suite.admin.get<{ items: Array<{ username: string; lockedUntil: string | null }> }>('/api/users?limit=100'))
    .items.filter((u) => u.username === locked.username);
  expect(row.lockedUntil).not.toBeNull();
});

test('a user signs in, sees who they are, signs out, and the old session cookie then gets 401 from the API', async () => {
  const { page } = await suite.newPage();
  await signIn(page, investigator);
  await page.getByText(`Signed in as ${investigator.displayName}`).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My cases' }).waitFor();
  const cookie = await sessionCookie(page);
  const before = await fetch(`${suite.server.base}/api/auth/me`, { headers: { cookie } });
  expect(before.status).toBe(200);
  // Nothing readable by scripts holds a credential: the cookie is HttpOnly and storage is empty.
  expect((await page.context().cookies()).every((c) => c.httpOnly)).toBe(true);
  expect(await page.evaluate('[document.cookie, localStorage.length, sessionStorage.length]')).toEqual(['', 0, 0]);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in to Probity' }).waitFor();
  const after = await fetch(`${suite.server.base}/api/auth/me`, { headers: { cookie } });
  expect(after.status).toBe(401);
});

test('a user changes their password: every session ends, and only the new password signs in', async () => {
  const user = await createUser(suite.admin, ['analyst'], 'changer');
  const { page } = await suite.newPage();
  await signIn(page, user);
  const cookie = await sessionCookie(page);
  await page.getByRole('link', { name: 'Change password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
  expect(await page.title()).toBe('Change password – Probity');
  await scan(page);
  await screenshot(page, 'change-password');

  await page.getByLabel('Current password', { exact: true }).fill('not-my-password-at-all');
  await page.getByLabel('New password', { exact: true }).fill('a-brand-new-long-password');
  await page.getByLabel('Confirm new password', { exact: true }).fill('a-brand-new-long-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('The current password is not right').waitFor();
  expect(await description(page.getByLabel('Current password', { exact: true }))).toContain('The current password is not right');

  await page.getByLabel('Current password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.waitForURL(/\/sign-in\?.*changed=1/);
  await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
  expect((await fetch(`${suite.server.base}/api/auth/me`, { headers: { cookie } })).status).toBe(401);

  await fillSignIn(page, user.username, user.password);
  await page.getByRole('alert').filter({ hasText: SIGN_IN_FAILED }).waitFor();
  await fillSignIn(page, user.username, 'a-brand-new-long-password');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
});

test('a lost session returns to sign-in, then back to the same page', async () => {
  const { page } = await suite.newPage();
  await signIn(page, investigator, '/cases?q=nothing-matches-this');
  await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  // The session ends on the server (as after sign-out elsewhere or an admin reset) while the
  // browser still holds the cookie.
  const cookie = await sessionCookie(page);
  const { csrfToken } = await (await fetch(`${suite.server.base}/api/auth/session`, { headers: { cookie } })).json() as { csrfToken: string };
  const ended = await fetch(`${suite.server.base}/api/auth/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });
  expect(ended.status).toBe(204);

  await page.getByLabel('Search', { exact: true }).fill('still nothing');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL(/\/sign-in\?/);
  await page.getByRole('status').filter({ hasText: 'Your session ended' }).waitFor();
  await scan(page);
  await fillSignIn(page, investigator.username, investigator.password);
  await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/cases');
  expect(new URL(page.url()).searchParams.get('q')).toBe('still nothing');
});

describe('a forged cross-site request', () => {
  let evil: Server;
  let evilBase: string;
  let target: string;
  beforeAll(async () => {
    target = `${suite.server.base}/api/investigations`;
    // Another origin on the same host (another port): same-site, so the SameSite=Strict
    // cookie IS sent with its requests to the app; only the CSRF check stands in the way.
    evil = createServer((req, res) => {
      const page = (script: string) => `<!doctype html><html lang="en"><title>Win a prize</title><body>${script}</body></html>`;
      const form = (enctype: string) => page(`<form id="f" method="POST" action="${target}" enctype="${enctype}">
          <input type="hidden" name="title" value="Forged by another site"><input type="hidden" name="mode" value="independent">
          <input type="hidden" name="origin" value="conduct_matter"></form><script>document.getElementById('f').submit()</script>`);
      const body = {
        '/multipart': form('multipart/form-data'),
        '/urlencoded': form('application/x-www-form-urlencoded'),
        '/fetch': page(`<script>const b = new FormData(); b.append('title', 'Forged by another site');
          fetch(${JSON.stringify(target)}, { method: 'POST', credentials: 'include', body: b }).catch(() => { document.title = 'sent'; });</script>`),
      }[req.url ?? ''] ?? page('');
      res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    }).listen(0, '127.0.0.1');
    await once(evil, 'listening');
    evilBase = `http://127.0.0.1:${(evil.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((done) => evil?.close(done)));

  async function signedInAndCounted(): Promise<{ page: Page; unchanged: () => void }> {
    const { page } = await suite.newPage();
    await signIn(page, investigator);
    const before = [count(suite.server.databaseFile, 'investigations'), count(suite.server.databaseFile, 'audit_events')];
    return {
      page,
      unchanged: () => expect([count(suite.server.databaseFile, 'investigations'), count(suite.server.databaseFile, 'audit_events')]).toEqual(before),
    };
  }

  const forgedPost = (page: Page) => page.waitForResponse((res) => res.url() === target && res.request().method() === 'POST');

  test('an auto-submitting form on another site, carrying the session cookie, is refused with 403 and writes nothing', async () => {
    const { page, unchanged } = await signedInAndCounted();
    const answer = forgedPost(page);
    await page.goto(`${evilBase}/multipart`);
    const response = await answer;
    // The cookie went with it (same-site): the refusal is the CSRF check's, not a missing session.
    expect(await response.request().headerValue('cookie')).toMatch(/probity_session=/);
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ statusCode: 403, message: 'cross-site request refused: missing or wrong CSRF token' });
    unchanged();
  });

  test('a url-encoded forged form is refused before it is read (the API takes JSON only) and writes nothing', async () => {
    const { page, unchanged } = await signedInAndCounted();
    const answer = forgedPost(page);
    await page.goto(`${evilBase}/urlencoded`);
    const response = await answer;
    expect(await response.request().headerValue('cookie')).toMatch(/probity_session=/);
    expect([403, 415]).toContain(response.status());
    unchanged();
  });

  test('a credentialed fetch from another site gets no readable answer and writes nothing', async () => {
    const { page, unchanged } = await signedInAndCounted();
    const sent = page.waitForEvent('requestfailed', (req) => req.url() === target);
    await page.goto(`${evilBase}/fetch`);
    await sent;
    await page.waitForFunction('document.title === "sent"');
    unchanged();
  });
});
