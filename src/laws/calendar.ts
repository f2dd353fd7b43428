/**
 * Business-day calendars: which days count as working days for a law's "business days" / "working days"
 * and for rolling a deadline off a closed day.
 *
 * A calendar is data (`CalendarSpec`, storable in an organisation's settings) turned into a
 * `BusinessCalendar` by `buildCalendar`. Bases:
 * - `jp`: Monday–Friday minus Japanese national holidays (holidays-jp.ts; throws outside 1970–2050).
 * - `us-federal`: Monday–Friday minus observed US federal holidays (holidays-us.ts).
 * - `weekdays`: Monday–Friday only, for laws whose holidays Mamori does not model (see gdpr.ts, pipl.ts).
 * An organisation may add its own closed days (`extraHolidays`), the Japanese year-end closing
 * 12/29–1/3 (`yearEndClosing`, a common 就業規則 practice, not law) and working days that override
 * weekends/holidays (`extraWorkingDays`, e.g. China's 调休 Saturdays).
 */
import { addDays, type CalendarDate, compareDates, isoWeekday, isWeekend, parseDate } from './date.js';
import { isJapaneseHoliday, japaneseHolidayName } from './holidays-jp.js';
import { isUsFederalHoliday, usFederalHolidayName } from './holidays-us.js';

export type CalendarBase = 'jp' | 'us-federal' | 'weekdays';

export interface CalendarSpec {
  base: CalendarBase;
  /** Treat 29 December – 3 January as closed (年末年始休業). */
  yearEndClosing?: boolean;
  /** Further closed days of the organisation. */
  extraHolidays?: readonly CalendarDate[];
  /** Days that are working days even though they fall on a weekend or holiday. */
  extraWorkingDays?: readonly CalendarDate[];
}

export interface BusinessCalendar {
  readonly id: string;
  readonly spec: Readonly<CalendarSpec>;
  isBusinessDay(date: CalendarDate): boolean;
  /** Why `date` is not a business day, for the console ("Sunday", "こどもの日 振替休日", …). */
  closedReason(date: CalendarDate): string | undefined;
}

function isYearEndClosing(date: CalendarDate): boolean {
  const { month, day } = parseDate(date);
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}

const baseHoliday: Record<CalendarBase, (date: CalendarDate) => string | undefined> = {
  jp: (date) => (isJapaneseHoliday(date) ? japaneseHolidayName(date)?.ja : undefined),
  'us-federal': (date) => (isUsFederalHoliday(date) ? usFederalHolidayName(date) : undefined),
  weekdays: () => undefined,
};

export function calendarId(spec: CalendarSpec): string {
  const parts: string[] = [spec.base];
  if (spec.yearEndClosing) parts.push('year-end');
  if (spec.extraHolidays?.length) parts.push(`+${spec.extraHolidays.length}h`);
  if (spec.extraWorkingDays?.length) parts.push(`+${spec.extraWorkingDays.length}w`);
  return parts.join(':');
}

export function buildCalendar(spec: CalendarSpec): BusinessCalendar {
  for (const d of [...(spec.extraHolidays ?? []), ...(spec.extraWorkingDays ?? [])]) parseDate(d);
  const extraHolidays = new Set(spec.extraHolidays ?? []);
  const extraWorking = new Set(spec.extraWorkingDays ?? []);
  const holiday = baseHoliday[spec.base];
  const closedReason = (date: CalendarDate): string | undefined => {
    // The base holiday lookup runs first so that a date outside the holiday data's coverage always
    // throws, even when it is a weekend or an explicitly listed day.
    const baseName = holiday(date);
    if (extraWorking.has(date)) return undefined;
    if (extraHolidays.has(date)) return 'organisation holiday';
    if (spec.yearEndClosing && isYearEndClosing(date)) return 'year-end closing';
    if (baseName) return baseName;
    if (isWeekend(date)) return isoWeekday(date) === 6 ? 'Saturday' : 'Sunday';
    return undefined;
  };
  return {
    id: calendarId(spec),
    spec: Object.freeze({ ...spec }),
    closedReason,
    isBusinessDay: (date) => closedReason(date) === undefined,
  };
}

/** Guards loops: no real calendar has a year without business days. */
const MAX_SCAN_DAYS = 366 * 2;

function scan(
  calendar: BusinessCalendar,
  from: CalendarDate,
  step: 1 | -1,
  includeFrom: boolean,
): CalendarDate {
  let d = includeFrom ? from : addDays(from, step);
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    if (calendar.isBusinessDay(d)) return d;
    d = addDays(d, step);
  }
  throw new Error(`Calendar ${calendar.id} has no business day within two years of ${from}.`);
}

/** `date` itself when it is a business day, else the next one. */
export function onOrNextBusinessDay(calendar: BusinessCalendar, date: CalendarDate): CalendarDate {
  return scan(calendar, date, 1, true);
}

/** `date` itself when it is a business day, else the previous one. */
export function onOrPreviousBusinessDay(calendar: BusinessCalendar, date: CalendarDate): CalendarDate {
  return scan(calendar, date, -1, true);
}

/**
 * The n-th business day after `date` (n ≥ 1; `date` itself is never counted). n = 0 returns `date`.
 * "Within 10 business days after receiving" (CCPA Regs §7021(a)) is `addBusinessDays(received, 10)`.
 */
export function addBusinessDays(calendar: BusinessCalendar, date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Business days to add must be a whole number ≥ 0, not ${n}.`);
  let d = date;
  for (let i = 0; i < n; i++) d = scan(calendar, d, 1, false);
  return d;
}

/**
 * Business days in the half-open range (from, to]: the days after `from` up to and including `to`.
 * So `countBusinessDays(c, d, addBusinessDays(c, d, n)) === n`. Negative when `to` is before `from`.
 */
export function countBusinessDays(calendar: BusinessCalendar, from: CalendarDate, to: CalendarDate): number {
  const order = compareDates(from, to);
  if (order === 0) return 0;
  if (order > 0) return -countBusinessDays(calendar, to, from);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isBusinessDay(d)) count++;
  return count;
}
