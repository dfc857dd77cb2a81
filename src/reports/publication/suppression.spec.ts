import { Published } from './published.js';
import { suppressBreakdown, suppressCount, withholdBelow } from './suppression.js';

describe('small-number suppression', () => {
  it('hides counts from 1 to k-1 and keeps 0 and counts of k or more', () => {
    expect([0, 1, 4, 5, 6].map((n) => suppressCount(n, 5))).toEqual([0, '<5', '<5', 5, 6]);
    expect([1, 2].map((n) => suppressCount(n, 2))).toEqual(['<2', 2]);
  });

  it('hides the next-smallest non-zero cell when exactly one cell is hidden', () => {
    // 20 - 9 - 7 would give the hidden 4 away.
    expect(suppressBreakdown({ a: 9, b: 4, c: 0, d: 7 }, 5)).toEqual({ a: 9, b: '<5', c: 0, d: '<5' });
  });

  it('breaks a tie for the next-smallest cell by key, so the choice is stable', () => {
    expect(suppressBreakdown({ misconduct: 4, gross_misconduct: 4, none: 1 }, 3)).toEqual({ misconduct: 4, gross_misconduct: '<3', none: '<3' });
  });

  it('adds nothing when two or more cells are already hidden: only their sum can be derived', () => {
    expect(suppressBreakdown({ a: 1, b: 2, c: 10 }, 5)).toEqual({ a: '<5', b: '<5', c: 10 });
  });

  it('never hides a zero to protect another cell', () => {
    expect(suppressBreakdown({ a: 3, b: 0, c: 0 }, 5)).toEqual({ a: '<5', b: 0, c: 0 });
  });

  it('leaves a breakdown with nothing small untouched', () => {
    expect(suppressBreakdown({ a: 5, b: 0, c: 12 }, 5)).toEqual({ a: 5, b: 0, c: 12 });
  });

  it('withholds a statistic produced by fewer than k records', () => {
    expect(withholdBelow(182, 4, 5)).toBeNull();
    expect(withholdBelow(182, 5, 5)).toBe(182);
    expect(withholdBelow(null, 0, 5)).toBeNull();
  });

  it('publishes unchanged when no k is given', () => {
    const open = new Published(null);
    expect(open.count(1)).toBe(1);
    expect(open.breakdown({ a: 1, b: 9 })).toEqual({ a: 1, b: 9 });
    expect(open.statistic(3, 1)).toBe(3);
    const closed = new Published(5);
    expect(closed.count(1)).toBe('<5');
    expect(closed.breakdown({ a: 1, b: 9 })).toEqual({ a: '<5', b: '<5' });
    expect(closed.statistic(3, 1)).toBeNull();
  });
});
