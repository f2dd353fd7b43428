/**
 * Applying a legal period ("one month", "45 calendar days", "10 business days") to a start date.
 *
 * Two counting conventions occur in the laws Mamori encodes, and each period says which it uses:
 * - `next_day`: the start day itself is not counted (Reg. 1182/71 Art. 3(1); 民法 Art. 140 初日不算入).
 *   "Ten days after the 1st" ends on the 11th.
 * - `start_day`: the start day is day 1 (CCPA Regs §7021(b): "the 45-day period will begin on the day that
 *   the business receives the request"). "Ten days from the 1st" ends on the 10th.
 * Months are calendar months clamped to the month's end (Reg. 1182/71 Art. 3(2)(c); 民法 Art. 143).
 */
import {
  addBusinessDays,
  type BusinessCalendar,
  onOrNextBusinessDay,
  onOrPreviousBusinessDay,
} from './calendar.js';
import { addDays, addMonthsClamped, type CalendarDate, maxDate } from './date.js';

export type PeriodUnit = 'calendar_days' | 'weeks' | 'months' | 'business_days';

export interface Period {
  amount: number;
  unit: PeriodUnit;
  counting: 'next_day' | 'start_day';
  /**
   * When the last day is not a business day of the law's calendar: `stays` (the law counts every day and
   * does not move the end), `next_business_day` (Reg. 1182/71 Art. 3(4)), or `previous_business_day`
   * (for internal targets: finish on the last working day before a closed day). A deadline never moves
   * before its start day.
   */
  closedLastDay: 'stays' | 'next_business_day' | 'previous_business_day';
}

function lastDayUnrolled(period: Period, calendar: BusinessCalendar, start: CalendarDate): CalendarDate {
  const { amount } = period;
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RangeError(`A period must be a whole number ≥ 0, not ${amount}.`);
  }
  if (amount === 0) return start;
  const back = period.counting === 'start_day' ? 1 : 0;
  switch (period.unit) {
    case 'calendar_days':
      return addDays(start, amount - back);
    case 'weeks':
      return addDays(start, amount * 7 - back);
    case 'months':
      return addDays(addMonthsClamped(start, amount), -back);
    case 'business_days':
      // With start-day counting, a start that is itself a business day is business day 1.
      return back === 1 && calendar.isBusinessDay(start)
        ? addBusinessDays(calendar, start, amount - 1)
        : addBusinessDays(calendar, start, amount);
  }
}

/** The last day of `period` counted from `start`, before any move off a closed day. */
export function periodEndUnrolled(
  period: Period,
  calendar: BusinessCalendar,
  start: CalendarDate,
): CalendarDate {
  return lastDayUnrolled(period, calendar, start);
}

/** The last day of `period` counted from `start`, after the period's rule for a closed last day. */
export function periodEnd(period: Period, calendar: BusinessCalendar, start: CalendarDate): CalendarDate {
  const last = lastDayUnrolled(period, calendar, start);
  switch (period.closedLastDay) {
    case 'stays':
      return last;
    case 'next_business_day':
      return onOrNextBusinessDay(calendar, last);
    case 'previous_business_day':
      return calendar.isBusinessDay(last) ? last : maxDate(start, onOrPreviousBusinessDay(calendar, last));
  }
}

const unitNames: Record<PeriodUnit, { ja: string; en: [string, string] }> = {
  calendar_days: { ja: '日', en: ['calendar day', 'calendar days'] },
  weeks: { ja: '週間', en: ['week', 'weeks'] },
  months: { ja: 'か月', en: ['month', 'months'] },
  business_days: { ja: '営業日', en: ['business day', 'business days'] },
};

/** "45 calendar days" / "45日", for letters and the console. */
export function describePeriod(period: Pick<Period, 'amount' | 'unit'>, lang: 'ja' | 'en'): string {
  const names = unitNames[period.unit];
  if (lang === 'ja') return `${period.amount}${names.ja}`;
  return `${period.amount} ${period.amount === 1 ? names.en[0] : names.en[1]}`;
}

/** Shorthand for the tables: `period(14, 'calendar_days', { closedLastDay: 'previous_business_day' })`. */
export function period(
  amount: number,
  unit: PeriodUnit,
  options: Partial<Pick<Period, 'counting' | 'closedLastDay'>> = {},
): Period {
  return Object.freeze({
    amount,
    unit,
    counting: options.counting ?? 'next_day',
    closedLastDay: options.closedLastDay ?? 'stays',
  });
}
