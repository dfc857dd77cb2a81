import { parse } from 'csv-parse/sync';
import { AllegationCategory, Finding } from '../../src/allegations/allegation.enums.js';
import { Allegation } from '../../src/allegations/allegation.entity.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { InvestigationMode } from '../../src/investigations/investigation.enums.js';
import { OutcomeType } from '../../src/outcomes/outcome.enums.js';
import { Role } from '../../src/common/auth/role.js';
import { EXPORT_DATASETS } from '../../src/exports/export-datasets.js';
import { ExportsService } from '../../src/exports/exports.service.js';
import {
  allegation, barredListEntry, complaint, insertRecords, investigation, officer, outcome, recommendation, subject,
} from '../fixtures/case-records.js';
import { bearer, createTestApp, ENGINE, type TestApp } from '../support/test-app.js';

/** Appears only in complainant fields and the complaint summary: it must never be exported. */
const COMPLAINANT_MARKER = 'ZZ-COMPLAINANT-MARKER-7731';
const OFFICER_MARKER = 'Quixotebottom';

/** Cells a CSV writer must survive: quotes, separators, line breaks, unicode and formulas. */
const TRICKY = {
  quotes: 'He said "stop", then "run"',
  commas: 'one, two, three',
  newlines: 'line one\nline two\r\nline three',
  unicode: 'Zoë Ødegård — 名前 — مرحبا — 👮🏽‍♀️',
  formula: '=HYPERLINK("http://example.test","click")',
  plus: '+44 20 7946 0000',
  minus: '-1+1',
  at: '@SUM(A1:A2)',
  tab: '\tstarts with a tab',
};

describe('exports', () => {
  let t: TestApp;
  let analyst: string;
  const inv2023 = investigation({ openedOn: '2023-06-01', station: 'Brixton', mode: InvestigationMode.Directed, operation: 'Op Hotton', title: TRICKY.unicode });
  const inv2024 = investigation({ openedOn: '2024-03-01', station: 'Charing Cross', summary: TRICKY.newlines });
  const archived = investigation({ openedOn: '2024-04-01', archivedAt: '2024-05-01T00:00:00.000Z', archiveReason: 'opened in error' });
  const pc = officer({ familyName: OFFICER_MARKER, givenName: 'Ada', serviceNumber: 'MPS-4471' });
  const sgt = officer({ familyName: 'Brown', rank: 'Sgt', unit: 'Roads Policing' });
  const s1 = subject(inv2023, pc);
  const s2 = subject(inv2024, sgt);
  const trickyAllegations = Object.entries(TRICKY).map(([key, detail]) =>
    allegation(s1, { detail, sourceCategory: key, category: AllegationCategory.DiscourtesyOrOffensiveLanguage, finding: Finding.Proven }));
  const forceAllegation = allegation(s2, { category: AllegationCategory.UseOfForce, finding: Finding.NotProven, detail: null });
  const dismissal = outcome(s1, { type: OutcomeType.Dismissed, decidedOn: '2023-12-01' });
  const nfa = outcome(s2, { type: OutcomeType.NoFurtherAction, decidedOn: '2024-09-01' });

  beforeAll(async () => {
    t = await createTestApp();
    analyst = await t.tokenFor(Role.Analyst);
    await insertRecords(t,
      inv2023, inv2024, archived, pc, sgt,
      complaint(inv2023, {
        complainantName: `Jane ${COMPLAINANT_MARKER}`, complainantContact: `${COMPLAINANT_MARKER}@example.test`,
        complainantAnonymous: true, complainantAttributes: { ethnicity: COMPLAINANT_MARKER }, summary: `My account ${COMPLAINANT_MARKER}`,
      }),
      complaint(null, { complainantName: COMPLAINANT_MARKER }),
      s1, s2, ...trickyAllegations, forceAllegation, dismissal, nfa,
      barredListEntry(dismissal, pc), recommendation(inv2023, { text: TRICKY.formula }),
    );
  });
  afterAll(() => t.close());

  const get = (path: string, token = analyst) => t.http().get(path).set(bearer(token)).buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => { text += chunk; });
    res.on('end', () => done(null, text));
  });
  const csv = async (path: string, token = analyst) => {
    const res = await get(path, token).expect(200);
    return { res, rows: parse(res.body as string, { columns: true, bom: false }) as Array<Record<string, string>>, text: res.body as string };
  };
  const jsonl = async (path: string) => {
    const res = await get(path).expect(200);
    const text = res.body as string;
    return { res, rows: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>), text };
  };

  it('exports allegations as RFC 4180 CSV that parses back to the stored text, formulas neutralised', async () => {
    const { res, rows, text } = await csv('/api/exports/allegations.csv?station=Brixton');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="probity-allegations-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(text.split('\r\n')[0]).toBe('id,investigationId,investigationReference,subjectId,officerId,officerForce,officerServiceNumber,'
      + 'officerGivenName,officerFamilyName,category,standard,severity,caseToAnswer,finding,detail,allegedOn,sourceCategory,'
      + 'sourceFinding,source,sourceKey,createdAt,updatedAt,archivedAt');
    expect(rows).toHaveLength(trickyAllegations.length);
    const byKey = Object.fromEntries(rows.map((row) => [row.sourceCategory, row]));
    const formulaKeys = ['formula', 'plus', 'minus', 'at', 'tab'];
    for (const [key, detail] of Object.entries(TRICKY)) {
      expect(byKey[key].detail).toBe(formulaKeys.includes(key) ? `'${detail}` : detail);
    }
    expect(byKey.commas).toMatchObject({ officerFamilyName: OFFICER_MARKER, officerServiceNumber: 'MPS-4471', investigationReference: inv2023.reference, finding: 'proven', standard: '' });
  });

  it('exports JSON Lines with the stored values exactly (no formula quoting, nulls kept)', async () => {
    const { res, rows, text } = await jsonl('/api/exports/allegations.jsonl');
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="probity-allegations-.*\.jsonl"/);
    expect(text.endsWith('\n')).toBe(true);
    expect(rows).toHaveLength(trickyAllegations.length + 1);
    for (const [key, detail] of Object.entries(TRICKY)) {
      expect(rows.find((row) => row.sourceCategory === key)?.detail).toBe(detail);
    }
    expect(rows.find((row) => row.id === forceAllegation.id)).toMatchObject({ detail: null, standard: null, finding: 'not_proven', category: 'use_of_force' });
  });

  it('keeps investigation text and days identical on both engines', async () => {
    const { rows } = await jsonl('/api/exports/investigations.jsonl');
    expect(rows.map((row) => row.id).sort()).toEqual([inv2023.id, inv2024.id].sort());
    expect(rows.find((row) => row.id === inv2023.id)).toMatchObject({ title: TRICKY.unicode, openedOn: '2023-06-01', closedOn: null, operation: 'Op Hotton', mode: 'directed' });
    expect(rows.find((row) => row.id === inv2024.id)).toMatchObject({ summary: TRICKY.newlines, openedOn: '2024-03-01' });
  });

  it('applies the report filters', async () => {
    const ids = async (path: string) => (await jsonl(path)).rows.map((row) => row.id);
    expect(await ids('/api/exports/investigations.jsonl?openedFrom=2024-01-01')).toEqual([inv2024.id]);
    expect(await ids('/api/exports/investigations.jsonl?openedTo=2023-12-31')).toEqual([inv2023.id]);
    expect(await ids('/api/exports/investigations.jsonl?operation=Op%20Hotton&mode=directed')).toEqual([inv2023.id]);
    expect(await ids('/api/exports/investigations.jsonl?station=Nowhere')).toEqual([]);
    expect(await ids('/api/exports/allegations.jsonl?category=use_of_force')).toEqual([forceAllegation.id]);
    expect(await ids('/api/exports/allegations.jsonl?finding=proven&openedFrom=2024-01-01')).toEqual([]);
    expect(await ids('/api/exports/allegations.jsonl?unit=Roads%20Policing')).toEqual([forceAllegation.id]);
    expect(await ids('/api/exports/outcomes.jsonl?outcomeType=dismissed')).toEqual([dismissal.id]);
    expect(await ids('/api/exports/outcomes.jsonl?decidedFrom=2024-01-01')).toEqual([nfa.id]);
    expect((await jsonl('/api/exports/barred-list.jsonl?openedFrom=2024-01-01')).rows).toEqual([]);
    expect((await jsonl('/api/exports/complaints.jsonl?station=Brixton')).rows).toHaveLength(1);
    const complaints = (await jsonl('/api/exports/complaints.jsonl')).rows;
    expect(complaints.map((row) => row.investigationReference).sort()).toEqual([inv2023.reference, null].sort());
  });

  it('leaves archived records out unless includeArchived=true', async () => {
    const { rows } = await jsonl('/api/exports/investigations.jsonl?includeArchived=true');
    expect(rows.map((row) => row.id).sort()).toEqual([inv2023.id, inv2024.id, archived.id].sort());
    expect(rows.find((row) => row.id === archived.id)?.archivedAt).toBe('2024-05-01T00:00:00.000Z');
  });

  it('refuses a filter that does not apply, and a bad value, naming the field', async () => {
    const notApplicable = await t.http().get('/api/exports/investigations.csv?category=use_of_force').set(bearer(analyst)).expect(422);
    expect(notApplicable.body.message).toContain('category');
    expect(notApplicable.body.details).toEqual({ field: 'category' });
    const bad = await t.http().get('/api/exports/allegations.csv?openedFrom=2024-02-30').set(bearer(analyst)).expect(400);
    expect(bad.body.message).toContain('openedFrom');
    const unknown = await t.http().get('/api/exports/allegations.csv?colour=red').set(bearer(analyst)).expect(400);
    expect(unknown.body.message).toContain('colour');
    const dataset = await t.http().get('/api/exports/officers.csv').set(bearer(analyst)).expect(400);
    expect(dataset.body.message).toContain('dataset must be one of');
    const format = await t.http().get('/api/exports/allegations.xlsx').set(bearer(analyst)).expect(400);
    expect(format.body.message).toContain('format must be one of');
  });

  it('never exports complainant personal data, in any dataset or format', async () => {
    for (const dataset of EXPORT_DATASETS) {
      for (const format of ['csv', 'jsonl']) {
        const res = await get(`/api/exports/${dataset}.${format}?includeArchived=true`).expect(200);
        const text = res.body as string;
        expect(text.length).toBeGreaterThan(0);
        expect(text).not.toContain(COMPLAINANT_MARKER);
        expect(text).not.toMatch(/complainant/i);
      }
    }
  });

  it('pseudonymises officer identities stably and leaves names and numbers out', async () => {
    const first = await csv('/api/exports/allegations.csv?pseudonymise=true');
    const second = await jsonl('/api/exports/allegations.jsonl?pseudonymise=true');
    expect(first.text).not.toContain(OFFICER_MARKER);
    expect(first.text).not.toContain(pc.id);
    expect(first.text).not.toContain('MPS-4471');
    expect(Object.keys(first.rows[0])).not.toEqual(expect.arrayContaining(['officerFamilyName']));
    const pseudonyms = new Map(second.rows.map((row) => [row.id, row.officerId]));
    for (const row of first.rows) {
      expect(row.officerId).toMatch(/^OFF-[0-9a-f]{16}$/);
      expect(pseudonyms.get(row.id)).toBe(row.officerId);
    }
    expect(new Set(first.rows.map((row) => row.officerId)).size).toBe(2);
    const barred = await jsonl('/api/exports/barred-list.jsonl?pseudonymise=true');
    expect(barred.text).not.toContain(OFFICER_MARKER);
    expect(barred.rows[0].officerId).toBe(first.rows.find((row) => row.subjectId === s1.id)?.officerId);
  });

  it('records every export as a disclosure in the audit trail, with the row count', async () => {
    const user = await t.newUser([Role.Reviewer]);
    await get('/api/exports/outcomes.csv?outcomeType=dismissed&pseudonymise=true', user.token).expect(200);
    const events = await t.dataSource.getRepository(AuditEvent).findBy({ action: 'export.disclosed', actorId: user.id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUsername: user.username, entityType: 'export', entityId: 'outcomes',
      detail: { dataset: 'outcomes', format: 'csv', filters: { outcomeType: 'dismissed' }, includeArchived: false, pseudonymised: true, rows: 1, complete: true },
    });
    expect(events[0].requestId).toEqual(expect.any(String));
  });

  it('is for analysts and reviewers only', async () => {
    await t.http().get('/api/exports/allegations.csv').expect(401);
    for (const role of [Role.Investigator, Role.Admin]) {
      await t.http().get('/api/exports/allegations.csv').set(bearer(await t.tokenFor(role))).expect(403);
    }
    await get('/api/exports/allegations.csv', await t.tokenFor(Role.Reviewer)).expect(200);
  });

  it('fills every row\'s case and officer columns across many small pages, joined or filtered', async () => {
    const cases = Array.from({ length: 30 }, (_, n) => {
      const inv = investigation({ station: 'Lookup Station' });
      const off = officer({ serviceNumber: `LK-${n}`, familyName: `Lookup-${n}` });
      const sub = subject(inv, off);
      return { inv, off, sub, allegations: Array.from({ length: 10 }, () => allegation(sub)) };
    });
    await insertRecords(t, ...cases.flatMap((c) => [c.inv, c.off, c.sub, ...c.allegations]));
    const expected = new Map(cases.flatMap((c) => c.allegations.map((a) => [a.id, [c.inv.reference, c.off.serviceNumber, c.off.familyName]])));
    const { PAGE_SIZE } = ExportsService;
    ExportsService.PAGE_SIZE = 40;
    try {
      for (const path of ['/api/exports/allegations.jsonl', '/api/exports/allegations.jsonl?station=Lookup%20Station']) {
        const rows = (await jsonl(path)).rows.filter((row) => expected.has(row.id as string));
        expect(rows).toHaveLength(300);
        for (const row of rows) expect([row.investigationReference, row.officerServiceNumber, row.officerFamilyName]).toEqual(expected.get(row.id as string));
      }
    } finally {
      ExportsService.PAGE_SIZE = PAGE_SIZE;
    }
  });

  it('pages through more rows than one page holds, each exactly once and in key order (SQLite: rowid, the order written)', async () => {
    const total = 4500;
    const extra = Array.from({ length: total }, (_, n) => allegation(s2, { detail: `bulk ${n}` }));
    await t.app.get(UnitOfWork).run(async (em) => {
      for (let i = 0; i < extra.length; i += 100) await em.insert(Allegation, extra.slice(i, i + 100));
    });
    const { rows } = await csv('/api/exports/allegations.csv?unit=Roads%20Policing');
    const ids = rows.map((row) => row.id);
    expect(ids).toHaveLength(total + 1);
    expect(new Set(ids).size).toBe(total + 1);
    const written = [forceAllegation.id, ...extra.map((a) => a.id)];
    expect(ids).toEqual(ENGINE === 'sqlite' ? written : [...written].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
