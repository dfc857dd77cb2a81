import Papa from 'papaparse';

/** A CSV record and the line of the file it starts on (1 = the first line). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** Broken CSV: the line where the problem is, and what it is. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

type LineBreak = '\n' | '\r\n' | '\r';

/**
 * A record cut off at the end of a chunk waits for the next; one that grows past this is a
 * quote left open (papaparse reads on to the end of the file for it), reported at once rather
 * than held in memory to the end.
 */
const MAX_RECORD_CHARS = 1 << 20;

/** What papaparse's core parser hands over for each record (step mode: one row in data). */
interface StepResult {
  data: string[][];
  errors: Array<{ code: string }>;
  meta: { cursor: number };
}

/**
 * The import's incremental CSV reader, on papaparse's core parser: text goes in a chunk at a
 * time, whole records come out with the line each starts on (for the rejection report).
 * RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. A file uses one
 * kind of line break (\n, \r\n or \r), the one that ends its first line. Blank lines are
 * skipped; a leading byte-order mark is dropped; a quote inside an unquoted cell is text. An
 * unclosed quoted cell, or text straight after a closing quote, is an error.
 */
export class CsvParser {
  /** Text not yet consumed: the start of a record whose end has not arrived. */
  private pending = '';
  /** The line `pending` starts on. */
  private line = 1;
  private started = false;
  private lineBreak?: LineBreak;
  private parser?: Papa.Parser;
  /** The records of the text being parsed, with where each ends (set by the parser's step). */
  private parsed: Array<{ cells: string[]; end: number; broken: boolean }> = [];

  /** Parses what it can of `chunk`; a record cut off at the end waits for the next chunk. */
  push(chunk: string): CsvRow[] {
    if (!this.started && chunk) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    return this.parse(this.pending + chunk, false);
  }

  /** The end of the input: the last record, if it had no line break after it. */
  end(): CsvRow[] {
    return this.parse(this.pending, true);
  }

  private parse(text: string, final: boolean): CsvRow[] {
    this.lineBreak ??= firstLineBreak(text, final);
    // Until the first line break arrives, nothing can be a whole record.
    if (!this.lineBreak) {
      if (text.length > MAX_RECORD_CHARS) throw new CsvSyntaxError(this.line, brokenRecord(text, '\n'));
      this.pending = text;
      return [];
    }
    this.parser ??= new Papa.Parser({
      delimiter: ',', newline: this.lineBreak, quoteChar: '"',
      step: (result: StepResult) => {
        this.parsed.push({ cells: result.data[0], end: result.meta.cursor, broken: result.errors.length > 0 });
      },
    });
    this.parsed = [];
    this.parser.parse(text, 0, !final);

    const rows: CsvRow[] = [];
    const breaks = new LineBreakCounter(text, this.lineBreak);
    let start = 0;
    let line = this.line;
    for (const { cells, end, broken } of this.parsed) {
      if (broken) throw new CsvSyntaxError(line, brokenRecord(text.slice(start, end), this.lineBreak));
      // A blank line reads as one empty cell.
      if (cells.length > 1 || cells[0] !== '') rows.push({ line, cells });
      line += breaks.between(start, end);
      start = end;
    }
    this.pending = text.slice(start);
    this.line = line;
    if (this.pending.length > MAX_RECORD_CHARS) throw new CsvSyntaxError(line, brokenRecord(this.pending, this.lineBreak));
    return rows;
  }
}

/** The break that ends the first record (outside quotes), once the text holds one (or there will be no more). */
function firstLineBreak(text: string, final: boolean): LineBreak | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      // A doubled quote is a quote inside the cell; a single one closes it.
      if (c === '"') {
        if (text[i + 1] === '"') i += 1;
        else quoted = false;
      }
    } else if (c === '"') {
      // Only a quote at the start of a cell opens a quoted cell.
      quoted = i === 0 || text[i - 1] === ',';
    } else if (c === '\n') return '\n';
    else if (c === '\r') {
      // A CR at the very end may be the first half of a CRLF.
      if (i === text.length - 1 && !final) return undefined;
      return text[i + 1] === '\n' ? '\r\n' : '\r';
    }
  }
  return final ? '\n' : undefined;
}

/** Why papaparse flagged a record: an unclosed quoted cell, or text after a closing quote. */
function brokenRecord(record: string, lineBreak: LineBreak): string {
  let inQuotes = false;
  for (let i = 0; i < record.length; i += 1) {
    if (record[i] !== '"') continue;
    if (inQuotes && record[i + 1] === '"') {
      i += 1;
    } else if (inQuotes) {
      inQuotes = false;
      const next = record[i + 1];
      if (next !== undefined && next !== ',' && !record.startsWith(lineBreak, i + 1)) {
        return 'a quoted cell must end at a comma or a line break (write a quote inside a quoted cell as "")';
      }
    } else if (i === 0 || record[i - 1] === ',' || record.startsWith(lineBreak, i - lineBreak.length)) {
      inQuotes = true;
    }
  }
  return 'a quoted cell is never closed';
}

/**
 * Counts the file's line breaks in ranges of the text, front to back, finding each break once
 * (a record's breaks are usually only its last few characters).
 */
class LineBreakCounter {
  private next: number;
  private readonly char: string;

  constructor(private readonly text: string, lineBreak: LineBreak) {
    // A CRLF is counted by its LF.
    this.char = lineBreak === '\r' ? '\r' : '\n';
    this.next = text.indexOf(this.char);
  }

  between(start: number, end: number): number {
    let count = 0;
    while (this.next !== -1 && this.next < end) {
      if (this.next >= start) count += 1;
      this.next = this.text.indexOf(this.char, this.next + 1);
    }
    return count;
  }
}
