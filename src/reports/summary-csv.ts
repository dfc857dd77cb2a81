import { csvLines } from '../common/csv/csv-text.js';
import type { SummaryResponse } from './dto/summary.response.js';

export type LongRow = [section: string, key: string, value: string | number | null];

/**
 * The summary in long format, one figure per row: `section,key,value`, e.g.
 * `allegations.byCategory,use_of_force,12`. Scalars of a section are keyed by their own name
 * (`investigations,total,40`); the report's parameters come first (`report,asOf,…`,
 * `filter,station,…`). Every value is a count, a number of days, a day or a filter value.
 */
export function summaryRows(summary: SummaryResponse): LongRow[] {
  const rows: LongRow[] = [['report', 'asOf', summary.asOf]];
  if (summary.suppress !== null) rows.push(['report', 'suppress', summary.suppress]);
  for (const [name, value] of Object.entries(summary.filters)) rows.push(['filter', name, String(value)]);
  const { asOf: _asOf, filters: _filters, suppress: _suppress, ...sections } = summary;
  for (const [section, content] of Object.entries(sections)) {
    if (content === undefined) continue;
    for (const [key, value] of Object.entries(content as Record<string, unknown>)) {
      if (value !== null && typeof value === 'object') {
        for (const [cell, count] of Object.entries(value as Record<string, string | number>)) rows.push([`${section}.${key}`, cell, count]);
      } else {
        rows.push([section, key, value as string | number | null]);
      }
    }
  }
  return rows;
}

/**
 * RFC 4180 CSV with a header row and CRLF line ends. Keys can be imported source values, so
 * text cells starting with =, +, -, @, tab or CR get a leading single quote (never run as
 * spreadsheet formulas); numbers are written as they are.
 */
export function summaryCsv(summary: SummaryResponse): string {
  return csvLines([['section', 'key', 'value'], ...summaryRows(summary)]);
}
