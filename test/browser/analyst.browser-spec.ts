import { Api, allegationInput, createUser, investigationInput, officerInput, type SeededUser } from './support/api.js';
import { scan, screenshot, signIn } from './support/browser.js';
import { openSuite, type Suite } from './support/suite.js';

let suite: Suite;
let analyst: SeededUser;
let reference: string;
let complaintId: string;
const COMPLAINANT = 'Jordan Confidential';
const CONTACT = 'jordan.confidential@example.test';

beforeAll(async () => {
  suite = await openSuite();
  const investigator = await createUser(suite.admin, ['investigator'], 'investigator');
  analyst = await createUser(suite.admin, ['analyst'], 'analyst');
  const api: Api = investigator.api;
  const opened = await api.post('/api/investigations', investigationInput({ title: 'A case the analyst reads' }));
  reference = opened.reference;
  const complaint = await api.post('/api/complaints', {
    receivedOn: '2024-03-01', channel: 'public_complaint', summary: 'Illustrative complaint.',
    complainant: { anonymous: false, name: COMPLAINANT, contact: CONTACT }, investigationId: opened.id,
  });
  complaintId = complaint.id;
  const officer = await api.post('/api/officers', officerInput({ givenName: 'Drew', familyName: 'Subject' }));
  const subject = await api.post(`/api/investigations/${opened.id}/subjects`, { officerId: officer.id });
  await api.post(`/api/subjects/${subject.id}/allegations`, allegationInput());
  await api.post(`/api/investigations/${opened.id}/evidence-notes`, { text: 'Statement taken from the complainant.', notedOn: '2024-03-02' });
  await api.post(`/api/investigations/${opened.id}/recommendations`, { text: 'Review the chat policy.', recipient: 'Metropolitan Police Service', issuedOn: '2024-04-01' });
});
afterAll(() => suite?.close());

/** Buttons that would change a record: none may be shown to an analyst. */
const EDIT_CONTROLS = /^(Add|Edit|Record|Amend|Create|Save|Start|Submit|Move|Close|Suspend|Resume|Reopen|Send back|Remove|Respond|Extend)/i;

test('an analyst reads a case page: every part shown, with no edit controls and no complainant data', async () => {
  const { page } = await suite.newPage();
  await signIn(page, analyst, `/cases/${reference}`);
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  expect(await page.getByText(/Signed in as/).innerText()).toContain(analyst.displayName);
  const tabs = ['Overview', 'Team', 'Subjects and allegations', 'Evidence notes', 'Recommendations', 'History'];
  const shows: Record<string, string> = {
    'Subjects and allegations': 'Drew Subject', 'Evidence notes': 'Statement taken from the complainant.', Recommendations: 'Review the chat policy.',
  };
  for (const name of tabs) {
    await page.getByRole('tablist', { name: 'Parts of the case' }).getByRole('tab', { name }).click();
    const panel = page.getByRole('tabpanel', { name });
    await panel.waitFor();
    if (shows[name]) await panel.getByText(shows[name]).first().waitFor();
    else await page.waitForLoadState('networkidle');
    const editing = page.getByRole('main').getByRole('button', { name: EDIT_CONTROLS });
    expect(await editing.allInnerTexts()).toEqual([]);
    expect(await page.getByRole('main').getByRole('textbox').count()).toBe(0);
    const text = await page.getByRole('main').innerText();
    expect(text).not.toContain(COMPLAINANT);
    expect(text).not.toContain(CONTACT);
    await scan(page);
    if (name === 'Overview' || name === 'Subjects and allegations') await screenshot(page, `analyst-case-${name === 'Overview' ? 'overview' : 'subjects'}`);
  }
  // The API agrees: the complaint reaches an analyst without its personal data.
  const complaint = await analyst.api.get<Record<string, unknown>>(`/api/complaints/${complaintId}`);
  expect(JSON.stringify(complaint)).not.toContain(COMPLAINANT);
  expect(complaint).not.toHaveProperty('complainantName');
});
