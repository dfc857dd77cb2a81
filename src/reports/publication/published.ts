import { suppressBreakdown, suppressCount, withholdBelow, type Count } from './suppression.js';

/** The publication rules of one report: figures unchanged when k is null, else suppressed (see suppression.ts). */
export class Published {
  constructor(readonly k: number | null) {}

  count(n: number): Count {
    return this.k ? suppressCount(n, this.k) : n;
  }

  breakdown(cells: Record<string, number>): Record<string, Count> {
    return this.k ? suppressBreakdown(cells, this.k) : cells;
  }

  /** A statistic over `basis` records, withheld (null) when fewer than k produced it. */
  statistic<T>(value: T | null, basis: number): T | null {
    return this.k ? withholdBelow(value, basis, this.k) : value;
  }
}
