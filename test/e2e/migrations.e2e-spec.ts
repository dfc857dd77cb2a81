import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app.config.js';
import { appDataSourceOptions } from '../../src/app-data-source.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestApp, createTestDatabase, ENGINE, type TestDatabase } from '../support/test-app.js';

const MIGRATIONS_TABLE = 'migrations';

/**
 * Everything the migrations own, described in a comparable way: tables with their columns,
 * indexes, triggers and (PostgreSQL) functions. The migrations table itself is left out.
 */
async function schema(ds: DataSource): Promise<string[]> {
  if (ENGINE === 'postgres') {
    const rows: Array<{ item: string }> = await ds.query(`
      SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> $1
      UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1
      UNION ALL SELECT 'trigger ' || event_object_table || '.' || trigger_name || ' ' || event_manipulation FROM information_schema.triggers WHERE trigger_schema = 'public'
      UNION ALL SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
      UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND conrelid NOT IN (SELECT oid FROM pg_class WHERE relname = $2)
      UNION ALL SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
    [MIGRATIONS_TABLE, MIGRATIONS_TABLE]);
    return rows.map((r) => r.item).sort();
  }
  const rows: Array<{ item: string }> = await ds.query(
    `SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS item FROM sqlite_master
      WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> ?`, [MIGRATIONS_TABLE]);
  return rows.map((r) => r.item).sort();
}

describe(`migrations (${ENGINE})`, () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(appDataSourceOptions(parseDatabaseUrl(db.url)));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.dispose();
  });

  it('are listed in order, each with a unique timestamped name and a down', () => {
    const names = MIGRATIONS.map((m) => m.name);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)?.[1]));
    expect(stamps.every(Number.isFinite)).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    for (const Migration of MIGRATIONS) expect(typeof Migration.prototype.down).toBe('function');
  });

  it('run all the way up, all the way down to an empty schema, and up again to the same schema', async () => {
    expect(await schema(ds)).toEqual([]);

    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    const up = await schema(ds);
    expect(up.length).toBeGreaterThan(0);
    expect(await ds.showMigrations()).toBe(false);

    for (let i = MIGRATIONS.length - 1; i >= 0; i--) {
      await ds.undoLastMigration({ transaction: 'each' });
      const executed: Array<{ name: string }> = await ds.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
      expect(executed.map((m) => m.name)).toEqual(MIGRATIONS.slice(0, i).map((m) => m.name));
    }
    // Every down removed everything its up created: tables, indexes, triggers, functions.
    expect(await schema(ds)).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    expect(await schema(ds)).toEqual(up);
  });

  it('are applied when the app starts, so a fresh database is ready to use', async () => {
    const fresh = await createTestDatabase();
    const t = await createTestApp({ db: fresh });
    try {
      const executed: Array<{ name: string }> = await t.dataSource.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
      expect(executed.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await t.dataSource.showMigrations()).toBe(false);
    } finally {
      await t.close();
    }
  });
});
