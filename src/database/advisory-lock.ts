import type { EntityManager } from 'typeorm';
import { sqlFor } from './read-queries.js';

/**
 * PostgreSQL: takes the advisory lock `key` for the rest of `em`'s transaction (released at
 * commit or rollback), so writers that must not interleave queue behind one another. SQLite
 * needs none: UnitOfWork runs its transactions one at a time.
 */
export async function lockForTransaction(em: EntityManager, key: number): Promise<void> {
  if (em.connection.options.type === 'postgres') await em.query(sqlFor(em, 'SELECT pg_advisory_xact_lock(?)'), [key]);
}
