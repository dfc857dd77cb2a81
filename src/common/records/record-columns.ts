import { Column, PrimaryColumn } from 'typeorm';

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
