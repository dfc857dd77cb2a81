/**
 * Child process of the benchmark: the baseline for the import. The same CCRB file into the
 * same schema (migrated by TypeORM, then closed) with better-sqlite3 prepared statements
 * only: no validation pass, no framework, transactions of Probity's batch size, same ids,
 * same pragmas as Probity (with its bulk-write settings). Prints one JSON line.
 *   node dist-bench/bench/raw-import-step.js <file.csv> <database.sqlite>
 */
import Database from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { createDataSource } from '../src/app-data-source.js';
import { BULK_WRITE_SETTINGS, SQLITE_CONNECTION_PRAGMAS } from '../src/database/sqlite-settings.js';
import { DEFAULT_BATCH_SIZE } from '../src/imports/importer.js';
import { sequentialId } from '../src/imports/sequential-id.js';

const [file, database] = process.argv.slice(2);
const BATCH = DEFAULT_BATCH_SIZE;

const migrator = createDataSource({ type: 'sqlite', path: database });
await migrator.initialize();
await migrator.runMigrations();
await migrator.destroy();

const db = new Database(database);
for (const pragma of SQLITE_CONNECTION_PRAGMAS) db.pragma(pragma);
for (const [name, value] of BULK_WRITE_SETTINGS) db.pragma(`${name} = ${value}`);

const at = new Date().toISOString();
const record = `1, '${at}', '${at}', 'ccrb'`;
const insertOfficer = db.prepare(`INSERT INTO officers (id, force, service_number, given_name, family_name, rank, unit, employment_status, source_attributes,
  version, created_at, updated_at, source, source_key) VALUES (?, 'NYPD', ?, ?, ?, ?, ?, 'serving', ?, ${record}, ?)`);
const insertInvestigation = db.prepare(`INSERT INTO investigations (id, reference, title, mode, origin, status, station, opened_on, closed_on, summary,
  version, created_at, updated_at, source, source_key) VALUES (?, ?, ?, 'independent', 'complaint', ?, ?, ?, ?, ?, ${record}, ?)`);
const insertComplaint = db.prepare(`INSERT INTO complaints (id, reference, received_on, channel, status, investigation_id, complainant_anonymous,
  complainant_attributes, version, created_at, updated_at, source, source_key)
  VALUES (?, ?, ?, 'public_complaint', 'referred_for_investigation', ?, 0, ?, ${record}, ?)`);
const insertSubject = db.prepare(`INSERT INTO subjects (id, investigation_id, officer_id, rank_at_time, unit_at_time,
  version, created_at, updated_at, source, source_key) VALUES (?, ?, ?, ?, ?, ${record}, ?)`);
const insertAllegation = db.prepare(`INSERT INTO allegations (id, subject_id, investigation_id, officer_id, category, severity, case_to_answer, finding,
  detail, source_category, source_finding, version, created_at, updated_at, source, source_key)
  VALUES (?, ?, ?, ?, ?, 'misconduct', ?, ?, ?, ?, ?, ${record}, ?)`);

const CATEGORY: Record<string, string> = {
  'Force': 'use_of_force', 'Abuse of Authority': 'abuse_of_position', 'Discourtesy': 'discourtesy_or_offensive_language',
  'Offensive Language': 'discriminatory_behaviour',
};
const finding = (d: string) => (d.startsWith('Substantiated') ? 'proven' : d === 'Exonerated' ? 'exonerated' : d === 'Unsubstantiated' ? 'not_proven'
  : d === 'Unfounded' ? 'unfounded' : d.startsWith('Closed') ? 'pending' : 'withdrawn');
const month = (m: string, y: string) => (m && y ? `${y}-${m.padStart(2, '0')}-01` : null);

const officers = new Map<string, string>();
const investigations = new Map<string, string>();
const subjects = new Map<string, string>();
const occurrences = new Map<string, number>();
let references = 0;

const writeBatch = db.transaction((rows: string[][], col: Record<string, number>) => {
  for (const r of rows) {
    const mos = r[col.unique_mos_id];
    const complaintId = r[col.complaint_id];
    let officerId = officers.get(mos);
    if (!officerId) {
      officerId = sequentialId();
      officers.set(mos, officerId);
      insertOfficer.run(officerId, mos, r[col.first_name], r[col.last_name], r[col.rank_now], r[col.command_now],
        JSON.stringify({ shield_no: r[col.shield_no], mos_ethnicity: r[col.mos_ethnicity], mos_gender: r[col.mos_gender] }), `NYPD/${mos}`);
    }
    let investigationId = investigations.get(complaintId);
    if (!investigationId) {
      investigationId = sequentialId();
      investigations.set(complaintId, investigationId);
      const received = month(r[col.month_received], r[col.year_received])!;
      const closed = month(r[col.month_closed], r[col.year_closed]);
      references += 1;
      insertInvestigation.run(investigationId, `INV-RAW-${references}`, `CCRB complaint ${complaintId}`, closed ? 'closed' : 'investigating',
        r[col.precinct], received, closed, `Contact reason: ${r[col.contact_reason]}.`, complaintId);
      insertComplaint.run(sequentialId(), `CMP-RAW-${references}`, received, investigationId,
        JSON.stringify({ ethnicity: r[col.complainant_ethnicity], gender: r[col.complainant_gender] }), complaintId);
    }
    const subjectKey = `${investigationId}/${officerId}`;
    let subjectId = subjects.get(subjectKey);
    if (!subjectId) {
      subjectId = sequentialId();
      subjects.set(subjectKey, subjectId);
      insertSubject.run(subjectId, investigationId, officerId, r[col.rank_incident], r[col.command_at_incident], `${complaintId}/${mos}`);
    }
    const disposition = r[col.board_disposition];
    const key = `${complaintId}/${mos}/${r[col.fado_type]}/${r[col.allegation]}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    const found = finding(disposition);
    insertAllegation.run(sequentialId(), subjectId, investigationId, officerId, CATEGORY[r[col.fado_type]], found === 'proven' ? 'yes' : 'no', found,
      r[col.allegation], r[col.fado_type], disposition, `${key}/${n}`.slice(0, 120));
  }
});

const started = process.hrtime.bigint();
let col: Record<string, number> | null = null;
let rows = 0;
let batch: string[][] = [];
// papaparse's own stream reader: the CSV library Probity reads with, without its line bookkeeping.
await new Promise<void>((resolve, reject) => {
  Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
    skipEmptyLines: true,
    chunk: ({ data }) => {
      for (const cells of data) {
        if (!col) {
          col = Object.fromEntries(cells.map((name, i) => [name.replace(/^\uFEFF/, ''), i]));
          continue;
        }
        batch.push(cells);
        rows += 1;
        if (batch.length === BATCH) {
          writeBatch(batch, col);
          batch = [];
        }
      }
    },
    complete: () => resolve(),
    error: reject,
  });
});
if (batch.length) writeBatch(batch, col!);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
db.close();
process.stdout.write(`${JSON.stringify({ rows, seconds })}\n`);
