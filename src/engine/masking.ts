import { createCipheriv, createHash, createHmac } from 'node:crypto';
import type { MaskingSpec } from './graph.js';

/*
 * Masking strategies with Fides' names and configuration keys. Deterministic given their inputs: random
 * strings are drawn once per run and stored in the journal, so a resumed run writes the same values.
 */

export const strategyNames = [
  'null_rewrite',
  'string_rewrite',
  'random_string_rewrite',
  'hash',
  'hmac',
  'aes_encrypt',
] as const;
export type StrategyName = (typeof strategyNames)[number];

export interface MaskingContext {
  /** Per-request salt (hex), Fides' `salt` secret. */
  salt: string;
  hmacKey: Buffer;
  aesKey: Buffer;
  /** Random alphanumeric text of the given length. */
  random(length: number): string;
}

export class MaskingError extends Error {
  override readonly name = 'MaskingError';
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomText(length: number, bytes: (n: number) => Buffer): string {
  const out: string[] = [];
  // Rejection sampling keeps the alphabet uniform (256 is not a multiple of 62).
  while (out.length < length) {
    for (const b of bytes(length * 2)) {
      if (b < 248 && out.length < length) out.push(ALPHANUMERIC[b % 62] as string);
    }
  }
  return out.join('');
}

export function checkStrategy(spec: MaskingSpec): void {
  if (!(strategyNames as readonly string[]).includes(spec.strategy)) {
    throw new MaskingError(
      `Unknown masking strategy "${spec.strategy}"; use one of ${strategyNames.join(', ')}.`,
    );
  }
  const algorithm = spec.configuration?.algorithm;
  if (algorithm !== undefined && algorithm !== 'SHA-256' && algorithm !== 'SHA-512') {
    throw new MaskingError(`Hash algorithm must be SHA-256 or SHA-512, not "${String(algorithm)}".`);
  }
}

const text = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

/** The masked form of one value. Null stays null: there is nothing to erase. */
export function maskValue(value: unknown, spec: MaskingSpec, ctx: MaskingContext): unknown {
  if (spec.strategy === 'null_rewrite') return null;
  if (value === null || value === undefined) return null;
  const config = spec.configuration ?? {};
  switch (spec.strategy) {
    case 'string_rewrite':
      return typeof config.rewrite_value === 'string' ? config.rewrite_value : 'MASKED';
    case 'random_string_rewrite':
      return ctx.random(typeof config.length === 'number' ? config.length : 30);
    case 'hash': {
      const algorithm = config.algorithm === 'SHA-512' ? 'sha512' : 'sha256';
      return createHash(algorithm)
        .update(text(value) + ctx.salt)
        .digest('hex');
    }
    case 'hmac': {
      const algorithm = config.algorithm === 'SHA-512' ? 'sha512' : 'sha256';
      return createHmac(algorithm, ctx.hmacKey)
        .update(text(value) + ctx.salt)
        .digest('hex');
    }
    case 'aes_encrypt': {
      // Deterministic AES-256-GCM (nonce from an HMAC of the value), as Fides does: equal inputs stay
      // joinable after masking, and whoever holds the key can recover them.
      const nonce = createHmac('sha256', ctx.aesKey).update(text(value)).digest().subarray(0, 12);
      const cipher = createCipheriv('aes-256-gcm', ctx.aesKey, nonce);
      const body = Buffer.concat([cipher.update(text(value), 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
    }
    default:
      throw new MaskingError(`Unknown masking strategy "${spec.strategy}".`);
  }
}
