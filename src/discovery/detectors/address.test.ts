import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.js';
import { detectAddresses } from './address.js';

const find = (text: string) => {
  const doc = normalizeText(text);
  return detectAddresses(doc).map((c) => {
    const [s, e] = doc.toOriginal(c.start, c.end);
    return { text: text.slice(s, e), score: c.score };
  });
};

describe('detectAddresses', () => {
  it('finds full addresses from prefecture to block number and building', () => {
    const cases = [
      '東京都千代田区丸の内1丁目2番3号 丸の内ビル5階',
      '東京都千代田区丸の内１－２－３',
      '大阪府大阪市北区梅田一丁目1番地',
      '北海道札幌市中央区北1条西2丁目',
      '神奈川県横浜市西区みなとみらい2-3-1',
      '埼玉県さいたま市浦和区高砂3-15-1',
      '京都府京都市左京区吉田本町36番地',
      '長野県北佐久郡軽井沢町大字軽井沢1323',
      '沖縄県那覇市泉崎1-2-2 グランドハイツ101号室',
    ];
    for (const a of cases) {
      const found = find(`住所：${a}。`);
      expect(
        found.map((f) => f.text),
        a,
      ).toEqual([a]);
      expect(found[0]!.score).toBeGreaterThan(0.9);
    }
  });

  it('finds municipality + block numbers without a prefecture', () => {
    expect(find('横浜市中区山下町1-2-3に住む').map((f) => f.text)).toEqual(['横浜市中区山下町1-2-3']);
  });

  it('gives a place name without a block number a low score', () => {
    const [f] = find('東京都千代田区に本社を置く');
    expect(f!.score).toBeLessThan(0.5);
    expect(find('都市計画と地区の区別')).toEqual([]);
  });

  it('finds romanised addresses', () => {
    expect(find('Address: 1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005').map((f) => f.text)).toEqual([
      '1-2-3 Marunouchi, Chiyoda-ku, Tokyo',
    ]);
    expect(find('4-5-6 Umeda, Kita-ku, Osaka-shi, Osaka').map((f) => f.text)).toEqual([
      '4-5-6 Umeda, Kita-ku, Osaka-shi, Osaka',
    ]);
  });
});
