import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from '../columns.js';

/** Browser sessions (cookie sign-in), keyed by the SHA-256 of the cookie's secret. */
export class CreateSessions1764000000500 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(new Table({
      name: 'sessions',
      columns: [
        { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
        col.ref('user_id'), col.int('credentials_version'), col.text('csrf_token', 64),
        col.instant('created_at'), col.instant('last_seen_at'), col.instant('expires_at'),
        col.instant('ended_at', true), col.text('ended_reason', 30, true),
        col.text('user_agent', 500, true), col.text('client_address', 64, true),
      ],
      // An account's sessions: ended together (deactivation, password change) and listed.
      indices: [new TableIndex({ name: 'ix_sessions_user_id', columnNames: ['user_id'] })],
      foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] })],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('sessions');
  }
}
