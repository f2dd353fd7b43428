/**
 * United States federal legal public holidays, computed by rule (5 U.S.C. §6103(a)), with the observance
 * shift of §6103(b) and Executive Order 11582: a holiday on Saturday is observed the Friday before, one on
 * Sunday the Monday after.
 *
 * Used as the default holiday set for CCPA "business days" (see ccpa.ts for why). The rules hold from
 * 1986, the first year Martin Luther King Jr. Day was observed; Juneteenth counts from 2021 (Pub. L.
 * 117-17). Earlier years throw rather than silently use rules that were not yet law.
 */
import { addDays, type CalendarDate, daysInMonth, formatDate, isoWeekday, yearOf } from './date.js';
import { HolidayCoverageError } from './holidays-jp.js';

export const US_FEDERAL_HOLIDAY_COVERAGE = Object.freeze({ from: 1986, to: 9998 });

/** The n-th (1-based) ISO weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): CalendarDate {
  const first = formatDate({ year, month, day: 1 });
  const offset = (weekday - isoWeekday(first) + 7) % 7;
  return addDays(first, offset + (n - 1) * 7);
}

function lastWeekday(year: number, month: number, weekday: number): CalendarDate {
  const last = formatDate({ year, month, day: daysInMonth(year, month) });
  const back = (isoWeekday(last) - weekday + 7) % 7;
  return addDays(last, -back);
}

function observed(date: CalendarDate): CalendarDate {
  const wd = isoWeekday(date);
  if (wd === 6) return addDays(date, -1);
  if (wd === 7) return addDays(date, 1);
  return date;
}

export interface NamedHoliday {
  date: CalendarDate;
  name: string;
}

const JUNETEENTH_FROM = 2021;
const MONDAY = 1;
const THURSDAY = 4;

/** Observed federal holidays of `year` (the Friday 31 Dec for a Saturday New Year's Day belongs to the year it falls in). */
function holidaysOfYear(year: number): NamedHoliday[] {
  const fixed = (month: number, day: number, name: string): NamedHoliday => ({
    date: observed(formatDate({ year, month, day })),
    name,
  });
  return [
    fixed(1, 1, "New Year's Day"),
    { date: nthWeekday(year, 1, MONDAY, 3), name: 'Birthday of Martin Luther King, Jr.' },
    { date: nthWeekday(year, 2, MONDAY, 3), name: "Washington's Birthday" },
    { date: lastWeekday(year, 5, MONDAY), name: 'Memorial Day' },
    ...(year >= JUNETEENTH_FROM ? [fixed(6, 19, 'Juneteenth National Independence Day')] : []),
    fixed(7, 4, 'Independence Day'),
    { date: nthWeekday(year, 9, MONDAY, 1), name: 'Labor Day' },
    { date: nthWeekday(year, 10, MONDAY, 2), name: 'Columbus Day' },
    fixed(11, 11, 'Veterans Day'),
    { date: nthWeekday(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' },
    fixed(12, 25, 'Christmas Day'),
  ];
}

const cache = new Map<number, Map<CalendarDate, string>>();

function observedOn(year: number): Map<CalendarDate, string> {
  let m = cache.get(year);
  if (!m) {
    m = new Map();
    // New Year's Day of the next year may be observed on 31 December of this one.
    for (const h of [...holidaysOfYear(year), ...holidaysOfYear(year + 1)]) {
      if (yearOf(h.date) === year) m.set(h.date, h.name);
    }
    cache.set(year, m);
  }
  return m;
}

export function usFederalHolidayName(date: CalendarDate): string | undefined {
  const y = yearOf(date);
  if (y < US_FEDERAL_HOLIDAY_COVERAGE.from || y > US_FEDERAL_HOLIDAY_COVERAGE.to) {
    throw new HolidayCoverageError(
      `US federal holiday rules are encoded from ${US_FEDERAL_HOLIDAY_COVERAGE.from}; ${date} is outside them.`,
    );
  }
  return observedOn(y).get(date);
}

export function isUsFederalHoliday(date: CalendarDate): boolean {
  return usFederalHolidayName(date) !== undefined;
}
