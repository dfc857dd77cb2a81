/** SQLite: busy waits are kept short so a locked database answers 503 quickly instead of hanging. */
export const SQLITE_BUSY_TIMEOUT_MS = 2000;

/** Set on every SQLite connection that writes: WAL, every commit synced, foreign keys enforced. */
export const SQLITE_CONNECTION_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON'];

/**
 * SQLite settings while an import writes (see UnitOfWork.whileBulkWriting; also the
 * benchmark's raw baseline): a larger page cache and a rarer WAL checkpoint.
 */
export const BULK_WRITE_SETTINGS: Array<[string, number]> = [['cache_size', -262_144], ['wal_autocheckpoint', 50_000]];
