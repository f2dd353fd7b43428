/**
 * Validated inputs of the law rules: organisation settings, deadline requests, incident facts and a
 * person's residence. Types are inferred from these schemas; the rules accept the parsed output.
 */
import { z } from 'zod';
import { isCalendarDate } from './date.js';
import { DEFAULT_TIME_ZONE, isTimeZone } from './zone.js';

export const CalendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'Expected a calendar date YYYY-MM-DD that exists.' });

export const TimeZoneSchema = z.string().refine(isTimeZone, { message: 'Expected an IANA time zone.' });

export const CalendarSpecSchema = z.object({
  base: z.enum(['jp', 'us-federal', 'weekdays']),
  yearEndClosing: z.boolean().optional(),
  extraHolidays: z.array(CalendarDateSchema).max(1000).optional(),
  extraWorkingDays: z.array(CalendarDateSchema).max(1000).optional(),
});

export const PeriodSchema = z.object({
  amount: z.number().int().min(0).max(366),
  unit: z.enum(['calendar_days', 'weeks', 'months', 'business_days']),
  counting: z.enum(['next_day', 'start_day']).default('next_day'),
  closedLastDay: z.enum(['stays', 'next_business_day', 'previous_business_day']).default('stays'),
});

export const LawSettingsSchema = z.object({
  /** Replaces the law table's default calendar. */
  calendar: CalendarSpecSchema.optional(),
  /** Zone in which the day of receipt is read for this law; defaults to the organisation's. */
  timeZone: TimeZoneSchema.optional(),
  /** Internal target for kinds whose law says only "without delay" (APPI default 14 days, PIPL 15 working days). */
  target: PeriodSchema.optional(),
});

export const OrgLawSettingsSchema = z.object({
  timeZone: TimeZoneSchema.default(DEFAULT_TIME_ZONE),
  /** The organisation's own working calendar, used by laws whose table says `organisation`. */
  calendar: CalendarSpecSchema.default({ base: 'jp', yearEndClosing: false }),
  /** Laws the organisation is subject to; absent = every registered law. */
  enabledLaws: z.array(z.string()).optional(),
  laws: z.record(z.string(), LawSettingsSchema).default({}),
});

export type OrgLawSettings = z.output<typeof OrgLawSettingsSchema>;
export type OrgLawSettingsInput = z.input<typeof OrgLawSettingsSchema>;

export const DeadlineInputSchema = z.object({
  law: z.string(),
  kind: z.string(),
  receivedAt: z.date(),
  orgSettings: OrgLawSettingsSchema.default(() => OrgLawSettingsSchema.parse({})),
  /** Set once the person has been told that the deadline is extended. */
  extension: z.object({ noticeSentAt: z.date() }).optional(),
});

export type DeadlineInput = z.input<typeof DeadlineInputSchema>;

export const IncidentFactsSchema = z.object({
  /** When the organisation became aware (APPI 知った時, GDPR Art. 33(1) "become aware"). */
  discoveredAt: z.date(),
  affected: z.object({
    /** Everyone whose data is involved (the count for laws that bind the organisation for everyone). */
    total: z.number().int().min(0),
    /** Persons under each residence-bound law, keyed by law id (e.g. `{ gdpr: 12, ccpa: 600 }`). */
    byLaw: z.record(z.string(), z.number().int().min(0)).default({}),
  }),
  /** 要配慮個人情報 / special categories are involved. */
  sensitive: z.boolean().default(false),
  /** Data whose misuse may cause financial loss (card numbers, banking credentials). */
  financialHarmRisk: z.boolean().default(false),
  /** Caused or possibly caused with a wrongful purpose (attack, insider theft). */
  wrongfulPurpose: z.boolean().default(false),
  /**
   * `strong_key_safe`: protected by strong encryption (APPI 高度な暗号化; GDPR Art. 34(3)(a)) whose key was
   * not taken; `key_compromised`: encrypted but the key or credential was also taken.
   */
  encryption: z.enum(['none', 'strong_key_safe', 'key_compromised']).default('none'),
  /** GDPR risk assessment (Arts. 33(1), 34(1)). */
  riskToIndividuals: z.enum(['unlikely', 'risk', 'high']).default('risk'),
  /** Measures taken afterwards make the harm no longer likely (GDPR Art. 34(3)(b); PIPL Art. 57(2)). */
  harmAvoidedByMeasures: z.boolean().default(false),
  /** Notifying each person is impossible or needs disproportionate effort (GDPR Art. 34(3)(c); APPI Art. 26(2) proviso). */
  individualNoticeImpracticable: z.boolean().default(false),
  /** Data elements listed in Cal. Civ. Code §1798.82(h) (name + SSN, licence, account + code, medical, login …). */
  californiaCoveredElements: z.boolean().default(false),
  /** The organisation is the entrusted party and has told the entrusting business (APPI Art. 26(1) proviso). */
  entrustedAndPrincipalNotified: z.boolean().default(false),
});

export type IncidentFacts = z.output<typeof IncidentFactsSchema>;
export type IncidentFactsInput = z.input<typeof IncidentFactsSchema>;

export const ResidenceSchema = z.object({
  /** ISO 3166-1 alpha-2, e.g. `JP`, `DE`, `US`, `CN`. */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((s) => s.toUpperCase()),
  /** ISO 3166-2 subdivision suffix, e.g. `CA` for California. */
  region: z
    .string()
    .regex(/^[A-Za-z0-9]{1,3}$/)
    .transform((s) => s.toUpperCase())
    .optional(),
});

export const LawChoiceInputSchema = z.object({
  residence: ResidenceSchema.optional(),
  /** Regimes the person invokes ("I am making a GDPR request"), by law id. */
  declared: z.array(z.string()).default([]),
});

export type LawChoiceInput = z.input<typeof LawChoiceInputSchema>;
