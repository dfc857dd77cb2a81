import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A suspended investigation remembers the state it was suspended from, so it can resume there. */
export class AddInvestigationSuspendedFrom1764000000100 implements MigrationInterface {
  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('investigations', new TableColumn({ name: 'suspended_from', type: 'varchar', length: '30', isNullable: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('investigations', 'suspended_from');
  }
}
