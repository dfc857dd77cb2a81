import { createReadStream } from 'node:fs';
import { CsvParser, CsvSyntaxError, type CsvRow } from './csv-parser.js';

/** A data record of the file (cells in header order), or the reason it cannot be read as one. */
export type CsvRecord =
  | { line: number; cells: string[]; error?: undefined }
  | { line: number; error: string; cells?: undefined };

export interface CsvFile {
  header: string[];
  /** Header name → position of its cell. */
  columns: Record<string, number>;
  /** The records a chunk of the file at a time: one await per chunk, not per record. */
  batches: AsyncGenerator<CsvRecord[]>;
  /** Characters of the file read so far (progress). */
  readonly charactersRead: number;
}

/**
 * The file as a whole cannot be imported: a bad header, or broken CSV (an unclosed quote),
 * after which no later line can be trusted to be read as its author meant.
 */
export class CsvFileError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/** Small enough that a chunk's records die young (larger chunks cost the import pass more in garbage collection). */
const CHUNK_BYTES = 1 << 16;

/**
 * Streams a CSV file (UTF-8, optional BOM, header row) in chunks, each record with the line
 * it starts on. A record with the wrong number of cells comes back as an error and reading
 * goes on; broken CSV or a bad header throws CsvFileError.
 */
export async function readCsv(path: string, required: readonly string[], optional: readonly string[]): Promise<CsvFile> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  const parser = new CsvParser();
  let charactersRead = 0;
  let ended = false;
  /** The next rows; null once the file is done. */
  const read = async (): Promise<CsvRow[] | null> => {
    try {
      for (;;) {
        if (ended) return null;
        const next = await chunks.next();
        if (next.done) {
          ended = true;
          return parser.end();
        }
        charactersRead += next.value.length;
        const rows = parser.push(next.value);
        if (rows.length) return rows;
      }
    } catch (error) {
      stream.destroy();
      if (error instanceof CsvSyntaxError) throw new CsvFileError(error.line, `the file is not valid CSV at line ${error.line}: ${error.message}`);
      throw error;
    }
  };

  let first = await read();
  while (first && !first.length) first = await read();
  if (!first) throw new CsvFileError(1, 'the file is empty: it needs a header row');
  const header = first[0].cells.map((name) => name.trim());
  try {
    checkHeader(header, required, optional);
  } catch (error) {
    stream.destroy();
    throw error;
  }

  const toRecord = (row: CsvRow): CsvRecord =>
    (row.cells.length === header.length ? row : { line: row.line, error: `has ${row.cells.length} cells where the header has ${header.length}` });
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    try {
      if (first!.length > 1) yield first!.slice(1).map(toRecord);
      for (let rows = await read(); rows; rows = await read()) if (rows.length) yield rows.map(toRecord);
    } finally {
      stream.destroy();
    }
  }
  return {
    header,
    columns: Object.fromEntries(header.map((name, i) => [name, i])),
    batches: batches(),
    get charactersRead() { return charactersRead; },
  };
}

function checkHeader(header: string[], required: readonly string[], optional: readonly string[]): void {
  const problems: string[] = [];
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length) problems.push(`missing column(s): ${missing.join(', ')}`);
  const known = new Set([...required, ...optional]);
  const unknown = header.filter((column) => !known.has(column));
  if (unknown.length) problems.push(`unknown column(s): ${unknown.map((c) => JSON.stringify(c)).join(', ')}`);
  const repeated = header.filter((column, i) => header.indexOf(column) !== i);
  if (repeated.length) problems.push(`repeated column(s): ${[...new Set(repeated)].join(', ')}`);
  if (problems.length) throw new CsvFileError(1, `the header row: ${problems.join('; ')}`);
}
