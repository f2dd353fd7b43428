import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { mayBeValidJapaneseNumber } from './phone-precheck.js';

describe('mayBeValidJapaneseNumber', () => {
  it('never rejects a number libphonenumber-js calls valid', () => {
    const digit = fc.constantFrom(...'0123456789');
    const sep = fc.constantFrom('', '', '', '-', ' ', '.', '(', ')');
    const run = fc
      .tuple(
        fc.constantFrom('0', '0', '00', '010', '81', '+81', '1', '5'),
        fc.array(fc.tuple(digit, sep), { minLength: 6, maxLength: 16 }),
      )
      .map(([head, rest]) => head + rest.map(([d, s]) => d + s).join(''));
    fc.assert(
      fc.property(run, (text) => {
        if (!mayBeValidJapaneseNumber(text))
          expect(parsePhoneNumberFromString(text, 'JP')?.isValid()).not.toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('rejects digit runs no Japanese number has, and lets the library judge the rest', () => {
    for (const text of ['0123 4567 8901', '012345678901', '0123456789012'])
      expect(mayBeValidJapaneseNumber(text)).toBe(false);
    for (const text of [
      '03-1234-5678',
      '090-1234-5678',
      '0120-123-456',
      '+81-90-1234-5678',
      '010-1-212-555-0100',
    ])
      expect(mayBeValidJapaneseNumber(text)).toBe(true);
  });
});
