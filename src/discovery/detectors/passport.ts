import { scoreWithContext } from '../context.js';
import type { Candidate } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';

/**
 * Japanese passport numbers (旅券番号): two Latin capitals and seven digits (旅券法施行規則; ICAO Doc 9303 document
 * number field). The same shape is common for product and lot codes, so the base score is low and 旅券 /
 * パスポート / passport carry the decision.
 */
const RE = /(?<![A-Za-z0-9-])[A-Z]{2}[0-9]{7}(?![A-Za-z0-9])/g;

export function detectPassports(doc: NormalizedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const ctx = scoreWithContext('PASSPORT', doc.text, start, end, {
      base: 0.3,
      own: 0.95,
      other: 0.1,
      negative: 0.05,
    });
    out.push({
      type: 'PASSPORT',
      start,
      end,
      score: ctx.score,
      explanation: `2 letters + 7 digits; ${ctx.explanation}`,
    });
  }
  return out;
}
