import { z } from 'zod';
import { ConnectionSpec } from '../connectors/connections.schema.js';
import { FidesDataset } from '../datasets/dataset.schema.js';

export const runKind = z.enum(['access', 'erasure', 'rectification', 'restriction']);
export type RunKind = z.infer<typeof runKind>;

/**
 * Everything a run needs to be resumed by another process without the original command line. It holds
 * connection URLs (credentials) and the person's identities, so the journal stores it sealed.
 */
export const RunSpec = z.object({
  kind: runKind,
  datasets: z.array(FidesDataset),
  connections: z.record(z.string(), ConnectionSpec),
  identities: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  targets: z.array(z.string().min(1)).min(1),
  strategy: z.object({ strategy: z.string(), configuration: z.record(z.string(), z.unknown()).optional() }),
  skipShared: z.boolean(),
  skipUnreachable: z.boolean(),
  rectify: z.array(z.object({ node: z.string(), field: z.string(), value: z.string() })),
  /** Per-request salt for hash and hmac (hex). */
  salt: z.string(),
});
export type RunSpec = z.infer<typeof RunSpec>;
