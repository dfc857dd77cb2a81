import { applyDecorators, Injectable } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/**
 * Calendar days ('YYYY-MM-DD'), as stored in `date` columns on both engines. Arithmetic runs
 * in UTC so a day never shifts with the server's time zone.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused). */
export const IsDay = () => applyDecorators(
  Matches(DAY, { message: ({ property }) => `${property} must be a day written YYYY-MM-DD` }),
  IsISO8601({ strict: true }, { message: ({ property }) => `${property} must be a real calendar day` }),
);

const parse = (day: string): Date => {
  if (!DAY.test(day)) throw new Error(`not a day: ${day}`);
  return new Date(`${day}T00:00:00Z`);
};
const format = (date: Date): string => date.toISOString().slice(0, 10);

/** A real calendar day written YYYY-MM-DD, checked outside a DTO (an import's cells). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && format(date) === value;
}

export function addDays(day: string, days: number): string {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + days);
  return format(date);
}

/**
 * `months` later (or earlier when negative); a day past the end of the month becomes its last
 * day. Done here rather than in SQL because SQLite's date(d, '+1 month') rolls 31 January over
 * into March while PostgreSQL clamps to 28/29 February: one rule keeps both engines' answers
 * identical.
 */
export function addMonths(day: string, months: number): string {
  const date = parse(day);
  const dayOfMonth = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(dayOfMonth, lastDay));
  return format(date);
}

/** Same day `years` later; 29 February becomes 28 February in a common year (never 1 March). */
export function addYears(day: string, years: number): string {
  return addMonths(day, 12 * years);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / 86_400_000);
}

/**
 * Today's date where Probity's cases are (England and Wales). Injected wherever "today"
 * decides an answer (overdue recommendations), so tests can fix it.
 */
@Injectable()
export class Clock {
  private static readonly londonDay = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
  });

  today(): string {
    return Clock.londonDay.format(new Date());
  }
}
