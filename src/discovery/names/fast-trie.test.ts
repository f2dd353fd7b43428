import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DoubleArrayTrie, fastCommonPrefixSearch } from './fast-trie.js';
import { type JaTokenizer, loadTokenizer, withLibraryCode } from './tokenizer.js';

let tokenizer: JaTokenizer;
let trie: DoubleArrayTrie;
let librarySearch: (key: string) => { k: string; v?: number }[];
beforeAll(async () => {
  tokenizer = await loadTokenizer();
  trie = (tokenizer as unknown as { viterbi_builder: { trie: DoubleArrayTrie } }).viterbi_builder.trie;
  // The instance carries the fast search; the library's own one is still on the prototype.
  librarySearch = (key) =>
    (Object.getPrototypeOf(trie) as DoubleArrayTrie).commonPrefixSearch.call(trie, key);
});

const plain = (rs: { k: string; v?: number }[]) => rs.map((r) => ({ k: r.k, v: r.v }));

describe('fastCommonPrefixSearch', () => {
  it('is installed on the loaded tokenizer', () => {
    expect(Object.hasOwn(trie, 'commonPrefixSearch')).toBe(true);
  });

  it('finds the same dictionary prefixes as the library on Japanese text', () => {
    for (const text of [
      '東京都千代田区丸の内一丁目',
      '山田太郎様',
      'ロバート・ミッチャム',
      'マイナンバーカード',
      'すもももももももものうち',
      '𠮷野家で食べた',
      'abc123',
      '',
    ])
      for (let i = 0; i <= text.length; i++)
        expect(plain(fastCommonPrefixSearch(trie, text.slice(i)))).toEqual(
          plain(librarySearch(text.slice(i))),
        );
  });

  it('agrees with the library on random strings of kana, kanji, Latin, digits and astral characters', () => {
    const alphabet = [
      ...'あいうえおかきくけこさしすせそたちつてとなにぬねのんアイウエオカキクケコサシスセソタチツテトンー・山田川本中村藤佐木林森東京都市区町丁目一二三様さん氏aAbB09 　、。𠮷😀',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }), (chars) => {
        const key = chars.join('');
        expect(plain(fastCommonPrefixSearch(trie, key))).toEqual(plain(librarySearch(key)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives kuromoji the same tokens as the library as shipped', () => {
    const text = '代表取締役 佐藤健一は、2019年に東京都港区で株式会社ミライ・システムズを設立した。';
    const tokenize = () => tokenizer.tokenize(text);
    // The library's tokenizer with the fast search and builder, against the library as shipped.
    expect(withLibraryCode(tokenizer, tokenize, ['tokenizer'])).toStrictEqual(
      withLibraryCode(tokenizer, tokenize),
    );
  });
});
