import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImportReport } from './import-report.js';

export enum ImportJobStatus {
  Queued = 'queued',
  Running = 'running',
  /** Finished: the valid rows are in (and, with skipInvalid, the rejected ones listed). */
  Completed = 'completed',
  /** Bad rows and no skipInvalid (or a bad file): nothing was written. */
  Rejected = 'rejected',
  /** Stopped by an error; batches committed before it stay (a re-run adds only what is missing). */
  Failed = 'failed',
}

/**
 * An import sent over HTTP. Kept in the database, not in memory, so any instance behind a
 * load balancer can answer GET /api/imports/:jobId; the import itself runs on the instance
 * that received the file.
 */
@Entity('import_jobs')
export class ImportJob {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 20 }) status!: ImportJobStatus;
  @Column({ type: 'varchar', length: 20 }) format!: string;
  @Column({ name: 'file_name', type: 'varchar', length: 255 }) fileName!: string;
  @Column({ name: 'dry_run', type: 'boolean' }) dryRun!: boolean;
  @Column({ name: 'skip_invalid', type: 'boolean' }) skipInvalid!: boolean;
  @Column({ name: 'created_by', type: 'varchar', length: 36 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'updated_at', type: 'varchar', length: 30 }) updatedAt!: string;
  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true }) finishedAt!: string | null;
  /** While running: validating or writing, and how far through that phase (0-100). */
  @Column({ type: 'varchar', length: 20, nullable: true }) phase!: string | null;
  @Column({ type: 'integer' }) percent!: number;
  @Column({ type: 'simple-json', nullable: true }) report!: ImportReport | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) error!: string | null;
}
