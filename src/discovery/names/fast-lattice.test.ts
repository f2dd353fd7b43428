import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type JaTokenizer, loadTokenizer, withLibraryCode } from './tokenizer.js';

let tokenizer: JaTokenizer;
let builder: { build: unknown };
beforeAll(async () => {
  tokenizer = await loadTokenizer();
  builder = (tokenizer as unknown as { viterbi_builder: { build: unknown } }).viterbi_builder;
});

/**
 * Tokens from the library's Tokenizer.tokenize with Mamori's builder, then with the library's own (the
 * prototype's) on the same instance; the whole-tokenizer replacement (fast-viterbi.ts) is off for both.
 */
function both(text: string) {
  const tokenize = () => tokenizer.tokenize(text);
  return {
    fast: withLibraryCode(tokenizer, tokenize, ['tokenizer']),
    library: withLibraryCode(tokenizer, tokenize, ['tokenizer', 'lattice']),
  };
}

describe('installFastBuild', () => {
  it('is installed on the loaded tokenizer', () => {
    expect(Object.hasOwn(builder, 'build')).toBe(true);
  });

  it('gives the same tokens as the library on Japanese sentences', () => {
    for (const text of [
      '代表取締役 佐藤健一は、2019年に東京都港区で株式会社ミライ・システムズを設立した。',
      'ロバート・ミッチャムとマイナンバーカードのABC-123、ｶﾀｶﾅ半角と全角ＡＢＣ１２３。',
      '𠮷野家の𩸽定食を食べた😀 すもももももももものうち',
      'ボルチモア・レイブンズはアメリカンフットボールのチームである',
      '',
    ]) {
      const { fast, library } = both(text);
      expect(fast).toStrictEqual(library);
    }
  });

  it('agrees with the library on random strings of every character class, surrogate pairs included', () => {
    const alphabet = [
      ...'あいうかきさしたなのはをんアイウカキサシタナノハンーヴ・山田川本中村東京都市区一二三様氏aAzZ09０９ＡＺ 　、。-.@𠮷😀ｱｲｳﾞ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (chars) => {
        const { fast, library } = both(chars.join(''));
        expect(fast).toStrictEqual(library);
      }),
      { numRuns: 1000 },
    );
  });
});
