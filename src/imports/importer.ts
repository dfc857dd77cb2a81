import { Injectable } from '@nestjs/common';
import { statSync } from 'node:fs';
import type { Finding, Severity } from '../allegations/allegation.enums.js';
import { AuditService } from '../audit/audit.service.js';
import { hasRole, type AuthUser } from '../common/auth/auth-user.js';
import { now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { brokenOutcomeRules } from '../outcomes/outcome-rules.js';
import { Role } from '../common/auth/role.js';
import { CsvFileError, readCsv, type CsvFile, type CsvRecord } from './csv-records.js';
import { Cells } from './formats/cells.js';
import { ccrbFormat } from './formats/ccrb.format.js';
import { probityFormat } from './formats/probity.format.js';
import { MAX_LISTED_REJECTIONS, zeroCounts, type ImportRejection, type ImportReport } from './import-report.js';
import type { ImportFormat, ImportFormatName, ImportRow } from './import-row.js';
import { RowError } from './row-error.js';
import { ImportWriter } from './import-writer.js';

export const FORMATS: Record<ImportFormatName, ImportFormat> = { probity: probityFormat, ccrb: ccrbFormat };

export interface ImportProgress {
  phase: 'validating' | 'writing';
  /** validating: characters of the file read; writing: valid rows written (or found already present). */
  done: number;
  total: number;
}

export interface ImportOptions {
  format: ImportFormatName;
  /** Validate everything, write nothing. */
  dryRun: boolean;
  /** Write the valid rows and list the rejected ones (otherwise any bad row means nothing is written). */
  skipInvalid: boolean;
  /** The name recorded in the report and the audit trail (the upload's name, or the CLI's path). */
  fileName: string;
  /** Who imports: null for the CLI (the operator at the server), else the HTTP caller. */
  actor: AuthUser | null;
  via: 'cli' | 'http';
  jobId?: string;
  /** Rows per transaction. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Stops the import between batches (the server is shutting down). */
  signal?: AbortSignal;
}

/**
 * Rows per transaction (the CLI's default; an upload uses fewer). Each commit writes every
 * index page the transaction touched, so fewer, larger transactions write each page fewer
 * times (README, Benchmarks).
 */
export const DEFAULT_BATCH_SIZE = 20_000;
/**
 * Rows the writer takes at once (its look-ups and inserts), several times per transaction,
 * so that only these rows are alive at a time, however large the transaction.
 */
const WRITE_CHUNK = 2000;
/** How often (in rows) validation reports progress. */
const PROGRESS_EVERY = 5000;

/** What the validation pass learns about one officer in one investigation (formats with outcomes). */
interface SubjectFacts {
  lines: number[];
  outcome: { line: number; value: NonNullable<ImportRow['outcome']> } | null;
  allegations: Array<{ severity: Severity; finding: Finding }>;
  label: string;
}

/**
 * Bulk import of allegation rows. Two passes over the file: the first validates every row
 * (and is all a dry run does); the second, only if the file may be written, writes the valid
 * rows in batched transactions. One audit event records the import with its counts.
 */
@Injectable()
export class Importer {
  constructor(private readonly uow: UnitOfWork, private readonly audit: AuditService) {}

  async import(path: string, options: ImportOptions): Promise<ImportReport> {
    const started = Date.now();
    const format = FORMATS[options.format];
    const report: ImportReport = {
      format: format.name, file: options.fileName, dryRun: options.dryRun, skipInvalid: options.skipInvalid,
      rows: 0, valid: 0, rejected: 0, rejections: [], rejectionsTruncated: false, fileError: null, written: false,
      created: zeroCounts(), alreadyPresent: 0, seconds: 0,
    };
    const finish = () => ({ ...report, seconds: Math.round((Date.now() - started) / 100) / 10 });

    let rejected: Map<number, string>;
    try {
      rejected = await this.validate(path, format, report, options);
    } catch (error) {
      if (!(error instanceof CsvFileError)) throw error;
      // Every row read so far is left out with the file.
      report.rejected = report.rows;
      report.valid = 0;
      report.fileError = error.message;
      report.rejections = [{ line: error.line, reason: error.message }];
      return finish();
    }
    report.rejected = rejected.size;
    report.valid = report.rows - rejected.size;
    const sorted = [...rejected].sort(([a], [b]) => a - b);
    report.rejections = sorted.slice(0, MAX_LISTED_REJECTIONS).map(([line, reason]): ImportRejection => ({ line, reason }));
    report.rejectionsTruncated = sorted.length > MAX_LISTED_REJECTIONS;
    if (options.dryRun || (rejected.size && !options.skipInvalid)) return finish();

    await this.write(path, format, rejected, report, options);
    return finish();
  }

  /** Every row checked; the rejected ones by line. Reads the whole file, writes nothing. */
  private async validate(path: string, format: ImportFormat, report: ImportReport, options: ImportOptions): Promise<Map<number, string>> {
    const rejected = new Map<number, string>();
    const allegationKeys = format.repeatedRowsAreDistinct ? null : new Map<string, number>();
    const subjects = new Map<string, SubjectFacts>();
    const size = statSync(path).size;
    const csv = await readCsv(path, format.requiredColumns, format.optionalColumns);
    let reported = 0;
    for await (const batch of csv.batches) {
      for (const record of batch) {
        report.rows += 1;
        const row = parseRow(format, csv.columns, record, rejected);
        if (!row) continue;
        if (allegationKeys) {
          const first = allegationKeys.get(row.allegation.key);
          if (first !== undefined) {
            rejected.set(row.line, `allegation_key "${row.allegation.key}" repeats the row on line ${first}`);
            continue;
          }
          allegationKeys.set(row.allegation.key, row.line);
        }
        if (format.hasOutcomes) trackSubject(subjects, row);
      }
      if (report.rows - reported >= PROGRESS_EVERY) {
        reported = report.rows;
        options.signal?.throwIfAborted();
        await options.onProgress?.({ phase: 'validating', done: Math.min(csv.charactersRead, size), total: size });
      }
    }
    await options.onProgress?.({ phase: 'validating', done: size, total: size });
    for (const subject of subjects.values()) {
      if (!subject.outcome) continue;
      const { value } = subject.outcome;
      // Employment status is left out: the file gives the officer's status now, after the outcome.
      const broken = brokenOutcomeRules({ ...value, allegations: subject.allegations });
      if (!broken.length) continue;
      const reason = `the outcome on line ${subject.outcome.line} for ${subject.label} breaks a rule: ${broken.join('; ')}`;
      for (const line of subject.lines) rejected.set(line, reason);
    }
    return rejected;
  }

  /** The valid rows, in batches of one transaction each, then the one audit event. */
  private async write(path: string, format: ImportFormat, rejected: Map<number, string>, report: ImportReport, options: ImportOptions): Promise<void> {
    const actor = options.actor;
    const writer = new ImportWriter({
      source: format.source,
      createdBy: actor?.id ?? null,
      leadInvestigatorId: actor && hasRole(actor, Role.Investigator) ? actor.id : null,
      at: now(),
    });
    const rowsPerTransaction = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let done = 0;
    // The counts as of the last commit (the writer's own include a transaction that may yet roll back).
    const detail = () => ({
      format: format.name, file: options.fileName, jobId: options.jobId ?? null, via: options.via, skipInvalid: options.skipInvalid,
      rows: report.rows, valid: report.valid, rejected: report.rejected, created: { ...report.created }, alreadyPresent: report.alreadyPresent,
    });
    try {
      await this.uow.whileBulkWriting(async () => {
        const rows = await ValidRows.open(path, format, rejected);
        try {
          for (let finished = false; !finished;) {
            options.signal?.throwIfAborted();
            let written = 0;
            await this.uow.run(async (em) => {
              // The file is read on inside the transaction, a chunk at a time: only one chunk's
              // rows are alive at once, however many rows a transaction holds.
              while (written < rowsPerTransaction) {
                const chunk = await rows.take(Math.min(WRITE_CHUNK, rowsPerTransaction - written));
                if (!chunk.length) {
                  finished = true;
                  return;
                }
                await writer.write(em, chunk);
                written += chunk.length;
              }
            });
            // better-sqlite3 runs a transaction's statements without yielding: let waiting requests in before the next one.
            await new Promise((resolve) => setImmediate(resolve));
            done += written;
            report.created = { ...writer.created };
            report.alreadyPresent = writer.alreadyPresent;
            if (written) await options.onProgress?.({ phase: 'writing', done, total: report.valid });
          }
        } finally {
          await rows.close();
        }
      });
    } catch (error) {
      // Batches already committed stay; the trail says so (a re-run adds only what is missing).
      await this.uow.run((em) => this.audit.record(em, {
        actor, action: 'import.failed', entityType: 'import', entityId: options.jobId,
        detail: { ...detail(), error: (error as Error).message },
      }));
      throw error;
    }
    report.written = true;
    await this.uow.run((em) => this.audit.record(em, {
      actor, action: 'import.completed', entityType: 'import', entityId: options.jobId, detail: detail(),
    }));
  }
}

/**
 * The file's valid rows, parsed again for writing, taken a few at a time. With identical
 * rows counted as distinct (CCRB), the n-th copy of an allegation in a complaint gets the
 * key key/n: duplicates count, re-runs match.
 */
class ValidRows {
  private readonly occurrences = new Map<string, number>();
  private records: CsvRecord[] = [];
  private next = 0;

  private constructor(private readonly csv: CsvFile, private readonly format: ImportFormat, private readonly rejected: Map<number, string>) {}

  static async open(path: string, format: ImportFormat, rejected: Map<number, string>): Promise<ValidRows> {
    return new ValidRows(await readCsv(path, format.requiredColumns, format.optionalColumns), format, rejected);
  }

  /** Up to `count` rows; none once the file is done. */
  async take(count: number): Promise<ImportRow[]> {
    const rows: ImportRow[] = [];
    while (rows.length < count) {
      if (this.next === this.records.length) {
        const chunk = await this.csv.batches.next();
        if (chunk.done) break;
        this.records = chunk.value;
        this.next = 0;
        continue;
      }
      const record = this.records[this.next++];
      if (this.rejected.has(record.line)) continue;
      const row = parseRow(this.format, this.csv.columns, record, this.rejected)!;
      if (this.format.repeatedRowsAreDistinct) {
        const n = this.occurrences.get(row.allegation.key) ?? 0;
        this.occurrences.set(row.allegation.key, n + 1);
        row.allegation.key = `${row.allegation.key}/${n}`;
      }
      rows.push(row);
    }
    return rows;
  }

  /** Closes the file (when the import stops early). */
  async close(): Promise<void> {
    await this.csv.batches.return(undefined);
  }
}

/** The record as a row, or null after noting why it was rejected. */
function parseRow(format: ImportFormat, columns: Record<string, number>, record: CsvRecord, rejected: Map<number, string>): ImportRow | null {
  if (record.error !== undefined) {
    rejected.set(record.line, record.error);
    return null;
  }
  try {
    return format.parse(new Cells(record.cells, columns), record.line);
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    rejected.set(record.line, error.message);
    return null;
  }
}

function trackSubject(subjects: Map<string, SubjectFacts>, row: ImportRow): void {
  const key = `${row.investigation.key}\u0000${row.officer.force}\u0000${row.officer.serviceNumber}`;
  let facts = subjects.get(key);
  if (!facts) {
    facts = {
      lines: [], outcome: null, allegations: [],
      label: `officer ${row.officer.serviceNumber} (${row.officer.force}) in investigation ${row.investigation.key}`,
    };
    subjects.set(key, facts);
  }
  facts.lines.push(row.line);
  facts.allegations.push({ severity: row.allegation.severity, finding: row.allegation.finding });
  if (row.outcome && !facts.outcome) facts.outcome = { line: row.line, value: row.outcome };
}
