import { addDays, addMonths } from '../common/time/day.js';

// Rolling report windows on 'YYYY-MM-DD' days; the calendar arithmetic is in common/time/day.ts.

/** A rolling window length as the API takes it: 90d, 6w, 12m, 2y. */
export const WITHIN_PATTERN = /^([1-9]\d{0,2})([dwmy])$/;

export interface Period {
  amount: number;
  unit: 'd' | 'w' | 'm' | 'y';
}

export function parsePeriod(text: string): Period {
  const match = WITHIN_PATTERN.exec(text);
  if (!match) throw new Error(`not a period: ${text}`);
  return { amount: Number(match[1]), unit: match[2] as Period['unit'] };
}

/** The day `period` before `day` (months and years clamp to the end of a shorter month). */
export function subtractPeriod(day: string, { amount, unit }: Period): string {
  switch (unit) {
    case 'd': return addDays(day, -amount);
    case 'w': return addDays(day, -7 * amount);
    case 'm': return addMonths(day, -amount);
    case 'y': return addMonths(day, -12 * amount);
  }
}

/**
 * The first day of the rolling window of length `period` ending on `asOf` (inclusive at both
 * ends): 12m ending 2025-06-30 is 2024-07-01 … 2025-06-30.
 */
export function windowStart(asOf: string, period: Period): string {
  return addDays(subtractPeriod(asOf, period), 1);
}
