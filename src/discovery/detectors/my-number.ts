import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { DASH, digitsOf, NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT } from './patterns.js';

/**
 * Individual Number (マイナンバー) check digit: 番号法施行令 第8条, computed as the MIC ordinance prescribes
 * (平成26年総務省令第85号 第5条). Weights 6,5,4,3,2,7,6,5,4,3,2 over the first 11 digits left
 * to right (Pn × Qn with Qn = n+1 for n ≤ 6, n−5 for n ≥ 7, counted from the right); r = Σ mod 11;
 * check = 0 if r ≤ 1, else 11 − r.
 */
const WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export function myNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new Error('a My Number base has 11 digits');
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(first11[i]) * WEIGHTS[i]!;
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidMyNumber(digits: string): boolean {
  return /^[0-9]{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

// 12 digits, contiguous or in the 4-4-4 groups printed on the card, separated by a space or a dash.
const RE = new RegExp(`${NOT_AFTER_DIGIT}[0-9]{4}(${DASH}| |)[0-9]{4}\\1[0-9]{4}${NOT_BEFORE_DIGIT}`, 'g');

/**
 * About one random 12-digit string in eleven passes the check digit, so without a context word a valid number
 * stays below the threshold; 個人番号 / マイナンバー raise it, order numbers and other types' labels sink it.
 */
export function detectMyNumbers(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(RE)) {
    if (!isValidMyNumber(digitsOf(m[0]))) continue;
    const start = m.index;
    const end = start + m[0].length;
    const ctx = scoreWithContext('MY_NUMBER', doc.text, start, end, {
      base: 0.4,
      own: 0.97,
      other: 0.1,
      negative: 0.05,
    });
    out.push({
      type: 'MY_NUMBER',
      start,
      end,
      score: ctx.score,
      explanation: `check digit valid; ${ctx.explanation}`,
    });
  }
  return out;
}
