import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type EntityManager } from 'typeorm';

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
}
