import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectPhones } from './phone.js';

const texts = (text: string) => {
  const doc = normalizeText(text);
  return detectPhones(doc).map((c) => {
    const [s, e] = doc.toOriginal(c.start, c.end);
    return text.slice(s, e);
  });
};

describe('detectPhones', () => {
  it('finds the Japanese number plan forms', () => {
    const numbers = [
      '03-1234-5678', // Tokyo fixed, 1-digit area code
      '06-6123-4567', // Osaka
      '011-211-3456', // Sapporo, 2-digit area code
      '0466-12-3456', // Fujisawa, 3-digit area code
      '01267-2-3456', // 4-digit area code
      '090-1234-5678',
      '080-1234-5678',
      '070-1234-5678',
      '050-1234-5678', // IP phone
      '0120-123-456', // toll-free
      '0800-123-4567', // toll-free
      '(03)1234-5678',
      '03(1234)5678',
      '09012345678',
      '090 1234 5678',
      '+81-3-1234-5678',
      '+81 90 1234 5678',
      '+81(0)3-1234-5678',
      '０９０－１２３４－５６７８',
      '090ー1234ー5678',
    ];
    for (const n of numbers) expect(texts(`連絡先: ${n} まで`), n).toEqual([n]);
  });

  it('finds several numbers in a row, including an international one', () => {
    expect(texts('TEL 03-1234-5678 / FAX 03-1234-5679 / US +1 415-555-2671')).toEqual([
      '03-1234-5678',
      '03-1234-5679',
      '+1 415-555-2671',
    ]);
    expect(texts('携帯 090 1234 5678 2020年入手')).toEqual(['090 1234 5678']);
  });

  it('rejects numbers outside the number plan and look-alikes', () => {
    for (const t of [
      '03-1234-567',
      '099-1234-5678',
      '123-4567',
      '192.168.100.200',
      '1.2.3.4',
      'v10.0.123.45',
      '2024-01-15',
    ])
      expect(texts(`値 ${t}`), t).toEqual([]);
  });

  it('scores labelled numbers high, bare digits middling and order numbers low', () => {
    const score = (t: string) => detectPhones(normalizeText(t))[0]!.score;
    expect(score('電話番号 0312345678')).toBeGreaterThan(0.9);
    expect(score('0312345678')).toBeLessThan(score('03-1234-5678'));
    expect(score('注文番号 0312345678')).toBeLessThan(0.2);
  });
});
