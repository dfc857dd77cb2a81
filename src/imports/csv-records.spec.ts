import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvFileError, readCsv, type CsvRecord } from './csv-records.js';

describe('readCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probity-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const file = (text: string) => {
    const path = join(dir, `f${++n}.csv`);
    writeFileSync(path, text);
    return path;
  };
  /** The records, keyed by header for readability. */
  const all = async (path: string, required = ['a', 'b'], optional: string[] = []) => {
    const csv = await readCsv(path, required, optional);
    const out: Array<{ line: number; record?: Record<string, string>; error?: string }> = [];
    for await (const batch of csv.batches) {
      out.push(...batch.map((r: CsvRecord) => (r.error !== undefined ? r : { line: r.line, record: Object.fromEntries(csv.header.map((h) => [h, r.cells[csv.columns[h]]])) })));
    }
    return out;
  };

  it.each([['LF', '\n'], ['CRLF', '\r\n']])('numbers records by the line they start on (%s)', async (_, eol) => {
    const records = await all(file(['\uFEFFa,b', '1,"x', 'y"', '', '2,3', '4,"multi', 'line', 'cell"', '5,6', ''].join(eol)));
    expect(records.map((r) => [r.line, r.record])).toEqual([
      [2, { a: '1', b: `x${eol}y` }],
      [5, { a: '2', b: '3' }],
      [6, { a: '4', b: `multi${eol}line${eol}cell` }],
      [9, { a: '5', b: '6' }],
    ]);
  });

  it('reports a record with the wrong number of cells by line, and reads on', async () => {
    const records = await all(file('a,b\n1,2\n3\n4,5,6\n7,8\n'));
    expect(records).toEqual([
      { line: 2, record: { a: '1', b: '2' } },
      { line: 3, error: 'has 1 cells where the header has 2' },
      { line: 4, error: 'has 3 cells where the header has 2' },
      { line: 5, record: { a: '7', b: '8' } },
    ]);
  });

  it('reads a large file in batches, every record once and in order', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},"cell ${i}, in a file larger than one chunk"`);
    const csv = await readCsv(file(`a,b\n${rows.join('\n')}\n`), ['a', 'b'], []);
    let batches = 0;
    const seen: string[] = [];
    for await (const batch of csv.batches) {
      batches += 1;
      seen.push(...batch.map((r) => r.cells![csv.columns.a]));
    }
    expect(seen).toEqual(rows.map((_, i) => String(i)));
    expect(batches).toBeGreaterThan(1);
    expect(batches).toBeLessThan(rows.length / 10);
    expect(csv.charactersRead).toBeGreaterThan(rows.join('\n').length);
  });

  it('stops at broken CSV, naming the line: nothing after it can be trusted', async () => {
    const failure = all(file('a,b\n1,2\n"3"x,4\n5,6\n'));
    await expect(failure).rejects.toThrow(CsvFileError);
    await expect(failure).rejects.toMatchObject({ line: 3, message: expect.stringContaining('not valid CSV at line 3: a quoted cell must end') });
  });

  it('refuses a header with a missing, unknown or repeated column', async () => {
    await expect(readCsv(file('a\n1\n'), ['a', 'b'], [])).rejects.toThrow(new CsvFileError(1, 'the header row: missing column(s): b'));
    await expect(readCsv(file('a,b,colour\n'), ['a', 'b'], ['c'])).rejects.toThrow('unknown column(s): "colour"');
    await expect(readCsv(file('a,b,a\n'), ['a', 'b'], [])).rejects.toThrow('repeated column(s): a');
    await expect(readCsv(file(''), ['a'], [])).rejects.toThrow('the file is empty');
    expect(await all(file('b,a,c\n1,2,\n'), ['a', 'b'], ['c'])).toEqual([{ line: 2, record: { b: '1', a: '2', c: '' } }]);
  });
});
