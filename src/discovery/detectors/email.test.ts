import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectEmails } from './email.js';

const texts = (t: string) => {
  const doc = normalizeText(t);
  return detectEmails(doc).map((c) => {
    const [s, e] = doc.toOriginal(c.start, c.end);
    return t.slice(s, e);
  });
};

describe('detectEmails', () => {
  it('finds dot-atom addresses, including full-width input and Japanese around them', () => {
    expect(texts('連絡はtaro.yamada+news@example.co.jpまで')).toEqual(['taro.yamada+news@example.co.jp']);
    expect(texts('ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toEqual(['ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ']);
    expect(texts('a@b.io, c_d@sub.example.com.')).toEqual(['a@b.io', 'c_d@sub.example.com']);
  });

  it('rejects addresses without a real domain', () => {
    for (const t of [
      'user@localhost',
      'user@@example.com',
      '@example.com',
      'user@.com',
      'user@example.c',
      'a@b.1com',
    ])
      expect(texts(t), t).toEqual([]);
  });
});
