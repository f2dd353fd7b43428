import type { FindingType } from './finding.schema.js';

/**
 * Minimum score for a finding to be reported, per type. Tuned, not guessed: bench/discovery-types.bench.ts
 * sweeps each type's threshold on the development split of the synthetic corpus (seed 1) and prints the value
 * maximising F2 (ties → higher precision); PERSON is tuned on the development split (index % 5 === 0) of
 * ner-wikipedia-ja by bench/discovery-names.bench.ts. Scores cluster at the detectors' few levels (no context,
 * own context word, other/negative context), so any value between two levels behaves the same; the midpoint
 * of the winning interval is recorded (measured 2026-11-23, see bench/results/discovery.md).
 *
 * PERSON's score is a fitted probability (names/person-model.ts); the F2-optimal threshold is low because on
 * encyclopedic text recall dominates F2. Callers who want precision raise it with minScore (0.5: precision 0.84,
 * recall 0.75 on the held-out split; 0.21 gives 0.68 / 0.85).
 */
export const THRESHOLDS: Readonly<Record<FindingType, number>> = {
  PERSON: 0.21,
  EMAIL: 0.47,
  PHONE: 0.54,
  POSTAL_CODE: 0.53,
  ADDRESS: 0.55,
  MY_NUMBER: 0.68,
  CORPORATE_NUMBER: 0.51,
  CREDIT_CARD: 0.33,
  IP_ADDRESS: 0.45,
  PASSPORT: 0.5,
  BANK_ACCOUNT: 0.47,
  DRIVER_LICENSE: 0.5,
  HEALTH_INSURANCE: 0.47,
  DATE_OF_BIRTH: 0.53,
};
