import type { EntityManager } from 'typeorm';
import { Counter } from '../../database/counter.entity.js';

/**
 * Next human reference for a prefix and year, e.g. CMP-2026-000123. Runs inside the caller's
 * transaction: the UPDATE takes the row lock on PostgreSQL, so concurrent callers queue.
 */
export async function nextReference(em: EntityManager, prefix: 'CMP' | 'INV', year: number): Promise<string> {
  const name = `${prefix}-${year}`;
  await em.createQueryBuilder().insert().into(Counter).values({ name, value: 0 }).orIgnore().execute();
  await em.createQueryBuilder().update(Counter).set({ value: () => 'value + 1' }).where('name = :name', { name }).execute();
  const { value } = await em.findOneByOrFail(Counter, { name });
  return `${name}-${String(value).padStart(6, '0')}`;
}
