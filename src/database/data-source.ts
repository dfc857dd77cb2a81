import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app.config.js';
import { MIGRATIONS } from './migrations/index.js';
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_CONNECTION_PRAGMAS } from './sqlite-settings.js';

/** The entity classes a data source maps (the application's list is src/app-data-source.ts). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** One definition of the connection, used by the app, the CLI and the tests. */
export function dataSourceOptions(db: DatabaseConfig, entities: EntityList): DataSourceOptions {
  const common = {
    entities,
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
      for (const pragma of SQLITE_CONNECTION_PRAGMAS) sqlite.pragma(pragma);
    },
  };
}
