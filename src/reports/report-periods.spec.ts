import { parsePeriod, subtractPeriod, windowStart } from './report-periods.js';

describe('report periods', () => {
  it('parses window lengths and refuses anything else', () => {
    expect(parsePeriod('12m')).toEqual({ amount: 12, unit: 'm' });
    expect(parsePeriod('2y')).toEqual({ amount: 2, unit: 'y' });
    for (const bad of ['0m', '12', 'm', '1000d', '6x', ' 6m']) expect(() => parsePeriod(bad)).toThrow('not a period');
  });

  it('subtracts days, weeks, months and years', () => {
    expect(subtractPeriod('2024-03-01', parsePeriod('90d'))).toBe('2023-12-02');
    expect(subtractPeriod('2024-03-01', parsePeriod('2w'))).toBe('2024-02-16');
    expect(subtractPeriod('2024-03-31', parsePeriod('1m'))).toBe('2024-02-29');
    expect(subtractPeriod('2024-02-29', parsePeriod('1y'))).toBe('2023-02-28');
  });

  it('starts a rolling window the day after asOf minus its length, so 12m is exactly a year of days', () => {
    expect(windowStart('2024-12-31', parsePeriod('12m'))).toBe('2024-01-01');
    expect(windowStart('2025-06-30', parsePeriod('12m'))).toBe('2024-07-01');
    expect(windowStart('2024-03-01', parsePeriod('1d'))).toBe('2024-03-01');
  });
});
