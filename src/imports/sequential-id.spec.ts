import { isUUID } from 'class-validator';
import { sequentialId } from './sequential-id.js';

describe('sequentialId', () => {
  it('makes valid, unique version-4 UUIDs that sort in the order they were made (by millisecond)', async () => {
    const before = Date.now();
    const first = Array.from({ length: 2000 }, () => sequentialId());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = sequentialId();
    for (const id of [...first, later]) expect(isUUID(id, '4')).toBe(true);
    expect(new Set(first).size).toBe(first.length);
    expect(first.every((id) => id < later)).toBe(true);
    const stamp = parseInt(later.slice(0, 13).replace('-', ''), 16);
    expect(stamp).toBeGreaterThanOrEqual(before + 5);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });
});
