import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { lastCheckpoint } from '../audit/audit-checkpoints.js';
import { auditFiles } from '../audit/audit-files.js';
import { readChainHead, verifyAuditLog } from '../audit/audit-verify.js';
import { createDataSource } from '../app-data-source.js';
import { InstanceLock } from '../database/instance-lock.js';
import { BackupError, integrityOf, sqlitePath, syncToDisk } from './backup.command.js';
import type { CliCommand } from './cli-command.js';

export interface RestoreSummary {
  /** Where the database that was replaced now is (kept, never deleted); null if there was none. */
  previous: string | null;
  auditHead: { seq: number; hash: string } | null;
  /** The newest event a signed checkpoint records, if beyond the restored log: those events are lost. */
  lostAfter?: { seq: number; checkpointSeq: number; at: string };
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** Moves a database and its WAL aside under one name; the shared-memory index is dropped (SQLite rebuilds it). */
function moveAside(databasePath: string): string | null {
  if (!existsSync(databasePath)) return null;
  const aside = `${databasePath}.before-restore-${stamp()}`;
  renameSync(databasePath, aside);
  if (existsSync(`${databasePath}-wal`)) renameSync(`${databasePath}-wal`, `${aside}-wal`);
  rmSync(`${databasePath}-shm`, { force: true });
  return aside;
}

/**
 * Restores a backup into a stopped instance. Refuses while a server holds the database (the
 * instance lock, held for the whole restore so none can start meanwhile); checks the backup's
 * integrity and its audit chain on a copy beside the database before anything is replaced;
 * keeps the replaced database as `<db>.before-restore-<time>`.
 */
export async function restoreSqlite(databasePath: string, backupFile: string, checkpointFile: string, keyFile: string): Promise<RestoreSummary> {
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new BackupError(`no backup at ${source}`);
  const lock = InstanceLock.acquire({ type: 'sqlite', path: databasePath }, 'restore')!;
  const staged = `${databasePath}.restoring-${process.pid}`;
  try {
    const integrity = integrityOf(source);
    if (!integrity.ok) throw new BackupError(`${source} failed its integrity check, nothing was restored: ${integrity.problems.slice(0, 5).join('; ')}`);
    copyFileSync(source, staged);
    const dataSource = await createDataSource({ type: 'sqlite', path: staged }).initialize();
    let auditHead: RestoreSummary['auditHead'];
    try {
      const tables = (await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'") as Array<{ name: string }>).map((t) => t.name);
      if (!tables.includes('audit_events') || !tables.includes('migrations')) throw new BackupError(`${source} is not a Probity database, nothing was restored`);
      auditHead = await readChainHead(dataSource.manager);
      // The chain alone: the checkpoints are compared below, where a gap is expected.
      const chain = await verifyAuditLog({ dataSource, head: auditHead, checkpointLines: [], key: undefined, keyFile });
      if (!chain.ok) throw new BackupError(`the audit log in ${source} is damaged (${chain.problem}), nothing was restored`);
    } finally {
      await dataSource.destroy();
    }
    syncToDisk(staged);
    const previous = moveAside(databasePath);
    renameSync(staged, databasePath);
    syncToDisk(dirname(resolve(databasePath)));
    const summary: RestoreSummary = { previous, auditHead };
    const checkpoint = lastCheckpoint(checkpointFile);
    if (checkpoint && checkpoint.seq > (auditHead?.seq ?? 0)) {
      summary.lostAfter = { seq: auditHead?.seq ?? 0, checkpointSeq: checkpoint.seq, at: checkpoint.at };
    }
    return summary;
  } finally {
    rmSync(staged, { force: true });
    rmSync(`${staged}-wal`, { force: true });
    rmSync(`${staged}-shm`, { force: true });
    lock.release();
  }
}

/** `npm run cli -- restore <file>`: the server must be stopped. */
export const restore: CliCommand = {
  name: 'restore',
  summary: 'restore a backup into the SQLite database of a stopped instance (the replaced one is kept aside)',
  usage: '<file>',
  positionals: 1,
  async run(ctx, { positionals: [backupFile] }) {
    const files = auditFiles(ctx.config);
    const summary = await restoreSqlite(sqlitePath(ctx.config.db, 'restore'), backupFile, files.checkpointFile, files.keyFile);
    const head = summary.auditHead ? `audit events up to ${summary.auditHead.seq}` : 'no audit events';
    ctx.print(`restored ${resolve(backupFile)} (integrity ok, audit chain ok, ${head})`);
    if (summary.previous) ctx.print(`the database it replaced is kept as ${summary.previous}`);
    if (summary.lostAfter) {
      ctx.print(
        `WARNING: the checkpoint signed at ${summary.lostAfter.at} records audit event ${summary.lostAfter.checkpointSeq}; ` +
        `this backup ends at ${summary.lostAfter.seq}. Events ${summary.lostAfter.seq + 1}–${summary.lostAfter.checkpointSeq} are not in it, ` +
        `and audit:verify will say so until ${files.checkpointFile} is moved aside (keep it as evidence of this restore).`,
      );
    }
  },
};
