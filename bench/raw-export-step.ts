/**
 * Child process of the benchmark: the baseline for the export. The same columns as
 * GET /api/exports/allegations.csv (the same SQL, from the dataset definition), read with a
 * better-sqlite3 iterator in array mode and written a hundred rows at a time by the same CSV
 * writer (papaparse), counted and dropped.
 * Prints one JSON line with its own peak RSS.
 *   node dist-bench/bench/raw-export-step.js <database.sqlite>
 */
import Database from 'better-sqlite3';
import { csvLines } from '../src/common/csv/csv-text.js';
import { DATASETS } from '../src/exports/export-datasets.js';

const [database] = process.argv.slice(2);
const spec = DATASETS.allegations;
const db = new Database(database, { readonly: true });
const joins = spec.joins.filter((j) => !j.onlyFor).map((j) => `${j.optional ? 'LEFT ' : ''}JOIN ${j.table} ${j.alias} ON ${j.on}`).join(' ');
const sql = `SELECT ${spec.columns.map((c, n) => `${c.sql} AS c${n}`).join(', ')} FROM ${spec.table} ${spec.alias} ${joins}
  WHERE ${spec.archivedColumn} IS NULL ORDER BY ${spec.alias}.id`;

const started = process.hrtime.bigint();
let bytes = Buffer.byteLength(csvLines([spec.columns.map((c) => c.header)]));
let rows = 0;
let chunk: unknown[][] = [];
for (const row of db.prepare(sql).raw(true).iterate()) {
  rows += 1;
  chunk.push(row as unknown[]);
  if (chunk.length === 100) {
    bytes += Buffer.byteLength(csvLines(chunk));
    chunk = [];
  }
}
bytes += Buffer.byteLength(csvLines(chunk));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
db.close();
process.stdout.write(`${JSON.stringify({ rows, bytes, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
