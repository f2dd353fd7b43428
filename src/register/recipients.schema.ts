import { z } from 'zod';
import { CountryCode, Key, Text } from './common.schema.js';

/** APPI Art. 27(1): grounds on which personal data may be provided without consent. */
export const ProvisionGround = z.enum([
  'law',
  'life-body-property',
  'public-health-or-children',
  'public-authority',
  'academic-research',
  'entrustment',
  'business-succession',
  'joint-use',
  'other',
]);
export type ProvisionGround = z.infer<typeof ProvisionGround>;

/** prior: Art. 27(1) consent; opt-out: Art. 27(2) notified to the PPC. */
export const ConsentRequirement = z.enum(['prior-consent', 'opt-out']);

export const Recipient = z.strictObject({
  key: Key,
  kind: z.enum(['third-party', 'joint-use']),
  name: Text,
  purposesAtRecipient: z.array(Text).min(1),
  items: z.array(Key),
  /** Items described in words, when the provision covers more than register items. */
  itemsNote: Text.optional(),
  method: Text,
  consent: ConsentRequirement.optional(),
  legalGround: ProvisionGround.optional(),
  subjectTypes: z.array(Key).optional(),
  country: CountryCode.optional(),
  /** Art. 27(5)(iii): the party responsible for joint use. */
  jointUseManager: Text.optional(),
  note: Text.optional(),
});
export type Recipient = z.infer<typeof Recipient>;

/** The grounds a policy lists for provision without consent, in its own order. */
export const ProvisionException = z.strictObject({
  key: Key,
  ground: ProvisionGround,
  text: Text,
});
export type ProvisionException = z.infer<typeof ProvisionException>;
