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

/**
 * `count` consecutive references for a prefix and year in one step (bulk imports), in the
 * same numbering as nextReference and under the same row lock.
 */
export async function reserveReferences(em: EntityManager, prefix: 'CMP' | 'INV', year: number, count: number): Promise<string[]> {
  const name = `${prefix}-${year}`;
  await em.createQueryBuilder().insert().into(Counter).values({ name, value: 0 }).orIgnore().execute();
  await em.createQueryBuilder().update(Counter).set({ value: () => `value + ${Math.trunc(count)}` }).where('name = :name', { name }).execute();
  const { value } = await em.findOneByOrFail(Counter, { name });
  return Array.from({ length: count }, (_, i) => `${name}-${String(value - count + 1 + i).padStart(6, '0')}`);
}
