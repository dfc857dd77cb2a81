import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { ReportSql } from './report-sql.js';

const sqlite = new ReportSql({ options: { type: 'better-sqlite3' } } as DataSource);
const postgres = new ReportSql({ options: { type: 'postgres' } } as DataSource);

/** The definition: the value at position ceil(p × n) (1-based) of the sorted values. */
const nearestRank = (values: number[], p: number): number | null =>
  values.length ? [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1] : null;

describe('report SQL dialects', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE d (x INTEGER)');

  afterAll(() => db.close());

  it('picks the nearest-rank median and 90th percentile on SQLite, for every n from 0 to 25', () => {
    for (let n = 0; n <= 25; n++) {
      db.exec('DELETE FROM d');
      // Distinct shuffled values (and some repeats) so a wrong rank shows up as a wrong value.
      const values = Array.from({ length: n }, (_, i) => ((i * 7919) % 31) * 3 + (i % 3));
      for (const v of values) db.prepare('INSERT INTO d VALUES (?)').run(v);
      const row = db.prepare(sqlite.medianAndP90('SELECT x AS v FROM d')).get() as { n: number; median: number | null; p90: number | null };
      expect(row).toEqual({ n, median: nearestRank(values, 0.5), p90: nearestRank(values, 0.9) });
    }
  });

  it('uses percentile_disc on PostgreSQL: the same nearest-rank definition, never interpolated', () => {
    const sql = postgres.medianAndP90('SELECT 1 AS v');
    expect(sql).toContain('percentile_disc(0.5) WITHIN GROUP (ORDER BY report_values.v)');
    expect(sql).toContain('percentile_disc(0.9) WITHIN GROUP (ORDER BY report_values.v)');
    expect(sql).not.toContain('percentile_cont');
  });

  it('counts whole days and years in each dialect', () => {
    const row = db.prepare(`SELECT ${sqlite.daysBetween("'2024-02-15'", "'2024-08-15'")} AS days, ${sqlite.yearOf("'2024-02-15'")} AS year`).get();
    expect(row).toEqual({ days: 182, year: 2024 });
    expect(postgres.daysBetween('a', 'b')).toBe('(b - a)');
    expect(postgres.dayText('x')).toBe("to_char(x, 'YYYY-MM-DD')");
    expect(sqlite.dayText('x')).toBe('x');
  });
});
