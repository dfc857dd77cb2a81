import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-settings.js';

type Parameter = string | number | null;

/**
 * Plain SQL for the hot read paths (the token check on every request, a case's detail),
 * kept off the ORM's query builder, which costs several times the read itself.
 *
 * SQLite: a read-only connection of its own, with each statement prepared once. TypeORM's
 * SQLite driver has one connection, so a read there could see another request's transaction
 * before it commits (or rolls back); this one reads only what has been committed (WAL
 * snapshots). Use it for reads outside a transaction only: it cannot see the caller's own
 * uncommitted writes. PostgreSQL: a parameterised query on the pool.
 *
 * SQL is written with `?` placeholders, which become `$1, $2, ...` on PostgreSQL.
 */
@Injectable()
export class ReadQueries implements OnModuleDestroy {
  private readonly sqlite: Database.Database | null;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly dataSource: DataSource) {
    const { options } = dataSource;
    if (options.type !== 'better-sqlite3') {
      this.sqlite = null;
    } else if (options.database === ':memory:') {
      // A second connection to ":memory:" would be another, empty database.
      this.sqlite = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    } else {
      this.sqlite = new Database(options.database, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
    }
  }

  async all<T>(sql: string, parameters: Parameter[]): Promise<T[]> {
    if (this.sqlite) return this.prepared(sql).raw(false).all(...parameters) as T[];
    return this.dataSource.query(numberedOnce(sql), parameters);
  }

  async one<T>(sql: string, parameters: Parameter[]): Promise<T | undefined> {
    if (this.sqlite) return this.prepared(sql).raw(false).get(...parameters) as T | undefined;
    const rows: T[] = await this.dataSource.query(numberedOnce(sql), parameters);
    return rows[0];
  }

  /**
   * Rows as arrays of their values in SELECT order: no object per row, which over a million
   * rows (an export) costs more in garbage collection than the query itself.
   */
  async arrays(sql: string, parameters: Parameter[]): Promise<unknown[][]> {
    if (this.sqlite) return this.prepared(sql).raw(true).all(...parameters) as unknown[][];
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(numberedOnce(sql), parameters);
    return rows.map((row) => Object.values(row));
  }

  /**
   * An entity from a row of its table's columns (as `SELECT t.*` returns them), converted
   * exactly as TypeORM converts what it loads (booleans, dates, JSON).
   */
  hydrate<T extends ObjectLiteral>(entity: EntityTarget<T>, row: Record<string, unknown>): T {
    const { driver } = this.dataSource;
    const metadata = this.dataSource.getMetadata(entity);
    const loaded = metadata.create() as Record<string, unknown>;
    for (const column of metadata.columns) {
      const value = row[column.databaseName];
      loaded[column.propertyName] = value == null ? null : driver.prepareHydratedValue(value, column);
    }
    return loaded as T;
  }

  onModuleDestroy(): void {
    if (this.sqlite && this.sqlite !== (this.dataSource.driver as unknown as { databaseConnection: unknown }).databaseConnection) {
      this.sqlite.close();
    }
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite!.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * SQL written with `?` placeholders (the one style of Probity's hand-written SQL) as
 * PostgreSQL wants it: `$1, $2, ...`. For SQL generated at run time (a multi-row VALUES list);
 * the statements written in the code go through the remembered form below.
 */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

const numbered = new Map<string, string>();

/** numberedPlaceholders, worked out once per statement (the hot reads run the same few texts). */
function numberedOnce(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    text = numberedPlaceholders(sql);
    numbered.set(sql, text);
  }
  return text;
}

/** `?`-placeholder SQL for a manager's own engine (for the same statements inside a transaction). */
export function sqlFor(em: EntityManager, sql: string): string {
  return em.connection.options.type === 'postgres' ? numberedOnce(sql) : sql;
}
