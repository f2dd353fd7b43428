import { describe, expect, it } from 'vitest';
import { nearestLabel, scoreWithContext } from './context.js';

const W = { base: 0.4, own: 0.9, other: 0.2, negative: 0.05 };
const at = (text: string, value: string) => {
  const start = text.indexOf(value);
  return [start, start + value.length] as const;
};

describe('nearestLabel', () => {
  it('finds the label before a value, the nearest one winning', () => {
    const text = '注文番号 A-1、マイナンバー 123456789012';
    const [s, e] = at(text, '123456789012');
    expect(nearestLabel(text, s, e)).toMatchObject({ word: 'マイナンバー', target: 'MY_NUMBER' });
  });

  it('prefers the longer label ending at the same place (被保険者番号 over 保険者番号, 普通預金 over 普通)', () => {
    const text = '被保険者番号 12345678';
    const [s, e] = at(text, '12345678');
    expect(nearestLabel(text, s, e)?.word).toBe('被保険者番号');
  });

  it('reads a label after the value when none precedes it', () => {
    const text = '1980年1月2日生まれ';
    const [s, e] = at(text, '1980年1月2日');
    expect(nearestLabel(text, s, e)?.target).toBe('DATE_OF_BIRTH');
  });

  it('does not look past a line break or beyond its window', () => {
    const text = 'マイナンバー\n123456789012';
    const [s, e] = at(text, '123456789012');
    expect(nearestLabel(text, s, e)).toBeUndefined();
    const far = `マイナンバー${'あ'.repeat(30)}123456789012`;
    const [s2, e2] = at(far, '123456789012');
    expect(nearestLabel(far, s2, e2)).toBeUndefined();
  });

  it('matches English labels as whole words only', () => {
    const text = 'hotel 0312345678';
    const [s, e] = at(text, '0312345678');
    expect(nearestLabel(text, s, e)).toBeUndefined();
    const text2 = 'Tel: 0312345678';
    const [s2, e2] = at(text2, '0312345678');
    expect(nearestLabel(text2, s2, e2)?.target).toBe('PHONE');
  });
});

describe('scoreWithContext', () => {
  it('uses own, other, negative and base weights', () => {
    const cases: Array<[string, number]> = [
      ['個人番号: X', W.own],
      ['免許証番号: X', W.other],
      ['商品コード: X', W.negative],
      ['値: X', W.base],
    ];
    for (const [text, expected] of cases) {
      const s = text.indexOf('X');
      expect(scoreWithContext('MY_NUMBER', text, s, s + 1, W).score).toBe(expected);
    }
  });
});
