import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.js';

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
});
