import { isCalendarDay } from '../../common/time/day.js';
import { RowError } from '../row-error.js';

/** Reading one record's cells by column name, with the checks every format needs; failures are RowErrors in words. */
export class Cells {
  /** `columns`: header name → position in `cells` (an optional column may be absent). */
  constructor(private readonly cells: readonly string[], private readonly columns: Readonly<Record<string, number>>) {}

  /** Trimmed text, or null when empty or absent. */
  optional(column: string, maxLength: number): string | null {
    const at = this.columns[column];
    const value = at === undefined ? '' : this.cells[at].trim();
    if (value === '') return null;
    if (value.length > maxLength) throw new RowError(`${column} is longer than ${maxLength} characters`);
    return value;
  }

  required(column: string, maxLength: number): string {
    const value = this.optional(column, maxLength);
    if (value === null) throw new RowError(`${column} is empty`);
    return value;
  }

  /** One of `allowed`; empty gives `fallback` (or fails when there is none). */
  oneOf<T extends string>(column: string, allowed: readonly T[], fallback?: T | null): T {
    const value = this.optional(column, 200);
    if (value === null) {
      if (fallback === undefined || fallback === null) throw new RowError(`${column} is empty (one of: ${allowed.join(', ')})`);
      return fallback;
    }
    if (!allowed.includes(value as T)) throw new RowError(`${column} "${value}" is not one of: ${allowed.join(', ')}`);
    return value as T;
  }

  optionalOneOf<T extends string>(column: string, allowed: readonly T[]): T | null {
    return this.optional(column, 200) === null ? null : this.oneOf(column, allowed);
  }

  /** A real calendar day YYYY-MM-DD, or null when empty. */
  optionalDay(column: string): string | null {
    const value = this.optional(column, 10);
    if (value === null) return null;
    if (!isCalendarDay(value)) throw new RowError(`${column} "${value}" is not a calendar day YYYY-MM-DD`);
    return value;
  }

  day(column: string): string {
    const value = this.optionalDay(column);
    if (value === null) throw new RowError(`${column} is empty (a calendar day YYYY-MM-DD)`);
    return value;
  }

  /** A whole number from `min` to `max`, or null when empty. */
  optionalInteger(column: string, min: number, max: number): number | null {
    const value = this.optional(column, 12);
    if (value === null) return null;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new RowError(`${column} "${value}" is not a whole number from ${min} to ${max}`);
    }
    return Number(value);
  }

  /** The non-empty cells among `columns`, keyed by `rename[column] ?? column`; null if none. */
  attributes(columns: readonly string[], rename: Record<string, string> = {}): Record<string, string> | null {
    let attributes: Record<string, string> | null = null;
    for (const column of columns) {
      const value = this.optional(column, 200);
      if (value !== null) (attributes ??= {})[rename[column] ?? column] = value;
    }
    return attributes;
  }
}
