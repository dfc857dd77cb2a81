import { randomFillSync } from 'node:crypto';

/** Random bytes are drawn a pool at a time: one system call per 409 ids, not per id. */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

/**
 * Ids for bulk-imported records: valid version-4-shaped UUIDs whose first 48 bits are the
 * time in milliseconds, so ids made one after another sort together. Random ids scatter a
 * million inserts over every page of every index that holds an id (primary keys, and the
 * subject, investigation and officer columns pointing at fresh records): each batch then
 * rewrote most of those pages. Time-ordered ids append instead. 74 random bits keep them unique.
 */
export function sequentialId(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  const random = randomHex(10);
  const variant = ((parseInt(random[3], 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-4${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(7, 19)}`;
}
