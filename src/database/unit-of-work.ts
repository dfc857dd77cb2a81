import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import { BULK_WRITE_SETTINGS } from './sqlite-settings.js';

/**
 * The only way Probity writes. TypeORM's SQLite drivers share one connection, so two
 * overlapping transactions would nest as savepoints and one's rollback could undo the
 * other's acknowledged write: on SQLite, transactions are queued and run one at a time.
 * PostgreSQL has a real pool and runs them concurrently.
 *
 * A `run` inside another `run` joins the outer transaction (it would otherwise wait in the
 * queue behind itself for ever). Writes outside `run` (a bare `repository.save`) bypass the
 * queue and may land inside someone else's transaction on SQLite: don't.
 */
@Injectable()
export class UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;
  private readonly current = new AsyncLocalStorage<EntityManager>();
  /** Bulk writers running now, and the SQLite settings they replaced (see whileBulkWriting). */
  private bulkWriters = 0;
  private settingsBeforeBulk: Array<[string, unknown]> = [];

  constructor(private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return work(outer);
    const transaction = () => this.dataSource.transaction((em) => this.current.run(em, () => work(em)));
    if (!this.serialise) return transaction();
    const result = this.queue.then(transaction);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `work` (an import's batches) with SQLite set for a long burst of writes: a page
   * cache of 256 MB instead of 2 (it holds the index pages a transaction of 20,000 rows
   * touches), and the WAL checkpointed about every 200 MB instead of 4. Each checkpoint writes
   * scattered index pages back and syncs the file, so fewer checkpoints make a large import
   * faster (README, Benchmarks). Durability is unchanged (every commit still syncs the WAL). Overlapping bulk writers share the settings; the defaults return, and the WAL is
   * checkpointed, when the last one ends.
   */
  async whileBulkWriting<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialise) return work();
    const sqlite = (this.dataSource.driver as unknown as { databaseConnection: { pragma(source: string, options?: { simple: boolean }): unknown } })
      .databaseConnection;
    if (this.bulkWriters === 0) {
      this.settingsBeforeBulk = BULK_WRITE_SETTINGS.map(([name]) => [name, sqlite.pragma(name, { simple: true })]);
      for (const [name, value] of BULK_WRITE_SETTINGS) sqlite.pragma(`${name} = ${value}`);
    }
    this.bulkWriters += 1;
    try {
      return await work();
    } finally {
      this.bulkWriters -= 1;
      if (this.bulkWriters === 0) {
        for (const [name, value] of this.settingsBeforeBulk) sqlite.pragma(`${name} = ${Number(value)}`);
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      }
    }
  }
}
