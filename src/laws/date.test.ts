import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  InvalidDateError,
  isCalendarDate,
  isLeapYear,
  isoWeekday,
  parseDate,
  toEpochDay,
} from './date.js';

describe('calendar dates', () => {
  it('rejects strings that are not existing days', () => {
    for (const bad of ['2026-02-29', '2025-13-01', '2026-04-31', '2026-4-1', '20260401', '', '2026-00-10']) {
      expect(() => parseDate(bad), bad).toThrow(InvalidDateError);
      expect(isCalendarDate(bad)).toBe(false);
    }
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('knows the Gregorian leap-year rule', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2026, 9)).toBe(30);
  });

  it('round-trips epoch days', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('2026-04-01')).toBe(20544);
    expect(fromEpochDay(20544)).toBe('2026-04-01');
    expect(fromEpochDay(-1)).toBe('1969-12-31');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-04-01', -1)).toBe('2026-03-31');
    expect(daysBetween('2026-04-01', '2026-05-15')).toBe(44);
    expect(daysBetween('2026-05-15', '2026-04-01')).toBe(-44);
  });

  it('clamps months to the last day of the target month (Reg. 1182/71 Art. 3(2)(c))', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2028-01-29', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonthsClamped('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonthsClamped('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonthsClamped('2026-01-31', -2)).toBe('2025-11-30');
  });

  it('gives ISO weekdays', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2026-04-01')).toBe(3);
    expect(isoWeekday('2026-05-03')).toBe(7);
    expect(isoWeekday('2028-02-29')).toBe(2);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });
});
