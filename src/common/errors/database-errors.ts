/** Recognises driver errors by code, on both engines, without exposing their text. */
function driverCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A unique index refused the write. Checking first and inserting second is not enough on
 * PostgreSQL, where two transactions can both pass the check: the index has the last word.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** SQLite answers "busy"/"locked" when another process holds the write lock too long. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT';
}

export function isDiskFull(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'SQLITE_FULL' || code === '53100';
}
