import fc from 'fast-check';
import type { IpadicFeatures } from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TokenizerInternals } from './fast-dictionary.js';
import { type JaTokenizer, loadTokenizer, withLibraryCode } from './tokenizer.js';

let tokenizer: JaTokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

/** Tokens with Mamori's tokenizer, then with kuromoji's own code on the same instance. */
function both(text: string) {
  return {
    fast: tokenizer.tokenize(text),
    library: withLibraryCode(tokenizer, () => tokenizer.tokenize(text)),
  };
}

// Every character class of the IPADIC char.def (kanji, kanji numerals, hiragana, katakana and half-width
// katakana, Latin, digits, Greek, Cyrillic, spaces, symbols), the sentence breaks 、 and 。, astral characters
// (surrogate pairs, which the library groups as DEFAULT) and a lone low surrogate.
const ALPHABET = [
  ...'あいうかきさしたなのはをんアイウカキサシタナノハンーヴ・山田川本中村東京都市区佐藤一二三十様氏',
  ...'aAzZ09０９ＡＺ 　\t、。，．-.@!?（）「」ｱｲｳﾞﾟαβΩЖжё€々〆ヶ',
  '𠮷',
  '😀',
  '𩸽',
  '\udc00',
];

describe('installFastTokenize', () => {
  it('is installed on the loaded tokenizer', () => {
    expect(Object.hasOwn(tokenizer, 'tokenize')).toBe(true);
    expect(Object.hasOwn(tokenizer, 'tokenizeForSentence')).toBe(true);
  });

  it('gives the same tokens, every field, as the library on Japanese text', () => {
    for (const text of [
      '代表取締役 佐藤健一は、2019年に東京都港区で株式会社ミライ・システムズを設立した。',
      'ロバート・ミッチャムとマイナンバーカードのABC-123、ｶﾀｶﾅ半角と全角ＡＢＣ１２３。',
      '𠮷野家の𩸽定食を食べた😀😀 すもももももももものうち',
      'ボルチモア・レイブンズはアメリカンフットボールのチームである',
      '山田太郎様、お問い合わせありがとうございます。担当の鈴木花子がご連絡いたします。',
      '、。、。',
      'a',
      '',
    ]) {
      const { fast, library } = both(text);
      expect(fast).toStrictEqual(library);
    }
  });

  it('carries positions from a token list passed to tokenizeForSentence, as the library does', () => {
    // Not in the library's typed API, though public in its source.
    const forSentence = (sentence: string, tokens?: IpadicFeatures[]): IpadicFeatures[] =>
      (tokenizer as unknown as TokenizerInternals).tokenizeForSentence(sentence, tokens);
    const first = tokenizer.tokenize('東京都に住む。');
    const fast = forSentence('佐藤さんです', [...first]);
    const library = withLibraryCode(tokenizer, () => forSentence('佐藤さんです', [...first]));
    expect(fast).toStrictEqual(library);
    expect(forSentence('')).toStrictEqual([]);
  });

  it('agrees with the library on random strings of every character class', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (chars) => {
        const { fast, library } = both(chars.join(''));
        expect(fast).toStrictEqual(library);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the library on random sentences of real words', () => {
    const words = [
      ...['佐藤', '健一', '山田', '花子', 'ロバート', 'ミッチャム', '東京都', '港区', '株式会社', 'ミライ'],
      ...[
        'は',
        'が',
        'を',
        'に',
        'で',
        'の',
        'と',
        'さん',
        '様',
        '氏',
        '先生',
        'した',
        'です',
        'ます',
        'ない',
      ],
      ...[
        '設立',
        '担当',
        '連絡',
        '問い合わせ',
        '2019年',
        '３月',
        'ABC-123',
        'メール',
        '電話',
        '・',
        '、',
        '。',
      ],
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 30 }), (parts) => {
        const { fast, library } = both(parts.join(''));
        expect(fast).toStrictEqual(library);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the library on long sentences, and on short ones after them', () => {
    // Thousands of lattice nodes: the scratch arrays grow while a sentence is built, and shrink back after.
    const words = [
      '佐藤',
      '健一',
      'さん',
      'は',
      '東京都',
      '港区',
      'の',
      'ミライ',
      'システムズ',
      'を',
      '設立',
      'ABC',
      '😀',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 300, maxLength: 30_000 }), (parts) => {
        for (const text of [parts.join(''), '山田花子です']) {
          const { fast, library } = both(text);
          expect(fast).toStrictEqual(library);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('agrees with the library on arbitrary well-formed Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        fc.pre(!text.includes('\0')); // the library fails on NUL (below)
        const { fast, library } = both(text);
        expect(fast).toStrictEqual(library);
      }),
      { numRuns: 500 },
    );
  });

  it('tokenises NUL, on which the library fails, as an unknown word', () => {
    expect(() => withLibraryCode(tokenizer, () => tokenizer.tokenize('a\0b'))).toThrow();
    expect(tokenizer.tokenize('佐藤\0さん').map((t) => t.surface_form)).toContain('\0');
  });

  it('tokenises text with a lone high surrogate as the library tokenizer with Mamori’s lattice builder', () => {
    // The library's own trie search fails on a malformed pair anywhere after its position (it throws); the
    // lattice builder of fast-lattice.ts stops the walk there instead, and so does this tokenizer.
    expect(() => withLibraryCode(tokenizer, () => tokenizer.tokenize('山田\ud800さん'))).toThrow();
    const withFastLattice = (text: string): IpadicFeatures[] =>
      withLibraryCode(tokenizer, () => tokenizer.tokenize(text), ['tokenizer']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET, '\ud800', '\udbff'), { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        expect(tokenizer.tokenize(text)).toStrictEqual(withFastLattice(text));
      }),
      { numRuns: 1000 },
    );
  });
});
