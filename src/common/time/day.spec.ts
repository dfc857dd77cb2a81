import { addDays, addYears, Clock } from './day.js';

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

  it('refuses text that is not a day', () => {
    expect(() => addDays('30/06/2021', 1)).toThrow('not a day');
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(new Clock().today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
