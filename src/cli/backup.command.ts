import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseConfig } from '../config/app.config.js';
import type { CliCommand } from './cli-command.js';

export class BackupError extends Error {}

export interface BackupSummary {
  file: string;
  bytes: number;
  /** The last audit event in the copy: the point in time the backup stands for. */
  auditHead: { seq: number; hash: string } | null;
}

export function sqlitePath(db: DatabaseConfig, task: string): string {
  if (db.type !== 'sqlite') {
    throw new BackupError(`${task} works on a SQLite database; for PostgreSQL use pg_dump and pg_restore (see README, "Backups and audit")`);
  }
  if (db.path === ':memory:') throw new BackupError(`${task}: an in-memory database has no file`);
  return db.path;
}

/** Forces a file's content, or a directory's entries, to disk. */
export function syncToDisk(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `PRAGMA integrity_check` on a database file, opened read-only: 'ok' or the problems found. */
export function integrityOf(file: string): { ok: boolean; problems: string[] } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    return { ok: problems.length === 0, problems };
  } catch (error) {
    // Not a database at all, or too damaged to read: SQLite refuses before the check can run.
    return { ok: false, problems: [(error as Error).message] };
  } finally {
    db?.close();
  }
}

export function auditHeadOf(file: string): { seq: number; hash: string } | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of a live database: `VACUUM INTO` reads one snapshot (in WAL mode the
 * server goes on writing meanwhile) into a new, compact file. The copy is written aside,
 * checked with integrity_check, forced to disk and only then renamed into place, so a
 * backup file that exists is a complete one.
 */
export function backupSqlite(databasePath: string, target: string): BackupSummary {
  const file = resolve(target);
  if (!existsSync(databasePath)) throw new BackupError(`no database at ${databasePath}`);
  if (existsSync(file)) throw new BackupError(`${file} already exists: choose a new file name (backups are never overwritten)`);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const source = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  try {
    const integrity = integrityOf(partial);
    if (!integrity.ok) throw new BackupError(`the copy failed its integrity check: ${integrity.problems.slice(0, 5).join('; ')}`);
    syncToDisk(partial);
    renameSync(partial, file);
    syncToDisk(dirname(file));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file, bytes: statSync(file).size, auditHead: auditHeadOf(file) };
}

/** `npm run cli -- backup <file>`: safe while the server runs. */
export const backup: CliCommand = {
  name: 'backup',
  summary: 'write a consistent copy of the SQLite database (safe while the server runs)',
  usage: '<file>',
  positionals: 1,
  async run(ctx, { positionals: [target] }) {
    const summary = backupSqlite(sqlitePath(ctx.config.db, 'backup'), target);
    const head = summary.auditHead ? `audit events up to ${summary.auditHead.seq} (${summary.auditHead.hash.slice(0, 16)}…)` : 'no audit events';
    ctx.print(`backup written to ${summary.file} (${summary.bytes} bytes, integrity ok, ${head})`);
    ctx.print('Keep the audit key and checkpoint file too (AUDIT_KEY_FILE, AUDIT_CHECKPOINT_FILE): they are not in the database.');
  },
};
