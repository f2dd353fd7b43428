import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchoredMatches } from './patterns.js';

const spans = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, m[0]]);

describe('anchoredMatches', () => {
  const alphabet = fc.constantFrom(...'ab1-@:.x 市区山田𠮷'.split(''), '𠮷', '\n');
  const text = fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join(''));

  it('gives matchAll’s matches when each match has its anchor within a bounded distance of its start', () => {
    // Every match has a colon within its first three units.
    const pattern = /(?<![a-z:])[a-z0-9]{0,2}:[a-z0-9:]*/g;
    fc.assert(
      fc.property(text, (t) => {
        expect(spans(anchoredMatches(t, pattern, /:/, (a) => [a - 2, a]))).toEqual(
          spans(t.matchAll(pattern)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('handles unicode patterns without starting inside a surrogate pair', () => {
    // A name of 1–3 code points ending in 市 or 区 (as the address detector's municipality).
    const pattern = /(?<!\p{Script=Han})\p{Script=Han}{1,3}?[市区]/gu;
    fc.assert(
      fc.property(text, (t) => {
        expect(spans(anchoredMatches(t, pattern, /[市区]/, (a) => [a - 6, a - 1]))).toEqual(
          spans(t.matchAll(pattern)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('supports a start found by looking back from the anchor (the local part before an @)', () => {
    const pattern = /(?<![a-z.])[a-z]+(?:\.[a-z]+)*@[a-z]+/g;
    const localStart = (t: string, a: number): readonly [number, number] => {
      let p = a;
      while (p > 0 && /[a-z.]/.test(t[p - 1]!)) p--;
      return [p, p];
    };
    fc.assert(
      fc.property(text, (t) => {
        expect(spans(anchoredMatches(t, pattern, /@/, (a) => localStart(t, a)))).toEqual(
          spans(t.matchAll(pattern)),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
