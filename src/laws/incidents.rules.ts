/**
 * Reportability of an incident under every law the organisation is subject to, read from each table's
 * `incidents` rules. Facts are the same for all laws; each table decides which of them matter.
 *
 * Persons in scope: for a law that binds the organisation for everyone (APPI) the total; for a
 * residence-bound law the count given for it in `affected.byLaw` (the caller counts persons per law with
 * `chooseLaws`). A law with nobody in scope is returned with `inScope: false` and nothing owed.
 */

import { enabledLaws } from './applicability.rules.js';
import { type LawContext, lawContext } from './context.js';
import type { CalendarDate } from './date.js';
import type { Citation, IncidentCondition, IncidentDue, LawTable, Localized } from './law.js';
import {
  type IncidentFacts,
  type IncidentFactsInput,
  IncidentFactsSchema,
  type OrgLawSettings,
  type OrgLawSettingsInput,
  OrgLawSettingsSchema,
} from './laws.schema.js';
import { periodEnd } from './period.js';
import { deadlineExpiry, localDateOf } from './zone.js';

export interface ConditionHit {
  id: string;
  text: Localized;
  citation: Citation;
}

export interface DueAssessment {
  /** The law says "promptly" / "without undue delay" rather than a fixed limit. */
  withoutDelay: boolean;
  /** Last calendar day (law's time zone) of a fixed limit. */
  dueBy?: CalendarDate;
  /** Instant the fixed limit expires. */
  dueAt?: Date;
  /** Practical target where the law fixes no limit (APPI preliminary report: about 3–5 days). */
  targetBy?: CalendarDate;
}

export interface ReportAssessment extends DueAssessment {
  id: string;
  name: Localized;
  wording: Localized;
  citation: Citation;
}

export interface IncidentAssessment {
  law: string;
  lawName: Localized;
  affected: number;
  inScope: boolean;
  reportable: boolean;
  grounds: ConditionHit[];
  exemptions: ConditionHit[];
  authority: Localized;
  reports: ReportAssessment[];
  individuals: DueAssessment & {
    required: boolean;
    wording: Localized;
    citation: Citation;
    exemptions: ConditionHit[];
    alternative?: Localized;
  };
}

const hit = (c: IncidentCondition): ConditionHit => ({ id: c.id, text: c.text, citation: c.citation });

function assessDue(
  due: IncidentDue,
  facts: IncidentFacts,
  { calendar, timeZone }: LawContext,
): DueAssessment {
  const discoveredOn = localDateOf(facts.discoveredAt, timeZone);
  switch (due.kind) {
    case 'hours': {
      const dueAt = new Date(facts.discoveredAt.getTime() + due.hours * 3_600_000);
      return { withoutDelay: false, dueAt, dueBy: localDateOf(dueAt, timeZone) };
    }
    case 'period': {
      const dueBy = periodEnd(due.period, calendar, discoveredOn);
      return { withoutDelay: false, dueBy, dueAt: deadlineExpiry(dueBy, timeZone) };
    }
    case 'without_delay':
      return due.target
        ? { withoutDelay: true, targetBy: periodEnd(due.target, calendar, discoveredOn) }
        : { withoutDelay: true };
  }
}

function assessLaw(law: LawTable, facts: IncidentFacts, settings: OrgLawSettings): IncidentAssessment {
  const ctx = lawContext(law, settings);
  const rules = law.incidents;
  const affected = law.applicability.always ? facts.affected.total : (facts.affected.byLaw[law.id] ?? 0);
  const inScope = affected > 0;
  const holds = (c: IncidentCondition) => inScope && c.test(facts, affected);
  const grounds = rules.triggers.filter(holds).map(hit);
  const exemptions = rules.exemptions.filter(holds).map(hit);
  const reportable = grounds.length > 0 && exemptions.length === 0;

  const reports: ReportAssessment[] = reportable
    ? rules.reports
        .filter((r) => !r.onlyIf || holds(r.onlyIf))
        .map((r) => {
          const due = r.dueIf?.find((v) => holds(v.condition))?.due ?? r.due;
          return {
            id: r.id,
            name: r.name,
            wording: r.wording,
            citation: r.citation,
            ...assessDue(due, facts, ctx),
          };
        })
    : [];

  const ind = rules.individuals;
  const individualExemptions = reportable ? ind.exemptions.filter(holds).map(hit) : [];
  const required =
    reportable && (!ind.requiredIf || holds(ind.requiredIf)) && individualExemptions.length === 0;
  const useAlternative = required && ind.alternative !== undefined && holds(ind.alternative.condition);
  return {
    law: law.id,
    lawName: law.shortName,
    affected,
    inScope,
    reportable,
    grounds,
    exemptions,
    authority: rules.authority,
    reports,
    individuals: {
      required,
      wording: ind.wording,
      citation: ind.citation,
      exemptions: individualExemptions,
      ...(useAlternative && ind.alternative ? { alternative: ind.alternative.text } : {}),
      ...(required ? assessDue(ind.due, facts, ctx) : { withoutDelay: false }),
    },
  };
}

/** One assessment per law the organisation is subject to, in registry order. */
export function assessIncident(
  factsInput: IncidentFactsInput,
  orgSettingsInput: OrgLawSettingsInput = {},
): IncidentAssessment[] {
  const facts = IncidentFactsSchema.parse(factsInput);
  const settings = OrgLawSettingsSchema.parse(orgSettingsInput);
  return enabledLaws(settings).map((law) => assessLaw(law, facts, settings));
}
