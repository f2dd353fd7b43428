import { z } from 'zod';
import { FINDING_TYPES } from './finding.schema.js';

/*
 * The result of `scan db` (issue 8): per system (dataset), table and column, what the sample suggests.
 * It carries no sampled value: only counts, shares and the proposed category. This is the stable JSON contract
 * of `mamori scan db --format json` and of GET /api/discovery/scans/:id.
 */

export const AppiClassOut = z.enum(['personal', 'sensitive', 'my-number', 'related', 'none']);

export const ColumnProposal = z.object({
  type: z.enum(FINDING_TYPES),
  /** Category key in the register's taxonomy (fideslang, or Mamori's extension for My Number). */
  dataCategory: z.string().nullable(),
  appiClass: AppiClassOut,
  confidence: z.number().min(0).max(1),
  /** Share of non-empty sampled values that hold the type. */
  contentShare: z.number().min(0).max(1),
  nameHint: z.boolean(),
  evidence: z.string(),
});
export type ColumnProposal = z.infer<typeof ColumnProposal>;

export const ColumnResult = z.object({
  field: z.string(),
  /** False when the column exists in the store but not in the dataset. */
  inDataset: z.boolean(),
  /** Categories the dataset declares for the column (its own, else its collection's, else its dataset's). */
  declared: z.array(z.string()),
  /** Non-empty values sampled. */
  nonEmpty: z.number().int().nonnegative(),
  /** Best proposal, when anything was found or the name hints at a type. */
  proposal: ColumnProposal.nullable(),
  /** True when the proposal is confident enough to count as personal data found (see PERSONAL_CONFIDENCE). */
  personal: z.boolean(),
});
export type ColumnResult = z.infer<typeof ColumnResult>;

export const TableResult = z.object({
  /** Dataset fides_key, which is also the connection key. */
  dataset: z.string(),
  collection: z.string(),
  /** Sampling method the store used (`tablesample-system`, `random-order`, `key-ranges`, `scan` …). */
  method: z.string(),
  estimatedRows: z.number().nullable(),
  /** Rows read from the store for this table: never more than the sample size. */
  rowsRead: z.number().int().nonnegative(),
  /** Set when the table could not be sampled (missing table, no permission); the message quotes no value. */
  error: z.string().nullable(),
  columns: z.array(ColumnResult),
});
export type TableResult = z.infer<typeof TableResult>;

export const DriftCode = z.enum([
  'undeclared-personal-data',
  'category-contradicted',
  'declared-not-found',
  'my-number-without-legal-use',
]);
export type DriftCode = z.infer<typeof DriftCode>;

export const DriftFinding = z.object({
  code: DriftCode,
  severity: z.enum(['error', 'warning', 'info']),
  dataset: z.string(),
  collection: z.string(),
  field: z.string(),
  declared: z.array(z.string()),
  found: z.string().nullable(),
  message: z.object({ ja: z.string(), en: z.string() }),
});
export type DriftFinding = z.infer<typeof DriftFinding>;

export const ScanReport = z.object({
  sample: z.number().int().positive(),
  tables: z.array(TableResult),
  drift: z.array(DriftFinding),
});
export type ScanReport = z.infer<typeof ScanReport>;
