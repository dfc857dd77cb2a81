import { Readable } from 'node:stream';
import { csvLines } from '../common/csv/csv-text.js';

/** A row as the database returned it: the output columns in order. */
export type RawRow = unknown[];

/** How one column is written: its header (CSV header, JSON key) and its value. */
export interface OutputColumn {
  header: string;
  /** Applied in place before writing (a day from a Date, a pseudonym); absent when the value is written as it came. */
  convert?: (value: unknown) => unknown;
}

/**
 * Rows encoded per chunk of text: about 40 kB, under V8's large-object size (a larger string
 * goes straight to the old generation and waits for a full collection, which raises the
 * export's peak memory).
 */
const ROWS_PER_CHUNK = 100;

/** Turns rows into text; called with no rows when there are none at all. */
type PageEncoder = (page: RawRow[], first: boolean) => string;

/** CSV (see csvLines) with a header row of the column names. */
function csvPages(columns: OutputColumn[]): PageEncoder {
  const header = csvLines([columns.map((c) => c.header)]);
  return (page, first) => (first ? header : '') + csvLines(page);
}

/** JSON Lines: one JSON object per line, keys in column order, null kept as null. */
function jsonLinesPages(columns: OutputColumn[]): PageEncoder {
  const keys = columns.map((c) => `${JSON.stringify(c.header)}:`);
  return (page) => {
    let text = '';
    for (const row of page) {
      let line = '{';
      for (let i = 0; i < columns.length; i += 1) line += `${i ? ',' : ''}${keys[i]}${JSON.stringify(row[i] ?? null)}`;
      text += `${line}}\n`;
    }
    return text;
  };
}

/**
 * The file as a stream of text, a hundred rows per chunk (one socket write each, never the
 * whole table). Pages are read only as fast as the client takes
 * them (backpressure), so memory holds about one page whatever the table's size. A failure
 * anywhere destroys the stream (an aborted download, never a silently short file); the client
 * going away destroys the stream, which stops the reading.
 */
export function encode(pages: AsyncGenerator<RawRow[]>, columns: OutputColumn[], format: 'csv' | 'jsonl'): Readable {
  const encodePage = format === 'csv' ? csvPages(columns) : jsonLinesPages(columns);
  const converted = columns.map((c, i) => [i, c.convert] as const).filter((entry): entry is readonly [number, (value: unknown) => unknown] => entry[1] !== undefined);
  async function* text(): AsyncGenerator<string> {
    let first = true;
    for await (const page of pages) {
      for (const row of page) {
        for (const [i, convert] of converted) row[i] = convert(row[i]);
      }
      for (let from = 0; from < page.length; from += ROWS_PER_CHUNK) {
        yield encodePage(page.slice(from, from + ROWS_PER_CHUNK), first);
        first = false;
      }
    }
    // An empty export is still a file: the CSV header alone, or no lines.
    if (first && format === 'csv') yield encodePage([], true);
  }
  return Readable.from(text(), { objectMode: false });
}
