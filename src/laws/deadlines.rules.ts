/**
 * Deadlines of a rights request, read from the law tables.
 *
 * The day of receipt is the calendar date in the law's time zone (the organisation's, Asia/Tokyo by
 * default) at the moment the request arrived: 2026-03-31T16:00Z is 2026-04-01 in Tokyo. Every date is a
 * calendar date; a deadline "by D" expires at the start of D + 1 in that zone (`deadlineExpiry`).
 *
 * - `dueBy`: the statutory limit when the law has one, else the organisation's internal target
 *   (`dueBasis` says which).
 * - `extendedDueBy`: what the limit becomes if extended (present whenever the law allows it);
 *   `effectiveDueBy` uses it only once `extension.noticeSentAt` shows timely notice.
 * - `suitPossibleFrom`: the first day the person may sue (APPI Art. 39).
 */

import { lawContext } from './context.js';
import { addDays, type CalendarDate, daysBetween, maxDate, minDate } from './date.js';
import type { Citation, Localized } from './law.js';
import { type DeadlineInput, DeadlineInputSchema } from './laws.schema.js';
import { periodEnd, periodEndUnrolled } from './period.js';
import { getKind, getLaw } from './registry.js';
import { localDateOf } from './zone.js';

export type DeadlineWarning =
  | { code: 'extension_not_available' }
  | { code: 'extension_notice_late'; noticeOn: CalendarDate; noticeBy: CalendarDate }
  | { code: 'extension_notice_before_receipt'; noticeOn: CalendarDate }
  | { code: 'target_after_suit_point'; dueBy: CalendarDate; suitPossibleFrom: CalendarDate };

export interface Deadlines {
  law: string;
  kind: string;
  timeZone: string;
  calendarId: string;
  receivedOn: CalendarDate;
  acknowledgeBy?: CalendarDate;
  dueBy: CalendarDate;
  dueBasis: 'statutory' | 'internal_target';
  extensionNoticeBy?: CalendarDate;
  extendedDueBy?: CalendarDate;
  extensionApplied: boolean;
  effectiveDueBy: CalendarDate;
  suitPossibleFrom?: CalendarDate;
  wording: Localized;
  citations: { deadline: Citation; acknowledge?: Citation; extension?: Citation; suit?: Citation };
  warnings: DeadlineWarning[];
}

export function computeDeadlines(input: DeadlineInput): Deadlines {
  const { law: lawId, kind: kindId, receivedAt, orgSettings, extension } = DeadlineInputSchema.parse(input);
  const law = getLaw(lawId);
  const { kind } = getKind(kindId, law.id);
  const rule = kind.deadline;
  const { calendar, timeZone } = lawContext(law, orgSettings);
  const receivedOn = localDateOf(receivedAt, timeZone);
  const warnings: DeadlineWarning[] = [];

  const target = orgSettings.laws[law.id]?.target ?? rule.target;
  const basisPeriod = rule.statutory ?? target;
  if (!basisPeriod) throw new Error(`Law table row ${kind.id} has neither a statutory period nor a target.`);
  const dueBasis = rule.statutory ? 'statutory' : 'internal_target';
  const dueBy = periodEnd(basisPeriod, calendar, receivedOn);

  const result: Deadlines = {
    law: law.id,
    kind: kind.id,
    timeZone,
    calendarId: calendar.id,
    receivedOn,
    dueBy,
    dueBasis,
    extensionApplied: false,
    effectiveDueBy: dueBy,
    wording: rule.wording,
    citations: { deadline: rule.citation },
    warnings,
  };

  if (rule.acknowledge) {
    // Confirming receipt later than the answer itself is due would be meaningless.
    result.acknowledgeBy = minDate(periodEnd(rule.acknowledge.period, calendar, receivedOn), dueBy);
    result.citations.acknowledge = rule.acknowledge.citation;
  }

  if (rule.extension) {
    // The further period runs from the unmoved end of the first (Reg. 1182/71 Art. 3: each period is
    // counted on its own; only the final last day moves off a closed day).
    const firstEnd = periodEndUnrolled(basisPeriod, calendar, receivedOn);
    const extendedDueBy = maxDate(dueBy, periodEnd(rule.extension.period, calendar, firstEnd));
    result.extendedDueBy = extendedDueBy;
    result.citations.extension = rule.extension.citation;
    if (rule.extension.noticeWithinOriginalPeriod) result.extensionNoticeBy = dueBy;
    if (extension) {
      const noticeOn = localDateOf(extension.noticeSentAt, timeZone);
      if (noticeOn < receivedOn) {
        warnings.push({ code: 'extension_notice_before_receipt', noticeOn });
      } else if (rule.extension.noticeWithinOriginalPeriod && noticeOn > dueBy) {
        warnings.push({ code: 'extension_notice_late', noticeOn, noticeBy: dueBy });
      } else {
        result.extensionApplied = true;
        result.effectiveDueBy = extendedDueBy;
      }
    }
  } else if (extension) {
    warnings.push({ code: 'extension_not_available' });
  }

  if (rule.suit) {
    // Art. 39(1): suit only "after two weeks have passed" — the day after the period's last day.
    const suitPossibleFrom = addDays(periodEnd(rule.suit.period, calendar, receivedOn), 1);
    result.suitPossibleFrom = suitPossibleFrom;
    result.citations.suit = rule.suit.citation;
    if (daysBetween(suitPossibleFrom, result.effectiveDueBy) >= 0) {
      warnings.push({ code: 'target_after_suit_point', dueBy: result.effectiveDueBy, suitPossibleFrom });
    }
  }
  return result;
}

/**
 * One request can hold kinds under several laws (an EEA resident's request to a Japanese business is
 * both `appi.disclosure` and `gdpr.access`): the earliest date of each kind governs.
 */
export function strictestDeadlines(all: readonly Deadlines[]): {
  dueBy: CalendarDate;
  governedBy: string;
  acknowledgeBy?: CalendarDate;
} {
  const first = all[0];
  if (!first) throw new RangeError('strictestDeadlines needs at least one set of deadlines.');
  let governing = first;
  let acknowledgeBy: CalendarDate | undefined;
  for (const d of all) {
    if (d.effectiveDueBy < governing.effectiveDueBy) governing = d;
    if (d.acknowledgeBy && (!acknowledgeBy || d.acknowledgeBy < acknowledgeBy))
      acknowledgeBy = d.acknowledgeBy;
  }
  return {
    dueBy: governing.effectiveDueBy,
    governedBy: governing.kind,
    ...(acknowledgeBy ? { acknowledgeBy } : {}),
  };
}
