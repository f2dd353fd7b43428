import { z } from 'zod';
import { Key, Text } from './common.schema.js';

/**
 * Other promises a policy makes that are not entities of their own (call recording, cookies and access
 * logs, use limited to the purposes in force when data was entrusted, how changes are announced…).
 */
export const Statement = z.strictObject({
  key: Key,
  title: Text,
  body: Text,
});
export type Statement = z.infer<typeof Statement>;
