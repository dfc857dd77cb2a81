import { stringify } from 'csv-stringify/sync';
import { CsvParser, CsvSyntaxError, type CsvRow } from './csv-parser.js';

/** Feeds `text` in the given chunk sizes (cycled). */
function parseChunked(text: string, sizes: number[] = [text.length || 1]): CsvRow[] {
  const parser = new CsvParser();
  const rows: CsvRow[] = [];
  for (let at = 0, n = 0; at < text.length; n += 1) {
    const size = sizes[n % sizes.length];
    rows.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  rows.push(...parser.end());
  return rows;
}

/** Line breaks as an editor counts them in a file of LF or CRLF line ends. */
const lineBreaks = (text: string) => (text.match(/\n/g) ?? []).length;

describe('CsvParser', () => {
  it.each([['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']])('reads quoted cells with commas, doubled quotes and line breaks, numbering records by their first line (%s)', (_, eol) => {
    const text = `\uFEFFa,b,c${eol}1,"x, ""y""",z${eol}${eol}2,"multi${eol}line${eol}cell",${eol}3,,"last"`;
    expect(parseChunked(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, "y"', 'z'] },
      { line: 4, cells: ['2', `multi${eol}line${eol}cell`, ''] },
      { line: 7, cells: ['3', '', 'last'] },
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'h1,h2\r\n"a\r\nb","c""d"\r\n\r\ne,\r\n"",f\r\n,\r\n"g,"';
    const whole = parseChunked(text);
    expect(whole).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['a\r\nb', 'c"d'] },
      { line: 5, cells: ['e', ''] },
      { line: 6, cells: ['', 'f'] },
      { line: 7, cells: ['', ''] },
      { line: 8, cells: ['g,'] },
    ]);
    for (let size = 1; size <= text.length; size += 1) expect(parseChunked(text, [size])).toEqual(whole);
    expect(parseChunked(text, [1, 2, 3, 5, 8])).toEqual(whole);
  });

  it('round-trips what csv-stringify writes, with exact line numbers (LF and CRLF)', () => {
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const pieces = ['plain', 'with, comma', 'a "quote"', 'line\nbreak', 'crlf\r\nbreak', 'lone\rcr', '', ' spaced ', 'Zoë 名前 👮', '=SUM(A1)', '"'];
    const records = Array.from({ length: 300 }, () => Array.from({ length: 4 }, () => pieces[Math.floor(random() * pieces.length)]));
    for (const delimiter of ['\n', '\r\n']) {
      const text = stringify(records, { record_delimiter: delimiter === '\n' ? 'unix' : 'windows', quote_record_delimiter: true });
      let line = 1;
      const expected = records.map((cells) => {
        const row = { line, cells };
        line += lineBreaks(stringify([cells], { record_delimiter: delimiter === '\n' ? 'unix' : 'windows', quote_record_delimiter: true }));
        return row;
      });
      expect(parseChunked(text, [97, 1024, 13])).toEqual(expected);
    }
  });

  it('keeps a quote inside an unquoted cell as text', () => {
    expect(parseChunked('5\'11",ok\n')).toEqual([{ line: 1, cells: ['5\'11"', 'ok'] }]);
  });

  it('refuses an unclosed quoted cell and text after a closing quote, naming the line', () => {
    expect(() => parseChunked('a,b\n1,"never closed\n2,3\n', [4])).toThrow(new CsvSyntaxError(2, 'a quoted cell is never closed'));
    try {
      parseChunked('a,b\n1,2\n"3"x,4\n');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).line).toBe(3);
      expect((error as Error).message).toContain('a quoted cell must end at a comma or a line break');
    }
  });

  it('reports a quote left open at once, not after reading the rest of a large file into memory', () => {
    const parser = new CsvParser();
    parser.push('a,b\n1,"open\n');
    const filler = `${'x,y\n'.repeat(1000)}`;
    let thrown: unknown;
    try {
      for (let i = 0; i < 2000; i += 1) parser.push(filler);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(new CsvSyntaxError(2, 'a quoted cell is never closed'));
  });
});
