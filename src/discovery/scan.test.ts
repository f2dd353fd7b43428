import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candidate } from './finding.schema.js';
import { FINDING_TYPES, findingsSchema } from './finding.schema.js';
import { normalizeText } from './normalize.js';
import { resolveFindings, scanTextRegex } from './scan.js';

const sample = [
  'お客様情報',
  '電話：０９０－１２３４－５６７８',
  'メール: hanako.sato@example.co.jp',
  '〒150-0002 東京都渋谷区渋谷2丁目21番1号',
  'マイナンバー: 1234 5678 9018',
  '法人番号 7000012050002',
  '注文番号: 123456789018',
  '生年月日：昭和55年4月1日',
  '契約日：2020年4月1日',
].join('\n');

describe('scanTextRegex', () => {
  const findings = scanTextRegex(sample);

  it('finds every labelled item with original offsets, and nothing from order numbers or other dates', () => {
    expect(findingsSchema.parse(findings)).toEqual(findings);
    expect(findings.map((f) => [f.type, f.text])).toEqual([
      ['PHONE', '０９０－１２３４－５６７８'],
      ['EMAIL', 'hanako.sato@example.co.jp'],
      ['POSTAL_CODE', '〒150-0002'],
      ['ADDRESS', '東京都渋谷区渋谷2丁目21番1号'],
      ['MY_NUMBER', '1234 5678 9018'],
      ['CORPORATE_NUMBER', '7000012050002'],
      ['DATE_OF_BIRTH', '昭和55年4月1日'],
    ]);
    for (const f of findings) expect(sample.slice(f.start, f.end)).toBe(f.text);
  });

  it('shows low-scoring candidates with minScore 0 and filters by type', () => {
    const all = scanTextRegex(sample, { minScore: 0 });
    expect(all.some((f) => f.text === '2020年4月1日')).toBe(true);
    expect(all.some((f) => f.text === '123456789018')).toBe(true);
    expect(scanTextRegex(sample, { types: ['EMAIL'] }).map((f) => f.type)).toEqual(['EMAIL']);
  });
});

describe('resolveFindings', () => {
  it('keeps the higher-scoring of overlapping candidates, then the longer', () => {
    const doc = normalizeText('abcdefghij');
    const out = resolveFindings(
      doc,
      [
        { type: 'PHONE', start: 0, end: 5, score: 0.6, explanation: '' },
        { type: 'MY_NUMBER', start: 2, end: 8, score: 0.9, explanation: '' },
        { type: 'EMAIL', start: 8, end: 10, score: 0.9, explanation: '' },
        { type: 'PERSON', start: 8, end: 9, score: 0.9, explanation: '' },
      ],
      { minScore: 0 },
    );
    expect(out.map((f) => [f.type, f.start, f.end])).toEqual([
      ['MY_NUMBER', 2, 8],
      ['EMAIL', 8, 10],
    ]);
  });

  it('decides overlaps as one priority-ordered pass over every candidate would, cluster by cluster', () => {
    const candidate = fc
      .record({
        type: fc.constantFrom(...FINDING_TYPES),
        start: fc.nat(60),
        length: fc.integer({ min: 0, max: 14 }),
        score: fc.constantFrom(0.1, 0.5, 0.5, 0.9, 0.95),
      })
      .map(
        ({ type, start, length, score }): Candidate => ({
          type,
          start,
          end: start + length,
          score,
          explanation: `${type}@${start}`,
        }),
      );
    const doc = normalizeText('x'.repeat(80));
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 40 }), (cs) => {
        expect(resolveFindings(doc, cs, { minScore: 0 })).toEqual(referenceResolve(doc.text, cs));
      }),
      { numRuns: 1000 },
    );
  });
});

/** The rule written plainly: by priority (stable), keep a candidate unless it overlaps one kept; then by start. */
function referenceResolve(text: string, cs: readonly Candidate[]) {
  const sorted = cs
    .filter((c) => c.end > c.start)
    .sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of sorted) if (kept.every((k) => k.end <= c.start || c.end <= k.start)) kept.push(c);
  return kept
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ ...c, text: text.slice(c.start, c.end), score: Math.round(c.score * 1000) / 1000 }));
}
