import { z } from 'zod';

/** Utility metrics the search can optimise; lower is better for all three. */
export const MetricName = z.enum(['discernibility', 'aecs', 'entropy']);
export type MetricName = z.infer<typeof MetricName>;

/**
 * Column roles, after ARX: identifiers are removed (or replaced by a keyed pseudonym), quasi-identifiers are
 * generalised, sensitive values are kept and protected by l-diversity / t-closeness, the rest is kept.
 */
export const ColumnRole = z.enum(['identifier', 'quasi-identifier', 'sensitive', 'insensitive']);
export type ColumnRole = z.infer<typeof ColumnRole>;

export const LDiversity = z.object({
  /** distinct: at least l different sensitive values per class; entropy: entropy of each class ≥ log(l). */
  variant: z.enum(['distinct', 'entropy']),
  l: z.number().min(1),
});
export type LDiversity = z.infer<typeof LDiversity>;

/**
 * The privacy model. `suppression` is the largest fraction of records that may be suppressed (ARX's
 * "suppression limit"); the number allowed is floor(suppression × rows).
 */
export const PrivacyModel = z
  .object({
    k: z.number().int().min(1),
    lDiversity: LDiversity.optional(),
    /** t-closeness with the equal-distance earth mover's distance (= total variation distance). */
    tCloseness: z.number().min(0).max(1).optional(),
    suppression: z.number().min(0).lt(1).default(0),
  })
  .superRefine((m, ctx) => {
    if (m.lDiversity?.variant === 'distinct' && !Number.isInteger(m.lDiversity.l)) {
      ctx.addIssue({ code: 'custom', message: 'distinct l-diversity needs a whole number l' });
    }
  });
export type PrivacyModel = z.infer<typeof PrivacyModel>;

export const RiskFigures = z.object({
  /** Highest prosecutor re-identification probability: 1 / smallest class. */
  maxReidentification: z.number(),
  /** Average over released records of 1 / class size = classes / released records. */
  avgReidentification: z.number(),
  /** Released records that carry the highest probability (those in the smallest classes). */
  recordsAtMaxRisk: z.number().int(),
});

/** The report JSON of one anonymisation run; `levels` follow the --qi order. */
export const AnonymizeReport = z.object({
  qi: z.array(z.string()),
  levels: z.array(z.number().int()),
  metric: z.object({ name: MetricName, value: z.number() }),
  discernibility: z.number(),
  aecs: z.number(),
  entropy: z.number(),
  classes: z.number().int(),
  minClassSize: z.number().int(),
  suppressed: z.number().int(),
  rows: z.number().int(),
  nodesChecked: z.number().int(),
  latticeSize: z.number().int(),
  model: z.object({
    k: z.number().int(),
    lDiversity: LDiversity.optional(),
    tCloseness: z.number().optional(),
    suppression: z.number(),
  }),
  risk: RiskFigures,
});
export type AnonymizeReport = z.infer<typeof AnonymizeReport>;
