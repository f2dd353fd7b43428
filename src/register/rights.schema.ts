import { z } from 'zod';
import { Key, Text } from './common.schema.js';

/** APPI Art. 32–35: the requests a person can make about held personal data. */
export const RequestKind = z.enum([
  'notify-purpose',
  'disclose',
  'correct',
  'stop-use',
  'erase',
  'stop-provision',
  'disclose-provision-records',
]);
export type RequestKind = z.infer<typeof RequestKind>;

export const Channel = z.enum(['post', 'email', 'web-form', 'phone', 'in-person']);
export type Channel = z.infer<typeof Channel>;

export const AgentKind = z.enum(['parent', 'guardian', 'proxy']);
export type AgentKind = z.infer<typeof AgentKind>;

/** APPI Art. 37(3) and Cabinet Order Art. 13: agents are legal representatives or proxies by power of attorney. */
export const AgentRule = z.strictObject({
  kind: AgentKind,
  documents: z.array(Text).min(1),
});

/** APPI Art. 38: fees only for purpose notification and disclosure, reasonable given actual cost. */
export const Fee = z.strictObject({
  amount: z.number().int().positive(),
  currency: z.literal('JPY'),
  appliesTo: z.array(RequestKind).min(1),
  paymentMethod: Text.optional(),
  paymentDeadline: z.strictObject({ days: z.number().int().positive().optional(), text: Text }).optional(),
  chargedWhenRefused: z.boolean(),
});
export type Fee = z.infer<typeof Fee>;

export const RefusalGround = z.strictObject({
  key: Key,
  text: Text,
});

export const RightsProcedure = z.strictObject({
  desk: Key,
  channels: z.array(Channel).min(1),
  requestKinds: z.array(RequestKind).min(1),
  steps: z.array(Text),
  form: z.strictObject({ name: Text, url: z.url().optional() }).optional(),
  identity: z.strictObject({
    /** Knowledge-based check before documents (e.g. two registered items such as phone and birth date). */
    knowledgeCheck: Text.optional(),
    selfDocuments: z.array(Text),
    agents: z.array(AgentRule),
    acceptedDocumentsNote: Text.optional(),
  }),
  fees: z.array(Fee),
  refusalGrounds: z.array(RefusalGround),
  replyMethods: z.array(z.enum(['post', 'email', 'written'])).min(1),
  notes: z.array(Text),
});
export type RightsProcedure = z.infer<typeof RightsProcedure>;
