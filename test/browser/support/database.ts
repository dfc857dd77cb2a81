import Database from 'better-sqlite3';

/**
 * Reads the running server's SQLite file (read-only, beside the server's own connection: WAL
 * lets both), to check what a browser action wrote.
 */
export function query<T = Record<string, unknown>>(databaseFile: string, sql: string, params: unknown[] = []): T[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The number of rows in `table` (optionally matching `where`). */
export function count(databaseFile: string, table: string, where = '1 = 1', params: unknown[] = []): number {
  return query<{ n: number }>(databaseFile, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params)[0].n;
}
