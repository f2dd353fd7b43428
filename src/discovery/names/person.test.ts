import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { resolveFindings } from '../scan.js';
import { SURNAMES } from './name-lists.js';
import { detectPersons, personCandidates, scoreFeatures } from './person.js';
import { type JaTokenizer, loadTokenizer } from './tokenizer.js';

// One dictionary load for the whole file (~0.6 s).
let tokenizer: JaTokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

const names = (text: string) => {
  const doc = normalizeText(text);
  return resolveFindings(doc, detectPersons(doc, tokenizer), { types: ['PERSON'] }).map((f) => f.text);
};

describe('loadTokenizer', () => {
  it('loads once and returns the same tokenizer', async () => {
    expect(await loadTokenizer()).toBe(tokenizer);
  });
});

describe('detectPersons', () => {
  it('finds Japanese names with honorifics and roles', () => {
    expect(names('山田太郎様へのご案内')).toEqual(['山田太郎']);
    expect(names('担当：鈴木さんまでご連絡ください')).toEqual(['鈴木']);
    expect(names('代表取締役 佐藤健一')).toEqual(['佐藤健一']);
    expect(names('田中先生の講義')).toEqual(['田中']);
  });

  it('joins family and given names across a half- or full-width space', () => {
    expect(names('氏名：高橋　美咲')).toEqual(['高橋　美咲']);
    expect(names('氏名: 高橋 美咲')).toEqual(['高橋 美咲']);
  });

  it('recovers rare names IPADIC splits into ordinary nouns', () => {
    expect(names('松友美佐紀は、日本のバドミントン選手。')).toEqual(['松友美佐紀']);
  });

  it('finds katakana names with ・ and English names', () => {
    expect(names('兄のロバート・ミッチャムが出演した')).toEqual(['ロバート・ミッチャム']);
    expect(names('Contact: Mr. John Smith')).toEqual(['Mr. John Smith']);
  });

  it('scores surnames inside company, cabinet and place names far below the same surname as a person', () => {
    const best = (text: string, word: string) => {
      const doc = normalizeText(text);
      return Math.max(
        0,
        ...detectPersons(doc, tokenizer)
          .filter((c) => doc.text.slice(c.start, c.end).includes(word))
          .map((c) => c.score),
      );
    };
    expect(best('吉田内閣の労働大臣', '吉田')).toBeLessThan(best('吉田さんの労働', '吉田') - 0.4);
    expect(best('松下電器の本社', '松下')).toBeLessThan(best('松下氏の本社', '松下') - 0.4);
    expect(best('ホテル・エデンに泊まった', 'エデン')).toBeLessThan(
      best('ロバート・ミッチャムに会った', 'ミッチャム') - 0.3,
    );
  });

  it('tells katakana people from teams, hotels and places by their parts', () => {
    const score = (text: string, word: string) => {
      const doc = normalizeText(text);
      const c = personCandidates(doc, tokenizer).find((x) => doc.text.slice(x.start, x.end) === word);
      return c?.score ?? 0;
    };
    // Same context, same shape (two unknown katakana parts); a foreign given name first, or a city first.
    expect(score('試合ではマイケル・ベンガルズが勝った', 'マイケル・ベンガルズ')).toBeGreaterThan(
      score('試合ではシンシナティ・ベンガルズが勝った', 'シンシナティ・ベンガルズ') + 0.3,
    );
    expect(score('昨年、ジョン・アイミアが来日した', 'ジョン・アイミア')).toBeGreaterThan(
      score('昨年、アイミア・ホテルが開業した', 'アイミア・ホテル') + 0.3,
    );
    // A foreign family-name ending (-son, -ski …) is evidence for an unknown katakana word.
    expect(score('昨年、ジャルコフスキーが来日した', 'ジャルコフスキー')).toBeGreaterThan(
      score('昨年、ジャルコフスメが来日した', 'ジャルコフスメ'),
    );
  });

  it('does not take dates and untitled capitalised pairs for names', () => {
    expect(names('2018年春に開業した')).toEqual([]);
    expect(names('Windows NTのソースコード')).toEqual([]);
    expect(names('Forza Horizon 3とほぼ同じ')).toEqual([]);
    expect(names('The report by Robert Vishny')).toEqual(['Robert Vishny']);
    expect(names('Dr. Quentin Zyx')).toEqual(['Dr. Quentin Zyx']);
  });

  it('finds names before titles, hiragana names before honorifics and Chinese names', () => {
    expect(names('太平洋艦隊司令長官ニミッツ提督は')).toEqual(['ニミッツ']);
    expect(names('いつもありがとう、ひろみさん。')).toEqual(['ひろみ']);
    expect(names('清朝政府代表の袁世凱は交渉した')).toContain('袁世凱');
  });

  it('does not take words that merely contain a name tag for names', () => {
    expect(names('マイナンバー 1234 5678 9018')).toEqual([]);
    expect(names('マイナンバーカードを提示')).toEqual([]);
    expect(names('ホテルのロビーで待つ')).toEqual([]);
  });

  it('scores with the fitted model: an honorific or role raises, a glued noun lowers', () => {
    const score = (text: string, word: string) => {
      const doc = normalizeText(text);
      const c = personCandidates(doc, tokenizer).find((x) => doc.text.slice(x.start, x.end) === word);
      return c?.score ?? 0;
    };
    expect(score('担当の佐藤', '佐藤')).toBeGreaterThan(score('佐藤', '佐藤'));
    expect(score('佐藤さんに', '佐藤')).toBeGreaterThan(score('佐藤に', '佐藤'));
    expect(score('佐藤工業に', '佐藤')).toBeLessThan(score('佐藤に', '佐藤'));
    for (const c of personCandidates(normalizeText('代表取締役 佐藤健一'), tokenizer))
      expect(c.score).toBeCloseTo(scoreFeatures(c.features), 10);
  });

  it('reads full names from kanji segments that IPADIC cut elsewhere, but not a surname before an ordinary word', () => {
    const kinds = (text: string, word: string) => {
      const doc = normalizeText(text);
      return personCandidates(doc, tokenizer)
        .filter((c) => doc.text.slice(c.start, c.end) === word)
        .flatMap((c) => [...c.features].filter((f) => f.startsWith('kind')));
    };
    // A place name then a given-name ending (函館|綾子 and 札幌|竜|樹 as places and nouns) is a candidate and passes.
    expect(kinds('昨年、函館綾子がデビューした', '函館綾子')).toContain('kindGivenEnd');
    expect(names('札幌竜樹が出場した')).toEqual(['札幌竜樹']);
    // Any listed surname before a company, cabinet, railway or bank word: the whole word is never a full-name candidate.
    const listed = [...SURNAMES].filter((s) => s.length === 2);
    fc.assert(
      fc.property(
        fc.constantFrom(...listed),
        fc.constantFrom('内閣', '鉄道', '電力', '製薬', '銀行', '病院'),
        (surname, word) => {
          const found = kinds(`これは${surname}${word}です`, surname + word);
          expect(found).not.toContain('kindSurname');
          expect(found).not.toContain('kindGivenEnd');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('weighs plural and person words around a name, and loanword endings against it', () => {
    const score = (text: string, word: string) => {
      const doc = normalizeText(text);
      const c = personCandidates(doc, tokenizer).find((x) => doc.text.slice(x.start, x.end) === word);
      return c?.score ?? 0;
    };
    expect(score('ジャルコフらが参加した', 'ジャルコフ')).toBeGreaterThan(
      score('ジャルコフで参加した', 'ジャルコフ'),
    );
    expect(score('投資家のジャルコフが来日', 'ジャルコフ')).toBeGreaterThan(
      score('ジャルコフが来日', 'ジャルコフ'),
    );
    expect(score('バルトロソフトが来日', 'バルトロソフト')).toBeLessThan(
      score('バルトロスキーが来日', 'バルトロスキー'),
    );
    expect(names('株式会社山田工業の請求書')).toEqual([]);
    expect(names('請求書の宛先は鈴木一郎')).toEqual(['鈴木一郎']);
  });

  it('takes a frequent surname IPADIC tags as a company for a candidate, weaker than with an honorific', () => {
    const score = (text: string, word: string) => {
      const doc = normalizeText(text);
      const c = personCandidates(doc, tokenizer).find((x) => doc.text.slice(x.start, x.end) === word);
      return c?.score ?? 0;
    };
    expect(score('本田の新車', '本田')).toBeGreaterThan(0);
    expect(score('本田さんの新車', '本田')).toBeGreaterThan(score('本田の新車', '本田'));
  });

  it('reads each repeated word once and gives the same findings as separate scans', () => {
    const line = '山田太郎様と鈴木さんが来社。';
    const doc = normalizeText(line.repeat(3));
    const all = resolveFindings(doc, detectPersons(doc, tokenizer), { types: ['PERSON'] });
    expect(names(line)).toEqual(['山田太郎', '鈴木']);
    expect(all.map((f) => f.text)).toEqual([0, 1, 2].flatMap(() => names(line)));
    expect(all.map((f) => f.start)).toEqual(
      [0, 1, 2].flatMap((k) => names(line).map((n) => k * line.length + line.indexOf(n))),
    );
  });

  it('maps offsets back through normalisation', () => {
    const text = 'ﾔﾏﾀﾞ様、佐藤花子様';
    const doc = normalizeText(text);
    const found = resolveFindings(doc, detectPersons(doc, tokenizer), { types: ['PERSON'] });
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(found.map((f) => f.text)).toContain('佐藤花子');
  });
});
