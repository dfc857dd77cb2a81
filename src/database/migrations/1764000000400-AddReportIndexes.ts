import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for the analyst reports (src/reports), sized for a million allegations on SQLite.
 *
 * - The summary groups allegations, outcomes and investigations by their report dimensions.
 *   Covering indexes in GROUP BY order let SQLite answer from the index alone, in order, with
 *   no table reads and no sort, far faster than a table scan (README, Benchmarks).
 *   Each replaces the single-column index it starts with (same prefix, so nothing loses it).
 * - Records under an archived investigation or subject are left out of reports. The reports
 *   count those few rows from these partial indexes (only archived rows are in them) and
 *   subtract them, instead of checking a million rows against the archived list.
 * - The early-intervention list counts allegations per officer in a date window.
 */
const REPORT_INDEXES: Array<{ table: string; replaces?: TableIndex; index: TableIndex }> = [
  {
    table: 'allegations',
    replaces: new TableIndex({ name: 'ix_allegations_category', columnNames: ['category'] }),
    index: new TableIndex({
      name: 'ix_allegations_report',
      columnNames: ['category', 'severity', 'finding', 'source_category', 'source_finding', 'archived_at', 'investigation_id', 'subject_id'],
    }),
  },
  {
    table: 'allegations',
    index: new TableIndex({ name: 'ix_allegations_alleged_on', columnNames: ['alleged_on', 'officer_id', 'archived_at'] }),
  },
  {
    table: 'outcomes',
    replaces: new TableIndex({ name: 'ix_outcomes_type', columnNames: ['type'] }),
    index: new TableIndex({
      name: 'ix_outcomes_report',
      columnNames: ['type', 'sanction', 'source_outcome', 'archived_at', 'investigation_id', 'subject_id'],
    }),
  },
  {
    table: 'investigations',
    replaces: new TableIndex({ name: 'ix_investigations_status', columnNames: ['status'] }),
    index: new TableIndex({ name: 'ix_investigations_report', columnNames: ['status', 'mode', 'archived_at'] }),
  },
  {
    table: 'investigations',
    index: new TableIndex({ name: 'ix_investigations_archived', columnNames: ['id'], where: 'archived_at IS NOT NULL' }),
  },
  {
    table: 'subjects',
    index: new TableIndex({ name: 'ix_subjects_archived', columnNames: ['id'], where: 'archived_at IS NOT NULL' }),
  },
];

export class AddReportIndexes1764000000400 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    for (const { table, replaces, index } of REPORT_INDEXES) {
      await qr.createIndex(table, index);
      if (replaces) await qr.dropIndex(table, replaces);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const { table, replaces, index } of [...REPORT_INDEXES].reverse()) {
      if (replaces) await qr.createIndex(table, replaces);
      await qr.dropIndex(table, index);
    }
  }
}
