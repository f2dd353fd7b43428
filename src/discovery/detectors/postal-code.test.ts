import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectPostalCodes } from './postal-code.js';

const find = (text: string) =>
  detectPostalCodes(normalizeText(text)).map((c) => [text.slice(c.start, c.end), c.score] as const);

describe('detectPostalCodes', () => {
  it('scores the 〒 mark, a label, or a following prefecture high', () => {
    expect(find('〒100-0005')[0]![1]).toBeGreaterThan(0.9);
    expect(find('〒 1000005')[0]![1]).toBeGreaterThan(0.9);
    expect(find('郵便番号 1000005')[0]![1]).toBeGreaterThan(0.9);
    expect(find('100-0005 東京都千代田区')[0]![1]).toBeGreaterThan(0.85);
    expect(find('Chiyoda-ku, Tokyo 100-0005')[0]![1]).toBeGreaterThan(0.85);
  });

  it('maps full-width digits back to the original span', () => {
    const text = '〒１００－０００５';
    const doc = normalizeText(text);
    const [c] = detectPostalCodes(doc);
    const [s, e] = doc.toOriginal(c!.start, c!.end);
    expect(text.slice(s, e)).toBe(text);
  });

  it('keeps bare or product-coded shapes below a threshold and ignores parts of longer numbers', () => {
    expect(find('値 123-4567')[0]![1]).toBeLessThan(0.6);
    expect(find('値 1234567')[0]![1]).toBeLessThan(0.1);
    expect(find('品番 123-4567')[0]![1]).toBeLessThan(0.1);
    expect(find('03-1234-5678')).toEqual([]);
    expect(find('123-45678')).toEqual([]);
  });
});
