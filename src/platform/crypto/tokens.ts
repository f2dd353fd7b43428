import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer secret with a readable prefix (`mmr_`, `mms_` …) so a leaked one is recognisable in a scan. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens carry 256 random bits, so a fast hash is enough to store them: no dictionary to attack, and the
 * lookup by hash stays an index probe on every request.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
