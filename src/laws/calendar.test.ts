import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  buildCalendar,
  countBusinessDays,
  onOrNextBusinessDay,
  onOrPreviousBusinessDay,
} from './calendar.js';
import { HolidayCoverageError } from './holidays-jp.js';

const jp = buildCalendar({ base: 'jp' });
const jpClosing = buildCalendar({ base: 'jp', yearEndClosing: true });
const weekdays = buildCalendar({ base: 'weekdays' });
const us = buildCalendar({ base: 'us-federal' });

describe('business calendars', () => {
  it('skips weekends and Japanese holidays across Golden Week', () => {
    expect(addBusinessDays(jp, '2026-04-28', 1)).toBe('2026-04-30');
    expect(addBusinessDays(jp, '2026-05-01', 1)).toBe('2026-05-07');
    expect(addBusinessDays(jp, '2026-04-27', 10)).toBe('2026-05-15');
    expect(countBusinessDays(jp, '2026-04-27', '2026-05-15')).toBe(10);
    expect(addBusinessDays(weekdays, '2026-05-01', 1)).toBe('2026-05-04');
  });

  it('treats 12/29–1/3 as closed only when the organisation has year-end closing', () => {
    expect(addBusinessDays(jp, '2026-12-28', 1)).toBe('2026-12-29');
    expect(addBusinessDays(jpClosing, '2026-12-28', 1)).toBe('2027-01-04');
    expect(jpClosing.closedReason('2026-12-30')).toBe('year-end closing');
    expect(jp.closedReason('2027-01-01')).toBe('元日');
    expect(jp.closedReason('2026-12-30')).toBeUndefined();
    expect(countBusinessDays(jpClosing, '2026-12-25', '2027-01-08')).toBe(6);
    expect(countBusinessDays(jp, '2026-12-25', '2027-01-08')).toBe(9);
  });

  it('honours organisation holidays and make-up working days', () => {
    const cal = buildCalendar({
      base: 'weekdays',
      extraHolidays: ['2026-05-01'],
      extraWorkingDays: ['2026-05-09'],
    });
    expect(cal.isBusinessDay('2026-05-01')).toBe(false);
    expect(cal.closedReason('2026-05-01')).toBe('organisation holiday');
    expect(cal.isBusinessDay('2026-05-09')).toBe(true);
    expect(cal.closedReason('2026-05-10')).toBe('Sunday');
    expect(cal.id).toBe('weekdays:+1h:+1w');
  });

  it('moves to the next or previous business day', () => {
    expect(onOrNextBusinessDay(jp, '2026-05-02')).toBe('2026-05-07');
    expect(onOrPreviousBusinessDay(jp, '2026-05-06')).toBe('2026-05-01');
    expect(onOrNextBusinessDay(jp, '2026-05-07')).toBe('2026-05-07');
    expect(onOrNextBusinessDay(us, '2026-11-26')).toBe('2026-11-27');
  });

  it('counts the half-open range (from, to] and is antisymmetric', () => {
    expect(countBusinessDays(weekdays, '2026-04-06', '2026-04-06')).toBe(0);
    expect(countBusinessDays(weekdays, '2026-04-03', '2026-04-06')).toBe(1);
    expect(countBusinessDays(weekdays, '2026-04-06', '2026-04-03')).toBe(-1);
    expect(addBusinessDays(weekdays, '2026-04-04', 0)).toBe('2026-04-04');
  });

  it('rejects nonsense and fails at the end of the holiday data', () => {
    expect(() => addBusinessDays(jp, '2026-04-01', -1)).toThrow(RangeError);
    expect(() => addBusinessDays(jp, '2026-04-01', 1.5)).toThrow(RangeError);
    expect(() => buildCalendar({ base: 'jp', extraHolidays: ['2026-02-30'] })).toThrow();
    expect(() => addBusinessDays(jp, '2050-12-28', 5)).toThrow(HolidayCoverageError);
    // A listed working day outside the data is still refused rather than trusted.
    const cal = buildCalendar({ base: 'jp', extraWorkingDays: ['2051-01-07'] });
    expect(() => cal.isBusinessDay('2051-01-07')).toThrow(HolidayCoverageError);
  });
});
