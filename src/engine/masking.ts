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

/*
 * Data-type-aware masking. The strategies above produce text; written into an integer, boolean, date or
 * JSON column that text is invalid (the store refuses it, or worse, coerces it). Per kind of value:
 *   text            the strategy's value.
 *   integer, float  string_rewrite whose rewrite_value is a number of that kind → that number; else null.
 *   boolean         string_rewrite "true" / "false" → that boolean; else null.
 *   temporal        string_rewrite whose rewrite_value is an ISO date/time → that text; else null.
 *   object, array, binary, uuid   null (a whole structure is erased; its parts are masked through sub-fields).
 * The kind comes from the dataset's `data_type`, else from the store's column type, else from the value read.
 */
export type ValueKind = 'text' | 'integer' | 'float' | 'boolean' | 'temporal' | 'object' | 'opaque';

/** fideslang data_type or a SQL column type → kind; undefined when unknown. */
export function kindOfType(type: string | undefined): ValueKind | undefined {
  if (!type) return undefined;
  const t = type.toLowerCase().trim();
  if (t.endsWith('[]') || t === 'array' || t.startsWith('array')) return 'object';
  if (
    /^(string|text|object_id|varchar|character|char|citext|tinytext|mediumtext|longtext|enum|set)\b/.test(t)
  )
    return 'text';
  if (/^(character varying|nvarchar|nchar|name)\b/.test(t)) return 'text';
  if (/^(bool|boolean|tinyint\(1\)|bit\(1\))/.test(t)) return 'boolean';
  if (/^(integer|int|smallint|bigint|tinyint|mediumint|serial|bigserial|smallserial|int[248])\b/.test(t))
    return 'integer';
  if (/^(float|double|real|numeric|decimal|number|money)/.test(t)) return 'float';
  if (/^(date|time|timestamp|datetime|year|interval)/.test(t)) return 'temporal';
  if (/^(object|json|jsonb)\b/.test(t)) return 'object';
  if (/^(uuid|bytea|blob|binary|varbinary|bit|inet|cidr|macaddr|point|geometry|tsvector)/.test(t))
    return 'opaque';
  return undefined;
}

/** What the read value itself says (types survive the journal's JSON round trip only for these). */
export function kindOfValue(value: unknown): ValueKind {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (value !== null && typeof value === 'object') return 'object';
  return 'text';
}

const ISO_TEMPORAL = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The masked form of one value, valid for its kind (see above). */
export function maskTyped(
  value: unknown,
  spec: MaskingSpec,
  kind: ValueKind | undefined,
  ctx: MaskingContext,
): unknown {
  const masked = maskValue(value, spec, ctx);
  if (masked === null) return null;
  const k = kind ?? kindOfValue(value);
  const rewrite = spec.strategy === 'string_rewrite' ? String(masked) : undefined;
  switch (k) {
    case 'text':
      return masked;
    case 'integer': {
      const n = rewrite !== undefined && /^-?\d+$/.test(rewrite.trim()) ? Number(rewrite) : Number.NaN;
      return Number.isSafeInteger(n) ? n : null;
    }
    case 'float': {
      const n = rewrite !== undefined && rewrite.trim() !== '' ? Number(rewrite) : Number.NaN;
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return rewrite === 'true' ? true : rewrite === 'false' ? false : null;
    case 'temporal':
      return rewrite !== undefined && ISO_TEMPORAL.test(rewrite) ? rewrite : null;
    default:
      return null;
  }
}
