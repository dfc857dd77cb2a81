import { parse } from 'csv-parse/sync';
import { SummaryResponse, type SummaryFigures } from './dto/summary.response.js';
import { summaryCsv, summaryRows } from './summary-csv.js';

const figures: SummaryFigures = {
  asOf: '2025-01-01',
  filters: { station: 'Charing Cross, "North"' },
  investigations: { total: 3, byStatus: { open: 2, closed: 1 }, byMode: { local: 3 } },
  subjects: { total: 4 },
  allegations: { total: 6, byCategory: { use_of_force: 6 }, bySeverity: { misconduct: 6 }, byFinding: { proven: 5, pending: 1 } },
  outcomes: { total: 2, byType: { dismissed: 2 }, bySanction: { none: 2 } },
  barred: { total: 2, current: 1 },
  daysToOutcome: { outcomes: 2, median: 10, p90: 40 },
  recommendations: { total: 1, byResponseStatus: { pending: 1 }, overdue: 0 },
  bySource: { allegationsBySourceCategory: { '=SUM(A1:A9)': 2, 'Ünïcode\nline': 1 }, allegationsBySourceFinding: {}, outcomesBySourceOutcome: {} },
};

describe('summary CSV', () => {
  it('writes one figure per row: parameters first, then section, key, value', () => {
    const rows = summaryRows(SummaryResponse.from(figures, null));
    expect(rows.slice(0, 4)).toEqual([
      ['report', 'asOf', '2025-01-01'],
      ['filter', 'station', 'Charing Cross, "North"'],
      ['investigations', 'total', 3],
      ['investigations.byStatus', 'open', 2],
    ]);
    expect(rows).toContainEqual(['daysToOutcome', 'median', 10]);
    expect(rows).toContainEqual(['daysToOutcome', 'method', 'nearest-rank']);
    expect(rows).toContainEqual(['allegationsBySourceCategory', '=SUM(A1:A9)', 2]);
  });

  it('is RFC 4180 with a header, quoting commas, quotes and newlines, and defusing formulas', () => {
    const csv = summaryCsv(SummaryResponse.from(figures, 5));
    expect(csv.startsWith('section,key,value\r\n')).toBe(true);
    const parsed = parse(csv, { columns: true }) as Array<{ section: string; key: string; value: string }>;
    expect(parsed).toContainEqual({ section: 'filter', key: 'station', value: 'Charing Cross, "North"' });
    expect(parsed).toContainEqual({ section: 'allegationsBySourceCategory', key: "'=SUM(A1:A9)", value: '<5' });
    expect(parsed).toContainEqual({ section: 'allegationsBySourceCategory', key: 'Ünïcode\nline', value: '<5' });
    expect(parsed).toContainEqual({ section: 'report', key: 'suppress', value: '5' });
    expect(parsed).toContainEqual({ section: 'daysToOutcome', key: 'median', value: '' });
  });
});
