import { Column, PrimaryColumn } from 'typeorm';
import { newId, now } from '../../database/columns.js';

/**
 * Columns every case record carries: identity, optimistic version (exposed as the ETag),
 * who created it, and archiving in place of deletion (nothing is ever hard-deleted).
 */
export abstract class CaseRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @Column({ name: 'archived_at', type: 'varchar', length: 30, nullable: true }) archivedAt!: string | null;
  @Column({ name: 'archived_by', type: 'varchar', length: 36, nullable: true }) archivedBy!: string | null;
  @Column({ name: 'archive_reason', type: 'varchar', length: 1000, nullable: true }) archiveReason!: string | null;
}

/** Where an imported record came from: its source format and its key there (idempotent re-imports). */
export abstract class ImportableRecord extends CaseRecord {
  @Column({ type: 'varchar', length: 20, nullable: true }) source!: string | null;
  @Column({ name: 'source_key', type: 'varchar', length: 120, nullable: true }) sourceKey!: string | null;
}

/** A version-counted row as first written: version 1, created and last updated at `at`. */
export const firstVersion = (at: string) => ({ version: 1, createdAt: at, updatedAt: at });

/** The bookkeeping columns every record a writer creates shares: live (not archived), from `source` if imported. */
export type RecordBookkeeping = Pick<ImportableRecord,
  'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'archivedAt' | 'archivedBy' | 'archiveReason' | 'source'>;

export function recordBookkeeping(createdBy: string | null, at: string, source: string | null = null): RecordBookkeeping {
  return { ...firstVersion(at), createdBy, archivedAt: null, archivedBy: null, archiveReason: null, source };
}

/** The columns of a record created here (not imported) besides its own fields: a new id and the bookkeeping. */
export function newRecordColumns(createdBy: string | null, at: string = now()): RecordBookkeeping & Pick<ImportableRecord, 'id' | 'sourceKey'> {
  return { id: newId(), ...recordBookkeeping(createdBy, at), sourceKey: null };
}
