import { deprecatedCategories, retentionTriggerFields, unknownCategories } from './lint/categories.rules.js';
import { itemStoredWithoutPurpose, retentionMissing } from './lint/coverage.rules.js';
import { type Finding, lintContext, type Rule } from './lint/lint.types.js';
import {
  gdprBasisMissing,
  myNumberOutsideLegalUse,
  purposeWithoutSubjectsOrItems,
  sensitiveWithoutConsent,
} from './lint/purposes.rules.js';
import { duplicateKeys, unknownReferences } from './lint/references.rules.js';
import { feeOutsideChargeableRequests } from './lint/rights.rules.js';
import {
  hostingCountry,
  processorCountry,
  recipientWithoutGround,
  sensitiveOptOut,
} from './lint/transfers.rules.js';
import type { Register } from './register.schema.js';

export type { Bilingual, Finding, Severity } from './lint/lint.types.js';

export const RULES: readonly Rule[] = [
  duplicateKeys,
  unknownReferences,
  unknownCategories,
  deprecatedCategories,
  sensitiveWithoutConsent,
  myNumberOutsideLegalUse,
  purposeWithoutSubjectsOrItems,
  gdprBasisMissing,
  processorCountry,
  hostingCountry,
  recipientWithoutGround,
  sensitiveOptOut,
  itemStoredWithoutPurpose,
  retentionMissing,
  retentionTriggerFields,
  feeOutsideChargeableRequests,
];

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Runs every rule; findings come errors first, then warnings, then info, each in rule order. */
export function lintRegister(register: Register): Finding[] {
  const ctx = lintContext(register);
  return RULES.flatMap((rule) => rule(ctx)).sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
