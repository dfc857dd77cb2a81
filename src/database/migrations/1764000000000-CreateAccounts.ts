import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from '../columns.js';

export class CreateAccounts1764000000000 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(new Table({
      name: 'users',
      columns: [
        col.id(),
        col.text('username', 64),
        col.text('username_key', 64),
        col.text('display_name', 200),
        col.json('roles', false),
        col.bool('active', true),
        col.text('password_hash', 255),
        col.int('credentials_version', false, 1),
        col.int('failed_logins', false, 0),
        col.instant('first_failed_at', true),
        col.instant('locked_until', true),
        col.instant('last_login_at', true),
        col.instant('created_at'),
        col.instant('updated_at'),
        col.version(),
      ],
      indices: [new TableIndex({ name: 'ux_users_username_key', columnNames: ['username_key'], isUnique: true })],
    }));
    await qr.createTable(new Table({
      name: 'settings',
      columns: [{ name: 'key', type: 'varchar', length: '100', isPrimary: true }, col.longText('value', false)],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('settings');
    await qr.dropTable('users');
  }
}
