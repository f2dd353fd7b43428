import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { DASH, digitsOf, NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT } from './patterns.js';

/**
 * Corporate Number (法人番号) check digit, 法人番号の指定等に関する省令 (平成26年財務省令第70号) 第2条: the check
 * digit comes FIRST and equals 9 − (Σ Pn × Qn mod 9) over the 12-digit base, Pn the n-th digit counted from the
 * right, Qn = 1 for odd n and 2 for even n.
 */
export function corporateNumberCheckDigit(base12: string): number {
  if (!/^[0-9]{12}$/.test(base12)) throw new Error('a Corporate Number base has 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(digits: string): boolean {
  return /^[0-9]{13}$/.test(digits) && corporateNumberCheckDigit(digits.slice(1)) === Number(digits[0]);
}

// 13 digits, optionally prefixed with T (適格請求書発行事業者登録番号 = "T" + 法人番号, 消費税法 第57条の2) and
// optionally written 1-2345-6789-0123 as the NTA's publication site does.
const RE = new RegExp(
  `(?<![A-Za-z0-9])(T${DASH}?)?${NOT_AFTER_DIGIT}([0-9](${DASH}| |)[0-9]{4}\\3[0-9]{4}\\3[0-9]{4})${NOT_BEFORE_DIGIT}`,
  'g',
);

export function detectCorporateNumbers(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(RE)) {
    if (!isValidCorporateNumber(digitsOf(m[2]!))) continue;
    const start = m.index;
    const end = start + m[0].length;
    const invoice = m[1] !== undefined;
    const ctx = scoreWithContext('CORPORATE_NUMBER', doc.text, start, end, {
      base: invoice ? 0.85 : 0.45,
      own: 0.97,
      other: 0.15,
      negative: 0.05,
    });
    const form = invoice ? 'invoice registration form T+13 digits; ' : '';
    out.push({
      type: 'CORPORATE_NUMBER',
      start,
      end,
      score: ctx.score,
      explanation: `${form}check digit valid; ${ctx.explanation}`,
    });
  }
  return out;
}
