import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { DatabaseConfig } from '../config/app.config.js';

/**
 * SQLite mode is one Probity process per database file: writes are serialised inside the
 * process (UnitOfWork), not across processes. Several instances need PostgreSQL.
 *
 * The lock is a SQLite-level one: an exclusive transaction held open on a small file beside
 * the database (`<db>-instance.lock`). The operating system drops it when the process dies,
 * however it dies, so a crashed instance never leaves a stale lock behind, and SQLite also
 * tells two connections of the same process apart (two apps in one test process conflict).
 * Who holds it is written to `<db>-instance.pid`, for the error message only.
 */
export class InstanceLockedError extends Error {}

/** What the holder is doing: running the server, or restoring a backup over the database. */
export type LockPurpose = 'server' | 'restore';

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  purpose: LockPurpose;
}

export class InstanceLock {
  private constructor(private readonly connection: Database.Database, private readonly holderFile: string) {}

  static lockFile(databasePath: string): string {
    return `${databasePath}-instance.lock`;
  }

  /**
   * Takes the lock on a SQLite database for this process (null for PostgreSQL, which needs
   * none). Throws InstanceLockedError naming the holder if another instance has it.
   */
  static acquire(db: DatabaseConfig, purpose: LockPurpose = 'server'): InstanceLock | null {
    if (db.type !== 'sqlite' || db.path === ':memory:') return null;
    const lockFile = InstanceLock.lockFile(db.path);
    const holderFile = `${db.path}-instance.pid`;
    // timeout 0: fail at once instead of waiting for the other instance to stop.
    const connection = new Database(lockFile, { timeout: 0 });
    try {
      // Rollback-journal mode: BEGIN EXCLUSIVE takes the file lock immediately and keeps it.
      connection.pragma('journal_mode = DELETE');
      connection.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      connection.close();
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      throw new InstanceLockedError(InstanceLock.refusal(db.path, holderFile, purpose));
    }
    const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), purpose };
    writeFileSync(holderFile, `${JSON.stringify(holder)}\n`);
    return new InstanceLock(connection, holderFile);
  }

  private static refusal(databasePath: string, holderFile: string, purpose: LockPurpose): string {
    let who = 'another Probity process';
    try {
      const holder = JSON.parse(readFileSync(holderFile, 'utf8')) as LockHolder;
      who = `another Probity process (${holder.purpose}, pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
    } catch {
      // No holder file yet: the generic wording will do.
    }
    if (purpose === 'restore') {
      return `${who} is using the SQLite database ${databasePath}: refusing to restore over a database in use. Stop it first, then restore.`;
    }
    return `${who} is using the SQLite database ${databasePath}: refusing to start a second instance. ` +
      'SQLite mode runs one process per database file; stop the other one, or use PostgreSQL (DATABASE_URL=postgres://…) to run several instances.';
  }

  get held(): boolean {
    return this.connection.open;
  }

  release(): void {
    if (!this.connection.open) return;
    rmSync(this.holderFile, { force: true });
    this.connection.close();
  }
}
