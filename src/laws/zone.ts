/**
 * Instants ↔ calendar dates in an IANA time zone.
 *
 * The day a request "was received" is the day on the receiving organisation's wall calendar. Mamori's
 * home zone is Asia/Tokyo (no DST since 1951), but the conversion goes through Intl so that any IANA zone
 * configured for a law (e.g. America/Los_Angeles) is handled correctly across DST changes.
 */
import { addDays, type CalendarDate, formatDate, parseDate } from './date.js';

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export class InvalidTimeZoneError extends Error {
  override name = 'InvalidTimeZoneError';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new InvalidTimeZoneError(`"${timeZone}" is not an IANA time zone this runtime knows.`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (!part) throw new Error(`Intl did not return a ${type} part for ${timeZone}.`);
    return Number(part.value);
  };
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function assertValidInstant(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('The instant is not a valid date-time.');
}

/** The calendar date on the wall in `timeZone` at `instant`. */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): CalendarDate {
  assertValidInstant(instant);
  const w = wallClock(instant, timeZone);
  return formatDate({ year: w.year, month: w.month, day: w.day });
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (Tokyo: +9 h). */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The first instant of `date` in `timeZone`. Where midnight does not exist (a DST gap at 00:00, as in
 * some American zones), the first instant that does exist on that date.
 */
export function startOfDay(date: CalendarDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const { year, month, day } = parseDate(date);
  const naive = Date.UTC(year, month - 1, day);
  let guess = naive - offsetAt(new Date(naive), timeZone);
  guess = naive - offsetAt(new Date(guess), timeZone);
  // Step forward past a gap: the guess must fall on `date`, and an hour earlier must not.
  for (let i = 0; i < 4 && localDateOf(new Date(guess), timeZone) < date; i++) guess += 3_600_000;
  return new Date(guess);
}

/**
 * The instant a deadline falling on `date` expires: the start of the following day, exclusive. A deadline
 * "by 2026-04-15" is met by anything done before this instant (Reg. 1182/71 Art. 3(2)(b): a period ends
 * "with the expiry of the last hour" of its last day).
 */
export function deadlineExpiry(date: CalendarDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return startOfDay(addDays(date, 1), timeZone);
}

/** Whether the deadline `date` has passed at `now`. */
export function isPastDeadline(date: CalendarDate, now: Date, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  return now.getTime() >= deadlineExpiry(date, timeZone).getTime();
}
