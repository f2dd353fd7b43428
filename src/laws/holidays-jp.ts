/**
 * Japanese national holidays (国民の祝日, 振替休日 and 国民の休日 under the 祝日法 Art. 3) from the
 * `@holiday-jp/holiday_jp` data set.
 *
 * Coverage: the package (2.5.1) ships every holiday from 1970 to 2050. Years after the current one are a
 * projection under today's law: the equinox days (春分の日・秋分の日) are officially fixed only in the
 * Cabinet Office/NAOJ announcement each February for the following year, and the Diet may move or add
 * holidays (as for 2019's enthronement and 2020–21's Olympics). Dates outside the covered years throw
 * `HolidayCoverageError`: treating an unknown year as holiday-free would silently shift business-day
 * deadlines. Upgrade the package to extend coverage; `JAPANESE_HOLIDAY_COVERAGE` tells you the range.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { type CalendarDate, yearOf } from './date.js';

export class HolidayCoverageError extends Error {
  override name = 'HolidayCoverageError';
}

interface HolidayRecord {
  date: string;
  name: string;
  name_en: string;
}

const records = holidayJp.holidays as unknown as Record<string, HolidayRecord>;
const byDate = new Map<CalendarDate, HolidayRecord>(Object.entries(records));

function coveredYears(): { from: number; to: number } {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const date of byDate.keys()) {
    const y = yearOf(date);
    if (y < from) from = y;
    if (y > to) to = y;
  }
  return { from, to };
}

/** Whole years for which the data set lists every national holiday. */
export const JAPANESE_HOLIDAY_COVERAGE: Readonly<{ from: number; to: number; source: string }> =
  Object.freeze({
    ...coveredYears(),
    source: `@holiday-jp/holiday_jp ${holidayJp.VERSION}`,
  });

export function assertJapaneseHolidayCoverage(date: CalendarDate): void {
  const y = yearOf(date);
  if (y < JAPANESE_HOLIDAY_COVERAGE.from || y > JAPANESE_HOLIDAY_COVERAGE.to) {
    throw new HolidayCoverageError(
      `Japanese holiday data (${JAPANESE_HOLIDAY_COVERAGE.source}) covers ${JAPANESE_HOLIDAY_COVERAGE.from}–${JAPANESE_HOLIDAY_COVERAGE.to}; ${date} is outside it.`,
    );
  }
}

export function isJapaneseHoliday(date: CalendarDate): boolean {
  assertJapaneseHolidayCoverage(date);
  return byDate.has(date);
}

export function japaneseHolidayName(date: CalendarDate): { ja: string; en: string } | undefined {
  assertJapaneseHolidayCoverage(date);
  const r = byDate.get(date);
  return r ? { ja: r.name, en: r.name_en } : undefined;
}
