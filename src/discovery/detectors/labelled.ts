import { nearestLabel } from '../context.js';
import type { Candidate, FindingType } from '../finding.schema.js';
import type { NormalizedText } from '../normalize.js';

/**
 * Numbers that are only personal data because of the word in front of them: bank account, driver's licence and
 * health-insurance numbers have no published or reliable check digit (issue 8), and any 7- or 12-digit run could
 * be one. Only a run whose nearest label names the type is proposed at all.
 */
export function detectLabelled(
  doc: NormalizedText,
  type: FindingType,
  pattern: RegExp,
  score: number,
  rule: string,
): Candidate[] {
  const out: Candidate[] = [];
  for (const m of doc.text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    const label = nearestLabel(doc.text, start, end);
    if (label?.target !== type) continue;
    out.push({ type, start, end, score, explanation: `${rule}; context word "${label.word}"` });
  }
  return out;
}
