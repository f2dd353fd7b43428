/**
 * Calendar dates (a day on a wall calendar, no time of day) and their arithmetic.
 *
 * Deadlines in privacy law are counted in days, weeks and months of a local calendar, not in elapsed
 * milliseconds: a request received at 2026-03-31T16:00Z arrived on 2026-04-01 in Tokyo. Dates are kept as
 * ISO strings `YYYY-MM-DD` (sortable, JSON-safe, readable in logs) and converted to an epoch-day number
 * only for arithmetic, so no time zone ever leaks into date maths.
 */

/** An ISO calendar date `YYYY-MM-DD` (proleptic Gregorian, years 0001–9999). */
export type CalendarDate = string;

export class InvalidDateError extends Error {
  override name = 'InvalidDateError';
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function parseDate(date: CalendarDate): DateParts {
  const m = ISO_DATE.exec(date);
  if (!m) throw new InvalidDateError(`"${date}" is not a calendar date in the form YYYY-MM-DD.`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(`"${date}" is not a day that exists in the calendar.`);
  }
  return { year, month, day };
}

export function isCalendarDate(value: string): boolean {
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatDate({ year, month, day }: DateParts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01. `Date.UTC` is used only as a proleptic-Gregorian day counter here. */
export function toEpochDay(date: CalendarDate): number {
  const { year, month, day } = parseDate(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): CalendarDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * The same date `months` later, clamped to the month's last day when that date does not exist
 * (31 Jan + 1 month = 28/29 Feb). This is the rule of Regulation (EEC, Euratom) No 1182/71 Art. 3(2)(c)
 * for periods in months, and gives the same last day as Japan's Civil Code Arts. 140 and 143.
 */
export function addMonthsClamped(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const mod = (((toEpochDay(date) + 3) % 7) + 7) % 7;
  return mod + 1;
}

export function isWeekend(date: CalendarDate): boolean {
  return isoWeekday(date) >= 6;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

export function yearOf(date: CalendarDate): number {
  return parseDate(date).year;
}
