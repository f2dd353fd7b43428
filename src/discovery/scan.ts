import { detectAddresses } from './detectors/address.js';
import { detectBankAccounts } from './detectors/bank-account.js';
import { detectCorporateNumbers } from './detectors/corporate-number.js';
import { detectCreditCards } from './detectors/credit-card.js';
import { detectDatesOfBirth } from './detectors/date-of-birth.js';
import { detectDriverLicenses } from './detectors/driver-license.js';
import { detectEmails } from './detectors/email.js';
import { detectHealthInsurance } from './detectors/health-insurance.js';
import { detectIpAddresses } from './detectors/ip-address.js';
import { detectMyNumbers } from './detectors/my-number.js';
import { detectPassports } from './detectors/passport.js';
import { detectPhones } from './detectors/phone.js';
import { detectPostalCodes } from './detectors/postal-code.js';
import type { Candidate, Finding, FindingType } from './finding.schema.js';
import { detectPersons } from './names/person.js';
import type { JaTokenizer } from './names/tokenizer.js';
import { type NormalizedText, normalizeText } from './normalize.js';
import { THRESHOLDS } from './thresholds.js';

export type Detector = (doc: NormalizedText) => Candidate[];

/** The regex stage: every detector that needs no dictionary. */
export const REGEX_DETECTORS: readonly Detector[] = [
  detectEmails,
  detectPhones,
  detectPostalCodes,
  detectAddresses,
  detectMyNumbers,
  detectCorporateNumbers,
  detectCreditCards,
  detectIpAddresses,
  detectPassports,
  detectBankAccounts,
  detectDriverLicenses,
  detectHealthInsurance,
  detectDatesOfBirth,
];

export interface ScanOptions {
  /** One floor for every type instead of the tuned per-type thresholds (0 shows every candidate). */
  minScore?: number;
  /** Only these types. */
  types?: readonly FindingType[];
}

/** Higher score first, then the longer, then the earlier (a stable sort keeps the detectors' order on ties). */
const byPriority = (a: Candidate, b: Candidate): number =>
  b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start;

/**
 * Of overlapping candidates, taken in priority order, each is kept unless it overlaps one already kept. Whether
 * a candidate is kept depends only on the candidates it overlaps, so the text is cut into clusters (runs of
 * candidates, sorted by start, that overlap the run so far) and each cluster is decided on its own: most are a
 * single candidate, and no insertion into one list of every finding of a long text is needed. Both sorts are
 * stable, so candidates equal in priority are taken in the detectors' order, as one sort of all of them would.
 */
function keepNonOverlapping(passing: Candidate[]): Candidate[] {
  passing.sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  let i = 0;
  while (i < passing.length) {
    let j = i + 1;
    let reach = passing[i]!.end;
    while (j < passing.length && passing[j]!.start < reach) {
      reach = Math.max(reach, passing[j]!.end);
      j++;
    }
    if (j === i + 1) kept.push(passing[i]!);
    else {
      const chosen: Candidate[] = [];
      for (const c of passing.slice(i, j).sort(byPriority)) insertIfFree(chosen, c);
      kept.push(...chosen);
    }
    i = j;
  }
  return kept;
}

/** Inserts c into kept (sorted by start, never overlapping) unless it overlaps one of them. */
function insertIfFree(kept: Candidate[], c: Candidate): void {
  // Kept candidates never overlap, so sorted by start only the neighbours of the insertion point can collide.
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (kept[mid]!.start < c.start) lo = mid + 1;
    else hi = mid;
  }
  const prev = kept[lo - 1];
  const next = kept[lo];
  if ((prev === undefined || prev.end <= c.start) && (next === undefined || c.end <= next.start))
    kept.splice(lo, 0, c);
}

/**
 * Thresholds, then overlaps: of two overlapping findings the higher score wins (then the longer), so a 12-digit
 * run is reported once, as whichever type its context supports. Offsets are mapped back to the original text.
 */
export function resolveFindings(
  doc: NormalizedText,
  candidates: readonly Candidate[],
  opts: ScanOptions = {},
): Finding[] {
  const wanted = opts.types === undefined ? undefined : new Set(opts.types);
  const passing = candidates.filter(
    (c) =>
      (wanted === undefined || wanted.has(c.type)) &&
      c.score >= (opts.minScore ?? THRESHOLDS[c.type]) &&
      c.end > c.start,
  );
  return keepNonOverlapping(passing).map((c) => {
    const [start, end] = doc.toOriginal(c.start, c.end);
    return {
      type: c.type,
      start,
      end,
      text: doc.original.slice(start, end),
      score: Math.round(c.score * 1000) / 1000,
      explanation: c.explanation,
    };
  });
}

export function regexCandidates(doc: NormalizedText): Candidate[] {
  return REGEX_DETECTORS.flatMap((d) => d(doc));
}

/** Scans with the regex stage only (no dictionary load): every type except PERSON's Japanese names. */
export function scanTextRegex(text: string, opts: ScanOptions = {}): Finding[] {
  const doc = normalizeText(text);
  return resolveFindings(doc, regexCandidates(doc), opts);
}

/** Full scan with a tokenizer the caller loaded (see names/tokenizer.ts loadTokenizer). */
export function scanText(text: string, tokenizer: JaTokenizer, opts: ScanOptions = {}): Finding[] {
  const doc = normalizeText(text);
  const wantsPerson = opts.types === undefined || opts.types.includes('PERSON');
  const candidates = regexCandidates(doc);
  if (wantsPerson) candidates.push(...detectPersons(doc, tokenizer));
  return resolveFindings(doc, candidates, opts);
}
