import { z } from 'zod';

export const connectionType = z.enum(['postgres', 'mysql', 'mariadb', 'redis', 'http']);

export const ConnectionSpec = z.strictObject({
  type: connectionType,
  url: z.string().min(1),
  /** Refused for erasure, rectification and restriction; only read. */
  read_only: z.boolean().optional(),
  /** Redis: prefix for every key pattern. */
  key_prefix: z.string().optional(),
});
export type ConnectionSpec = z.infer<typeof ConnectionSpec>;

/** `connections: { <dataset fides_key>: { type, url } }`: each dataset reads from the connection of its key. */
export const ConnectionsFile = z.strictObject({
  connections: z.record(z.string().min(1), ConnectionSpec),
});
export type ConnectionsFile = z.infer<typeof ConnectionsFile>;
