/**
 * Small-number suppression for publication (`?suppress=k`).
 *
 * Primary: a count from 1 to k-1 is replaced by the string "<k". Zero is kept: it is standard
 * practice (ONS, IOPC) because "none" identifies nobody, and hiding zeros would also hide
 * which categories are empty.
 *
 * Secondary: every breakdown in a report is published next to its total (or sums to one), so
 * if exactly one cell of a breakdown is hidden it could be recovered as total minus the rest.
 * The smallest remaining non-zero cell is then hidden too (ties broken by key order), leaving
 * two unknowns. Zero cells are never used for this: a "<k" standing for 0 would be false.
 */
export type Count = number | string;

export const suppressionMarker = (k: number): string => `<${k}`;

/** Primary suppression of one count. */
export function suppressCount(value: number, k: number): Count {
  return value > 0 && value < k ? suppressionMarker(k) : value;
}

/** Primary and secondary suppression of one breakdown whose total is known to the reader. */
export function suppressBreakdown(cells: Record<string, number>, k: number): Record<string, Count> {
  const hidden = new Set(Object.keys(cells).filter((key) => cells[key] > 0 && cells[key] < k));
  if (hidden.size === 1) {
    const nextSmallest = Object.keys(cells)
      .filter((key) => !hidden.has(key) && cells[key] > 0)
      .sort((a, b) => cells[a] - cells[b] || a.localeCompare(b))[0];
    // When nothing else is non-zero the total equals the hidden cell and is hidden itself.
    if (nextSmallest !== undefined) hidden.add(nextSmallest);
  }
  return Object.fromEntries(Object.entries(cells).map(([key, value]) => [key, hidden.has(key) ? suppressionMarker(k) : value]));
}

/** A statistic (median, percentile) is withheld when fewer than k records produced it. */
export function withholdBelow<T>(value: T | null, basis: number, k: number): T | null {
  return basis < k ? null : value;
}
