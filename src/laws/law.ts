/**
 * The shape every law table has. A law is data: request kinds with their deadlines, fees, verification
 * rules and refusal grounds, plus the law's incident-report rules. Code that computes deadlines or assesses
 * incidents reads these rows and never branches on which law it is; a new law is a new table registered in
 * index.ts.
 */
import type { CalendarSpec } from './calendar.js';
import type { IncidentFacts } from './laws.schema.js';
import type { Period } from './period.js';

export interface Localized {
  ja: string;
  en: string;
}

export interface Citation {
  ja: string;
  en: string;
  /** Set when the reference has not been checked against the official text; says what to check. */
  verify?: string;
}

/** Cross-law meaning of a request kind, so "the person wants their data" maps to each law's kind. */
export type RightAspect =
  | 'purpose_notice'
  | 'access'
  | 'copy'
  | 'provision_records'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'stop_provision'
  | 'portability'
  | 'objection'
  | 'withdraw_consent'
  | 'opt_out_sale_share'
  | 'limit_sensitive'
  | 'explanation';

export type AgentKind =
  /** 親権者: parent of a minor. */
  | 'parent'
  /** 成年後見人 or other legal representative. */
  | 'guardian'
  /** 任意代理人: a proxy with the person's power of attorney / 委任状. */
  | 'proxy'
  /** CCPA authorised agent (Regs §7063). */
  | 'authorized_agent'
  /** Close relative of a deceased person (PIPL Art. 49). */
  | 'next_of_kin';

export interface Ground {
  /** Stable id, e.g. `appi.disclosure.harm_to_person`. */
  id: string;
  text: Localized;
  citation: Citation;
}

export interface DeadlineRule {
  /** How the law words the time limit ("遅滞なく", "within one month of receipt"). */
  wording: Localized;
  citation: Citation;
  /** The law's own outer limit. Absent where the law says only "without delay". */
  statutory?: Period;
  /** Internal target where the law sets no fixed limit; an organisation may override it per law. */
  target?: Period;
  /** Duty to confirm receipt. */
  acknowledge?: { period: Period; wording: Localized; citation: Citation };
  /** Extension of the statutory limit, counted from the unextended last day. */
  extension?: {
    period: Period;
    wording: Localized;
    citation: Citation;
    /** The person must be told of the extension before the original limit expires. */
    noticeWithinOriginalPeriod: boolean;
  };
  /** Waiting period after which the person may sue (APPI Art. 39); the day after it ends is returned. */
  suit?: { period: Period; wording: Localized; citation: Citation };
}

export interface FeeRule {
  /** `conditional`: free by default, a fee only in the circumstances given in `condition`. */
  mayCharge: 'yes' | 'no' | 'conditional';
  condition: Localized;
  citation: Citation;
}

export interface AgentRule {
  kind: AgentKind;
  evidence: Localized;
  citation: Citation;
}

export interface VerificationRule {
  /** Whether the law requires the requester's identity to be verified before acting. */
  required: boolean;
  standard: Localized;
  citation: Citation;
  agents: readonly AgentRule[];
}

/** An obligation attached to handling the request (notify the outcome, tell processors, …). */
export interface Duty {
  id: string;
  text: Localized;
  citation: Citation;
}

export interface RequestKind {
  /** Stable id `<law>.<kind>`; stored with requests, never renamed. */
  id: string;
  aspects: readonly RightAspect[];
  name: Localized;
  citation: Citation;
  deadline: DeadlineRule;
  fee: FeeRule;
  verification: VerificationRule;
  refusalGrounds: readonly Ground[];
  duties: readonly Duty[];
}

export interface ResidenceMatch {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 3166-2 subdivision suffix (e.g. `CA` for US-CA); absent = the whole country. */
  regions?: readonly string[];
}

export interface Applicability {
  /** The law binds the organisation for everyone it handles (APPI for a business in Japan). */
  always: boolean;
  residences: readonly ResidenceMatch[];
  why: Localized;
  citation: Citation;
}

/** A yes/no question about an incident, answered from the facts and the number of persons in scope. */
export interface IncidentCondition {
  id: string;
  text: Localized;
  citation: Citation;
  test: (facts: IncidentFacts, affected: number) => boolean;
}

export type IncidentDue =
  /** Counted in hours from the moment of awareness (GDPR Art. 33(1)). */
  | { kind: 'hours'; hours: number }
  /** A period on the law's calendar from the day of awareness. */
  | { kind: 'period'; period: Period }
  /** "Promptly"/"without undue delay": no fixed limit; `target` is the practical expectation, if any. */
  | { kind: 'without_delay'; target?: Period };

export interface IncidentReportRule {
  id: string;
  name: Localized;
  wording: Localized;
  citation: Citation;
  due: IncidentDue;
  /** Replaces `due` when the condition holds (APPI: 60 days for wrongful-purpose incidents). */
  dueIf?: readonly { condition: IncidentCondition; due: IncidentDue }[];
  /** The report is owed only when this holds (CCPA: Attorney General only above 500 residents). */
  onlyIf?: IncidentCondition;
}

export interface IndividualNoticeRule {
  wording: Localized;
  citation: Citation;
  due: IncidentDue;
  /** Notice owed when the incident is reportable and this holds (absent: whenever reportable). */
  requiredIf?: IncidentCondition;
  /** Any of these lifts the duty. */
  exemptions: readonly IncidentCondition[];
  /** What replaces individual notice where it is impossible or disproportionate. */
  alternative?: { condition: IncidentCondition; text: Localized };
}

export interface IncidentRules {
  citation: Citation;
  authority: Localized;
  /** Reportable when any trigger holds and no exemption does. */
  triggers: readonly IncidentCondition[];
  exemptions: readonly IncidentCondition[];
  reports: readonly IncidentReportRule[];
  individuals: IndividualNoticeRule;
}

export interface LawCalendar {
  /** `organisation`: the organisation's own calendar (settings.calendar). */
  default: CalendarSpec | 'organisation';
  why: Localized;
}

export interface LawTable {
  /** Stable id; the prefix of every kind id. */
  id: string;
  name: Localized;
  shortName: Localized;
  citation: Citation;
  calendar: LawCalendar;
  applicability: Applicability;
  kinds: readonly RequestKind[];
  incidents: IncidentRules;
}
