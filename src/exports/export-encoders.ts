import { stringify } from 'csv-stringify';
import { Readable, Transform, type TransformCallback } from 'node:stream';

export type ExportRow = Record<string, unknown>;

/**
 * Socket writes are batched: one chunk per record would cost a write per row. Chunks of
 * about this many characters keep memory flat and the syscall count low.
 */
const CHUNK_CHARS = 64 * 1024;

/** Joins small text chunks into larger ones (and sends what is left at the end). */
class Coalesce extends Transform {
  private pending = '';

  constructor() {
    super({ writableObjectMode: false, readableObjectMode: false, decodeStrings: false });
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

/** rows → encoder → text in large chunks, failing (and stopping) as one stream. */
function chain(rows: AsyncIterable<ExportRow>, encoder: Transform): Readable {
  const source = Readable.from(rows, { objectMode: true, highWaterMark: 64 });
  const output = new Coalesce();
  // pipeline() would do, but the response owns the last stream: a failure anywhere must
  // destroy it (an aborted download, never a silently short file), and its destruction
  // (the client went away) must stop the database reads.
  source.on('error', (error) => output.destroy(error));
  encoder.on('error', (error) => output.destroy(error));
  output.on('close', () => {
    source.destroy();
    encoder.destroy();
  });
  source.pipe(encoder).pipe(output);
  return output;
}

/**
 * RFC 4180 CSV with a header row (CRLF line ends, quotes doubled). Cells starting with =, +,
 * -, @, tab or CR get a leading single quote, so a spreadsheet never runs them as formulas
 * (numbers such as -3 are left alone); null becomes an empty cell.
 */
export function toCsv(rows: AsyncIterable<ExportRow>, headers: string[]): Readable {
  const encoder = stringify({
    header: true,
    columns: headers,
    record_delimiter: 'windows',
    // Quote any cell holding \r or \n, not only the CRLF delimiter itself.
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  return chain(rows, encoder);
}

/** JSON Lines: one JSON object per line, keys in column order, null kept as null. */
export function toJsonLines(rows: AsyncIterable<ExportRow>): Readable {
  const encoder = new Transform({
    writableObjectMode: true,
    readableObjectMode: false,
    transform(row: ExportRow, _encoding, done) {
      done(null, `${JSON.stringify(row)}\n`);
    },
  });
  return chain(rows, encoder);
}
