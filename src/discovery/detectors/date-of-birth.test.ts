import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectDatesOfBirth } from './date-of-birth.js';

const find = (t: string) => {
  const doc = normalizeText(t);
  return detectDatesOfBirth(doc).map((c) => {
    const [s, e] = doc.toOriginal(c.start, c.end);
    return [t.slice(s, e), c.score] as const;
  });
};

describe('detectDatesOfBirth', () => {
  it('scores dates next to birth context high, in every calendar and notation', () => {
    const cases: Array<[string, string]> = [
      ['生年月日：1980年4月1日', '1980年4月1日'],
      ['生年月日 1980/04/01', '1980/04/01'],
      ['誕生日は1999-12-31です', '1999-12-31'],
      ['昭和55年4月1日生まれ', '昭和55年4月1日'],
      ['平成元年1月8日生', '平成元年1月8日'],
      ['生年月日 S55.4.1', 'S55.4.1'],
      ['DOB: April 1, 1980', 'April 1, 1980'],
      ['born 1 Apr 1980', '1 Apr 1980'],
      ['生年月日：１９８０年４月１日', '１９８０年４月１日'],
    ];
    for (const [text, date] of cases) {
      const found = find(text);
      expect(
        found.map((f) => f[0]),
        text,
      ).toEqual([date]);
      expect(found[0]![1], text).toBeGreaterThan(0.9);
    }
  });

  it('keeps other dates low and rejects impossible ones', () => {
    expect(find('契約日 2020年4月1日')[0]![1]).toBeLessThan(0.1);
    expect(find('2020年4月1日に開催')[0]![1]).toBeLessThan(0.5);
    expect(find('生年月日 1990年2月30日')).toEqual([]);
    expect(find('生年月日 1990/13/01')).toEqual([]);
    expect(find('生年月日 平成32年1月1日')).toEqual([]);
    expect(find('生年月日 2000年2月29日')).toHaveLength(1);
    expect(find('生年月日 1900年2月29日')).toEqual([]);
  });

  it('does not take 生活 or 生産 for 生', () => {
    expect(find('2020年4月1日生活開始')[0]![1]).toBeLessThan(0.5);
  });
});
