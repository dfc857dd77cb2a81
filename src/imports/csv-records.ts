import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';

/** A data record of the file, keyed by header, or the reason it cannot be read as one. */
export type CsvRecord =
  | { line: number; bytes: number; record: Record<string, string>; error?: undefined }
  | { line: number; bytes: number; error: string; record?: undefined };

export interface CsvFile {
  header: string[];
  records: AsyncGenerator<CsvRecord>;
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

/** Line breaks in a record's raw text: \r\n, \r or \n, each counted once. */
function lineBreaks(raw: string): { total: number; leading: number } {
  let total = 0;
  let leading = 0;
  let content = false;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw.charCodeAt(i);
    if (c === 13 || c === 10) {
      if (c === 13 && raw.charCodeAt(i + 1) === 10) i += 1;
      total += 1;
      if (!content) leading += 1;
    } else {
      content = true;
    }
  }
  return { total, leading };
}

/**
 * Streams a CSV file (UTF-8, optional BOM, header row) one record at a time, with the line
 * each record starts on and the bytes read so far (lines counted from the raw text: the parser's own count goes wrong on
 * CRLF inside quoted cells). A record with the wrong number of cells comes back as an error
 * and reading goes on; broken CSV throws CsvFileError.
 */
export async function readCsv(path: string, required: readonly string[], optional: readonly string[]): Promise<CsvFile> {
  const parser = createReadStream(path).pipe(parse({ bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; raw: string; info: { bytes: number } }>;
  let linesBefore = 0;
  const next = async () => {
    try {
      const result = await iterator.next();
      if (result.done) return null;
      const breaks = lineBreaks(result.value.raw);
      const line = linesBefore + breaks.leading + 1;
      linesBefore += breaks.total;
      return { line, cells: result.value.record, bytes: result.value.info.bytes };
    } catch (error) {
      parser.destroy();
      const lines = (error as { lines?: number }).lines ?? linesBefore + 1;
      throw new CsvFileError(lines, `the file is not valid CSV at line ${lines}: ${(error as Error).message}`);
    }
  };

  const first = await next();
  if (!first) throw new CsvFileError(1, 'the file is empty: it needs a header row');
  const header = first.cells.map((name) => name.trim());
  checkHeader(header, required, optional);

  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for (let row = await next(); row; row = await next()) {
        if (row.cells.length !== header.length) {
          yield { line: row.line, bytes: row.bytes, error: `has ${row.cells.length} cells where the header has ${header.length}` };
          continue;
        }
        const record: Record<string, string> = {};
        for (let i = 0; i < header.length; i += 1) record[header[i]] = row.cells[i];
        yield { line: row.line, bytes: row.bytes, record };
      }
    } finally {
      parser.destroy();
    }
  }
  return { header, records: records() };
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
