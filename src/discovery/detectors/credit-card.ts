import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { digitsOf, NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT } from './patterns.js';

/** Luhn (mod 10) check, ISO/IEC 7812-1 Annex B: every primary account number ends with it. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Issuer identification ranges and PAN lengths as the networks publish them (ISO/IEC 7812 IINs). */
const ISSUERS: ReadonlyArray<{ name: string; prefix: RegExp; lengths: readonly number[] }> = [
  { name: 'Visa', prefix: /^4/, lengths: [13, 16, 19] },
  {
    name: 'Mastercard',
    prefix: /^(5[1-5]|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)/,
    lengths: [16],
  },
  { name: 'American Express', prefix: /^3[47]/, lengths: [15] },
  { name: 'JCB', prefix: /^35(2[89]|[3-8][0-9])/, lengths: [16, 17, 18, 19] },
  { name: 'Diners Club', prefix: /^(30[0-5]|3095|36|3[89])/, lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'Discover', prefix: /^(6011|64[4-9]|65)/, lengths: [16, 17, 18, 19] },
  { name: 'UnionPay', prefix: /^62/, lengths: [16, 17, 18, 19] },
];

export function cardIssuer(digits: string): string | undefined {
  return ISSUERS.find((i) => i.prefix.test(digits) && i.lengths.includes(digits.length))?.name;
}

// The groupings printed on cards: 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, or none.
const GROUPINGS = new Set([
  '4,4,4,4',
  '4,4,4,4,3',
  '4,6,5',
  '4,6,4',
  '4,4,4,1',
  '4,4,4,2',
  '4,4,4,3',
  '4,4,5',
]);
const RE = new RegExp(
  `${NOT_AFTER_DIGIT}[0-9]{4}(?:([ -]?)[0-9]{1,6}){2,4}${NOT_BEFORE_DIGIT}|${NOT_AFTER_DIGIT}[0-9]{13,19}${NOT_BEFORE_DIGIT}`,
  'g',
);

export function detectCreditCards(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(RE)) {
    const raw = m[0];
    // Most runs the pattern proposes are shorter than any card number (its digits are fewer than its units).
    if (raw.length < 13) continue;
    const digits = digitsOf(raw);
    if (digits.length < 13 || digits.length > 19) continue;
    const groups = raw.split(/[ -]/).map((g) => g.length);
    const grouped = groups.length > 1;
    if (grouped && (!GROUPINGS.has(groups.join(',')) || new Set(raw.match(/[ -]/g)).size > 1)) continue;
    if (!luhnValid(digits)) continue;
    const issuer = cardIssuer(digits);
    if (issuer === undefined) continue;
    const start = m.index;
    const end = start + raw.length;
    const ctx = scoreWithContext('CREDIT_CARD', doc.text, start, end, {
      base: grouped ? 0.85 : 0.6,
      own: 0.98,
      other: 0.2,
      negative: 0.05,
    });
    out.push({
      type: 'CREDIT_CARD',
      start,
      end,
      score: ctx.score,
      explanation: `Luhn valid, ${issuer} range; ${ctx.explanation}`,
    });
  }
  return out;
}
