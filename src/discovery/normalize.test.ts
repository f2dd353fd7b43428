import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, STABLE_RANGES } from './normalize.js';

describe('normalizeText', () => {
  it('keeps ASCII and ordinary Japanese text as it is, with identity offsets', () => {
    const doc = normalizeText('山田太郎 090-1234-5678');
    expect(doc.text).toBe('山田太郎 090-1234-5678');
    expect(doc.toOriginal(5, 8)).toEqual([5, 8]);
  });

  it('folds full-width digits, letters and the ideographic space, mapping offsets back', () => {
    const original = '電話：０９０－１２３４－５６７８　Ｔａｒｏ';
    const doc = normalizeText(original);
    expect(doc.text).toBe('電話:090-1234-5678 Taro');
    const start = doc.text.indexOf('090');
    const [s, e] = doc.toOriginal(start, start + '090-1234-5678'.length);
    expect(original.slice(s, e)).toBe('０９０－１２３４－５６７８');
  });

  it('composes half-width katakana with its voiced mark and maps the composed kana to both units', () => {
    const doc = normalizeText('ｶﾞｽ代');
    expect(doc.text).toBe('ガス代');
    expect(doc.toOriginal(0, 1)).toEqual([0, 2]);
    expect(doc.toOriginal(1, 3)).toEqual([2, 4]);
  });

  it('maps a character that expands under NFKC (㈱ → (株)) to the whole original character', () => {
    const doc = normalizeText('㈱山田');
    expect(doc.text).toBe('(株)山田');
    expect(doc.toOriginal(1, 2)).toEqual([0, 1]);
    expect(doc.toOriginal(3, 5)).toEqual([1, 3]);
  });

  it('keeps surrogate pairs whole', () => {
    const doc = normalizeText('𠮷田　１');
    expect(doc.text).toBe('𠮷田 1');
    expect(doc.toOriginal(0, 3)).toEqual([0, 3]);
  });

  it('always yields ranges inside the original whose NFKC form contains the normalised slice', () => {
    const alphabet = fc.constantFrom(...'aZ09０９Ａｚｶﾞﾟﾊﾟあア山　 -－㈱①𠮷\u3099'.split(''), '𠮷');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const original = chars.join('');
        const doc = normalizeText(original);
        if (doc.text.length === 0) return;
        const s = a % doc.text.length;
        const e = s + 1 + (b % (doc.text.length - s));
        const [os, oe] = doc.toOriginal(s, e);
        expect(0 <= os && os <= oe && oe <= original.length).toBe(true);
        expect(original.slice(os, oe).normalize('NFKC')).toContain(doc.text.slice(s, e).normalize('NFKC'));
      }),
    );
  });

  it('skips only code points that are a cluster of their own and NFKC-stable', () => {
    const wrong: number[] = [];
    for (const [lo, hi] of STABLE_RANGES)
      for (let cp = lo; cp <= hi; cp++) {
        const c = String.fromCharCode(cp);
        if (c.normalize('NFKC') !== c || isCombiningMark(cp) || (cp >= 0xd800 && cp <= 0xdfff))
          wrong.push(cp);
      }
    expect(wrong).toEqual([]);
  });

  it('gives the text and offsets of the cluster-by-cluster definition on any input', () => {
    const alphabet = fc.constantFrom(
      ...'aZ09０９Ａｚｶﾞﾟﾊﾟｰあア山ー・、。〒〶ヿ゛　 -－㈱①\u3099\u0301\u0316'.split(''),
      '𠮷',
      '\ud800',
      '\udc00',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const original = chars.join('');
        const doc = normalizeText(original);
        const ref = referenceNormalize(original);
        expect(doc.text).toBe(ref.text);
        for (let s = 0; s <= doc.text.length; s++)
          for (let e = s; e <= Math.min(doc.text.length, s + 4); e++)
            expect(doc.toOriginal(s, e)).toEqual(ref.toOriginal(s, e));
      }),
      { numRuns: 300 },
    );
  });
});

const isCombiningMark = (cp: number): boolean =>
  cp === 0xff9e || cp === 0xff9f || (cp >= 0x0300 && cp <= 0x036f) || cp === 0x3099 || cp === 0x309a;

/** The definition, written plainly: every cluster normalised on its own, each output unit mapped to its cluster. */
function referenceNormalize(original: string) {
  const units: Array<[number, number]> = [];
  let text = '';
  let i = 0;
  while (i < original.length) {
    const start = i;
    i += original.codePointAt(i)! > 0xffff ? 2 : 1;
    while (i < original.length && isCombiningMark(original.codePointAt(i)!)) i++;
    const cluster = original.slice(start, i);
    const norm = cluster.normalize('NFKC');
    if (norm === cluster) for (let k = start; k < i; k++) units.push([k, k + 1]);
    else for (let k = 0; k < norm.length; k++) units.push([start, i]);
    text += norm;
  }
  if (original.normalize('NFKC') === original)
    return { text: original, toOriginal: (s: number, e: number) => [s, e] };
  return {
    text,
    toOriginal(s: number, e: number): [number, number] {
      const at = (n: number) => (n < units.length ? units[n]![0] : original.length);
      if (e <= s) return [at(s), at(s)];
      return [units[s]![0], units[e - 1]![1]];
    },
  };
}
