import { createHash, createHmac, hash, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Purpose, Register } from '../register/register.schema.js';
import type { Decision, SubjectKind } from './consent.schema.js';

/** One ledger record as the rules see it. */
export interface LedgerRecord {
  id: number;
  purpose: string;
  decision: Decision;
  recordedAt: Date;
  noticeVersion: number | null;
  purposeRev: string | null;
  gpc: boolean;
  expiresAt: Date | null;
}

/** The latest decision for one purpose: what `consent_state` materialises. */
export interface StateEntry {
  purpose: string;
  decision: Decision;
  recordId: number;
  recordedAt: Date;
  noticeVersion: number | null;
  purposeRev: string | null;
  gpc: boolean;
  expiresAt: Date | null;
}

const toEntry = (r: LedgerRecord): StateEntry => ({
  purpose: r.purpose,
  decision: r.decision,
  recordId: r.id,
  recordedAt: r.recordedAt,
  noticeVersion: r.noticeVersion,
  purposeRev: r.purposeRev,
  gpc: r.gpc,
  expiresAt: r.expiresAt,
});

/**
 * Decisions are ordered by when they were made, then by ledger id: an import of older decisions made
 * elsewhere never overrides a newer one made here, and two decisions of the same instant resolve alike
 * everywhere.
 */
export function isNewer(a: { recordedAt: Date; id: number }, b: { recordedAt: Date; recordId: number }) {
  const d = a.recordedAt.getTime() - b.recordedAt.getTime();
  return d > 0 || (d === 0 && a.id > b.recordId);
}

/** The materialisation step: the state after one more record, whatever order records arrive in. */
export function applyRecord(current: StateEntry | undefined, record: LedgerRecord): StateEntry {
  return !current || isNewer(record, current) ? toEntry(record) : current;
}

/** The state per purpose derived from the whole ledger of a subject (and of the ids linked to it). */
export function deriveState(records: readonly LedgerRecord[]): Map<string, StateEntry> {
  const state = new Map<string, StateEntry>();
  for (const r of records) state.set(r.purpose, applyRecord(state.get(r.purpose), r));
  return state;
}

export type Status = 'granted' | 'denied' | 'withdrawn' | 'expired';

/** What a decision means now: consent lapses at its expiry (APPI guidelines: consent must be current). */
export function statusAt(entry: Pick<StateEntry, 'decision' | 'expiresAt'>, now: Date): Status {
  if (entry.decision === 'granted' && entry.expiresAt && entry.expiresAt.getTime() <= now.getTime())
    return 'expired';
  return entry.decision;
}

/** When the first status of these entries changes with time (a grant expiring), in ms; Infinity if never. */
export function statusChangeAt(
  entries: ReadonlyArray<Pick<StateEntry, 'decision' | 'expiresAt'>>,
  now: number,
): number {
  let at = Number.POSITIVE_INFINITY;
  for (const e of entries) {
    const t = e.decision === 'granted' ? (e.expiresAt?.getTime() ?? at) : at;
    if (t > now && t < at) at = t;
  }
  return at;
}

/**
 * Re-consent (seed 000 "we ask again when the policy changes"; PIPL Art. 14: a change of purpose needs
 * new consent): a grant given under a different text of the purpose than the one now in force no longer
 * covers it. Computed on read from the purpose digest stored with each record, so a publication never
 * rewrites the ledger. A grant with no recorded digest (an import) is not flagged.
 */
export function needsRenewal(
  entry: Pick<StateEntry, 'decision' | 'purposeRev'>,
  currentRev: string | undefined,
): boolean {
  return (
    entry.decision === 'granted' &&
    entry.purposeRev !== null &&
    currentRev !== undefined &&
    entry.purposeRev !== currentRev
  );
}

/** A digest of what a purpose says (its description, items, subjects, bases): the "text" consented to. */
export function purposeRev(purpose: Purpose): string {
  return createHash('sha256')
    .update(canonicalize(JSON.parse(JSON.stringify(purpose))) ?? '')
    .digest('hex')
    .slice(0, 16);
}

/** The keyed hash a subject is filed under; identities are normalised so that one person has one key. */
export function subjectKey(pseudonymKey: Buffer | KeyObject, kind: SubjectKind, value: string): string {
  const normal = kind === 'customer' ? value.trim() : value.trim().toLowerCase();
  return createHmac('sha256', pseudonymKey).update(`consent:${kind}:${normal}`).digest('hex');
}

/**
 * Proof without the address itself (APPI: an IP address with other data can identify a person): the
 * network prefix, /24 for IPv4 and /48 for IPv6, enough to show where a decision came from.
 */
export function ipPrefix(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!ip.includes(':')) return null;
  // An IPv6 address may end in a dotted quad (RFC 4291 §2.2 form 3): two more hex groups.
  const quad = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  const hex = quad
    ? `${quad[1]}${((Number(quad[2]) << 8) | Number(quad[3])).toString(16)}:${((Number(quad[4]) << 8) | Number(quad[5])).toString(16)}`
    : ip;
  const [head = '', tail = ''] = hex.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = hex.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return `${groups
    .slice(0, 3)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/48`;
}

/** Browser family, major version and platform: what the proof needs, not a fingerprint. */
export function userAgentSummary(ua: string | undefined): string | null {
  if (!ua) return null;
  const browser =
    /(Edg|OPR|Firefox|Chrome|Chromium|Version)\/(\d+)/.exec(ua) ?? /(MSIE) (\d+)/.exec(ua) ?? null;
  const name = browser
    ? (({ Edg: 'Edge', OPR: 'Opera', Version: 'Safari' } as Record<string, string>)[browser[1] ?? ''] ??
      browser[1])
    : 'other';
  const os = /Windows|Android|iPhone|iPad|Mac OS X|Linux|CrOS/.exec(ua)?.[0] ?? 'other';
  return `${name}${browser ? ` ${browser[2]}` : ''} / ${os === 'Mac OS X' ? 'macOS' : os}`.slice(0, 60);
}

/**
 * CCPA Regs §7025(b)–(c): an opt-out preference signal is a valid request to opt out of sale and sharing
 * for that browser and any consumer known to it. The purposes it covers are those flagged `gpcOptOut`; a
 * grant sent together with the signal for such a purpose is recorded as the opt-out the signal asks for.
 */
export function applyGpc<C extends { purpose: string; decision: Decision }>(
  choices: readonly C[],
  gpcPurposes: readonly string[],
): Array<{ purpose: string; decision: Decision; gpc: boolean }> {
  const out = new Map<string, { purpose: string; decision: Decision; gpc: boolean }>();
  for (const c of choices) out.set(c.purpose, { purpose: c.purpose, decision: c.decision, gpc: false });
  for (const p of gpcPurposes) out.set(p, { purpose: p, decision: 'denied', gpc: true });
  return [...out.values()];
}

/**
 * Purposes a banner asks about by default: those the register says rest on consent under APPI (Art. 18,
 * 20(2), 27: the register's law of record). Purposes that need consent only under GDPR or PIPL are often
 * collected on a form instead; a settings row puts them in the banner.
 */
export function restsOnConsent(p: Purpose): boolean {
  return p.bases.appi === 'consent';
}

export interface PurposeSettings {
  inBanner: boolean;
  gpcOptOut: boolean;
  tcfPurposes: number[];
}

/**
 * The purposes a banner asks about: those with a settings row saying so, otherwise those resting on
 * consent. The register's Purpose has no sale/share flag, so GPC coverage is a setting (default off).
 */
export function bannerPurposes(
  register: Pick<Register, 'purposes'>,
  settings: ReadonlyMap<string, PurposeSettings>,
) {
  return register.purposes
    .filter((p) => settings.get(p.key)?.inBanner ?? restsOnConsent(p))
    .map((p) => ({
      key: p.key,
      name: { ja: p.description.ja, en: p.description.en ?? p.description.ja },
      rev: purposeRev(p),
      gpcOptOut: settings.get(p.key)?.gpcOptOut ?? false,
      tcfPurposes: settings.get(p.key)?.tcfPurposes ?? [],
    }));
}

/**
 * How long a banner decision stands before the person is asked again: 13 months, the CNIL's
 * recommendation for cookie choices (Délibération 2020-091 §49), applied to refusals too so a "no" is not
 * re-asked sooner than a "yes".
 */
export const BANNER_CHOICE_MONTHS = 13;

export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

/** A stable uuid-shaped id for one purpose of one report, so a re-sent report records nothing twice. */
export function eventIdFor(reportId: string, purpose: string): string {
  // One-shot hash: a third of the cost of createHash().update().digest() (three per banner report).
  const h = hash('sha256', `${reportId}|${purpose}`, 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
