import { parse } from 'csv-parse/sync';
import { csvLines } from './csv-text.js';

describe('csvLines', () => {
  it('writes RFC 4180: CRLF after every row, quotes doubled, cells with commas, quotes or line breaks quoted', () => {
    expect(csvLines([['a', 'b,c', 'say "hi"', 'two\r\nlines', 'ünïcødé ✓']])).toBe('a,"b,c","say ""hi""","two\r\nlines",ünïcødé ✓\r\n');
  });

  it('writes null and undefined as empty cells, numbers and booleans as they are', () => {
    expect(csvLines([[null, undefined, 3, -3, 0.5, true, false]])).toBe(',,3,-3,0.5,true,false\r\n');
  });

  it.each(['=1+2', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("x")\nsecond line'])('makes the formula-like text %j inert with a leading quote', (cell) => {
    const [[read]] = parse(csvLines([[cell]]), { relaxQuotes: false }) as string[][];
    expect(read).toBe(`'${cell}`);
  });

  it('round-trips awkward text through an independent CSV reader', () => {
    const rows = [['id', 'text'], ['1', 'comma, "quote", line\nbreak and CRLF\r\nend'], ['2', ''], ['3', '  padded  ']];
    expect(parse(csvLines(rows))).toEqual(rows);
  });

  it('writes nothing for no rows', () => {
    expect(csvLines([])).toBe('');
  });
});
