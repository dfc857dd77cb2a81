import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { RuleViolationError } from '../common/errors/domain-errors.js';
import { requestContext } from '../common/http/request-context.js';
import { Pseudonymiser, type OfficerPseudonym } from '../common/privacy/pseudonymiser.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { ExportQuery } from './dto/export-query.dto.js';
import {
  DATASETS, EXPORT_FILTERS, type DatasetSpec, type ExportColumn, type ExportDataset, type ExportFilters, type ExportFormat,
} from './export-datasets.js';
import { encode, type OutputColumn, type RawRow } from './export-encoders.js';

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
 * last id seen (keyset paging: every page is an index range scan, however deep into the
 * table), encoded as they arrive. Every export is recorded as a disclosure.
 */
@Injectable()
export class ExportsService {
  static readonly PAGE_SIZE = 2000;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly pseudonymiser: Pseudonymiser,
  ) {}

  async export(dataset: ExportDataset, format: ExportFormat, query: ExportQuery, actor: AuthUser): Promise<ExportFile> {
    const spec = DATASETS[dataset];
    const filters = applicableFilters(dataset, spec, query);
    const pseudonymise = query.pseudonymise === true;
    const columns = outputColumns(spec, pseudonymise ? await this.pseudonymiser.officers() : null, this.dataSource.options.type === 'postgres');
    const pages = this.audited(this.pages(spec, filters, query.includeArchived === true), actor, {
      dataset, format, filters, includeArchived: query.includeArchived === true, pseudonymised: pseudonymise,
    });
    return {
      stream: encode(pages, columns, format),
      contentType: CONTENT_TYPES[format],
      filename: `probity-${dataset}-${new Date().toISOString().slice(0, 10)}.${format}`,
    };
  }

  /** The rows, a page at a time; nothing is read until the response asks for it. */
  private async *pages(spec: DatasetSpec, filters: ExportFilters, includeArchived: boolean): AsyncGenerator<RawRow[]> {
    const key = `${spec.alias}.id`;
    const qb = this.dataSource.createQueryBuilder().from(spec.table, spec.alias).select(key, 'k');
    for (const join of spec.joins) {
      if (join.optional) qb.leftJoin(join.table, join.alias, join.on);
      else qb.innerJoin(join.table, join.alias, join.on);
    }
    spec.columns.forEach((column, n) => qb.addSelect(column.sql, `c${n}`));
    for (const [name, value] of Object.entries(filters)) {
      qb.andWhere(spec.filters[name as keyof ExportFilters]!.replaceAll(':value', `:${name}`), { [name]: value });
    }
    if (spec.archivedColumn && !includeArchived) qb.andWhere(`${spec.archivedColumn} IS NULL`);
    qb.andWhere(`${key} > :after`).orderBy(key, 'ASC').limit(ExportsService.PAGE_SIZE);

    let after = '';
    for (;;) {
      const page: RawRow[] = await qb.setParameter('after', after).getRawMany();
      if (page.length) {
        after = page[page.length - 1].k as string;
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
 * The columns written, with what must happen to their values: officer pseudonyms, and on
 * PostgreSQL days (its driver hands `date` columns over as Dates; SQLite returns the text).
 */
function outputColumns(spec: DatasetSpec, pseudonym: OfficerPseudonym | null, datesAsObjects: boolean): OutputColumn[] {
  const output: OutputColumn[] = [];
  spec.columns.forEach((column: ExportColumn, n) => {
    if (pseudonym && column.officer === 'identity') return;
    const convert = pseudonym && column.officer === 'id'
      ? (value: unknown) => (typeof value === 'string' ? pseudonym(value) : value)
      : column.kind === 'day' && datesAsObjects ? asDay : undefined;
    output.push({ header: column.header, key: `c${n}`, convert });
  });
  return output;
}
