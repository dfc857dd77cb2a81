import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from '../columns.js';

/** Bulk imports sent over HTTP: their status and report, readable from any instance. */
export class CreateImportJobs1764000000450 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(new Table({
      name: 'import_jobs',
      columns: [
        col.id(), col.text('status', 20), col.text('format', 20), col.text('file_name', 255),
        col.bool('dry_run', false), col.bool('skip_invalid', false), col.ref('created_by'),
        col.instant('created_at'), col.instant('updated_at'), col.instant('finished_at', true),
        col.text('phase', 20, true), col.int('percent', false, 0), col.json('report'), col.text('error', 1000, true),
      ],
      indices: [new TableIndex({ name: 'ix_import_jobs_created_by', columnNames: ['created_by'] })],
      foreignKeys: [new TableForeignKey({ columnNames: ['created_by'], referencedTableName: 'users', referencedColumnNames: ['id'] })],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('import_jobs');
  }
}
