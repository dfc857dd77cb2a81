import { join, parse } from 'node:path';
import type { AppConfig, DatabaseConfig } from '../config/app.config.js';

/** Where the audit signing key and the signed checkpoints live: files, never the database. */
export interface AuditFiles {
  keyFile: string;
  checkpointFile: string;
  checkpointIntervalSeconds: number;
}

/**
 * AUDIT_CHECKPOINT_FILE, or by default one file per database: beside a SQLite file
 * (data/probity.sqlite → data/probity.audit-checkpoints.jsonl, so the demo database keeps
 * its own), else data/audit-checkpoints.jsonl. Checkpoints of two databases must never share
 * a file: each would look like the other's tampering.
 */
export function defaultCheckpointFile(db: DatabaseConfig): string {
  if (db.type === 'sqlite' && db.path !== ':memory:') {
    const { dir, name } = parse(db.path);
    return join(dir, `${name}.audit-checkpoints.jsonl`);
  }
  return join('data', 'audit-checkpoints.jsonl');
}

export function auditFiles(config: AppConfig): AuditFiles {
  return {
    keyFile: config.audit.keyFile,
    checkpointFile: config.audit.checkpointFile || defaultCheckpointFile(config.db),
    checkpointIntervalSeconds: config.audit.checkpointIntervalSeconds,
  };
}
