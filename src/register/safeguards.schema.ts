import { z } from 'zod';
import { Key, Text } from './common.schema.js';

/** PPC guidelines (通則編) §10: the kinds of security control measures to be published (Art. 32, 23). */
export const SafeguardKind = z.enum([
  'policy',
  'rules',
  'organisational',
  'human',
  'physical',
  'technical',
  'external-environment',
]);
export type SafeguardKind = z.infer<typeof SafeguardKind>;

export const Safeguard = z.strictObject({
  key: Key,
  kind: SafeguardKind,
  title: Text,
  description: Text,
  reviewCycleMonths: z.number().int().positive().optional(),
});
export type Safeguard = z.infer<typeof Safeguard>;
