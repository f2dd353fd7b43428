import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AFTER_WINDOW,
  BEFORE_WINDOW,
  LABEL_TARGET,
  type Label,
  nearestLabel,
  scoreWithContext,
} from './context.js';

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

/**
 * The definition nearestLabel implements with a trie: one case-insensitive alternation of every label (longest
 * first, English labels as whole words) run over the slice of each window.
 */
function referenceNearestLabel(text: string, start: number, end: number): Label | undefined {
  const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(
    [...LABEL_TARGET.keys()]
      .sort((a, b) => b.length - a.length)
      .map(
        (w) =>
          (/^[a-z]/.test(w) ? '(?<![a-z])' : '') + escapeRegExp(w) + (/[a-z]$/.test(w) ? '(?![a-z])' : ''),
      )
      .join('|'),
    'gi',
  );
  let before = text.slice(Math.max(0, start - BEFORE_WINDOW), start);
  before = before.slice(before.lastIndexOf('\n') + 1);
  let best: Label | undefined;
  for (const m of before.matchAll(re)) {
    const word = m[0].toLowerCase();
    const distance = before.length - (m.index + m[0].length);
    if (best === undefined || distance <= best.distance)
      best = { word, target: LABEL_TARGET.get(word)!, distance };
  }
  if (best !== undefined) return best;
  let after = text.slice(end, end + AFTER_WINDOW);
  if (after.includes('\n')) after = after.slice(0, after.indexOf('\n'));
  re.lastIndex = 0;
  const m = re.exec(after);
  if (m === null) return undefined;
  const word = m[0].toLowerCase();
  return { word, target: LABEL_TARGET.get(word)!, distance: m.index };
}

describe('nearestLabel against its definition', () => {
  it('finds the same label as the alternation regex on the window, for any text and value position', () => {
    const pieces = fc.constantFrom(
      '被保険者番号',
      '保険者番号',
      '普通預金',
      '普通',
      'お問い合わせ番号',
      '個人番号',
      'マイナンバー',
      'TEL',
      'tel',
      'Hotel',
      'IP:',
      'ip address',
      'Ver.',
      'lot',
      'pilot',
      "Driver's License",
      'card no',
      '生まれ',
      '円',
      '\n',
      ' ',
      ':',
      '1234',
      'a',
      'Z',
      '番号',
      '保',
      '険',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 16 }), fc.nat(), fc.nat(8), (parts, at, len) => {
        const text = parts.join('');
        const start = at % (text.length + 1);
        const end = Math.min(text.length, start + len);
        expect(nearestLabel(text, start, end)).toEqual(referenceNearestLabel(text, start, end));
      }),
      { numRuns: 2000 },
    );
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
