import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import {
  corporateNumberCheckDigit,
  detectCorporateNumbers,
  isValidCorporateNumber,
} from './corporate-number.js';

const base12 = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 })
  .map((d) => d.join(''));
const valid = base12.map((b) => corporateNumberCheckDigit(b) + b);
const find = (text: string) => detectCorporateNumbers(normalizeText(text));

describe('Corporate Number check digit (財務省令第70号 第2条)', () => {
  it('matches published numbers (国税庁 7000012050002, worked by hand)', () => {
    // base 000012050002, digits from the right with weights 1,2,1,2…: 2·1 + 5·1 + 2·1 + 1·2 = 11; 11 mod 9 = 2; 9 − 2 = 7
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    // all zeros: 9 − 0 = 9
    expect(corporateNumberCheckDigit('000000000000')).toBe(9);
  });

  it('accepts every generated number and rejects every single-digit corruption but 0↔9 in the base', () => {
    // Weights 1 and 2 are units mod 9, so a base digit change is caught unless it is ±9 (0↔9); the check digit
    // 9 − (s mod 9) is never 0, so exactly one value is right in the first position.
    fc.assert(
      fc.property(valid, fc.nat({ max: 12 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        expect(isValidCorporateNumber(n)).toBe(true);
        const corrupted = n.slice(0, pos) + ((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
        const swap09 = pos > 0 && Math.abs(Number(n[pos]) - Number(corrupted[pos])) === 9;
        expect(isValidCorporateNumber(corrupted)).toBe(swap09);
      }),
    );
  });

  it('finds numbers with 法人番号 context and the invoice T-prefix form; never invalid ones', () => {
    fc.assert(
      fc.property(valid, fc.constantFrom('法人番号', '登録番号 T', 'T'), (n, label) => {
        const found = find(`${label}${label.endsWith('T') ? '' : ': '}${n}`);
        expect(found).toHaveLength(1);
        expect(found[0]!.score).toBeGreaterThan(0.8);
        const bad = `${(Number(n[0]) + 1) % 10}${n.slice(1)}`;
        if (!isValidCorporateNumber(bad)) expect(find(`法人番号 ${bad}`)).toEqual([]);
      }),
    );
  });

  it('gives a bare valid 13-digit number a low score and none inside product codes', () => {
    expect(find('番号 7000012050002')[0]!.score).toBeLessThan(0.5);
    expect(find('商品コード 7000012050002')[0]!.score).toBeLessThan(0.1);
    expect(find('ABC7000012050002')).toEqual([]);
  });
});
