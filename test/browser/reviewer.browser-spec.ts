import type { Locator, Page } from 'playwright-core';
import { caseAwaitingDecision, createUser, transition, type Body, type SeededUser } from './support/api.js';
import { description, eventually, scan, screenshot, signIn } from './support/browser.js';
import { count } from './support/database.js';
import { openSuite, type Suite } from './support/suite.js';

let suite: Suite;
let investigator: SeededUser;
let reviewer: SeededUser;
beforeAll(async () => {
  suite = await openSuite();
  [investigator, reviewer] = await Promise.all([
    createUser(suite.admin, ['investigator'], 'investigator'),
    createUser(suite.admin, ['reviewer'], 'reviewer'),
  ]);
});
afterAll(() => suite?.close());

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Parts of the case' }).getByRole('tab', { name }).click();
  const panel = page.getByRole('tabpanel', { name });
  await panel.waitFor();
  return panel;
}

describe('a reviewer decides a case', () => {
  let page: Page;
  let seeded: { investigation: Body; officer: Body; subject: Body; allegations: Body[] };
  const officer = 'Casey Barred';
  beforeAll(async () => {
    seeded = await caseAwaitingDecision(investigator.api, reviewer.api, { officer: { givenName: 'Casey', familyName: 'Barred' } });
    ({ page } = await suite.newPage());
    await signIn(page, reviewer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'All cases' }).waitFor();
    await page.getByRole('table', { name: 'All cases' }).getByRole('link', { name: seeded.investigation.reference }).click();
    await page.getByRole('heading', { level: 1, name: seeded.investigation.reference }).waitFor();
  });

  test('a reviewer records a finding on an allegation', async () => {
    const subjects = await openTab(page, 'Subjects and allegations');
    const subject = subjects.getByRole('region', { name: officer });
    await subject.getByRole('button', { name: `Record finding: Improper use of social media or messaging, against ${officer}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Finding: Improper use of social media or messaging' });
    await dialog.getByLabel('Case to answer', { exact: true }).selectOption({ label: 'Case to answer' });
    await dialog.getByLabel('Finding', { exact: true }).selectOption({ label: 'Proven' });
    await scan(page);
    await dialog.getByRole('button', { name: 'Save finding' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await subject.getByRole('table', { name: `Allegations against ${officer}` }).getByRole('cell', { name: 'Proven', exact: true }).waitFor();
    expect(await reviewer.api.get(`/api/allegations/${seeded.allegations[0].id}`)).toMatchObject({ caseToAnswer: 'yes', finding: 'proven' });
  });

  test('an outcome that breaks a conduct rule is refused (422) with the rule shown next to the fields it concerns, and nothing is written', async () => {
    const subject = page.getByRole('region', { name: officer });
    await subject.getByRole('button', { name: `Record outcome for ${officer}` }).click();
    const dialog = page.getByRole('dialog', { name: `Record the outcome for ${officer}` });
    await dialog.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Disciplined' });
    await dialog.getByLabel('Sanction', { exact: true }).selectOption({ label: 'Reduction in rank' });
    await dialog.getByLabel('Hearing', { exact: true }).selectOption({ label: 'Misconduct meeting' });
    await dialog.getByRole('button', { name: 'Save outcome' }).click();
    const rule = 'reduction in rank can only follow a gross misconduct hearing or an accelerated hearing';
    await dialog.getByText(rule).first().waitFor();
    expect((await description(dialog.getByLabel('Sanction', { exact: true }))).toLowerCase()).toContain(rule);
    expect((await description(dialog.getByLabel('Hearing', { exact: true }))).toLowerCase()).toContain(rule);
    await scan(page);
    await screenshot(page, 'outcome-rule-422');
    expect(count(suite.server.databaseFile, 'outcomes', 'subject_id = ?', [seeded.subject.id])).toBe(0);
  });

  test('a reviewer records a dismissal, confirms it, and the officer appears on the barred list', async () => {
    const dialog = page.getByRole('dialog', { name: `Record the outcome for ${officer}` });
    await dialog.getByLabel('Outcome', { exact: true }).selectOption({ label: 'Dismissed' });
    // Only a disciplined outcome carries a sanction: the field is cleared and shut.
    expect(await dialog.getByLabel('Sanction', { exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('Hearing', { exact: true }).selectOption({ label: 'Gross misconduct hearing' });
    await dialog.getByLabel('Decided by', { exact: true }).fill('Misconduct panel (illustrative)');
    await dialog.getByRole('button', { name: 'Save outcome' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Confirm the dismissal' }).or(page.getByRole('dialog', { name: 'Confirm the dismissal' }));
    await confirm.waitFor();
    expect(count(suite.server.databaseFile, 'outcomes', 'subject_id = ?', [seeded.subject.id])).toBe(0);
    await scan(page);
    await screenshot(page, 'confirm-dismissal');
    await confirm.getByRole('button', { name: 'Yes, record the dismissal' }).click();
    await page.getByRole('region', { name: officer }).getByRole('button', { name: `Amend outcome for ${officer}` }).waitFor();

    expect(count(suite.server.databaseFile, 'outcomes', "subject_id = ? AND type = 'dismissed'", [seeded.subject.id])).toBe(1);
    await eventually(async () => {
      const barred = await reviewer.api.get<{ items: Array<{ officerId: string; familyName: string }> }>('/api/barred-list?q=Barred');
      expect(barred.items.map((e) => e.officerId)).toContain(seeded.officer.id);
    });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Barred list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Barred list' }).waitFor();
    const search = page.getByRole('search', { name: 'Search the barred list' });
    await search.getByLabel('Name, service number or force', { exact: true }).fill('Barr');
    await search.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('table', { name: 'Barred officers' }).getByRole('row').filter({ hasText: 'Casey Barred' });
    await row.waitFor();
    expect(await row.getByRole('link', { name: seeded.investigation.reference }).count()).toBe(1);
    await scan(page);
    await screenshot(page, 'barred-list');
  });
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('the review queue lists reports to review and cases awaiting decision', async () => {
  const submitted = await investigator.api.post('/api/investigations', { title: 'Report waiting for review', mode: 'independent', origin: 'conduct_matter' });
  await transition(investigator.api, submitted.id, 'investigating');
  await transition(investigator.api, submitted.id, 'report_submitted');
  const deciding = await caseAwaitingDecision(investigator.api, reviewer.api, { title: 'Case waiting for its decisions' });

  const { page } = await suite.newPage();
  await signIn(page, reviewer);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
  expect(await page.title()).toBe('Review queue – Probity');
  const reports = page.getByRole('table', { name: 'Reports submitted, to review' });
  await reports.getByRole('link', { name: submitted.reference }).waitFor();
  const decisions = page.getByRole('table', { name: 'Awaiting decision: findings and outcomes' });
  await decisions.getByRole('link', { name: deciding.investigation.reference }).waitFor();
  expect(await reports.getByRole('link', { name: deciding.investigation.reference }).count()).toBe(0);
  await scan(page);
  await screenshot(page, 'review-queue');

  await decisions.getByRole('link', { name: deciding.investigation.reference }).click();
  await page.getByRole('heading', { level: 1, name: deciding.investigation.reference }).waitFor();
  await page.getByRole('tabpanel', { name: 'Subjects and allegations' }).waitFor();
  await scan(page);
});

test('in the recommendations register a reviewer extends a deadline and records the response', async () => {
  const opened = await investigator.api.post('/api/investigations', { title: 'Case with a recommendation', mode: 'independent', origin: 'conduct_matter' });
  const rec = await investigator.api.post(`/api/investigations/${opened.id}/recommendations`, {
    text: 'Audit the custody suite cameras monthly.', recipient: 'Register Test Constabulary', issuedOn: day(-10),
  });
  const newDue = day(90);

  const { page } = await suite.newPage();
  await signIn(page, reviewer);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recommendations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Recommendations register' }).waitFor();
  const filter = page.getByRole('search', { name: 'Filter recommendations' });
  await filter.getByLabel('Recipient', { exact: true }).fill('Register Test');
  await filter.getByRole('button', { name: 'Filter' }).click();
  const table = page.getByRole('table', { name: 'Recommendations register' });
  const row = table.getByRole('row').filter({ hasText: 'Audit the custody suite cameras monthly.' });
  await row.waitFor();
  await scan(page);
  await screenshot(page, 'recommendations-register');

  // Named with the case in the register (the case tab's buttons name only the number).
  const action = (words: string) => row.getByRole('button', { name: new RegExp(`^${words} recommendation ${rec.number}( of ${opened.reference})?$`) });
  await action('Extend the deadline of').click();
  const extend = page.getByRole('dialog');
  await extend.getByLabel('New due date', { exact: true }).fill(newDue);
  await extend.getByLabel('Reason for the extension', { exact: true }).fill('The force asked for time to consult.');
  await scan(page);
  await extend.getByRole('button', { name: 'Save' }).click();
  await extend.waitFor({ state: 'hidden' });
  await eventually(async () => expect(await reviewer.api.get(`/api/recommendations/${rec.id}`)).toMatchObject({ responseDueOn: newDue }));

  await action('Record the response to').click();
  const respond = page.getByRole('dialog');
  await respond.getByLabel('Response', { exact: true }).selectOption({ label: 'Accepted' });
  await respond.getByLabel('What the recipient said', { exact: true }).fill('Cameras will be audited monthly from January.');
  await respond.getByLabel('Responded on', { exact: true }).fill(day(-1));
  await respond.getByRole('button', { name: 'Save' }).click();
  await respond.waitFor({ state: 'hidden' });
  await eventually(async () => expect(await reviewer.api.get(`/api/recommendations/${rec.id}`)).toMatchObject({
    responseStatus: 'accepted', responseText: 'Cameras will be audited monthly from January.', respondedOn: day(-1),
  }));
  await row.getByText('Cameras will be audited monthly from January.').waitFor();
  await scan(page);
});

test('the deadlines dashboard shows an overdue recommendation response', async () => {
  const opened = await investigator.api.post('/api/investigations', { title: 'Case with an overdue response', mode: 'independent', origin: 'conduct_matter' });
  await investigator.api.post(`/api/investigations/${opened.id}/recommendations`, {
    text: 'Publish the lessons learned.', recipient: 'Overdue Constabulary', issuedOn: day(-200),
  });
  const { page } = await suite.newPage();
  await signIn(page, reviewer);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deadlines' }).click();
  await page.getByRole('heading', { level: 1, name: 'Deadlines' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Recommendation responses' }).waitFor();
  const overdue = page.getByRole('table', { name: 'Recommendation responses overdue or due soon, earliest first' })
    .getByRole('row').filter({ hasText: 'Overdue Constabulary' });
  await overdue.getByText('Overdue', { exact: true }).waitFor();
  expect(await overdue.innerText()).toMatch(/\d+ days late/);
  await scan(page);
  await screenshot(page, 'deadlines');
});
