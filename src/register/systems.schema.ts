import { z } from 'zod';
import { CountryCode, Key, Text } from './common.schema.js';

/** Where a system keeps its data. A missing country is allowed so that lint can ask for it. */
export const Hosting = z.strictObject({
  provider: z.string().min(1).optional(),
  country: CountryCode.optional(),
  region: z.string().min(1).optional(),
});
export type Hosting = z.infer<typeof Hosting>;

export const System = z.strictObject({
  key: Key,
  name: Text,
  owner: Text,
  description: Text.optional(),
  hosting: z.array(Hosting).min(1),
  /** Key of the connector (configured outside the register) that reaches this system's stores. */
  connector: Key.optional(),
  /** fides_key of each dataset that describes this system's stores. */
  datasets: z.array(z.string().min(1)),
  items: z.array(Key),
  /** When the system is run by a processor (SaaS), its key. */
  processor: Key.optional(),
});
export type System = z.infer<typeof System>;
