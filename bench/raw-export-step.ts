/**
 * Child process of the benchmark: the baseline for the export. The same columns as
 * GET /api/exports/allegations.csv (the same SQL, from the dataset definition), read with a
 * better-sqlite3 iterator and written through csv-stringify's stream, counted and dropped.
 * Prints one JSON line with its own peak RSS.
 *   node dist-bench/bench/raw-export-step.js <database.sqlite>
 */
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { DATASETS } from '../src/exports/export-datasets.js';

const [database] = process.argv.slice(2);
const spec = DATASETS.allegations;
const db = new Database(database, { readonly: true });
const joins = spec.joins.map((j) => `${j.optional ? 'LEFT ' : ''}JOIN ${j.table} ${j.alias} ON ${j.on}`).join(' ');
const sql = `SELECT ${spec.columns.map((c, n) => `${c.sql} AS c${n}`).join(', ')} FROM ${spec.table} ${spec.alias} ${joins}
  WHERE ${spec.archivedColumn} IS NULL ORDER BY ${spec.alias}.id`;

const started = process.hrtime.bigint();
let bytes = 0;
const sink = new Writable({ write(chunk: Buffer, _encoding, done) { bytes += chunk.length; done(); } });
const csv = stringify({ header: true, columns: spec.columns.map((c, n) => ({ key: `c${n}`, header: c.header })), record_delimiter: 'windows', escape_formulas: true });
csv.pipe(sink);
let rows = 0;
for (const row of db.prepare(sql).iterate()) {
  rows += 1;
  if (!csv.write(row)) await once(csv, 'drain');
}
csv.end();
await once(sink, 'finish');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
db.close();
process.stdout.write(`${JSON.stringify({ rows, bytes, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
