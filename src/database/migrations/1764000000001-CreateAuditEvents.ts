import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from '../columns.js';

/** The audit log is append-only: triggers make the database itself refuse UPDATE and DELETE. */
export class CreateAuditEvents1764000000001 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(new Table({
      name: 'audit_events',
      columns: [
        { name: 'seq', type: 'integer', isPrimary: true },
        col.instant('at'),
        col.ref('actor_id', true),
        col.text('actor_username', 64, true),
        col.json('actor_roles'),
        col.text('action', 60),
        col.text('entity_type', 40, true),
        col.text('entity_id', 64, true),
        col.json('changes'),
        col.json('detail'),
        col.text('request_id', 64, true),
        col.text('client_ip', 64, true),
        col.text('prev_hash', 64),
        col.text('hash', 64),
      ],
      indices: [
        new TableIndex({ name: 'ix_audit_entity', columnNames: ['entity_type', 'entity_id', 'seq'] }),
        new TableIndex({ name: 'ix_audit_actor', columnNames: ['actor_id', 'seq'] }),
        new TableIndex({ name: 'ix_audit_action', columnNames: ['action', 'seq'] }),
        new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] }),
      ],
    }));
    if (qr.connection.options.type === 'postgres') {
      await qr.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
      await qr.query(`CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
      await qr.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
    } else {
      await qr.query(`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
      await qr.query(`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    if (qr.connection.options.type === 'postgres') {
      await qr.query('DROP TABLE audit_events');
      await qr.query('DROP FUNCTION audit_events_append_only()');
    } else {
      await qr.query('DROP TRIGGER audit_events_no_update');
      await qr.query('DROP TRIGGER audit_events_no_delete');
      await qr.dropTable('audit_events');
    }
  }
}
