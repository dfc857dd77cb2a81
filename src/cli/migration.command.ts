import { UsageError, type CliCommand } from './cli-command.js';

/**
 * Brings the schema up to date. The server does this at every start too; this is for
 * running it on its own, e.g. before starting several instances.
 */
export const migrationRun: CliCommand = {
  name: 'migration:run',
  summary: 'apply pending database migrations',
  usage: '',
  async run(ctx) {
    const ran = await (await ctx.dataSource()).runMigrations({ transaction: 'each' });
    if (!ran.length) return ctx.print('the schema is up to date');
    for (const migration of ran) ctx.print(`applied ${migration.name}`);
  },
};

/** Undoes the newest migration. Its `down` drops what it created, data included: asks for --yes. */
export const migrationRevert: CliCommand = {
  name: 'migration:revert',
  summary: 'undo the most recent migration (drops its tables and their data)',
  usage: '--yes',
  options: { yes: { type: 'boolean' } },
  async run(ctx, { values }) {
    if (!values.yes) throw new UsageError('this drops data: repeat with --yes to confirm');
    const ds = await ctx.dataSource();
    const executed = await ds.query(`SELECT name FROM ${ds.options.migrationsTableName ?? 'migrations'} ORDER BY id DESC`)
      .catch(() => []) as Array<{ name: string }>;
    if (!executed.length) return ctx.print('no migration to revert');
    await ds.undoLastMigration({ transaction: 'each' });
    ctx.print(`reverted ${executed[0].name}`);
  },
};
