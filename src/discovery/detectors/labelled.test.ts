import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectBankAccounts } from './bank-account.js';
import { detectDriverLicenses } from './driver-license.js';
import { detectHealthInsurance } from './health-insurance.js';
import { detectPassports } from './passport.js';

const run = (detect: typeof detectBankAccounts, t: string) =>
  detect(normalizeText(t)).map((c) => [t.slice(c.start, c.end), c.score] as const);

describe('context-only number detectors', () => {
  it('bank accounts: 7 digits after 口座番号 / 普通 / 当座, ゆうちょ 記号-番号; nothing without a label', () => {
    expect(run(detectBankAccounts, '三菱UFJ銀行 渋谷支店 普通 1234567').map((f) => f[0])).toEqual([
      '1234567',
    ]);
    expect(run(detectBankAccounts, '口座番号：0012345').map((f) => f[0])).toEqual(['0012345']);
    expect(run(detectBankAccounts, 'ゆうちょ 記号番号 12345-12345678').map((f) => f[0])).toEqual([
      '12345-12345678',
    ]);
    expect(run(detectBankAccounts, '会員番号 1234567')).toEqual([]);
    expect(run(detectBankAccounts, '1234567')).toEqual([]);
  });

  it("driver's licences: 12 digits after 免許証番号, also 第…号", () => {
    expect(run(detectDriverLicenses, '運転免許証番号 第123456789012号').map((f) => f[0])).toEqual([
      '123456789012',
    ]);
    expect(run(detectDriverLicenses, '免許証: 1234 5678 9012').map((f) => f[0])).toEqual(['1234 5678 9012']);
    expect(run(detectDriverLicenses, 'マイナンバー 123456789012')).toEqual([]);
  });

  it('health insurance: insurer and insured numbers after their labels', () => {
    expect(run(detectHealthInsurance, '保険者番号 06130012').map((f) => f[0])).toEqual(['06130012']);
    expect(run(detectHealthInsurance, '国民健康保険 保険者番号：138057').map((f) => f[0])).toEqual([
      '138057',
    ]);
    expect(run(detectHealthInsurance, '被保険者番号 12345678').map((f) => f[0])).toEqual(['12345678']);
    expect(run(detectHealthInsurance, '口座番号 1234567')).toEqual([]);
  });

  it('passports: 2 letters + 7 digits, high only next to 旅券 / passport', () => {
    expect(run(detectPassports, '旅券番号 TK1234567')[0]![1]).toBeGreaterThan(0.9);
    expect(run(detectPassports, 'Passport No. MZ7654321')[0]![1]).toBeGreaterThan(0.9);
    expect(run(detectPassports, '型番 AB1234567')[0]![1]).toBeLessThan(0.1);
    expect(run(detectPassports, 'AB1234567')[0]![1]).toBeLessThan(0.5);
    expect(run(detectPassports, 'XAB1234567')).toEqual([]);
    expect(run(detectPassports, 'AB12345678')).toEqual([]);
  });
});
