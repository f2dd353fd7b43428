/**
 * Identity checks (APPI Art. 37(2) lets the business ask for what identifies the person; CCPA Regs
 * §7060–7062 ask for a "reasonable degree of certainty"). Pure: the service supplies times and matches.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Ten minutes is long enough to read an e-mail, short enough that a stolen mailbox view goes stale. */
export const CODE_TTL_MS = 10 * 60_000;
/** Five wrong tries out of 10^6 codes: a guesser's chance per code is 5·10^-6. */
export const MAX_ATTEMPTS = 5;
/** New codes per request per hour: stops using the form to flood someone's mailbox. */
export const MAX_CODES_PER_HOUR = 3;

export interface CodeState {
  expiresAt: Date;
  attempts: number;
  usedAt: Date | null;
}

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'locked' | 'used';

/**
 * The order matters: a used or locked code stays refused even with the right digits, and an expired code
 * is refused before the digits are compared, so timing says nothing about whether they were right.
 */
export function checkCode(state: CodeState | undefined, matches: boolean, now: Date): CodeCheck {
  if (!state) return 'wrong';
  if (state.usedAt !== null) return 'used';
  if (state.attempts >= MAX_ATTEMPTS) return 'locked';
  if (now.getTime() >= state.expiresAt.getTime()) return 'expired';
  return matches ? 'ok' : 'wrong';
}

export function mayIssueCode(issuedInLastHour: number): boolean {
  return issuedInLastHour < MAX_CODES_PER_HOUR;
}

/** E.164 for anything that reads as a phone number (Japanese numbers without a country code). */
export function normalisePhone(value: string): string | undefined {
  const p = parsePhoneNumberFromString(value, 'JP');
  return p?.isValid() ? p.number : undefined;
}

/** YYYY-MM-DD from `1990-04-01`, `1990/4/1`, `1990年4月1日` or a Date. */
export function normaliseDate(value: unknown): string | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:$|T)/.exec(value.trim());
  if (!m) return undefined;
  return `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
}

export interface KnowledgeResult {
  ok: boolean;
  matched: string[];
  missing: string[];
}

/**
 * The 001 seed's check: items the person gives (phone, birth date) must each equal a value held in the
 * records the engine found for their e-mail. Fewer matching items than `required` is a failure, so giving
 * nothing proves nothing.
 */
export function knowledgeMatch(
  supplied: { phone?: string | undefined; birthDate?: string | undefined },
  heldValues: readonly unknown[],
  required: number,
): KnowledgeResult {
  const phones = new Set<string>();
  const dates = new Set<string>();
  for (const v of heldValues) {
    if (typeof v === 'string') {
      const p = normalisePhone(v);
      if (p) phones.add(p);
    }
    const d = normaliseDate(v);
    if (d) dates.add(d);
  }
  const matched: string[] = [];
  const missing: string[] = [];
  if (supplied.phone !== undefined) {
    const p = normalisePhone(supplied.phone);
    (p && phones.has(p) ? matched : missing).push('phone');
  }
  if (supplied.birthDate !== undefined) {
    const d = normaliseDate(supplied.birthDate);
    (d && dates.has(d) ? matched : missing).push('birthDate');
  }
  return { ok: missing.length === 0 && matched.length >= Math.max(1, required), matched, missing };
}
