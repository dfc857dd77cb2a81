import { stringify } from 'csv-stringify';
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';

/** A row as the database returned it: the output columns in order (anything after them is not written). */
export type RawRow = unknown[];

/** How one column is written: its header (CSV header, JSON key) and its value. */
export interface OutputColumn {
  header: string;
  /** Applied in place before writing (a day from a Date, a pseudonym); absent when the value is written as it came. */
  convert?: (value: unknown) => unknown;
}

/**
 * Socket writes are batched: one chunk per record would cost a write per row. Chunks of
 * about this many characters keep memory flat and the syscall count low.
 */
const CHUNK_CHARS = 64 * 1024;

/** Records the encoder may hold before the writer waits. */
const RECORDS_IN_FLIGHT = 256;

/** Joins small text chunks into larger ones (and sends what is left at the end). */
class Coalesce extends Transform {
  private pending = '';

  constructor() {
    super({ decodeStrings: false, readableHighWaterMark: 4 * CHUNK_CHARS });
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (this.pending.length >= CHUNK_CHARS) {
      this.push(this.pending);
      this.pending = '';
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pending) this.push(this.pending);
    done();
  }
}

/**
 * RFC 4180 CSV with a header row (CRLF line ends, quotes doubled, any cell holding a line
 * break quoted). Cells starting with =, +, -, @, tab or CR get a leading single quote, so a
 * spreadsheet never runs them as formulas (numbers such as -3 are left alone); null is an
 * empty cell.
 */
function csvEncoder(columns: OutputColumn[]): Transform {
  return stringify({
    // A few hundred records in flight: fewer waits for 'drain' than the default 16.
    writableHighWaterMark: RECORDS_IN_FLIGHT,
    header: true,
    // Rows are arrays: cells by position, and only as many as there are columns.
    columns: columns.map((c) => c.header),
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

/** JSON Lines: one JSON object per line, keys in column order, null kept as null. */
function jsonLinesEncoder(columns: OutputColumn[]): Transform {
  const keys = columns.map((c) => `${JSON.stringify(c.header)}:`);
  return new Transform({
    writableObjectMode: true,
    writableHighWaterMark: RECORDS_IN_FLIGHT,
    readableObjectMode: false,
    transform(row: RawRow, _encoding, done) {
      let line = '{';
      for (let i = 0; i < columns.length; i += 1) line += `${i ? ',' : ''}${keys[i]}${JSON.stringify(row[i] ?? null)}`;
      done(null, `${line}}\n`);
    },
  });
}

/** Resolves when `stream` can take more, or has been destroyed. */
function writable(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('close', done);
  });
}

/**
 * The file as a stream of text: pages of rows are written into the encoder as fast as the
 * client reads (backpressure), so memory holds about one page whatever the table's size. A
 * failure anywhere destroys the stream (an aborted download, never a silently short file);
 * the client going away destroys the encoder, which stops the reading.
 */
export function encode(pages: AsyncGenerator<RawRow[]>, columns: OutputColumn[], format: 'csv' | 'jsonl'): Readable {
  const encoder = format === 'csv' ? csvEncoder(columns) : jsonLinesEncoder(columns);
  const output = new Coalesce();
  encoder.on('error', (error) => output.destroy(error));
  output.on('close', () => encoder.destroy());
  encoder.pipe(output);
  const converted = columns.map((c, i) => [i, c.convert] as const).filter((entry): entry is readonly [number, (value: unknown) => unknown] => entry[1] !== undefined);

  const pump = async () => {
    for await (const page of pages) {
      for (const row of page) {
        for (const [i, convert] of converted) row[i] = convert(row[i]);
        if (encoder.destroyed) break;
        if (!encoder.write(row)) await writable(encoder);
      }
      if (encoder.destroyed) break;
    }
    if (!encoder.destroyed) encoder.end();
  };
  pump().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
