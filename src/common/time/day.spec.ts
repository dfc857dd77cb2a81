import { addDays, addMonths, addYears, Clock, daysBetween } from './day.js';

describe('calendar days', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2024-01-10', 56)).toBe('2024-03-06');
    expect(addDays('2023-01-10', 56)).toBe('2023-03-07');
    expect(addDays('2024-12-20', 14)).toBe('2025-01-03');
  });

  it('adds years, keeping 29 February in the same month', () => {
    expect(addYears('2021-06-30', 5)).toBe('2026-06-30');
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('adds months, clamping to the end of a shorter month (as PostgreSQL does, unlike SQLite)', () => {
    expect(addMonths('2023-08-31', 18)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', -12)).toBe('2024-01-15');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2025-01-01', -25)).toBe('2022-12-01');
  });

  it('counts whole days between two days', () => {
    expect(daysBetween('2023-06-01', '2025-01-01')).toBe(580);
    expect(daysBetween('2025-01-01', '2024-12-31')).toBe(-1);
    expect(daysBetween('2024-02-15', '2024-08-15')).toBe(182);
  });

  it('refuses text that is not a day', () => {
    expect(() => addDays('30/06/2021', 1)).toThrow('not a day');
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(new Clock().today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
