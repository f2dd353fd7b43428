import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { resolveFindings } from '../scan.js';
import { detectPersons } from './person.js';
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

  it('maps offsets back through normalisation', () => {
    const text = 'ﾔﾏﾀﾞ様、佐藤花子様';
    const doc = normalizeText(text);
    const found = resolveFindings(doc, detectPersons(doc, tokenizer), { types: ['PERSON'] });
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(found.map((f) => f.text)).toContain('佐藤花子');
  });
});
