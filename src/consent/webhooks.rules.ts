/**
 * Webhook delivery rules (pure). Signatures follow the Standard Webhooks specification
 * (standardwebhooks.com): `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the key being the
 * base64 after `whsec_`. Receivers can use any Standard Webhooks library to verify.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Waits after the 1st, 2nd, … failed attempt; after the last one the delivery is dead (about a day in all). */
export const RETRY_DELAYS_MS: readonly number[] = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
];
/** Attempts before a delivery is given up (dead): the first try and one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A claimed delivery is not tried by another worker before this: longer than the request timeout. */
export const CLAIM_MS = 2 * 60_000;
export const REQUEST_TIMEOUT_MS = 10_000;

export type AttemptOutcome =
  | { status: 'delivered'; deliveredAt: Date }
  | { status: 'pending'; nextAt: Date }
  | { status: 'dead' };

/** What follows an attempt: `attempts` counts this one. */
export function afterAttempt(
  ok: boolean,
  attempts: number,
  now: Date,
  maxAttempts = MAX_ATTEMPTS,
): AttemptOutcome {
  if (ok) return { status: 'delivered', deliveredAt: now };
  if (attempts >= maxAttempts) return { status: 'dead' };
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? 0;
  return { status: 'pending', nextAt: new Date(now.getTime() + delay) };
}

/** Only 2xx counts: a redirect is not followed (the URL registered is the one trusted with the data). */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Accepts `whsec_<base64>` of 24 to 64 bytes, the Standard Webhooks form. */
export function secretKey(secret: string): Buffer | undefined {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
  if (!m?.[1]) return undefined;
  const key = Buffer.from(m[1], 'base64');
  return key.length >= 24 && key.length <= 64 ? key : undefined;
}

export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = secretKey(secret);
  if (!key) throw new Error('invalid webhook secret');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** An endpoint with no purposes listed gets every event; events without a purpose (links) go to all. */
export function wants(
  filter: readonly string[],
  event: { kind: string; payload: Record<string, unknown> },
): boolean {
  if (filter.length === 0) return true;
  const purpose = event.payload.purpose;
  return typeof purpose !== 'string' || filter.includes(purpose);
}

/** http(s) only, no credentials in the URL (they would be stored in clear and logged by proxies). */
export function checkUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http or https';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash) return 'must not contain a fragment';
  return undefined;
}

/** An error message short enough to show, without the response body (which may echo personal data). */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
    return (cause ?? error.message).slice(0, 200);
  }
  return 'failed';
}
