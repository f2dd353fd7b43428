import { z } from 'zod';

/** The stable finding types of issue 8; renaming one breaks the `scan text` JSON contract. */
export const FINDING_TYPES = [
  'PERSON',
  'EMAIL',
  'PHONE',
  'POSTAL_CODE',
  'ADDRESS',
  'MY_NUMBER',
  'CORPORATE_NUMBER',
  'CREDIT_CARD',
  'IP_ADDRESS',
  'PASSPORT',
  'BANK_ACCOUNT',
  'DRIVER_LICENSE',
  'HEALTH_INSURANCE',
  'DATE_OF_BIRTH',
] as const;

export const findingTypeSchema = z.enum(FINDING_TYPES);
export type FindingType = z.infer<typeof findingTypeSchema>;

/** One piece of personal data found in a text; offsets are JavaScript string (UTF-16) indices of the scanned text. */
export const findingSchema = z.object({
  type: findingTypeSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  score: z.number().min(0).max(1),
  explanation: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const findingsSchema = z.array(findingSchema);

/** A detector's proposal before offsets are mapped back and thresholds applied (offsets in normalised text). */
export interface Candidate {
  type: FindingType;
  start: number;
  end: number;
  score: number;
  explanation: string;
}

export const redactModeSchema = z.enum(['mask', 'tag', 'hash']);
export type RedactMode = z.infer<typeof redactModeSchema>;
