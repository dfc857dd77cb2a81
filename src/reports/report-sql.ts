import type { DataSource } from 'typeorm';

/**
 * The few places where the reports' SQL differs between SQLite and PostgreSQL, in one place.
 *
 * Percentiles use the nearest-rank method on both engines: the p-th percentile of n values is
 * the value at position ceil(p × n) (1-based) in ascending order, so it is always one of the
 * data values (no interpolation). PostgreSQL's percentile_disc is exactly that definition
 * (percentile_cont would interpolate and disagree with SQLite). SQLite has neither, so the
 * value is picked with ORDER BY … LIMIT 1 OFFSET rank − 1, the rank computed from a COUNT of
 * the same materialised rows, in integer arithmetic: ceil(n/2) = (n+1)/2 and
 * ceil(9n/10) = (9n+9)/10. The 90th percentile is read from the top end (ORDER BY DESC,
 * OFFSET n − rank), which lets SQLite keep only the top tenth while sorting.
 */
export class ReportSql {
  readonly postgres: boolean;

  constructor(dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  /**
   * A column SQLite must not drive the query through. SQLite would otherwise answer
   * `x IN (subquery)` by looking each listed id up in x's index and then reading the row: for a
   * broad filter (a third of 1M allegations) that is far slower than scanning the covering
   * report index and probing the list, and unary + is SQLite's documented way to say so.
   * PostgreSQL's planner makes that choice itself (and has no unary + for text).
   */
  unindexed(column: string): string {
    return this.postgres ? column : `+${column}`;
  }

  /** Whole days from `from` to `to`, both `date` columns. */
  daysBetween(from: string, to: string): string {
    return this.postgres ? `(${to} - ${from})` : `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`;
  }

  /**
   * A `date` column as 'YYYY-MM-DD' text. The pg driver turns raw `date` values into
   * JavaScript Dates at local midnight (shifting the day in some time zones); SQLite holds text.
   */
  dayText(day: string): string {
    return this.postgres ? `to_char(${day}, 'YYYY-MM-DD')` : day;
  }

  /** The calendar year of a `date` expression, as an integer. */
  yearOf(day: string): string {
    return this.postgres ? `CAST(EXTRACT(YEAR FROM ${day}) AS INTEGER)` : `CAST(substr(${day}, 1, 4) AS INTEGER)`;
  }

  /**
   * One row {n, median, p90} over column `v` of `valuesSql` (a SELECT with named parameters).
   */
  medianAndP90(valuesSql: string): string {
    // Names of its own, so they cannot clash with tables or aliases inside `valuesSql`.
    if (this.postgres) {
      return `SELECT COUNT(*) AS n,
          percentile_disc(0.5) WITHIN GROUP (ORDER BY report_values.v) AS median,
          percentile_disc(0.9) WITHIN GROUP (ORDER BY report_values.v) AS p90
        FROM (${valuesSql}) report_values`;
    }
    return `WITH report_values AS MATERIALIZED (${valuesSql}),
        report_count AS MATERIALIZED (SELECT COUNT(*) AS n FROM report_values)
      SELECT (SELECT n FROM report_count) AS n,
        (SELECT v FROM report_values ORDER BY v LIMIT 1 OFFSET (SELECT (n + 1) / 2 - 1 FROM report_count)) AS median,
        (SELECT v FROM report_values ORDER BY v DESC LIMIT 1 OFFSET (SELECT n - (9 * n + 9) / 10 FROM report_count)) AS p90`;
  }
}

/** COUNT and SUM come back as strings from PostgreSQL (bigint, numeric) and numbers from SQLite. */
export const toCount = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
