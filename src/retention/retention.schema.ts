import { z } from 'zod';
import { Duration } from '../register/common.schema.js';

/*
 * Retention (issue 9): legal holds, sweeps and their certificates. Zod is the one source of the types, the
 * validation and the OpenAPI document.
 */

const Bilingual = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });

export const HoldReason = z.enum(['litigation', 'tax', 'labour', 'contract', 'regulator', 'other']);
export type HoldReason = z.infer<typeof HoldReason>;

/** What a hold covers: one person (by an identity value), every store of a register system, or one collection. */
export const HoldScope = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('person'),
    /** A fideslang identity type (`fides_meta.identity`), e.g. email. */
    identity: z.string().min(1),
    value: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal('system'), system: z.string().min(1) }),
  /** `<dataset fides_key>:<collection>`. */
  z.strictObject({ kind: z.literal('collection'), collection: z.string().regex(/^[^:]+:[^:]+$/) }),
]);
export type HoldScope = z.infer<typeof HoldScope>;

export const HoldInput = z.strictObject({
  scope: HoldScope,
  reason: HoldReason,
  /** A key of the statutory table (retention.laws.ts): fills the period and citation. */
  statute: z.string().min(1).optional(),
  /**
   * Kept at least this long after the trigger (a statutory minimum). Absent: nothing in scope goes until
   * the hold is released (a litigation hold).
   */
  period: Duration.optional(),
  citation: Bilingual.optional(),
  note: z.string().max(2000).optional(),
});
export type HoldInput = z.infer<typeof HoldInput>;

export const Hold = z.object({
  id: z.string(),
  scope: HoldScope,
  reason: HoldReason,
  statute: z.string().nullable(),
  period: Duration.nullable(),
  citation: Bilingual.nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  releasedAt: z.string().nullable(),
});
export type Hold = z.infer<typeof Hold>;

export const SweepStatus = z.enum(['awaiting_approval', 'approved', 'running', 'completed', 'failed']);
export type SweepStatus = z.infer<typeof SweepStatus>;

export const DueCounts = z.object({ now: z.number(), in30: z.number(), in90: z.number() });

/** One collection of a sweep's plan, as the dry run and the console show it. */
export const CollectionReport = z.object({
  collection: z.string(),
  system: z.array(z.string()),
  rules: z.array(z.string()),
  action: z.enum(['erase', 'anonymise']),
  /** Trigger chains: the first non-null field of each chain starts the clock. */
  chains: z.array(z.array(z.string())),
  /** Tokyo days: rows whose trigger day is before these are due now. */
  cutoffs: z.array(z.string()),
  due: DueCounts,
  /** Due rows kept back by holds (by hold id), and collection-wide holds. */
  heldRows: z.number(),
  holds: z.array(
    z.object({
      id: z.string(),
      reason: HoldReason,
      /** In English for logs and the CLI; the console words it from the fields below. */
      effect: z.string(),
      /** blocks: the collection is not swept; lengthens: rows are kept at least `period`; persons: people kept by `field`. */
      kind: z.enum(['blocks', 'lengthens', 'persons']),
      period: Duration.optional(),
      field: z.string().optional(),
      persons: z.number().int().optional(),
    }),
  ),
  statement: z.string(),
  skipped: z.string().nullable(),
});
export type CollectionReport = z.infer<typeof CollectionReport>;

export const SweepSummary = z.object({
  id: z.string(),
  status: SweepStatus,
  asOf: z.string(),
  totalDue: z.number(),
  requestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  certificateSha256: z.string().nullable(),
  error: z.string().nullable(),
});
export type SweepSummary = z.infer<typeof SweepSummary>;

export const CertificateCollection = z.object({
  collection: z.string(),
  systems: z.array(z.string()),
  rules: z.array(z.string()),
  action: z.enum(['erase', 'anonymise']),
  method: z.string(),
  rows: z.number(),
  childRows: z.record(z.string(), z.number()),
  verification: z.object({
    query: z.string(),
    remaining: z.number(),
    heldRows: z.number(),
    ok: z.boolean(),
  }),
});

/** 廃棄証明書: what was erased, how, and the proof; its SHA-256 goes into the audit chain. */
export const Certificate = z.object({
  kind: z.literal('mamori.retention.certificate'),
  version: z.literal(1),
  sweepId: z.string(),
  organisation: z.string(),
  asOf: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  requestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  collections: z.array(CertificateCollection),
  totalRows: z.number(),
  ok: z.boolean(),
});
export type Certificate = z.infer<typeof Certificate>;

export const SweepRequest = z.strictObject({
  dryRun: z.boolean().default(false),
  /** Tokyo day the sweep runs as of (tests and back-dated reviews); default today. */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

/** The console's chart: rows due now / within 30 / within 90 days per register rule (holds applied). */
export const DueByRule = z.object({
  rule: z.string(),
  action: z.enum(['erase', 'anonymise']),
  now: z.number(),
  in30: z.number(),
  in90: z.number(),
  collections: z.array(
    z.object({
      collection: z.string(),
      now: z.number(),
      in30: z.number(),
      in90: z.number(),
      /** A hold keeps the whole collection: nothing in it is due. */
      held: z.boolean(),
      skipped: z.string().nullable(),
    }),
  ),
});
export type DueByRule = z.infer<typeof DueByRule>;

export const ReleaseHold = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

/** A row of the statutory table (retention.laws.ts), as the console's hold form offers it. */
export const StatuteView = z.object({
  key: z.string(),
  reason: HoldReason,
  period: Duration,
  records: Bilingual,
  citation: Bilingual,
  doubleCheck: Bilingual,
});

/**
 * 廃棄証明書 of a rights-request erasure (APPI Art. 35; GDPR Art. 17): the same record as a sweep's — method,
 * systems and collections, row counts, the verification re-query, time, approver — for one person.
 */
export const ErasureCertificate = z.object({
  kind: z.literal('mamori.erasure.certificate'),
  version: z.literal(1),
  requestId: z.string(),
  reference: z.string(),
  runId: z.string(),
  organisation: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string(),
  systems: z.array(z.string()),
  collections: z.array(
    z.object({
      collection: z.string(),
      action: z.enum(['mask', 'delete']),
      method: z.string(),
      rows: z.number(),
      skippedShared: z.number(),
    }),
  ),
  totalRows: z.number(),
  verification: z.object({
    /** The same identities traversed again after erasure: no erased value may be found. */
    method: z.string(),
    rowsChecked: z.number(),
    writesChecked: z.number(),
    writesMismatched: z.number(),
    remaining: z.array(z.object({ collection: z.string(), field: z.string(), count: z.number() })),
    ok: z.boolean(),
  }),
  ok: z.boolean(),
});
export type ErasureCertificate = z.infer<typeof ErasureCertificate>;
