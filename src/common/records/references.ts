import type { EntityManager } from 'typeorm';
import { sqlFor } from '../../database/read-queries.js';

/** Takes `count` numbers of a counter in one statement: creates it at 0 if need be, returns the last number taken. */
const TAKE_NUMBERS = `INSERT INTO counters (name, value) VALUES (?, ?)
  ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value RETURNING value`;

/**
 * `count` consecutive human references for a prefix and year, e.g. CMP-2026-000123, in the
 * caller's transaction. The upsert takes the row lock on PostgreSQL, so concurrent callers
 * queue and never share a number.
 */
export async function reserveReferences(em: EntityManager, prefix: 'CMP' | 'INV', year: number, count: number): Promise<string[]> {
  const name = `${prefix}-${year}`;
  const [{ value }] = await em.query(sqlFor(em, TAKE_NUMBERS), [name, Math.trunc(count)]) as Array<{ value: number | string }>;
  const last = Number(value);
  return Array.from({ length: count }, (_, i) => `${name}-${String(last - count + 1 + i).padStart(6, '0')}`);
}

/** The next reference for a prefix and year. */
export async function nextReference(em: EntityManager, prefix: 'CMP' | 'INV', year: number): Promise<string> {
  const [reference] = await reserveReferences(em, prefix, year, 1);
  return reference;
}
