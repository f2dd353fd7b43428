import { z } from 'zod';

export const Decision = z.enum(['granted', 'denied', 'withdrawn']);
export type Decision = z.infer<typeof Decision>;

/** Where a decision was made: the list, plus `gpc` for an opt-out signalled by the browser alone. */
export const Channel = z.enum(['banner', 'form', 'api', 'import', 'staff', 'gpc']);
export type Channel = z.infer<typeof Channel>;

/** Identities the ledger keys subjects by: an anonymous browser id, an e-mail, or the company's customer id. */
export const SubjectKind = z.enum(['visitor', 'email', 'customer']);
export type SubjectKind = z.infer<typeof SubjectKind>;

export const Lang = z.enum(['ja', 'en']);

const purposeKey = z.string().regex(/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/, 'must be a register purpose key');
const visitorId = z.uuid();

export const subjectRef = z.object({
  kind: SubjectKind,
  value: z.string().trim().min(1).max(320),
});
export type SubjectRef = z.infer<typeof subjectRef>;

/** A subject key: HMAC-SHA256 hex of the identity under the instance's pseudonym key. */
export const subjectKeyParams = z.object({ key: z.string().regex(/^[0-9a-f]{64}$/) });

export const choice = z.object({ purpose: purposeKey, decision: Decision });

export const proofInput = z.object({
  language: Lang.optional(),
  /** A digest (or short label) of the text the person saw; the notice itself is kept by version. */
  shown: z.string().max(200).optional(),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/)
    .optional(),
});

export const recordBody = proofInput.extend({
  subject: subjectRef,
  choices: z.array(choice).min(1).max(100),
  channel: z.enum(['form', 'api', 'staff']).default('staff'),
  /** When the decision was made (defaults to now); an earlier time never overrides a later decision. */
  recordedAt: z.iso.datetime({ offset: true }).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  noticeVersion: z.number().int().positive().optional(),
  /** Makes a retried call idempotent. */
  eventId: z.uuid().optional(),
});
export type RecordBody = z.infer<typeof recordBody>;

export const publicRecordBody = proofInput.extend({
  visitorId,
  choices: z.array(z.object({ purpose: purposeKey, decision: z.enum(['granted', 'denied']) })).max(100),
  /** The banner saw `navigator.globalPrivacyControl === true`. */
  gpc: z.boolean().default(false),
  eventId: z.uuid().optional(),
});
export type PublicRecordBody = z.infer<typeof publicRecordBody>;

export const withdrawBody = z.object({
  purposes: z.array(purposeKey).min(1).max(100).optional(),
  eventId: z.uuid().optional(),
});

export const linkBody = z.object({
  visitorId,
  subject: subjectRef.refine((s) => s.kind !== 'visitor', 'the target must be an identified subject'),
});

export const settingsBody = z.object({
  inBanner: z.boolean(),
  gpcOptOut: z.boolean(),
  tcfPurposes: z.array(z.number().int().min(1).max(11)).max(11).default([]),
});

export const stateEntry = z.object({
  purpose: z.string(),
  decision: Decision,
  /** What applies now: a granted consent past its expiry is `expired`. */
  status: z.enum(['granted', 'denied', 'withdrawn', 'expired']),
  recordedAt: z.string(),
  noticeVersion: z.number().nullable(),
  expiresAt: z.string().nullable(),
  gpc: z.boolean(),
  /** The purpose changed in a notice published after this consent: ask again before relying on it. */
  needsRenewal: z.boolean(),
});
export type StateEntryView = z.infer<typeof stateEntry>;

export const subjectState = z.object({
  subjectKey: z.string(),
  /** The subject whose state this is, when the key asked for was linked to another. */
  canonicalKey: z.string(),
  purposes: z.array(stateEntry),
});

export const historyEntry = z.object({
  id: z.number(),
  subjectKey: z.string(),
  purpose: z.string(),
  decision: Decision,
  recordedAt: z.string(),
  noticeVersion: z.number().nullable(),
  channel: Channel,
  gpc: z.boolean(),
  language: z.string().nullable(),
  shown: z.string().nullable(),
  ipPrefix: z.string().nullable(),
  userAgent: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export const configPurpose = z.object({
  key: z.string(),
  name: z.object({ ja: z.string(), en: z.string() }),
  /** Digest of the purpose as published: a change asks the person again. */
  rev: z.string(),
  gpcOptOut: z.boolean(),
  tcfPurposes: z.array(z.number()),
});
export type ConfigPurpose = z.infer<typeof configPurpose>;

export const consentConfig = z.object({
  noticeVersion: z.number().nullable(),
  purposes: z.array(configPurpose),
});
export type ConsentConfig = z.infer<typeof consentConfig>;

export const recordResult = z.object({
  subjectKey: z.string(),
  recorded: z.number(),
  gpcHonoured: z.boolean(),
  state: z.array(stateEntry),
});

export const importResult = z.object({ rows: z.number(), recorded: z.number(), duplicates: z.number() });
