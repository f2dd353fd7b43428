/**
 * Public API of the law tables and deadline arithmetic (pure: no IO, no clock).
 *
 * - Tables and lookup: `LAWS`, `getLaw`, `getKind`, `kindsFor`, `lawIds`.
 * - Deadlines: `computeDeadlines`, `strictestDeadlines`.
 * - Incidents: `assessIncident`.
 * - Which law: `chooseLaws`, `enabledLaws`.
 * - Calendars and dates: `buildCalendar`, `addBusinessDays`, `countBusinessDays`, `localDateOf`,
 *   `deadlineExpiry`, `isPastDeadline`, `addMonthsClamped`, …
 */
export { chooseLaws, enabledLaws, type LawChoice, type LawReason } from './applicability.rules.js';
export {
  addBusinessDays,
  type BusinessCalendar,
  buildCalendar,
  type CalendarBase,
  type CalendarSpec,
  countBusinessDays,
  onOrNextBusinessDay,
  onOrPreviousBusinessDay,
} from './calendar.js';
export { type LawContext, lawContext } from './context.js';
export {
  addDays,
  addMonthsClamped,
  type CalendarDate,
  compareDates,
  daysBetween,
  InvalidDateError,
  isCalendarDate,
  isoWeekday,
} from './date.js';
export {
  computeDeadlines,
  type Deadlines,
  type DeadlineWarning,
  strictestDeadlines,
} from './deadlines.rules.js';
export {
  HolidayCoverageError,
  isJapaneseHoliday,
  JAPANESE_HOLIDAY_COVERAGE,
  japaneseHolidayName,
} from './holidays-jp.js';
export { isUsFederalHoliday, US_FEDERAL_HOLIDAY_COVERAGE, usFederalHolidayName } from './holidays-us.js';
export {
  assessIncident,
  type ConditionHit,
  type DueAssessment,
  type IncidentAssessment,
  type ReportAssessment,
} from './incidents.rules.js';
export type * from './law.js';
export * from './laws.schema.js';
export { describePeriod, type Period, type PeriodUnit, period, periodEnd } from './period.js';
export { getKind, getLaw, kindsFor, LAWS, lawIds, UnknownLawError } from './registry.js';
export { DEFAULT_TIME_ZONE, deadlineExpiry, isPastDeadline, localDateOf, startOfDay } from './zone.js';
