import { z } from 'zod';
import { Duration, Key, Text } from './common.schema.js';

export const TriggerEvent = z.enum([
  'contract-end',
  'last-contact',
  'collection',
  'account-closure',
  'employment-end',
  'application-closed',
  'event-end',
  'consent-withdrawn',
  'purpose-achieved',
  'service-end',
]);
export type TriggerEvent = z.infer<typeof TriggerEvent>;

export const RetentionAction = z.enum(['erase', 'anonymise']);

/**
 * The clock starts at the first trigger in `triggers` that applies to the record ("after the contract
 * ends, otherwise after the last contact"); the record is kept for `period` from then.
 */
export const RetentionRule = z.strictObject({
  key: Key,
  description: Text.optional(),
  /** Empty: every subject type. */
  subjectTypes: z.array(Key),
  /** Data categories (taxonomy keys, matched with their descendants); empty: every category. */
  categories: z.array(z.string().min(1)),
  triggers: z.array(TriggerEvent).min(1),
  /** Absent: erased without delay once the trigger happens (APPI Art. 22). */
  period: Duration.optional(),
  /** A longer period a law or a contract requires or allows. */
  longerLegalPeriod: z.strictObject({ period: Duration.optional(), basis: Text }).optional(),
  action: RetentionAction,
});
export type RetentionRule = z.infer<typeof RetentionRule>;
