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
  await page.getByText('1–1 of 1 case · page 1 of 1').waitFor();
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

/** The case page's tab (Overview, Team, Subjects and allegations, …), opened by its name. */
async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Parts of the case' }).getByRole('tab', { name }).click();
  const panel = page.getByRole('tabpanel', { name });
  await panel.waitFor();
  return panel;
}

test('an investigator records a complaint (the complainant marked sensitive) and opens an investigation from it', async () => {
    const { page } = await suite.newPage();
    await signIn(page, investigator);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New complaint' }).click();
    await page.getByRole('heading', { level: 1, name: 'New complaint' }).waitFor();
    const form = page.getByRole('form', { name: 'New complaint' });
    await form.getByLabel('How it came in', { exact: true }).selectOption({ label: 'Complaint from the public' });
    await form.getByLabel('Received on', { exact: true }).fill('2024-03-01');
    await form.getByLabel('What the complaint is about', { exact: true }).fill('Offensive messages shared in a group chat.');
    const complainant = form.getByRole('group', { name: /Complainant \(sensitive personal data\)/ });
    await complainant.getByText('Sensitive personal data', { exact: true }).waitFor();
    await complainant.getByLabel("Complainant's name", { exact: true }).fill('Jordan Complainant');
    await complainant.getByLabel("Complainant's contact details", { exact: true }).fill('jordan@example.test');
    await scan(page);
    await screenshot(page, 'new-complaint');
    await form.getByRole('button', { name: 'Record complaint' }).click();

    await page.getByRole('heading', { level: 1, name: /^Complaint CMP-/ }).or(page.getByRole('heading', { level: 1, name: /^Complaint / })).first().waitFor();
    const opening = page.getByRole('form', { name: 'Open an investigation' });
    await opening.getByLabel('Title', { exact: true }).fill('Group chat messages at Charing Cross');
    await opening.getByLabel('Station', { exact: true }).fill('Charing Cross');
    await scan(page);
    await opening.getByRole('button', { name: 'Open investigation' }).click();

    await page.waitForURL(/\/cases\/INV-/);
    const reference = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
    const [row] = (await investigator.api.get<{ items: Array<{ id: string; reference: string; title: string; leadInvestigatorId: string }> }>(`/api/investigations?q=${reference}`)).items;
    expect(row).toMatchObject({ reference, title: 'Group chat messages at Charing Cross' });
    const complaints = await investigator.api.get<{ items: Array<{ investigationId: string | null }> }>(`/api/complaints?limit=100`);
    expect(complaints.items.find((c) => c.investigationId === row.id)).toMatchObject({ complainantName: 'Jordan Complainant', complainantContact: 'jordan@example.test' });
});

describe('the investigator works a case', () => {
  let page: Page;
  let investigationId: string;
  beforeAll(async () => {
    const opened = await investigator.api.post('/api/investigations', investigationInput({ title: 'Group chat messages at Charing Cross' }));
    investigationId = opened.id;
    ({ page } = await suite.newPage());
    await signIn(page, investigator, `/cases/${opened.reference}`);
    await page.getByRole('heading', { level: 1, name: opened.reference }).waitFor();
  });

  test('a lifecycle move asks for a reason and goes into the history', async () => {
    await openTab(page, 'Overview');
    await page.getByRole('group', { name: 'Lifecycle moves' }).getByRole('button', { name: 'Start investigating' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start investigating' });
    await dialog.getByRole('button', { name: 'Confirm: start investigating' }).click();
    await dialog.getByText('Give a reason of at least 3 characters').waitFor();
    await scan(page);
    await dialog.getByLabel('Reason', { exact: true }).fill('Complaint assessed: misconduct alleged');
    await dialog.getByRole('button', { name: 'Confirm: start investigating' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('region', { name: 'Status' }).getByText('Investigating', { exact: true }).waitFor();
    expect((await investigator.api.get(`/api/investigations/${investigationId}`)).status).toBe('investigating');
    await scan(page);
    await screenshot(page, 'case-overview');

    const history = await openTab(page, 'History');
    const table = history.getByRole('table', { name: 'Case history, newest first' });
    await table.getByRole('row').filter({ hasText: 'Complaint assessed: misconduct alleged' }).waitFor();
    await eventually(async () => expect(await table.getByRole('row').nth(1).innerText()).toMatch(new RegExp(`${investigator.username}[\\s\\S]*investigating`, 'i')));
    await scan(page);
    await screenshot(page, 'case-history');
  });

  test('the lead adds a colleague to the team', async () => {
    const team = await openTab(page, 'Team');
    const form = team.getByRole('form', { name: 'Add a team member' });
    await form.getByLabel('User id', { exact: true }).fill(colleague.id);
    await form.getByRole('button', { name: 'Add to team' }).click();
    await team.getByRole('table', { name: 'Team members' }).getByRole('row').filter({ hasText: colleague.username }).waitFor();
    await scan(page);
    const members = await investigator.api.get<{ team: Array<{ userId: string }> } & Record<string, unknown>>(`/api/investigations/${investigationId}`);
    expect(JSON.stringify(members)).toContain(colleague.id);
  });

  test('subjects: an existing officer found by service number, and a new officer created; an allegation against one', async () => {
    const existing = await investigator.api.post('/api/officers', { force: 'Metropolitan Police Service', serviceNumber: 'PC-4242', givenName: 'Robin', familyName: 'Existing', rank: 'PC', employmentStatus: 'serving' });
    const subjects = await openTab(page, 'Subjects and allegations');
    const adding = subjects.getByRole('region', { name: 'Add a subject' });
    await adding.getByLabel('Find an officer', { exact: true }).fill('PC-4242');
    await adding.getByRole('button', { name: 'Find officer' }).click();
    await adding.getByRole('button', { name: 'Add Robin Existing as a subject' }).click();
    await subjects.getByRole('region', { name: 'Robin Existing' }).waitFor();

    await adding.getByRole('button', { name: 'Create a new officer' }).click();
    const officer = adding.getByRole('form', { name: 'New officer' });
    await officer.getByLabel('Given name', { exact: true }).fill('Sam');
    await officer.getByLabel('Family name', { exact: true }).fill('Created');
    await officer.getByLabel('Service number', { exact: true }).fill('PC-5151');
    await officer.getByLabel('Force', { exact: true }).fill('Metropolitan Police Service');
    await scan(page);
    await officer.getByRole('button', { name: 'Create officer and add as subject' }).click();
    const sam = subjects.getByRole('region', { name: 'Sam Created' });
    await sam.waitFor();

    await sam.getByRole('button', { name: 'Add an allegation against Sam Created' }).click();
    const allegation = sam.getByRole('form', { name: 'New allegation against Sam Created' });
    await allegation.getByLabel('Category', { exact: true }).selectOption({ label: 'Improper use of social media or messaging' });
    await allegation.getByLabel('Standard of professional behaviour', { exact: true }).selectOption({ label: 'Discreditable conduct' });
    await allegation.getByLabel('Severity', { exact: true }).selectOption({ label: 'Gross misconduct' });
    await allegation.getByLabel('Detail', { exact: true }).fill('Shared offensive images in the group chat.');
    await allegation.getByRole('button', { name: 'Add allegation' }).click();
    await sam.getByRole('table', { name: 'Allegations against Sam Created' }).getByRole('row').filter({ hasText: 'Gross misconduct' }).waitFor();
    await scan(page);
    await screenshot(page, 'case-subjects');

    const listed = await investigator.api.get<Array<{ id: string; officerId: string }> | { items: Array<{ id: string; officerId: string }> }>(`/api/investigations/${investigationId}/subjects`);
    const rows = Array.isArray(listed) ? listed : listed.items;
    expect(rows.map((s) => s.officerId)).toContain(existing.id);
    expect(rows).toHaveLength(2);
    const allegations = await investigator.api.get<{ items: Array<{ category: string; standard: string; severity: string; detail: string }> }>(`/api/allegations?investigationId=${investigationId}`);
    expect(allegations.items).toEqual([expect.objectContaining({
      category: 'improper_use_of_social_media_or_messaging', standard: 'discreditable_conduct', severity: 'gross_misconduct', detail: 'Shared offensive images in the group chat.',
    })]);
  });

  test('an evidence note and a recommendation are recorded on the case', async () => {
    const evidence = await openTab(page, 'Evidence notes');
    const note = evidence.getByRole('form', { name: 'Add an evidence note' });
    await note.getByLabel('Note', { exact: true }).fill('Screenshots of the chat obtained from the complainant.');
    await note.getByRole('button', { name: 'Add note' }).click();
    await evidence.getByRole('table', { name: 'Evidence notes, oldest first' }).getByRole('row').filter({ hasText: 'Screenshots of the chat' }).waitFor();
    await scan(page);

    const recommendations = await openTab(page, 'Recommendations');
    await recommendations.getByRole('button', { name: 'Add a recommendation' }).click();
    const form = recommendations.getByRole('form', { name: 'New recommendation' });
    await form.getByLabel('Recommendation', { exact: true }).fill('Train supervisors to challenge offensive messages.');
    await form.getByLabel('Recipient', { exact: true }).fill('Metropolitan Police Service');
    await form.getByLabel('Issued on', { exact: true }).fill('2024-04-01');
    await form.getByRole('button', { name: 'Add recommendation' }).click();
    await recommendations.getByRole('table', { name: 'Recommendations of this case' }).getByRole('row').filter({ hasText: 'Train supervisors' }).waitFor();
    await scan(page);
    await screenshot(page, 'case-recommendations');

    const notes = await investigator.api.get<unknown>(`/api/investigations/${investigationId}/evidence-notes`);
    expect(JSON.stringify(notes)).toContain('Screenshots of the chat obtained from the complainant.');
    const recs = await investigator.api.get<unknown>(`/api/investigations/${investigationId}/recommendations`);
    expect(JSON.stringify(recs)).toContain('Train supervisors to challenge offensive messages.');
  });
});

test('two people edit the same case at once: the second sees what changed, nothing is overwritten, and can reapply', async () => {
  const opened = await investigator.api.post('/api/investigations', investigationInput({ title: 'Original title' }));
  const first = (await suite.newPage()).page;
  const second = (await suite.newPage()).page;
  for (const page of [first, second]) {
    await signIn(page, investigator, `/cases/${opened.reference}`);
    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByRole('form', { name: 'Edit details' }).getByLabel('Title', { exact: true }).waitFor();
  }
  const firstForm = first.getByRole('form', { name: 'Edit details' });
  await firstForm.getByLabel('Title', { exact: true }).fill('Title saved first');
  await firstForm.getByRole('button', { name: 'Save details' }).click();
  await firstForm.waitFor({ state: 'hidden' });
  await eventually(async () => expect((await investigator.api.get(`/api/investigations/${opened.id}`)).title).toBe('Title saved first'));

  const secondForm = second.getByRole('form', { name: 'Edit details' });
  await secondForm.getByLabel('Title', { exact: true }).fill('Title saved second');
  await secondForm.getByRole('button', { name: 'Save details' }).click();
  const dialog = second.getByRole('dialog', { name: 'Someone else changed this record' });
  await dialog.waitFor();
  const changes = dialog.getByRole('table', { name: 'What changed since you opened the record' });
  const titleRow = changes.getByRole('row', { name: /^Title/ });
  await titleRow.waitFor();
  expect(await titleRow.innerText()).toMatch(/Original title[\s\S]*Title saved first/);
  await scan(second);
  await screenshot(second, 'conflict-dialog');
  // Nothing was overwritten: the first save stands, and the second is not in the history.
  const now = await investigator.api.get(`/api/investigations/${opened.id}`);
  expect(now.title).toBe('Title saved first');
  expect(JSON.stringify(await investigator.api.get<unknown>(`/api/investigations/${opened.id}/history`))).not.toContain('Title saved second');

  await dialog.getByRole('button', { name: 'Reload and reapply' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await eventually(async () => expect((await investigator.api.get(`/api/investigations/${opened.id}`))).toMatchObject({ title: 'Title saved second', version: now.version + 1 }));
});
