/**
 * The preference centre's e-mail check (pure). Same reasoning as the rights-request codes: a code a person
 * types, or the link in the same message; both single use and short-lived.
 */

/** Long enough to open the mail, short enough that a glimpse of someone's inbox goes stale. */
export const CODE_TTL_MS = 15 * 60_000;
/** Five wrong codes out of 10^6 and the check is locked: a guesser's chance is 5·10^-6. */
export const MAX_ATTEMPTS = 5;
/** New codes per address per hour: the form cannot be used to flood someone's mailbox. */
export const MAX_CODES_PER_HOUR = 3;
/** After verifying, the person may change their choices for this long without a new code. */
export const SESSION_TTL_MS = 30 * 60_000;

export interface CheckState {
  expiresAt: Date;
  attempts: number;
  usedAt: Date | null;
}

export type CheckResult = 'ok' | 'wrong' | 'expired' | 'locked' | 'used';

/** A used or locked check stays refused even with the right code; expiry is decided before the comparison. */
export function checkCode(state: CheckState | undefined, matches: boolean, now: Date): CheckResult {
  if (!state) return 'wrong';
  if (state.usedAt !== null) return 'used';
  if (state.attempts >= MAX_ATTEMPTS) return 'locked';
  if (now.getTime() >= state.expiresAt.getTime()) return 'expired';
  return matches ? 'ok' : 'wrong';
}

export const mayIssueCode = (issuedInLastHour: number): boolean => issuedInLastHour < MAX_CODES_PER_HOUR;

/** A plain address check: one @, no spaces, a dot in the domain. Not RFC 5322; the code proves the rest. */
export function normaliseEmail(raw: string): string | undefined {
  const value = raw.trim().toLowerCase();
  if (value.length > 254) return undefined;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : undefined;
}
