import { columnIndex } from './encode.js';
import type { Table } from './table.js';

/**
 * Unusual descriptions (特異な記述等, PPC Enforcement Rules Art. 34(4)): values so rare that they single a
 * person out, such as an age of 116 or a very rare occupation. Counted, never listed: the values
 * themselves may identify someone and must not reach reports or logs.
 */
export interface UnusualCount {
  readonly column: string;
  /** Distinct values carried by fewer than k records (`*` excluded). */
  readonly rareValues: number;
  readonly rareRecords: number;
  /** Records whose age is above the threshold and not top-coded (e.g. "116", "115-119歳", but not "90歳以上"). */
  readonly extremeAgeRecords: number;
}

export interface UnusualOptions {
  readonly k: number;
  /** Columns holding ages; checked against `ageThreshold`. */
  readonly ageColumns?: readonly string[];
  /** The PPC guidelines' example top-codes ages over 90 (116歳 → 90歳以上). */
  readonly ageThreshold?: number;
}

const DEFAULT_AGE_THRESHOLD = 90;

/** True for an age text that states an age (or a band starting) above the threshold without top-coding. */
export function isExtremeAge(text: string, threshold = DEFAULT_AGE_THRESHOLD): boolean {
  const t = text.normalize('NFKC').trim();
  if (/以上|超|\+|over|and older/i.test(t)) return false;
  const m = /^(\d{1,3})/.exec(t);
  return m !== null && Number(m[1]) > threshold;
}

export function countUnusual(
  table: Table,
  columns: readonly string[],
  options: UnusualOptions,
): UnusualCount[] {
  const ages = new Set(options.ageColumns ?? []);
  return columns.map((column) => {
    const i = columnIndex(table.header, column);
    const freq = new Map<string, number>();
    for (const row of table.rows) freq.set(row[i]!, (freq.get(row[i]!) ?? 0) + 1);
    let rareValues = 0;
    let rareRecords = 0;
    let extremeAgeRecords = 0;
    for (const [value, count] of freq) {
      if (value === '*') continue;
      if (count < options.k) {
        rareValues++;
        rareRecords += count;
      }
      if (ages.has(column) && isExtremeAge(value, options.ageThreshold)) extremeAgeRecords += count;
    }
    return { column, rareValues, rareRecords, extremeAgeRecords };
  });
}
