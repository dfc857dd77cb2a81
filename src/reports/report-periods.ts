import { addDays } from '../common/time/day.js';

/**
 * Calendar arithmetic for report windows and deadlines, on 'YYYY-MM-DD' days in UTC. Done
 * here rather than in SQL because SQLite's date(d, '+1 month') rolls 31 January over into
 * March while PostgreSQL clamps to 28/29 February: one rule, computed once, keeps both
 * engines' answers identical.
 */

/** `months` later (or earlier when negative); a day past the end of the month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(dayOfMonth, lastDay));
  return target.toISOString().slice(0, 10);
}

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

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
