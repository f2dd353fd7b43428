import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { anchoredMatches } from './patterns.js';

/**
 * E-mail addresses: the dot-atom form of RFC 5322 §3.4.1 (local part of atext and dots, not starting or ending
 * with a dot) at a domain of LDH labels (RFC 1035 §2.3.1) ending in an alphabetic TLD of two or more letters.
 * Quoted local parts and address literals are legal but never seen in business text, and matching them would
 * only add false positives.
 */
const RE =
  /(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;

/** The local part's characters (atext and the dot): a match can only begin where a run of them begins. */
const LOCAL = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~.-")
  LOCAL[c.charCodeAt(0)] = 1;

/** Every address has one @, and begins at the start of the run of local-part characters before it. */
function localPartStart(text: string, at: number): readonly [number, number] {
  let p = at;
  while (p > 0 && LOCAL[text.charCodeAt(p - 1)] === 1) p--;
  return [p, p];
}

export function detectEmails(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of anchoredMatches(doc.text, RE, /@/, (at) => localPartStart(doc.text, at))) {
    const start = m.index;
    const end = start + m[0].length;
    const ctx = scoreWithContext('EMAIL', doc.text, start, end, {
      base: 0.95,
      own: 0.98,
      other: 0.9,
      negative: 0.8,
    });
    out.push({
      type: 'EMAIL',
      start,
      end,
      score: ctx.score,
      explanation: `RFC 5322 address; ${ctx.explanation}`,
    });
  }
  return out;
}
