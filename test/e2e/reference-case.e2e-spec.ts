import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { loadReferenceCase, readReferenceCase, type ReferenceCaseActors } from '../../src/demo/reference-case.js';
import { Role } from '../../src/common/auth/role.js';
import { type RecordBody } from '../support/factories.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

/** The article's figures, written out here rather than read from the seed file, so the test can fail. */
const ARTICLE_SENTENCE = 'Of 14 officers investigated, 2 were dismissed for gross misconduct and barred, 2 resigned and 2 were disciplined; 15 recommendations were made.';
const ARTICLE_FIGURES = {
  officersInvestigated: 14,
  outcomes: {
    dismissed: 2, would_have_been_dismissed: 0, resigned: 2, retired: 0, disciplined: 2, learning: 0, no_further_action: 0, pending: 8,
  },
  dismissedForGrossMisconduct: 2,
  barred: 2,
  recommendations: { total: 15, byResponseStatus: { pending: 15, accepted: 0, partially_accepted: 0, not_accepted: 0 }, overdue: 15 },
  sentence: ARTICLE_SENTENCE,
};

describe('the reference case (Operation Hotton)', () => {
  let t: TestApp;
  let actors: ReferenceCaseActors;
  let tokens: { investigator: string; reviewer: string; analyst: string };
  let investigationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const investigator = await t.newUser([Role.Investigator]);
    const reviewer = await t.newUser([Role.Reviewer]);
    actors = {
      investigator: { id: investigator.id, username: investigator.username, roles: [Role.Investigator] },
      reviewer: { id: reviewer.id, username: reviewer.username, roles: [Role.Reviewer] },
    };
    tokens = { investigator: investigator.token, reviewer: reviewer.token, analyst: await t.tokenFor(Role.Analyst) };
    const result = await loadReferenceCase(t.app, actors);
    expect(result.seeded).toBe(true);
    investigationId = result.investigationId;
  });
  afterAll(async () => { await t.close(); });

  it('reads back exactly the article\'s figures and sentence, for every case role', async () => {
    for (const token of Object.values(tokens)) {
      const res = await t.http().get(`/api/investigations/${investigationId}/summary`).set(bearer(token)).expect(200);
      expect(res.body).toEqual({
        investigation: { id: investigationId, reference: expect.stringMatching(/^INV-2018-\d{6}$/), title: 'Messaging by officers at Charing Cross police station', operation: 'Operation Hotton' },
        ...ARTICLE_FIGURES,
      });
    }
  });

  it('gives the same figures for the operation, whatever the case of its name', async () => {
    for (const name of ['Operation Hotton', 'operation hotton']) {
      const res = await t.http().get(`/api/operations/${encodeURIComponent(name)}/summary`).set(bearer(tokens.analyst)).expect(200);
      expect(res.body).toEqual({
        operation: 'Operation Hotton',
        investigations: [expect.objectContaining({ id: investigationId, title: 'Messaging by officers at Charing Cross police station' })],
        ...ARTICLE_FIGURES,
      });
    }
  });

  it('puts the two dismissed officers on the barred list, under their illustrative names', async () => {
    const res = await t.http().get('/api/barred-list').query({ q: 'illustrative' }).set(bearer(tokens.analyst)).expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((e: RecordBody) => `${e.givenName} ${e.familyName}`).sort()).toEqual(['Officer A (illustrative)', 'Officer B (illustrative)']);
    for (const entry of res.body.items) expect(entry.reason).toMatch(/^Dismissed without notice after a gross misconduct hearing: gross misconduct found proven/);
  });

  it('holds the one recommendation the article quotes, and labels the other fourteen illustrative', async () => {
    const res = await t.http().get(`/api/investigations/${investigationId}/recommendations`).query({ limit: 100 }).set(bearer(tokens.reviewer)).expect(200);
    const texts: string[] = res.body.items.map((r: RecordBody) => r.text);
    expect(texts).toHaveLength(15);
    expect(texts.filter((text) => !text.startsWith('[Illustrative] '))).toEqual([
      'Commit publicly to being an anti-racist organisation with zero tolerance of sexism, misogyny, bullying and harassment.',
    ]);
    expect(new Set(res.body.items.map((r: RecordBody) => r.recipient))).toEqual(new Set(['Metropolitan Police Service']));
    expect(res.body.items.map((r: RecordBody) => r.number)).toEqual([...Array(15).keys()].map((i) => i + 1));
  });

  it('records the case as the article gives it: Charing Cross, 2016 to 2018, thousands of messages reviewed', async () => {
    const inv = await t.http().get(`/api/investigations/${investigationId}`).set(bearer(tokens.investigator)).expect(200);
    expect(inv.body).toMatchObject({ station: 'Charing Cross', conductFrom: '2016-01-01', conductTo: '2018-12-31', operation: 'Operation Hotton', status: 'decision' });
    const notes = await t.http().get(`/api/investigations/${investigationId}/evidence-notes`).set(bearer(tokens.investigator)).expect(200);
    expect(notes.body.items.map((n: RecordBody) => n.text)).toEqual([expect.stringMatching(/^Thousands of messages reviewed\./)]);
    const subjects = await t.http().get(`/api/investigations/${investigationId}/subjects`).query({ limit: 100 }).set(bearer(tokens.reviewer)).expect(200);
    expect(subjects.body.total).toBe(14);
    for (const s of subjects.body.items) expect(s.officer.familyName).toMatch(/^[A-N] \(illustrative\)$/);
  });

  it('labels everything the article does not give as illustrative in the seed file', () => {
    const data = readReferenceCase();
    expect(data.note).toMatch(/illustrative/i);
    expect(data.officers).toHaveLength(14);
    for (const { officer, allegations } of data.officers) {
      expect(`${officer.givenName} ${officer.familyName}`).toMatch(/^Officer [A-N] \(illustrative\)$/);
      for (const allegation of allegations) expect(allegation.detail).toMatch(/^\[Illustrative\] /);
    }
  });

  it('wrote every record through the audited services: the chain verifies', async () => {
    const events = await t.dataSource.getRepository(AuditEvent).countBy({ actorId: actors.reviewer.id, action: 'outcome.recorded' });
    expect(events).toBe(6);
    const admin = await t.tokenFor(Role.Admin);
    const res = await t.http().get('/api/audit/verify').set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ ok: true });
  });

  it('skips, writing nothing, when loaded again', async () => {
    const before = await t.dataSource.getRepository(AuditEvent).count();
    const again = await loadReferenceCase(t.app, actors);
    expect(again).toEqual({ seeded: false, investigationId, reference: expect.any(String) });
    expect(await t.dataSource.getRepository(AuditEvent).count()).toBe(before);
  });
});
