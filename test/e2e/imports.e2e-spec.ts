import { stringify } from 'csv-stringify/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { writeSyntheticCcrb } from '../../bench/synthetic.js';
import { runCli } from '../../src/cli/cli.js';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { Importer } from '../../src/imports/importer.js';
import { Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const CCRB_SAMPLE = new URL('ccrb-sample.csv', FIXTURES).pathname;
const PROBITY_SAMPLE = new URL('probity-sample.csv', FIXTURES).pathname;
const TABLES = ['officers', 'investigations', 'complaints', 'subjects', 'allegations', 'outcomes', 'barred_list_entries'] as const;

/** What the CCRB sample holds (test/fixtures/ccrb-sample.csv, counted by hand). */
const CCRB_EXPECTED = {
  rows: 20, valid: 18, rejected: 2,
  created: { officers: 7, investigations: 6, complaints: 6, subjects: 10, allegations: 18, outcomes: 0, barredListEntries: 0 },
  findings: { proven: 7, not_proven: 5, exonerated: 2, unfounded: 2, withdrawn: 1, pending: 1 },
  sourceFindings: {
    'Substantiated (Command Lvl Instructions)': 1, 'Unsubstantiated': 5, 'Exonerated': 2, 'Unfounded': 2, 'Substantiated (Charges)': 2,
    'Miscellaneous - Subject Retired': 1, 'Closed - Pending Litigation': 1, 'Substantiated (Formalized Training)': 3,
    'Substantiated (Command Discipline B)': 1,
  },
  categories: { abuse_of_position: 7, use_of_force: 5, discourtesy_or_offensive_language: 4, discriminatory_behaviour: 2 },
  rejections: [
    { line: 19, reason: 'fado_type "Theft" is not one of: Force, Abuse of Authority, Discourtesy, Offensive Language' },
    { line: 20, reason: 'month_received "13" is not a whole number from 1 to 12' },
  ],
};

function collector() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

describe('bulk import', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'probity-import-test-'));
  let fileCount = 0;

  beforeEach(async () => { t = await createTestApp(); });
  afterEach(() => t.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `npm run cli -- import …` in-process, on the test app's database. */
  async function cli(...argv: string[]) {
    const out = collector();
    const err = collector();
    const env = { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent', PROBITY_ADMIN_PASSWORD: '' };
    const code = await runCli(['import', ...argv], { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream }, env);
    return { code, out: out.text(), err: err.text() };
  }
  const report = (out: string) => JSON.parse(out) as Record<string, any>;

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const table of TABLES) result[table] = Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return result;
  }
  const nothing = Object.fromEntries(TABLES.map((table) => [table, 0]));
  const importEvents = () => t.dataSource.getRepository(AuditEvent).find({ where: [{ action: 'import.completed' }, { action: 'import.failed' }], order: { seq: 'ASC' } });
  async function groupCount(column: string): Promise<Record<string, number>> {
    const rows: Array<{ value: string; n: string | number }> = await t.dataSource.query(`SELECT ${column} AS value, COUNT(*) AS n FROM allegations GROUP BY ${column}`);
    return Object.fromEntries(rows.map((row) => [row.value, Number(row.n)]));
  }
  function probityFile(rows: Array<Record<string, string>>): string {
    const path = join(dir, `probity-${++fileCount}.csv`);
    writeFileSync(path, stringify(rows, { header: true }));
    return path;
  }

  describe('from the command line', () => {
    it('--dry-run validates every row, reports bad ones by line, and writes nothing', async () => {
      const result = await cli(CCRB_SAMPLE, '--format', 'ccrb', '--dry-run', '--json');
      expect(result.code).toBe(1);
      expect(result.err).toContain('2 row(s) rejected: the import would write nothing');
      expect(report(result.out)).toMatchObject({
        format: 'ccrb', file: 'ccrb-sample.csv', dryRun: true, rows: 20, valid: 18, rejected: 2, rejections: CCRB_EXPECTED.rejections, written: false,
      });
      expect(await counts()).toEqual(nothing);
      expect(await importEvents()).toEqual([]);

      const skipping = await cli(CCRB_SAMPLE, '--format', 'ccrb', '--dry-run', '--skip-invalid');
      expect(skipping.code).toBe(0);
      expect(skipping.out).toContain('dry run: nothing written');
      expect(await counts()).toEqual(nothing);
    });

    it('writes nothing when any row is bad, unless --skip-invalid', async () => {
      const refused = await cli(CCRB_SAMPLE, '--format', 'ccrb');
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('NOTHING WRITTEN');
      expect(refused.out).toContain('line 19: fado_type "Theft"');
      expect(refused.out).toContain('line 20: month_received "13"');
      expect(await counts()).toEqual(nothing);
      expect(await importEvents()).toEqual([]);
    });

    it('imports a CCRB file with --skip-invalid: officers by unique_mos_id, every duplicate row an allegation, dispositions mapped and kept', async () => {
      const result = await cli(CCRB_SAMPLE, '--format', 'ccrb', '--skip-invalid', '--json');
      expect(result).toMatchObject({ code: 0 });
      const { rows, valid, rejected, created, rejections } = CCRB_EXPECTED;
      expect(report(result.out)).toMatchObject({ rows, valid, rejected, created, rejections, written: true, alreadyPresent: 0, fileError: null });
      expect(await counts()).toEqual({ officers: 7, investigations: 6, complaints: 6, subjects: 10, allegations: 18, outcomes: 0, barred_list_entries: 0 });
      expect(await groupCount('finding')).toEqual(CCRB_EXPECTED.findings);
      expect(await groupCount('source_finding')).toEqual(CCRB_EXPECTED.sourceFindings);
      expect(await groupCount('category')).toEqual(CCRB_EXPECTED.categories);
      expect(await groupCount('source_category')).toEqual({ 'Abuse of Authority': 7, 'Force': 5, 'Discourtesy': 4, 'Offensive Language': 2 });

      // Officers: keyed by unique_mos_id; the shield number (0 for three of them) is only an attribute.
      const officers: Array<{ force: string; service_number: string; family_name: string; source_attributes: string; source: string }> =
        await t.dataSource.query('SELECT force, service_number, family_name, source_attributes, source FROM officers ORDER BY service_number');
      expect(officers.map((o) => o.service_number)).toEqual(['10004', '10007', '10012', '10013', '10018', '10021', '10022']);
      expect(officers.every((o) => o.force === 'NYPD' && o.source === 'ccrb')).toBe(true);
      expect(officers.filter((o) => JSON.parse(o.source_attributes).shield_no === '0').map((o) => o.family_name)).toEqual(['Ruiz', 'Sweeney', 'Lopez']);
      expect(JSON.parse(officers[0].source_attributes)).toEqual({ shield_no: '0', rank_abbrev_now: 'POM', mos_ethnicity: 'Hispanic', mos_gender: 'M' });

      // Exact duplicate rows are each an allegation.
      const perComplaint: Array<{ source_key: string; n: string | number }> = await t.dataSource.query(
        `SELECT i.source_key, COUNT(*) AS n FROM allegations a JOIN investigations i ON i.id = a.investigation_id
          WHERE a.detail IN ('Physical force', 'Frisk') GROUP BY i.source_key ORDER BY i.source_key`);
      expect(perComplaint.map((r) => [r.source_key, Number(r.n)])).toEqual([['24601', 2], ['40001', 3], ['42835', 1]]);

      // One complaint and one investigation per complaint_id; complainant details kept only on the complaint.
      const [inv] = await t.dataSource.query(
        "SELECT title, mode, origin, status, station, opened_on AS \"openedOn\", closed_on AS \"closedOn\", summary FROM investigations WHERE source_key = '42835'");
      expect({ ...inv, openedOn: String(inv.openedOn instanceof Date ? inv.openedOn.toISOString() : inv.openedOn).slice(0, 10) }).toMatchObject({
        title: 'CCRB complaint 42835', mode: 'independent', origin: 'complaint', status: 'closed', station: '78', openedOn: '2019-07-01',
        summary: 'Contact reason: Report-domestic dispute. Encounter outcome: No arrest made or summons issued.',
      });
      const [complaint] = await t.dataSource.query("SELECT complainant_attributes, complainant_name, channel FROM complaints WHERE source_key = '26146'");
      expect(JSON.parse(complaint.complainant_attributes)).toEqual({ ethnicity: 'American Indian', gender: 'Male', age_at_incident: '28' });
      expect(complaint).toMatchObject({ complainant_name: null, channel: 'public_complaint' });
      const [open] = await t.dataSource.query("SELECT status, closed_on FROM investigations WHERE source_key = '40001'");
      expect(open).toEqual({ status: 'investigating', closed_on: null });
      const [multiline] = await t.dataSource.query("SELECT detail FROM allegations WHERE detail LIKE 'Word \"you\"%'");
      expect(multiline.detail).toBe('Word "you"\nshouted twice');

      // One audit event, with the counts.
      const events = await importEvents();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'import.completed', actorId: null, entityType: 'import',
        detail: { format: 'ccrb', file: 'ccrb-sample.csv', via: 'cli', skipInvalid: true, rows: 20, valid: 18, rejected: 2, created: CCRB_EXPECTED.created, alreadyPresent: 0 },
      });
      expect(events[0].requestId).toMatch(/^cli-/);
    });

    it('adds nothing when the same file is imported again (source keys), duplicates still counted', async () => {
      expect((await cli(CCRB_SAMPLE, '--format', 'ccrb', '--skip-invalid')).code).toBe(0);
      const before = await counts();
      const again = await cli(CCRB_SAMPLE, '--format', 'ccrb', '--skip-invalid', '--json');
      expect(again.code).toBe(0);
      expect(report(again.out)).toMatchObject({
        written: true, alreadyPresent: 18,
        created: { officers: 0, investigations: 0, complaints: 0, subjects: 0, allegations: 0, outcomes: 0, barredListEntries: 0 },
      });
      expect(await counts()).toEqual(before);
      // Small batches: look-ups across batch boundaries find the same records.
      const batched = await cli(CCRB_SAMPLE, '--format', 'ccrb', '--skip-invalid', '--batch-size', '3', '--json');
      expect(report(batched.out)).toMatchObject({ alreadyPresent: 18, created: { allegations: 0, officers: 0 } });
      expect(await counts()).toEqual(before);
      expect((await importEvents()).map((e) => e.detail?.alreadyPresent)).toEqual([0, 18, 18]);
    });

    it('imports in small batches the same records as in one', async () => {
      const result = await cli(CCRB_SAMPLE, '--format', 'ccrb', '--skip-invalid', '--batch-size', '4', '--json');
      expect(report(result.out)).toMatchObject({ created: CCRB_EXPECTED.created });
      expect(await groupCount('finding')).toEqual(CCRB_EXPECTED.findings);
      const references: Array<{ reference: string }> = await t.dataSource.query('SELECT reference FROM investigations ORDER BY reference');
      expect(new Set(references.map((r) => r.reference)).size).toBe(6);
      expect(references.map((r) => r.reference)).toEqual(expect.arrayContaining(['INV-2011-000001', 'INV-2012-000001', 'INV-2018-000001', 'INV-2020-000001']));
    });

    it('an import stopped part-way keeps its committed batches, audits them as import.failed, and a re-run adds the rest', async () => {
      const importer = t.app.get(Importer);
      const stop = new AbortController();
      const options = { format: 'ccrb' as const, dryRun: false, skipInvalid: true, fileName: 'ccrb-sample.csv', actor: null, via: 'cli' as const, batchSize: 5 };
      await expect(importer.import(CCRB_SAMPLE, {
        ...options, signal: stop.signal,
        onProgress: (progress) => { if (progress.phase === 'writing') stop.abort(new Error('stopped for the test')); },
      })).rejects.toThrow('stopped for the test');
      expect((await counts()).allegations).toBe(5);
      const [failed] = await importEvents();
      expect(failed).toMatchObject({ action: 'import.failed', detail: { error: 'stopped for the test', created: { allegations: 5 } } });

      const rest = await importer.import(CCRB_SAMPLE, options);
      expect(rest).toMatchObject({ alreadyPresent: 5, created: { allegations: 13 } });
      expect(await groupCount('finding')).toEqual(CCRB_EXPECTED.findings);
      expect((await counts()).investigations).toBe(6);
    });

    it('writes a transaction larger than the writer\'s chunks exactly as asked, and a stop keeps only whole transactions', async () => {
      const file = join(dir, 'synthetic-5000.csv');
      await writeSyntheticCcrb(file, { allegations: 5000, investigations: 500 });
      const importer = t.app.get(Importer);
      const stop = new AbortController();
      const written: number[] = [];
      // 4,500 rows per transaction: the writer's 2,000-row chunks, then the 500 left to fill it.
      const options = { format: 'ccrb' as const, dryRun: false, skipInvalid: false, fileName: 'synthetic.csv', actor: null, via: 'cli' as const, batchSize: 4500 };
      await expect(importer.import(file, {
        ...options, signal: stop.signal,
        onProgress: (progress) => {
          if (progress.phase !== 'writing') return;
          written.push(progress.done);
          stop.abort(new Error('stopped for the test'));
        },
      })).rejects.toThrow('stopped for the test');
      expect(written).toEqual([4500]);
      expect((await counts()).allegations).toBe(4500);
      const [failed] = await importEvents();
      expect(failed).toMatchObject({ action: 'import.failed', detail: { created: { allegations: 4500 }, alreadyPresent: 0 } });

      const rest = await importer.import(file, options);
      expect(rest).toMatchObject({ rows: 5000, alreadyPresent: 4500, created: { allegations: 500 } });
      expect((await counts()).allegations).toBe(5000);
    });

    it('imports the Probity format with outcomes and the barred list', async () => {
      const result = await cli(PROBITY_SAMPLE, '--format', 'probity', '--json');
      expect(result.code).toBe(0);
      expect(report(result.out)).toMatchObject({
        rows: 6, valid: 6, rejected: 0, written: true,
        created: { officers: 3, investigations: 2, complaints: 1, subjects: 3, allegations: 6, outcomes: 2, barredListEntries: 1 },
      });
      const [entry] = await t.dataSource.query('SELECT family_name, service_number, reason, review_eligible_on FROM barred_list_entries');
      expect(entry).toMatchObject({ family_name: 'Whitlock', service_number: 'MPS-210442', reason: 'Dismissed without notice (imported record)' });
      expect(String(entry.review_eligible_on instanceof Date ? entry.review_eligible_on.getFullYear() : entry.review_eligible_on).slice(0, 4)).toBe('2027');
      const outcomes: Array<{ type: string; sanction: string | null; regime: string; source_outcome: string }> =
        await t.dataSource.query('SELECT type, sanction, regime, source_outcome FROM outcomes ORDER BY type');
      expect(outcomes).toEqual([
        { type: 'disciplined', sanction: 'final_written_warning', regime: '2020', source_outcome: 'Final written warning' },
        { type: 'dismissed', sanction: null, regime: '2020', source_outcome: 'Dismissed without notice' },
      ]);
      const [pending] = await t.dataSource.query("SELECT case_to_answer, detail FROM allegations WHERE source_key = 'PSD-2023-102/A1'");
      expect(pending).toEqual({ case_to_answer: 'pending', detail: 'Searched the police national computer for a neighbour,\nthree times' });
      expect((await cli(PROBITY_SAMPLE, '--format', 'probity', '--json')).out).toContain('"alreadyPresent": 6');
      expect((await counts()).allegations).toBe(6);
    });

    it('rejects bad Probity rows with their line and reason, including conduct rules across a subject\'s rows', async () => {
      const lines = readFileSync(PROBITY_SAMPLE, 'utf8').split('\n');
      const withBadRows = [
        lines[0],
        lines[1], // line 2: the dismissal, on gross misconduct found proven: fine
        lines[2].replace('PSD-2021-017/A2', 'PSD-2021-017/A1'),
        // lines 4-5: the sergeant's sanction now follows nothing found proven
        lines[3].replace('final_written_warning', 'written_warning').replace(',yes,proven,Did', ',no,not_proven,Did'),
        lines[4],
        `${lines[5]}\n${lines[6]}`.replace(',directed,', ',supervised,'), // lines 6-7
        lines[7].replace('improper_use_of_social_media_or_messaging', 'gossip'),
        lines[7].replace('PSD-2023-102/A2', 'PSD-2023-102/A3').replace('2022-11-03', '2022-02-30'),
      ].join('\n');
      const path = join(dir, 'probity-bad.csv');
      writeFileSync(path, withBadRows);
      const result = await cli(path, '--format', 'probity', '--json');
      expect(result.code).toBe(1);
      expect(report(result.out).rejections).toEqual([
        { line: 3, reason: 'allegation_key "PSD-2021-017/A1" repeats the row on line 2' },
        { line: 4, reason: expect.stringMatching(/^the outcome on line 4 for officer MPS-118230 \(Metropolitan Police Service\) in investigation PSD-2021-017 breaks a rule: .*a disciplinary sanction needs at least one allegation found proven/) },
        { line: 5, reason: expect.stringMatching(/^the outcome on line 4 .* breaks a rule/) },
        { line: 6, reason: expect.stringContaining('mode supervised exists only for investigations opened before 2020-01-01') },
        { line: 8, reason: expect.stringMatching(/^category "gossip" is not one of: discriminatory_behaviour, /) },
        { line: 9, reason: 'alleged_on "2022-02-30" is not a calendar day YYYY-MM-DD' },
      ]);
      expect(report(result.out)).toMatchObject({ rows: 7, valid: 1, rejected: 6, written: false });
      expect(await counts()).toEqual(nothing);
    });

    it('refuses a file whose header is wrong, naming the columns', async () => {
      const path = probityFile([{ investigation_key: 'X', colour: 'red' }]);
      const result = await cli(path, '--format', 'probity', '--json');
      expect(result).toMatchObject({ code: 1, err: expect.stringContaining('the file was refused') });
      expect(report(result.out).fileError).toMatch(/^the header row/);
      expect(report(result.out).rejections).toEqual([{
        line: 1,
        reason: expect.stringMatching(/^the header row: missing column\(s\): investigation_title, .*; unknown column\(s\): "colour"$/),
      }]);
      const ccrbAsProbity = await cli(CCRB_SAMPLE, '--format', 'probity');
      expect(ccrbAsProbity.code).toBe(1);
      expect(ccrbAsProbity.out).toContain('line 1: the header row: missing column(s)');
      expect(await counts()).toEqual(nothing);
    });

    it('explains wrong usage with exit code 2', async () => {
      expect(await cli(CCRB_SAMPLE)).toMatchObject({ code: 2, err: expect.stringContaining('--format must be one of: probity, ccrb') });
      expect(await cli(CCRB_SAMPLE, '--format', 'xlsx')).toMatchObject({ code: 2 });
      expect(await cli(join(dir, 'missing.csv'), '--format', 'ccrb')).toMatchObject({ code: 2, err: expect.stringContaining('no such file') });
      expect(await cli(CCRB_SAMPLE, '--format', 'ccrb', '--batch-size', '0')).toMatchObject({ code: 2 });
    });
  });

  describe('over HTTP (POST /api/imports)', () => {
    async function waitFor(token: string, jobId: string): Promise<Record<string, any>> {
      for (let i = 0; i < 200; i += 1) {
        const res = await t.http().get(`/api/imports/${jobId}`).set(bearer(token)).expect(200);
        if (!['queued', 'running'].includes(res.body.status)) return res.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`import job ${jobId} did not finish`);
    }
    const upload = (token: string, path = CCRB_SAMPLE, query = '') =>
      t.http().post(`/api/imports${query}`).set(bearer(token)).attach('file', readFileSync(path), 'ccrb-sample.csv');

    it('takes a multipart upload, answers a job id, and reports when done; the cases are the importer\'s', async () => {
      const investigator = await t.newUser([Role.Investigator]);
      const res = await upload(investigator.token).field('format', 'ccrb').field('skipInvalid', 'true').expect(202);
      expect(res.body).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'queued' });
      const job = await waitFor(investigator.token, res.body.jobId);
      expect(job).toMatchObject({
        jobId: res.body.jobId, status: 'completed', format: 'ccrb', fileName: 'ccrb-sample.csv', dryRun: false, skipInvalid: true,
        createdBy: investigator.id, finishedAt: expect.any(String), percent: 100, error: null,
        report: { rows: 20, valid: 18, rejected: 2, rejections: CCRB_EXPECTED.rejections, written: true, created: CCRB_EXPECTED.created },
      });
      const leads: Array<{ lead_investigator_id: string }> = await t.dataSource.query('SELECT DISTINCT lead_investigator_id FROM investigations');
      expect(leads).toEqual([{ lead_investigator_id: investigator.id }]);
      const events = await importEvents();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'import.completed', actorId: investigator.id, entityId: res.body.jobId,
        detail: { jobId: res.body.jobId, via: 'http', file: 'ccrb-sample.csv', created: CCRB_EXPECTED.created },
      });
      // The complainant details it brought in never reach an export.
      const exported = await t.http().get('/api/exports/complaints.jsonl').set(bearer(await t.tokenFor(Role.Analyst))).expect(200);
      expect(exported.text.split('\n').filter(Boolean)).toHaveLength(6);
      expect(exported.text).not.toContain('American Indian');
    });

    it('dry run and default mode over HTTP: nothing written, the report says why', async () => {
      const admin = await t.newUser([Role.Admin]);
      const dry = await upload(admin.token, CCRB_SAMPLE, '?format=ccrb&dryRun=true').expect(202);
      expect(await waitFor(admin.token, dry.body.jobId)).toMatchObject({ status: 'completed', dryRun: true, report: { written: false, rejected: 2 } });
      const refused = await upload(admin.token, CCRB_SAMPLE, '?format=ccrb').expect(202);
      expect(await waitFor(admin.token, refused.body.jobId)).toMatchObject({ status: 'rejected', report: { written: false, rejections: CCRB_EXPECTED.rejections } });
      const wrongFormat = await upload(admin.token, PROBITY_SAMPLE, '?format=ccrb&skipInvalid=true').expect(202);
      expect(await waitFor(admin.token, wrongFormat.body.jobId)).toMatchObject({
        status: 'rejected', report: { written: false, fileError: expect.stringContaining('the header row: missing column(s): unique_mos_id') },
      });
      expect(await counts()).toEqual(nothing);
      expect(await importEvents()).toEqual([]);
    });

    it('refuses bad requests naming the problem, and other roles', async () => {
      const token = await t.tokenFor(Role.Investigator);
      const noFormat = await upload(token).expect(400);
      expect(noFormat.body.message).toContain('format must be one of: probity, ccrb');
      expect((await upload(token).field('format', 'ccrb').field('colour', 'red').expect(400)).body.message).toContain('unknown form field(s): colour');
      expect((await upload(token, CCRB_SAMPLE, '?format=ccrb&dryRun=maybe').expect(400)).body.message).toContain('dryRun');
      const wrongField = await t.http().post('/api/imports?format=ccrb').set(bearer(token)).attach('upload', readFileSync(CCRB_SAMPLE), 'x.csv').expect(400);
      expect(wrongField.body.message).toContain('the file must be sent in the field "file"');
      const noFile = await t.http().post('/api/imports?format=ccrb').set(bearer(token)).field('format', 'ccrb').expect(400);
      expect(noFile.body.message).toContain('the field "file" is missing');
      const json = await t.http().post('/api/imports?format=ccrb').set(bearer(token)).send({ file: 'x' }).expect(400);
      expect(json.body.message).toContain('multipart/form-data');
      for (const role of [Role.Analyst, Role.Reviewer]) await upload(await t.tokenFor(role), CCRB_SAMPLE, '?format=ccrb').expect(403);
      await t.http().post('/api/imports?format=ccrb').expect(401);
      expect(await counts()).toEqual(nothing);
    });

    it('shows a job to its sender and admins only', async () => {
      const sender = await t.newUser([Role.Investigator]);
      const { body } = await upload(sender.token, CCRB_SAMPLE, '?format=ccrb&dryRun=true').expect(202);
      await waitFor(sender.token, body.jobId);
      await t.http().get(`/api/imports/${body.jobId}`).set(bearer(await t.tokenFor(Role.Investigator))).expect(404);
      await t.http().get(`/api/imports/${body.jobId}`).set(bearer(await t.tokenFor(Role.Admin))).expect(200);
      await t.http().get(`/api/imports/${body.jobId}`).set(bearer(await t.tokenFor(Role.Analyst))).expect(403);
      await t.http().get('/api/imports/00000000-0000-4000-8000-000000000000').set(bearer(sender.token)).expect(404);
      expect((await t.http().get('/api/imports/nope').set(bearer(sender.token)).expect(400)).body.message).toBe('jobId must be a UUID');
    });
  });
});
