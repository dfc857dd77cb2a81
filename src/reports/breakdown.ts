import type { Breakdown } from './dto/summary.response.js';
import type { GroupCount } from './report-queries.js';

/** Key for outcomes with no sanction in `bySanction`, so the breakdown sums to the total. */
export const NO_SANCTION = 'none';

/**
 * Adds up grouped counts by one column into a breakdown. `known` values are listed even when
 * zero (so every report has the same keys); values outside them (imported data) are added.
 * Null values are skipped unless `nullKey` names them.
 */
export function breakdown(groups: GroupCount[], column: string, known: readonly string[] = [], nullKey?: string): Breakdown {
  const cells: Breakdown = Object.fromEntries(known.map((value) => [value, 0]));
  for (const { key, n } of groups) {
    const value = key[column] ?? nullKey;
    if (value !== undefined) cells[value] = (cells[value] ?? 0) + n;
  }
  return cells;
}

/** The sum of grouped counts. */
export const total = (groups: GroupCount[]): number => groups.reduce((sum, group) => sum + group.n, 0);
