import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { cardIssuer, detectCreditCards, luhnValid } from './credit-card.js';

const luhnComplete = (body: string): string => {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
};
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const visa16 = digits(14).map((b) => luhnComplete(`4${b}`));
const jcb16 = fc
  .tuple(fc.integer({ min: 28, max: 89 }), digits(11))
  .map(([p, b]) => luhnComplete(`35${p}${b}`));
const find = (t: string) => detectCreditCards(normalizeText(t));

describe('Luhn and issuer ranges', () => {
  it('accepts a known test PAN and detects every single-digit error', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    fc.assert(
      fc.property(visa16, fc.nat({ max: 15 }), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
        expect(luhnValid(n)).toBe(true);
        const bad = n.slice(0, pos) + ((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
        expect(luhnValid(bad)).toBe(false);
      }),
    );
  });

  it('names the issuer from the IIN range and length', () => {
    expect(cardIssuer('4111111111111111')).toBe('Visa');
    expect(cardIssuer('5555555555554444')).toBe('Mastercard');
    expect(cardIssuer('2223003122003222')).toBe('Mastercard');
    expect(cardIssuer('378282246310005')).toBe('American Express');
    expect(cardIssuer('3530111333300000')).toBe('JCB');
    expect(cardIssuer('36227206271667')).toBe('Diners Club');
    expect(cardIssuer('6011111111111117')).toBe('Discover');
    expect(cardIssuer('1234567812345670')).toBeUndefined();
    expect(cardIssuer('411111111111111')).toBeUndefined(); // Visa is never 15 digits
  });
});

describe('detectCreditCards', () => {
  it('finds generated Visa and JCB numbers in printed groupings with context', () => {
    fc.assert(
      fc.property(fc.oneof(visa16, jcb16), fc.constantFrom('', ' ', '-'), (n, sep) => {
        const shown = n.match(/.{4}/g)!.join(sep);
        const found = find(`カード番号: ${shown}`);
        expect(found).toHaveLength(1);
        expect(found[0]!.score).toBeGreaterThan(0.9);
      }),
    );
  });

  it('finds Amex 4-6-5 and rejects inconsistent groupings, bad Luhn and unknown issuers', () => {
    expect(find('3782 822463 10005')).toHaveLength(1);
    expect(find('4111 1111-1111 1111')).toEqual([]);
    expect(find('4111 1111 1111 1112')).toEqual([]);
    expect(find('1234 5678 1234 5670')).toEqual([]);
  });

  it('scores order numbers low', () => {
    expect(find('注文番号 4111111111111111')[0]!.score).toBeLessThan(0.1);
  });
});
