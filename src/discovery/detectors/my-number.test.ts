import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectMyNumbers, isValidMyNumber, myNumberCheckDigit } from './my-number.js';

const base11 = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 })
  .map((d) => d.join(''));
const validMyNumber = base11.map((b) => b + myNumberCheckDigit(b));
const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const find = (text: string) => detectMyNumbers(normalizeText(text));

describe('My Number check digit (MIC ordinance)', () => {
  it('follows the weights 6,5,4,3,2,7,6,5,4,3,2 worked by hand', () => {
    // 1·6+2·5+3·4+4·3+5·2+6·7+7·6+8·5+9·4+0·3+1·2 = 212; 212 mod 11 = 3; check = 11 − 3 = 8
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    // all zeros: r = 0 ≤ 1 → 0
    expect(myNumberCheckDigit('00000000000')).toBe(0);
    // 10000000000: 6 mod 11 = 6 → 5
    expect(myNumberCheckDigit('10000000000')).toBe(5);
    // 00000000005: 5·2 = 10 → 1
    expect(myNumberCheckDigit('00000000005')).toBe(1);
    // 00000000010: 1·3 = 3 → 8; 00000600000: 6·7 = 42, 42 mod 11 = 9 → 2
    expect(myNumberCheckDigit('00000000010')).toBe(8);
    expect(myNumberCheckDigit('00000600000')).toBe(2);
    // r = 1 also gives 0: 20000000000 → 2·6 = 12, 12 mod 11 = 1
    expect(myNumberCheckDigit('20000000000')).toBe(0);
  });

  it('accepts every generated number and rejects every single-digit corruption but the one the formula allows', () => {
    // Weights are 2..7 and 11 is prime, so changing one body digit always changes r = Σ mod 11; the only
    // undetectable change is r moving between 0 and 1, which the ordinance maps to the same check digit 0.
    const r = (n: string) => {
      let sum = 0;
      for (let i = 0; i < 11; i++) sum += Number(n[i]) * [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2][i]!;
      return sum % 11;
    };
    fc.assert(
      fc.property(validMyNumber, fc.nat({ max: 11 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        expect(isValidMyNumber(n)).toBe(true);
        const corrupted = n.slice(0, pos) + ((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
        const collides = pos < 11 && r(n) <= 1 && r(corrupted) <= 1;
        expect(isValidMyNumber(corrupted)).toBe(collides);
      }),
    );
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidMyNumber('12345678901')).toBe(false);
    expect(isValidMyNumber('1234567890188')).toBe(false);
    expect(isValidMyNumber('12345678901a')).toBe(false);
    expect(() => myNumberCheckDigit('123')).toThrow();
  });
});

describe('detectMyNumbers', () => {
  it('finds every valid number after a context word, in 12-digit, 4-4-4 spaced/hyphenated and full-width forms', () => {
    fc.assert(
      fc.property(
        validMyNumber,
        fc.constantFrom('個人番号', 'マイナンバー', 'My Number'),
        fc.constantFrom('', ' ', '-'),
        fc.boolean(),
        (n, label, sep, wide) => {
          const shown = `${n.slice(0, 4)}${sep}${n.slice(4, 8)}${sep}${n.slice(8)}`;
          const value = wide ? toFullWidth(shown) : shown;
          const text = `${label}：${value} です`;
          const found = find(text);
          expect(found).toHaveLength(1);
          expect(found[0]!.score).toBeGreaterThan(0.9);
          const doc = normalizeText(text);
          const [s, e] = doc.toOriginal(found[0]!.start, found[0]!.end);
          expect(text.slice(s, e)).toBe(value);
        },
      ),
    );
  });

  it('never proposes a number whose check digit is wrong, even with context', () => {
    fc.assert(
      fc.property(validMyNumber, fc.integer({ min: 1, max: 9 }), (n, delta) => {
        const bad = n.slice(0, 11) + ((Number(n[11]) + delta) % 10);
        expect(find(`マイナンバー ${bad}`)).toEqual([]);
      }),
    );
  });

  it('keeps a valid number without context low and sinks it under negative or foreign context', () => {
    const n = '123456789018';
    expect(find(`値 ${n}`)[0]!.score).toBeLessThan(0.5);
    expect(find(`注文番号 ${n}`)[0]!.score).toBeLessThan(0.1);
    expect(find(`免許証番号 ${n}`)[0]!.score).toBeLessThan(0.2);
  });

  it('does not cut 12 digits out of a longer number or mixed grouping', () => {
    expect(find('マイナンバー 1123456789018')).toEqual([]);
    expect(find('マイナンバー 1234-5678 9018')).toEqual([]);
    expect(find('カード 4111 1234 5678 9018 1111')).toEqual([]);
  });
});
