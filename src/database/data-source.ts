import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig, type DatabaseConfig } from '../config/app.config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** SQLite: busy waits are kept short so a locked database answers 503 quickly instead of hanging. */
export const SQLITE_BUSY_TIMEOUT_MS = 2000;

/** One definition of the connection, used by the app, the CLI and the tests. */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (db.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: db.url,
      extra: { max: 10 },
    };
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
    },
  };
}

/** A data source outside Nest (CLI, benchmarks), configured from the environment. */
export function createDataSource(db: DatabaseConfig = loadConfig().db): DataSource {
  return new DataSource(dataSourceOptions(db));
}
