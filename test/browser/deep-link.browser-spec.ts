import { scan, screenshot } from './support/browser.js';
import { openSuite, type Suite } from './support/suite.js';

let suite: Suite;
beforeAll(async () => { suite = await openSuite(); });
afterAll(() => suite?.close());

test('a deep link without a session leads to the sign-in page, which passes the accessibility scan', async () => {
  const { page } = await suite.newPage();
  await page.goto('/cases/INV-2018-000001');
  await page.waitForURL(/\/sign-in\?/);
  expect(new URL(page.url()).searchParams.get('next')).toBe('/cases/INV-2018-000001');
  await page.getByRole('heading', { level: 1, name: 'Sign in to Probity' }).waitFor();
  expect(await page.title()).toBe('Sign in – Probity');
  expect(await page.locator('html').getAttribute('lang')).toMatch(/^en/);
  expect(await page.getByLabel('Username', { exact: true }).isEditable()).toBe(true);
  await scan(page);
  await screenshot(page, 'sign-in');
});
