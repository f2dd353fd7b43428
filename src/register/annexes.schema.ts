import { z } from 'zod';
import { Text } from './common.schema.js';

/** GDPR Art. 13: bases come from each purpose; this holds the rest of what EEA residents are told. */
export const GdprAnnex = z.strictObject({
  scope: Text,
  consentWithdrawal: z.boolean(),
  mandatoryDataNote: Text.optional(),
  intraGroupSharing: Text.optional(),
  /** Art. 49(1)(a): what people consent to when data goes to countries without adequate protection. */
  transferNotes: z.array(Text),
  rightsLimitations: Text.optional(),
});
export type GdprAnnex = z.infer<typeof GdprAnnex>;

/** Cal. Civ. Code §1798.100, .110, .115, .130 and CPRA regulations: notice at collection and privacy policy. */
export const CcpaAnnex = z.strictObject({
  lookbackMonths: z.number().int().positive(),
  disclosedTo: z.array(Text),
  sells: z.boolean(),
  shares: z.boolean(),
  /** §1798.121 and Regs §7027(m): the only purposes sensitive PI is used for. */
  sensitiveUses: z.array(Text),
  retentionCriteria: z.array(Text),
  deletionExceptions: z.array(Text),
  authorisedAgents: z.boolean(),
});
export type CcpaAnnex = z.infer<typeof CcpaAnnex>;

/** PIPL Art. 17: what a processor tells people before processing. */
export const PiplAnnex = z.strictObject({
  scope: Text,
  collectedItems: z.array(Text),
  purposes: z.array(Text),
  crossBorderWithConsentOnly: z.boolean(),
  changeNotice: Text.optional(),
});
export type PiplAnnex = z.infer<typeof PiplAnnex>;

export const Annexes = z.strictObject({
  gdpr: GdprAnnex.optional(),
  ccpa: CcpaAnnex.optional(),
  pipl: PiplAnnex.optional(),
});
export type Annexes = z.infer<typeof Annexes>;
