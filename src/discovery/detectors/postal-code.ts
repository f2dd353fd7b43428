import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';
import { DASH, NOT_AFTER_DIGIT, NOT_BEFORE_DIGIT } from './patterns.js';
import { PREFECTURES, PREFECTURES_ROMAJI } from './prefectures.js';

/**
 * Japanese postal codes (郵便番号, 7 digits since 1998, written NNN-NNNN, Japan Post): with the 〒 mark, after a
 * 郵便番号/zip label, or NNN-NNNN directly before a prefecture. A bare NNN-NNNN is also a part number or the tail
 * of a phone number, so it gets a middling score; seven digits without the hyphen only count with a label.
 */
const RE = new RegExp(
  `(〒[ \\u3000]?)?${NOT_AFTER_DIGIT}([0-9]{3})(${DASH}?)([0-9]{4})${NOT_BEFORE_DIGIT}`,
  'g',
);
const PREFECTURE_AFTER = new RegExp(`^[ \\u3000]*(?:${PREFECTURES.join('|')})`);
// English form: "…, Chiyoda-ku, Tokyo 100-0005" — the code follows the prefecture or "Japan".
const PREFECTURE_BEFORE = new RegExp(`(?:${PREFECTURES_ROMAJI.join('|')}|Japan)(?:-(?:to|fu|ken))?,? ?$`);

// Cheap necessary conditions for the two tests above, which most of the many NNN-NNNN runs fail: a prefecture
// starts after the spaces within the 8 units read, and the romanised form's last unit is a letter, a comma or a
// space.
const PREFECTURE_FIRST = new Set(PREFECTURES.map((p) => p.charCodeAt(0)));
function mayStartPrefecture(text: string, end: number): boolean {
  const limit = Math.min(text.length, end + 8);
  let q = end;
  while (q < limit && (text.charCodeAt(q) === 0x20 || text.charCodeAt(q) === 0x3000)) q++;
  return q < limit && PREFECTURE_FIRST.has(text.charCodeAt(q));
}
function mayEndRomajiPrefecture(text: string, start: number): boolean {
  const c = start > 0 ? text.charCodeAt(start - 1) : -1;
  return c === 0x20 || c === 0x2c || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function detectPostalCodes(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const mark = m[1] !== undefined;
    const hyphen = m[3] !== '';
    if (mark) {
      out.push({ type: 'POSTAL_CODE', start, end, score: 0.97, explanation: 'postal mark 〒' });
      continue;
    }
    const beforePrefecture =
      (mayStartPrefecture(doc.text, end) && PREFECTURE_AFTER.test(doc.text.slice(end, end + 8))) ||
      (mayEndRomajiPrefecture(doc.text, start) &&
        PREFECTURE_BEFORE.test(doc.text.slice(Math.max(0, start - 16), start)));
    const ctx = scoreWithContext('POSTAL_CODE', doc.text, start, end, {
      base: beforePrefecture ? 0.9 : hyphen ? 0.55 : 0.05,
      own: 0.95,
      other: 0.1,
      negative: 0.05,
    });
    const where = beforePrefecture ? 'next to a prefecture; ' : '';
    out.push({
      type: 'POSTAL_CODE',
      start,
      end,
      score: ctx.score,
      explanation: `${where}${ctx.explanation}`,
    });
  }
  return out;
}
