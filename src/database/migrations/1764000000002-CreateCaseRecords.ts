import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { col } from '../columns.js';

/** Columns of every case record (see CaseRecord / ImportableRecord). */
const recordColumns = (): TableColumnOptions[] => [
  col.version(),
  col.instant('created_at'),
  col.instant('updated_at'),
  col.ref('created_by', true),
  col.instant('archived_at', true),
  col.ref('archived_by', true),
  col.text('archive_reason', 1000, true),
  col.text('source', 20, true),
  col.text('source_key', 120, true),
];

const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'] });
const index = (table: string, columns: string[], isUnique = false) =>
  new TableIndex({ name: `${isUnique ? 'ux' : 'ix'}_${table}_${columns.join('_')}`, columnNames: columns, isUnique });
/** Imported rows are found again by their source key (idempotent re-import). */
const sourceIndex = (table: string) => index(table, ['source', 'source_key']);

export class CreateCaseRecords1764000000002 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(new Table({
      name: 'counters',
      columns: [{ name: 'name', type: 'varchar', length: '40', isPrimary: true }, col.int('value')],
    }));

    await qr.createTable(new Table({
      name: 'officers',
      columns: [
        col.id(), col.text('force', 100), col.text('service_number', 40), col.text('given_name', 100), col.text('family_name', 100),
        col.text('rank', 60, true), col.text('unit', 120, true), col.text('station', 120, true), col.text('employment_status', 20),
        col.day('joined_on'), col.day('left_on'), col.json('source_attributes'), ...recordColumns(),
      ],
      indices: [index('officers', ['force', 'service_number'], true), index('officers', ['family_name']), index('officers', ['unit']), sourceIndex('officers')],
    }));

    await qr.createTable(new Table({
      name: 'investigations',
      columns: [
        col.id(), col.text('reference', 20), col.text('title', 200), col.text('mode', 20), col.text('origin', 40),
        col.text('operation', 120, true), col.text('status', 30), col.ref('lead_investigator_id', true),
        col.text('station', 120, true), col.text('location', 200, true), col.day('conduct_from'), col.day('conduct_to'),
        col.longText('summary'), col.day('opened_on', false), col.day('closed_on'), ...recordColumns(),
      ],
      indices: [
        index('investigations', ['reference'], true), index('investigations', ['status']), index('investigations', ['operation']),
        index('investigations', ['station']), index('investigations', ['opened_on']), index('investigations', ['lead_investigator_id']),
        sourceIndex('investigations'),
      ],
      foreignKeys: [fk('lead_investigator_id', 'users')],
    }));

    await qr.createTable(new Table({
      name: 'investigation_team_members',
      columns: [
        { name: 'investigation_id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
        col.instant('added_at'), col.ref('added_by', true),
      ],
      indices: [index('investigation_team_members', ['user_id'])],
      foreignKeys: [fk('investigation_id', 'investigations'), fk('user_id', 'users')],
    }));

    await qr.createTable(new Table({
      name: 'evidence_notes',
      columns: [col.id(), col.ref('investigation_id'), col.day('noted_on', false), col.ref('author_id', true), col.longText('text', false), col.instant('created_at')],
      indices: [index('evidence_notes', ['investigation_id'])],
      foreignKeys: [fk('investigation_id', 'investigations')],
    }));

    await qr.createTable(new Table({
      name: 'complaints',
      columns: [
        col.id(), col.text('reference', 20), col.day('received_on', false), col.text('channel', 40), col.text('status', 40),
        col.longText('summary'), col.ref('investigation_id', true), col.bool('complainant_anonymous', false),
        col.text('complainant_name', 200, true), col.text('complainant_contact', 500, true), col.json('complainant_attributes'),
        ...recordColumns(),
      ],
      indices: [index('complaints', ['reference'], true), index('complaints', ['investigation_id']), index('complaints', ['received_on']), sourceIndex('complaints')],
      foreignKeys: [fk('investigation_id', 'investigations')],
    }));

    await qr.createTable(new Table({
      name: 'subjects',
      columns: [col.id(), col.ref('investigation_id'), col.ref('officer_id'), col.text('rank_at_time', 60, true), col.text('unit_at_time', 120, true), ...recordColumns()],
      indices: [index('subjects', ['investigation_id', 'officer_id'], true), index('subjects', ['officer_id']), sourceIndex('subjects')],
      foreignKeys: [fk('investigation_id', 'investigations'), fk('officer_id', 'officers')],
    }));

    await qr.createTable(new Table({
      name: 'allegations',
      columns: [
        col.id(), col.ref('subject_id'), col.ref('investigation_id'), col.ref('officer_id'), col.text('category', 60),
        col.text('standard', 60, true), col.text('severity', 20), col.text('case_to_answer', 10), col.text('finding', 20),
        col.longText('detail'), col.day('alleged_on'), col.text('source_category', 200, true), col.text('source_finding', 200, true),
        ...recordColumns(),
      ],
      indices: [
        index('allegations', ['subject_id']), index('allegations', ['investigation_id']), index('allegations', ['officer_id', 'alleged_on']),
        index('allegations', ['category']), index('allegations', ['finding']), sourceIndex('allegations'),
      ],
      foreignKeys: [fk('subject_id', 'subjects'), fk('investigation_id', 'investigations'), fk('officer_id', 'officers')],
    }));

    await qr.createTable(new Table({
      name: 'outcomes',
      columns: [
        col.id(), col.ref('subject_id'), col.ref('investigation_id'), col.ref('officer_id'), col.text('type', 30),
        col.text('sanction', 30, true), col.text('learning_outcome', 40, true), col.text('hearing_type', 40, true),
        col.day('decided_on', false), col.text('decided_by', 200, true), col.longText('rationale'), col.text('regime', 4),
        col.text('source_outcome', 200, true), ...recordColumns(),
      ],
      indices: [index('outcomes', ['subject_id'], true), index('outcomes', ['investigation_id']), index('outcomes', ['officer_id']), index('outcomes', ['type']), index('outcomes', ['decided_on']), sourceIndex('outcomes')],
      foreignKeys: [fk('subject_id', 'subjects'), fk('investigation_id', 'investigations'), fk('officer_id', 'officers')],
    }));

    await qr.createTable(new Table({
      name: 'barred_list_entries',
      columns: [
        col.id(), col.ref('officer_id'), col.ref('outcome_id'), col.ref('investigation_id'), col.text('given_name', 100),
        col.text('family_name', 100), col.text('force', 100), col.text('service_number', 40), col.day('added_on', false),
        col.text('reason', 1000), col.day('review_eligible_on'), col.instant('created_at'), col.ref('created_by', true),
        col.day('removed_on'), col.text('removal_reason', 1000, true),
      ],
      indices: [index('barred_list_entries', ['outcome_id'], true), index('barred_list_entries', ['officer_id']), index('barred_list_entries', ['family_name'])],
      foreignKeys: [fk('officer_id', 'officers'), fk('outcome_id', 'outcomes'), fk('investigation_id', 'investigations')],
    }));

    await qr.createTable(new Table({
      name: 'recommendations',
      columns: [
        col.id(), col.ref('investigation_id'), col.int('number'), col.longText('text', false), col.text('recipient', 200),
        col.day('issued_on', false), col.day('response_due_on', false), col.text('due_extension_reason', 1000, true),
        col.text('response_status', 30), col.longText('response_text'), col.day('responded_on'),
        col.text('implementation_status', 30), col.longText('implementation_evidence'), ...recordColumns(),
      ],
      indices: [index('recommendations', ['investigation_id', 'number'], true), index('recommendations', ['response_status', 'response_due_on']), sourceIndex('recommendations')],
      foreignKeys: [fk('investigation_id', 'investigations')],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'recommendations', 'barred_list_entries', 'outcomes', 'allegations', 'subjects', 'complaints',
      'evidence_notes', 'investigation_team_members', 'investigations', 'officers', 'counters',
    ]) {
      await qr.dropTable(table);
    }
  }
}
