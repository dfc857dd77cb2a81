import { Transform } from 'class-transformer';

/**
 * Sorting by a whitelist: `sort=openedOn` ascending, `sort=-openedOn` descending. Build the
 * allowed values with `sortValues([...])` for @IsIn, then split the chosen one with `parseSort`.
 */
export const sortValues = (fields: readonly string[]): string[] => [...fields, ...fields.map((f) => `-${f}`)];

export function parseSort<F extends string>(value: string): { field: F; direction: 'ASC' | 'DESC' } {
  return value.startsWith('-') ? { field: value.slice(1) as F, direction: 'DESC' } : { field: value as F, direction: 'ASC' };
}

/** Query-string booleans: 'true'/'false' become booleans; anything else is left for @IsBoolean to refuse. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** Escapes LIKE wildcards in user text and wraps it for a case-insensitive contains match (use with ESCAPE '\\'). */
export const containsPattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
