import { addMonths, daysBetween, parsePeriod, subtractPeriod, windowStart } from './report-periods.js';

describe('report periods', () => {
  it('adds months, clamping to the end of a shorter month (as PostgreSQL does, unlike SQLite)', () => {
    expect(addMonths('2023-08-31', 18)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', -12)).toBe('2024-01-15');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-01', -25)).toBe('2022-12-01');
  });

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

  it('counts whole days between two days', () => {
    expect(daysBetween('2023-06-01', '2025-01-01')).toBe(580);
    expect(daysBetween('2025-01-01', '2024-12-31')).toBe(-1);
    expect(daysBetween('2024-02-15', '2024-08-15')).toBe(182);
  });
});
