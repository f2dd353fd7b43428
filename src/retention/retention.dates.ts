import {
  addDays,
  type CalendarDate,
  compareDates,
  daysInMonth,
  formatDate,
  parseDate,
  toEpochDay,
} from '../laws/date.js';
import { localDateOf } from '../laws/zone.js';
import type { Duration } from '../register/common.schema.js';

/*
 * Retention periods in calendar terms (pure). A period "of 5 years after the contract ends" is counted as
 * the Civil Code counts periods, on the Tokyo calendar:
 * - Art. 140 (初日不算入): the day the trigger happens is not counted; counting starts the next day.
 * - Art. 143: years and months follow the calendar; the period ends on the day before the day of the last
 *   year/month that corresponds to the start day, and where that day does not exist (29 Feb, the 31st), on
 *   the last day of that month.
 * Days are added after years and months (the Code says nothing about mixed periods; this is the reading
 * that keeps periods monotone). A row may be erased from the day after its period ends ("erasable day").
 */

export const RETENTION_TIME_ZONE = 'Asia/Tokyo';
/** Tokyo has kept UTC+9 without daylight saving since 1952, so a fixed offset addresses its midnights exactly. */
export const RETENTION_UTC_OFFSET = '+09:00';

const periodDays = (p: Duration) => p.days ?? 0;
const periodMonths = (p: Duration) => (p.years ?? 0) * 12 + (p.months ?? 0);

/** The last day of the period that starts the day after `trigger` (Civil Code Arts. 140, 143). */
export function periodEnd(trigger: CalendarDate, period: Duration): CalendarDate {
  const start = parseDate(addDays(trigger, 1));
  const months = periodMonths(period);
  let end: CalendarDate;
  if (months === 0) {
    end = trigger;
  } else {
    const index = start.year * 12 + (start.month - 1) + months;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    end =
      start.day > daysInMonth(year, month)
        ? formatDate({ year, month, day: daysInMonth(year, month) })
        : addDays(formatDate({ year, month, day: start.day }), -1);
  }
  return addDays(end, periodDays(period));
}

/** The first day on which a row whose trigger fell on `trigger` may be erased. */
export function erasableFrom(trigger: CalendarDate, period: Duration | undefined): CalendarDate {
  // APPI Art. 22: without a period, data is erased "without delay" once the trigger has happened.
  return period ? addDays(periodEnd(trigger, period), 1) : addDays(trigger, 1);
}

/**
 * The earliest trigger day that is NOT yet erasable on `today`: a row is due exactly when its trigger day
 * is before this cutoff. erasableFrom is monotone in the trigger, so the cutoff is found by a short walk
 * from an estimate; the walk is bounded by the month-end clamping (at most a few days either way).
 */
export function cutoffFor(today: CalendarDate, period: Duration | undefined): CalendarDate {
  const due = (t: CalendarDate) => compareDates(erasableFrom(t, period), today) <= 0;
  let t = today;
  if (period) {
    const back = parseDate(today);
    const index = back.year * 12 + (back.month - 1) - periodMonths(period);
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    t = addDays(
      formatDate({ year, month, day: Math.min(back.day, daysInMonth(year, month)) }),
      -periodDays(period),
    );
  }
  while (due(t)) t = addDays(t, 1);
  while (!due(addDays(t, -1))) t = addDays(t, -1);
  return t;
}

/** The longer of two periods, compared by where they end from a common trigger (months are not all equal). */
export function longerPeriod(a: Duration | undefined, b: Duration | undefined): Duration | undefined {
  if (!a) return b;
  if (!b) return a;
  const probe = '2001-01-31';
  return toEpochDay(periodEnd(probe, b)) > toEpochDay(periodEnd(probe, a)) ? b : a;
}

/** The trigger day of a stored value: instants fall on the Tokyo day they happened; bare dates are days already. */
export function triggerDay(value: unknown): CalendarDate | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return localDateOf(value, RETENTION_TIME_ZONE);
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  // A naive date-time ("2021-02-28 23:30:00", as MariaDB DATETIME reads) is taken as Tokyo wall-clock time.
  const naive = /^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.exec(text);
  if (naive) return naive[1] as string;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : localDateOf(instant, RETENTION_TIME_ZONE);
}

/** "Otherwise" chains: the first trigger field holding a value decides (register: RetentionRule.triggers). */
export function firstTrigger(values: readonly unknown[]): CalendarDate | null {
  for (const v of values) {
    const day = triggerDay(v);
    if (day) return day;
  }
  return null;
}

/** Whether a row with these trigger values (in chain order) is due on `today`. No trigger yet: never due. */
export function isDue(
  values: readonly unknown[],
  period: Duration | undefined,
  today: CalendarDate,
): boolean {
  const t = firstTrigger(values);
  return t !== null && compareDates(erasableFrom(t, period), today) <= 0;
}
