import { openSuite, type Suite } from './support/suite.js';

let suite: Suite;
beforeAll(async () => { suite = await openSuite(); });
afterAll(() => suite?.close());

test('the built server answers its health check in Chromium', async () => {
  const { page } = await suite.newPage();
  const response = await page.goto('/api/health');
  expect(response?.status()).toBe(200);
  expect(JSON.parse(await page.locator('body').innerText())).toMatchObject({ status: 'ok' });
});
