import { z } from 'zod';
import { Key, Text } from './common.schema.js';

export const ProvisionMethod = z.enum(['recording-medium', 'email', 'server-upload', 'web-download', 'api']);
export type ProvisionMethod = z.infer<typeof ProvisionMethod>;

/** APPI Art. 43(3) and (4), Art. 44: items of anonymised information and how it is provided are published. */
export const AnonymisedPublication = z.strictObject({
  key: Key,
  kind: z.enum(['anonymised', 'pseudonymised']),
  description: Text.optional(),
  items: z.array(z.strictObject({ label: Text, sourceItem: Key.optional() })).min(1),
  providedToThirdParties: z.boolean(),
  methods: z.array(ProvisionMethod),
  publishedOn: z.iso.date().optional(),
});
export type AnonymisedPublication = z.infer<typeof AnonymisedPublication>;
