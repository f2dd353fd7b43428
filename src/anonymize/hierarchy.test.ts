import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeTable } from './encode.js';
import {
  addressHierarchy,
  ageHierarchy,
  dateHierarchy,
  intervalHierarchy,
  mapHierarchy,
  municipalityOf,
  parseBuiltinSpec,
  postalCodeHierarchy,
  prefectureHierarchy,
} from './hierarchy.japan.js';
import { hierarchyFromRows, parseHierarchyCsv } from './hierarchy.js';
import { findPrefecture, PREFECTURES, REGIONS } from './prefectures.js';
import { parseTable } from './table.js';

describe('ARX hierarchy files', () => {
  it('reads value; levels …; * rows with any delimiter', () => {
    const h = parseHierarchyCsv(
      'Bachelors;Undergraduate;Higher education;*\r\n11th;High School;Secondary education;*\r\n',
      'edu',
    );
    expect(h.height).toBe(4);
    expect(h.generalize('11th')).toEqual(['11th', 'High School', 'Secondary education', '*']);
    expect(h.generalize('PhD')).toBeUndefined();
    expect(parseHierarchyCsv('a,x,*\nb,x,*\n', 'c').generalize('b')).toEqual(['b', 'x', '*']);
  });

  it('rejects ragged and contradictory files', () => {
    expect(() => parseHierarchyCsv('a;x;*\nb;*\n', 'h.csv')).toThrow('row 2 has 2 fields but row 1 has 3');
    expect(() =>
      hierarchyFromRows(
        [
          ['a', 'x', '*'],
          ['a', 'y', '*'],
        ],
        'h.csv',
      ),
    ).toThrow('row 2 twice');
  });

  it('refuses a hierarchy that is not a tree on the data', () => {
    const h = hierarchyFromRows(
      [
        ['a', 'x', '1'],
        ['b', 'x', '2'],
      ],
      'bad.csv',
    );
    const { table } = parseTable('q\na\nb\n');
    expect(() => encodeTable(table, ['q'], new Map([['q', h]]))).toThrow('is not a tree');
  });
});

describe('built-in Japanese hierarchies', () => {
  it('age → 5-year band → 年代 → *', () => {
    const h = ageHierarchy();
    expect(h.generalize('37')).toEqual(['37', '35-39歳', '30代', '*']);
    expect(h.generalize('７歳')).toEqual(['７歳', '5-9歳', '10歳未満', '*']);
    expect(h.generalize('104')).toEqual(['104', '100-104歳', '100歳以上', '*']);
    expect(h.generalize('abc')).toBeUndefined();
    expect(h.levelLabels?.[2]?.ja).toBe('年代');
  });

  it('keeps every built-in a tree (band determines decade)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), (a, b) => {
        const h = ageHierarchy();
        const x = h.generalize(String(a))!;
        const y = h.generalize(String(b))!;
        if (x[1] === y[1]) expect(x[2]).toBe(y[2]);
      }),
    );
  });

  it('date → year-month → year → *', () => {
    const h = dateHierarchy();
    expect(h.generalize('2024-03-15')).toEqual(['2024-03-15', '2024-03', '2024', '*']);
    expect(h.generalize('2024/3/5 10:00')).toEqual(['2024/3/5 10:00', '2024-03', '2024', '*']);
    expect(h.generalize('2024年3月5日')).toEqual(['2024年3月5日', '2024-03', '2024', '*']);
    expect(h.generalize('2024-13-01')).toBeUndefined();
  });

  it('address → municipality → prefecture → region → *', () => {
    const h = addressHierarchy();
    expect(h.generalize('東京都豊島区北大塚2丁目15番地9号')).toEqual([
      '東京都豊島区北大塚2丁目15番地9号',
      '東京都豊島区',
      '東京都',
      '関東地方',
      '*',
    ]);
    expect(h.generalize('神奈川県横浜市中区山下町1')?.[1]).toBe('神奈川県横浜市');
    expect(h.generalize('京都府京都市左京区')?.slice(2, 4)).toEqual(['京都府', '近畿地方']);
    expect(h.generalize('沖縄県那覇市泉崎1-2-2')?.[3]).toBe('九州地方');
    expect(h.generalize('豊島区北大塚')).toBeUndefined();
  });

  it('cuts awkward municipality names right', () => {
    expect(municipalityOf('四日市市諏訪町1-5')).toBe('四日市市');
    expect(municipalityOf('十日町市本町')).toBe('十日町市');
    expect(municipalityOf('余市郡余市町黒川町')).toBe('余市郡余市町');
    expect(municipalityOf('虻田郡倶知安町北1条')).toBe('虻田郡倶知安町');
    expect(municipalityOf('岡崎市郡界町1')).toBe('岡崎市');
    expect(municipalityOf('市川市八幡1')).toBe('市川市');
    expect(municipalityOf('大和郡山市北郡山町')).toBe('大和郡山市');
  });

  it('prefecture → region → *, 47 prefectures in 8 regions', () => {
    expect(PREFECTURES).toHaveLength(47);
    expect(new Set(PREFECTURES.map((p) => p.region)).size).toBe(Object.keys(REGIONS).length);
    expect(Object.keys(REGIONS)).toHaveLength(8);
    expect(PREFECTURES.map((p) => Number(p.code))).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    const h = prefectureHierarchy();
    expect(h.generalize('大阪府')).toEqual(['大阪府', '近畿地方', '*']);
    expect(h.generalize('大阪')?.[1]).toBe('近畿地方');
    expect(h.generalize('13')?.[1]).toBe('関東地方');
    expect(findPrefecture('hokkaido')?.ja).toBe('北海道');
    expect(h.generalize('アトランティス')).toBeUndefined();
  });

  it('postal code → 3 digits → *', () => {
    const h = postalCodeHierarchy();
    expect(h.generalize('〒170-0004')).toEqual(['〒170-0004', '170', '*']);
    expect(h.generalize('1700004')?.[1]).toBe('170');
    expect(h.generalize('１７０－０００４')?.[1]).toBe('170');
    expect(h.generalize('17000')).toBeUndefined();
  });

  it('maps and intervals', () => {
    const m = mapHierarchy(new Map([['看護師', '医療・福祉']]), 'occupations.csv', {
      ja: '職種',
      en: 'occupation',
    });
    expect(m.generalize('看護師')).toEqual(['看護師', '医療・福祉', '*']);
    expect(m.generalize('宇宙飛行士')).toBeUndefined();
    const iv = intervalHierarchy([10, 50]);
    expect(iv.generalize('37')).toEqual(['37', '30-39', '0-49', '*']);
    expect(iv.generalize('2.5')).toEqual(['2.5', '[0,10)', '[0,50)', '*']);
    expect(() => intervalHierarchy([10, 15])).toThrow('multiple of the previous');
  });

  it('parses --builtin kinds', () => {
    expect(parseBuiltinSpec('interval:5,10')).toEqual({ kind: 'interval', arg: '5,10' });
    expect(parseBuiltinSpec('age')).toEqual({ kind: 'age', arg: undefined });
    expect(() => parseBuiltinSpec('zodiac')).toThrow('Unknown built-in hierarchy "zodiac"');
    expect(() => parseBuiltinSpec('map')).toThrow('needs an argument');
  });
});
