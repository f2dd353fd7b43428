/**
 * Which calendar and time zone a law is counted in for an organisation: the organisation's per-law
 * override, else the law table's default (`organisation` = the organisation's own calendar).
 */
import { type BusinessCalendar, buildCalendar, type CalendarSpec } from './calendar.js';
import type { LawTable } from './law.js';
import type { OrgLawSettings } from './laws.schema.js';

export interface LawContext {
  calendar: BusinessCalendar;
  timeZone: string;
}

export function lawContext(law: LawTable, settings: OrgLawSettings): LawContext {
  const override = settings.laws[law.id];
  const spec: CalendarSpec =
    override?.calendar ??
    (law.calendar.default === 'organisation' ? settings.calendar : law.calendar.default);
  return { calendar: buildCalendar(spec), timeZone: override?.timeZone ?? settings.timeZone };
}
