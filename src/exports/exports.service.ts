import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { RuleViolationError } from '../common/errors/domain-errors.js';
import { requestContext } from '../common/http/request-context.js';
import { Pseudonymiser, type OfficerPseudonym } from '../common/privacy/pseudonymiser.js';
import { ReadQueries } from '../database/read-queries.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { ExportQuery } from './dto/export-query.dto.js';
import {
  DATASETS, EXPORT_FILTERS, type DatasetSpec, type ExportColumn, type ExportDataset, type ExportFilters, type ExportFormat,
} from './export-datasets.js';
import { encode, type RawRow } from './export-encoders.js';

/** A column of the export: its SQL, its header, what happens to its values. */
interface SelectedColumn {
  header: string;
  sql: string;
  convert?: (value: unknown) => unknown;
}

/** One page's SQL (`?` placeholders; the last is the key to start after), its other parameters, and the key to start from. */
interface PageQuery {
  sql: string;
  parameters: Array<string | number>;
  columnCount: number;
  firstKey: string | number;
}

export interface ExportFile {
  stream: Readable;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

const pad = (n: number) => String(n).padStart(2, '0');
/** PostgreSQL's driver parses `date` columns into a local-midnight Date; SQLite returns the text. */
const asDay = (value: unknown): unknown =>
  value instanceof Date ? `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}` : value;

/**
 * Streams a table out in constant memory: pages of PAGE_SIZE rows, each starting after the
 * last key seen (keyset paging, see pageQuery), encoded as they arrive. Every export is
 * recorded as a disclosure.
 *
 * Small pages keep the peak flat: a page of 2,000 rows lived long enough to be promoted to
 * the old generation, where a million rows piled up until a full collection; pages of 500
 * die young (npm run bench reports the export's peak memory).
 */
@Injectable()
export class ExportsService {
  /** Rows per page (a static field, so a test can make pages small). */
  static PAGE_SIZE = 500;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly pseudonymiser: Pseudonymiser,
    private readonly reads: ReadQueries,
  ) {}

  async export(dataset: ExportDataset, format: ExportFormat, query: ExportQuery, actor: AuthUser): Promise<ExportFile> {
    const spec = DATASETS[dataset];
    const filters = applicableFilters(dataset, spec, query);
    const pseudonymise = query.pseudonymise === true;
    const postgres = this.dataSource.options.type === 'postgres';
    const columns = outputColumns(spec, await this.pseudonymiser.officersIf(pseudonymise), postgres);
    const pages = this.audited(this.pages(pageQuery(spec, columns, filters, query.includeArchived === true, !postgres)), actor, {
      dataset, format, filters, includeArchived: query.includeArchived === true, pseudonymised: pseudonymise,
    });
    return {
      stream: encode(pages, columns.map(({ header, convert }) => ({ header, convert })), format),
      contentType: CONTENT_TYPES[format],
      filename: `probity-${dataset}-${new Date().toISOString().slice(0, 10)}.${format}`,
    };
  }

  /**
   * The rows as arrays (the output columns in order, then the key), a page at a time; nothing
   * is read until the response asks for it. Read through ReadQueries (on SQLite its read-only
   * connection, which sees only committed rows).
   */
  private async *pages(query: PageQuery): AsyncGenerator<RawRow[]> {
    const width = query.columnCount;
    let after = query.firstKey;
    for (;;) {
      const page = await this.reads.arrays(query.sql, [...query.parameters, after]);
      if (page.length) {
        after = page[page.length - 1][width] as string | number;
        // The key is for paging only: rows leave with the output columns alone.
        for (const row of page) row.length = width;
        yield page;
      }
      if (page.length < ExportsService.PAGE_SIZE) return;
    }
  }

  /**
   * Counts what was sent and records the disclosure when the export ends, before the
   * response does: a download that completed has its audit event. One that failed or was
   * abandoned is recorded too, with the rows sent so far and complete: false.
   */
  private async *audited(pages: AsyncGenerator<RawRow[]>, actor: AuthUser, detail: Record<string, unknown>): AsyncGenerator<RawRow[]> {
    const context = requestContext.getStore();
    let sent = 0;
    let complete = false;
    try {
      for await (const page of pages) {
        yield page;
        sent += page.length;
      }
      complete = true;
    } finally {
      const record = () => this.uow.run((em) => this.audit.record(em, {
        actor, action: 'export.disclosed', entityType: 'export', entityId: String(detail.dataset),
        detail: { ...detail, rows: sent, complete },
      }));
      // Reads resume on the response's stream callbacks, outside the request's context.
      await (context ? requestContext.run(context, record) : record());
    }
  }
}

/** The filters given, each checked to apply to the dataset (a 422 names the one that does not). */
function applicableFilters(dataset: ExportDataset, spec: DatasetSpec, query: ExportQuery): ExportFilters {
  const filters: ExportFilters = {};
  for (const name of EXPORT_FILTERS) {
    const value = query[name];
    if (value === undefined) continue;
    if (!spec.filters[name]) {
      const accepted = Object.keys(spec.filters).join(', ');
      throw new RuleViolationError(`the filter ${name} does not apply to the ${dataset} export (it accepts: ${accepted})`, { field: name });
    }
    filters[name] = value;
  }
  return filters;
}

/**
 * The columns written, with what must happen to their values: officer pseudonyms (and the
 * identifying columns left out), and on PostgreSQL days (its driver hands `date` columns over
 * as Dates; SQLite returns the text).
 */
function outputColumns(spec: DatasetSpec, pseudonym: OfficerPseudonym | null, datesAsObjects: boolean): SelectedColumn[] {
  return spec.columns
    .filter((column: ExportColumn) => !(pseudonym && column.officer === 'identity'))
    .map((column) => ({
      header: column.header,
      sql: column.sql,
      convert: pseudonym && column.officer === 'id'
        ? (value: unknown) => (typeof value === 'string' ? pseudonym(value) : value)
        : column.kind === 'day' && datesAsObjects ? asDay : undefined,
    }));
}

/**
 * The page query, built from the dataset's own SQL fragments: the output columns (c0…),
 * the key last, the filters as bound parameters, then `key > ? ORDER BY key LIMIT` (keyset
 * paging: every page is an index range scan, however deep into the table).
 *
 * The key is the row's id on PostgreSQL. On SQLite it is the rowid: the table's own order,
 * one B-tree walk a row fewer than through the id index. Rowids stay put: records are archived, never deleted, and Probity never VACUUMs
 * (backups use VACUUM INTO, which leaves the source as it is).
 */
function pageQuery(spec: DatasetSpec, columns: SelectedColumn[], filters: ExportFilters, includeArchived: boolean, sqlite: boolean): PageQuery {
  const key = sqlite ? `${spec.alias}.rowid` : `${spec.alias}.id`;
  const parameters: Array<string | number> = [];
  const conditions: string[] = [];
  for (const [name, value] of Object.entries(filters)) {
    parameters.push(value);
    conditions.push(spec.filters[name as keyof ExportFilters]!.replaceAll(':value', '?'));
  }
  if (spec.archivedColumn && !includeArchived) conditions.push(`${spec.archivedColumn} IS NULL`);
  conditions.push(`${key} > ?`);
  const joins = spec.joins
    .filter((j) => !j.onlyFor || j.onlyFor.some((name) => filters[name] !== undefined))
    .map((j) => `${j.optional ? 'LEFT JOIN' : 'INNER JOIN'} ${j.table} ${j.alias} ON ${j.on}`);
  const sql = `SELECT ${columns.map((c, n) => `${c.sql} AS c${n}`).join(', ')}, ${key} AS k FROM ${spec.table} ${spec.alias} ${joins.join(' ')} `
    + `WHERE ${conditions.join(' AND ')} ORDER BY ${key} LIMIT ${ExportsService.PAGE_SIZE}`;
  return { sql, parameters, columnCount: columns.length, firstKey: sqlite ? 0 : '' };
}
