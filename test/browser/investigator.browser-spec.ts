import type { Locator, Page } from 'playwright-core';
import { createUser, investigationInput, transition, type SeededUser } from './support/api.js';
import { eventually, scan, screenshot, signIn } from './support/browser.js';
import { openSuite, type Suite } from './support/suite.js';

let suite: Suite;
let investigator: SeededUser;
let colleague: SeededUser;
beforeAll(async () => {
  suite = await openSuite();
  [investigator, colleague] = await Promise.all([
    createUser(suite.admin, ['investigator'], 'investigator'),
    createUser(suite.admin, ['investigator'], 'colleague'),
  ]);
});
afterAll(() => suite?.close());

/** The rows of a table, less its header row. */
const bodyRows = (table: Locator) => table.getByRole('row').filter({ has: table.page().getByRole('cell') });

async function search(page: Page, fields: { Search?: string; Status?: string; Station?: string; 'Opened from'?: string; 'Opened to'?: string }) {
  await page.getByRole('button', { name: 'Clear filters' }).click();
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByLabel(label, { exact: true });
    if (label === 'Status') await field.selectOption({ label: value });
    else await field.fill(value);
  }
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

test('an investigator finds their own cases in My cases: search, filters, sorting and paging', async () => {
  // 23 cases led by the investigator (two at Brixton, three under way, one about a quokka), one of a colleague's.
  for (let day = 1; day <= 23; day += 1) {
    const opened = await investigator.api.post('/api/investigations', investigationInput({
      title: day === 7 ? 'Quokka photographed in the custody suite' : `Case opened on day ${day}`,
      station: day <= 2 ? 'Brixton' : 'Charing Cross',
      openedOn: `2024-01-${String(day).padStart(2, '0')}`,
    }));
    if (day >= 21) await transition(investigator.api, opened.id, 'investigating');
  }
  await colleague.api.post('/api/investigations', investigationInput({ title: 'A colleague’s case, not shared' }));

  const { page } = await suite.newPage();
  await signIn(page, investigator);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My cases' }).click();
  await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  expect(await page.title()).toBe('My cases – Probity');
  const table = page.getByRole('table', { name: 'My cases' });
  await page.getByText('1–20 of 23 cases · page 1 of 2').waitFor();
  await eventually(async () => expect(await bodyRows(table).count()).toBe(20));
  // Newest first by default.
  await eventually(async () => expect(await bodyRows(table).first().getByRole('cell').nth(1).innerText()).toBe('Case opened on day 23'));
  await scan(page);
  await screenshot(page, 'my-cases');

  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByText('21–23 of 23 cases · page 2 of 2').waitFor();
  await eventually(async () => expect(await bodyRows(table).count()).toBe(3));
  await eventually(async () => expect(await bodyRows(table).last().getByRole('cell').nth(1).innerText()).toBe('Case opened on day 1'));

  await search(page, { Search: 'quokka' });
  await page.getByText('1–1 of 1 case').or(page.getByText(/^1–1 of 1 cases?/)).first().waitFor();
  await eventually(async () => expect(await bodyRows(table).getByRole('cell').nth(1).innerText()).toBe('Quokka photographed in the custody suite'));

  await search(page, { Search: 'colleague' });
  await page.getByText('No cases match these filters.').waitFor();

  await search(page, { Status: 'Investigating' });
  await page.getByText(/^1–3 of 3 cases/).waitFor();
  for (const row of await bodyRows(table).all()) expect(await row.getByRole('cell').nth(2).innerText()).toMatch(/investigating/i);

  await search(page, { Station: 'Brixton' });
  await page.getByText(/^1–2 of 2 cases/).waitFor();

  await search(page, { 'Opened from': '2024-01-05', 'Opened to': '2024-01-09' });
  await page.getByText(/^1–5 of 5 cases/).waitFor();
  expect(new URL(page.url()).searchParams.get('openedFrom')).toBe('2024-01-05');

  // Sorting by title, ascending then descending, on the server (all 23, not just this page).
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByText('1–20 of 23 cases · page 1 of 2').waitFor();
  await table.getByRole('button', { name: /^Title/ }).click();
  await table.getByRole('button', { name: /^Title.*sorted ascending/ }).waitFor();
  await eventually(async () => expect(await table.getByRole('columnheader', { name: /^Title/ }).getAttribute('aria-sort')).toBe('ascending'));
  await eventually(async () => expect(await bodyRows(table).first().getByRole('cell').nth(1).innerText()).toBe('Case opened on day 1'));
  await table.getByRole('button', { name: /^Title/ }).click();
  await table.getByRole('button', { name: /^Title.*sorted descending/ }).waitFor();
  expect(new URL(page.url()).searchParams.get('sort')).toBe('-title');
  await eventually(async () => expect(await table.getByRole('columnheader', { name: /^Title/ }).getAttribute('aria-sort')).toBe('descending'));
  await eventually(async () => expect(await bodyRows(table).first().getByRole('cell').nth(1).innerText()).toBe('Quokka photographed in the custody suite'));
  await scan(page);
});
