/**
 * The answer package (pure): the person's rows (GDPR Art. 20 / CCPA §1798.130(a)(3)(B)(iii): structured,
 * commonly used, machine-readable) as JSON and CSV, minus the items withheld under an exemption.
 */
import { type AccessPackage, accessPackageCsv } from '../engine/access.rules.js';
import type { ProvisionRecordsResult } from './provision-records.js';

export interface AnswerPackage {
  reference: string;
  generatedAt: string;
  /** `<dataset>:<collection>` → rows. */
  collections: AccessPackage;
  /** Collections or `collection.field` items withheld, with the ground (the letter explains them). */
  withheld: { item: string; groundId: string }[];
  /** Systems a handler answers for by hand, and systems whose data is entrusted (passed to the controller). */
  manualSystems: string[];
  controllerSystems: string[];
  /** APPI Art. 33(5), only when the person asked for provision records: the records or "not yet recorded". */
  provisionRecords?: ProvisionRecordsResult;
}

/** Removes exempted collections (`shop:payment_card`) and fields (`shop:customer.name`). */
export function applyExemptions(pkg: AccessPackage, items: readonly string[]): AccessPackage {
  const out: AccessPackage = {};
  for (const [collection, rows] of Object.entries(pkg)) {
    if (items.includes(collection)) continue;
    const fields = items
      .filter((i) => i.startsWith(`${collection}.`))
      .map((i) => i.slice(collection.length + 1));
    out[collection] =
      fields.length === 0
        ? rows
        : rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !fields.includes(k))));
  }
  return out;
}

export function packageJson(pkg: AnswerPackage): string {
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function packageCsv(pkg: AnswerPackage): string {
  return accessPackageCsv(pkg.collections);
}

/** Rows per collection, for the letter and the audit log (counts, never values). */
export function itemCounts(pkg: AnswerPackage): { collection: string; rows: number }[] {
  return Object.entries(pkg.collections).map(([collection, rows]) => ({ collection, rows: rows.length }));
}
