import { UserError } from '../platform/errors.js';
import type { PrivacyModel } from './anonymize.schema.js';
import type { EncodedTable } from './encode.js';

/**
 * A privacy model prepared for one table. A class "violates" when it fails the model; its records are
 * then suppressed, and a node is anonymous when at most `maxOutliers` records are suppressed (ARX).
 *
 * Monotonicity (needed for predictive tagging; N' a generalisation of N, each class of N' a union of
 * classes of N):
 *  - k-anonymity: a class of N' is at least as large as any class of N inside it. So a record kept at N is
 *    kept at N', the suppressed set can only shrink: monotone, with or without suppression.
 *  - distinct l-diversity: a union has at least the distinct values of each part: monotone, with or without
 *    suppression, by the same argument.
 *  - entropy l-diversity and t-closeness (equal distance): entropy is concave and the total variation
 *    distance convex, so a union of classes that all pass also passes: monotone WITHOUT suppression.
 *    With suppression they are NOT monotone: a passing class merged with a failing one can fail, so more
 *    records may need suppression at N' than at N.
 * The search therefore uses a relaxed model R (k-anonymity + distinct l-diversity with ceil(l), implied
 * by the real model M) for tagging when M is not monotone: "R fails" proves "M fails" for N and all its
 * specialisations; "R holds" proves nothing about M, so such nodes are still checked.
 */
export interface CompiledModel {
  readonly k: number;
  /** Distinct sensitive values a class needs (0: no l-diversity). In R this is ceil(l) for both variants. */
  readonly lDistinct: number;
  /** ln(l) for entropy l-diversity, or null. */
  readonly lEntropyLog: number | null;
  readonly t: number | null;
  readonly maxOutliers: number;
  readonly needsSensitive: boolean;
  /** True when R and M are the same model, i.e. M is monotone. */
  readonly monotone: boolean;
  readonly source: PrivacyModel;
}

/** Tolerance for entropy and distance comparisons, so that exact boundary cases pass. */
export const EPSILON = 1e-9;

export function compileModel(model: PrivacyModel, table: EncodedTable): CompiledModel {
  if (model.k > table.rows) {
    throw new UserError(`k=${model.k} is impossible: the table has only ${table.rows} rows.`);
  }
  const l = model.lDiversity;
  const t = model.tCloseness ?? null;
  const needsSensitive = l !== undefined || t !== null;
  if (needsSensitive && table.sensitive === null) {
    throw new UserError('l-diversity and t-closeness need a sensitive column (--sensitive).');
  }
  if (l !== undefined && table.sensitive !== null && Math.ceil(l.l - EPSILON) > table.sensitive.domain) {
    throw new UserError(
      `l=${l.l} is impossible: the sensitive column "${table.sensitive.name}" has only ${table.sensitive.domain} distinct values.`,
    );
  }
  const maxOutliers = Math.floor(model.suppression * table.rows + EPSILON);
  const entropyL = l?.variant === 'entropy' ? Math.log(l.l) : null;
  return {
    k: model.k,
    lDistinct: l === undefined ? 0 : Math.ceil(l.l - EPSILON),
    lEntropyLog: entropyL,
    t,
    maxOutliers,
    needsSensitive,
    monotone: maxOutliers === 0 || (entropyL === null && t === null),
    source: model,
  };
}
