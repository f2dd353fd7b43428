/**
 * The 47 prefectures (都道府県) with their JIS X 0401 codes, in code order, and the customary eight
 * regions (八地方区分) they belong to; Okinawa is counted in 九州地方 in that division.
 */
export interface Region {
  readonly ja: string;
  readonly en: string;
}

export const REGIONS = {
  hokkaido: { ja: '北海道地方', en: 'Hokkaido' },
  tohoku: { ja: '東北地方', en: 'Tohoku' },
  kanto: { ja: '関東地方', en: 'Kanto' },
  chubu: { ja: '中部地方', en: 'Chubu' },
  kinki: { ja: '近畿地方', en: 'Kinki' },
  chugoku: { ja: '中国地方', en: 'Chugoku' },
  shikoku: { ja: '四国地方', en: 'Shikoku' },
  kyushu: { ja: '九州地方', en: 'Kyushu' },
} as const satisfies Record<string, Region>;

export type RegionId = keyof typeof REGIONS;

export interface Prefecture {
  /** JIS X 0401 code, "01" to "47". */
  readonly code: string;
  /** Full name with its suffix (都, 道, 府 or 県). */
  readonly ja: string;
  readonly en: string;
  readonly region: RegionId;
}

const P = (code: string, ja: string, en: string, region: RegionId): Prefecture => ({ code, ja, en, region });

export const PREFECTURES: readonly Prefecture[] = [
  P('01', '北海道', 'Hokkaido', 'hokkaido'),
  P('02', '青森県', 'Aomori', 'tohoku'),
  P('03', '岩手県', 'Iwate', 'tohoku'),
  P('04', '宮城県', 'Miyagi', 'tohoku'),
  P('05', '秋田県', 'Akita', 'tohoku'),
  P('06', '山形県', 'Yamagata', 'tohoku'),
  P('07', '福島県', 'Fukushima', 'tohoku'),
  P('08', '茨城県', 'Ibaraki', 'kanto'),
  P('09', '栃木県', 'Tochigi', 'kanto'),
  P('10', '群馬県', 'Gunma', 'kanto'),
  P('11', '埼玉県', 'Saitama', 'kanto'),
  P('12', '千葉県', 'Chiba', 'kanto'),
  P('13', '東京都', 'Tokyo', 'kanto'),
  P('14', '神奈川県', 'Kanagawa', 'kanto'),
  P('15', '新潟県', 'Niigata', 'chubu'),
  P('16', '富山県', 'Toyama', 'chubu'),
  P('17', '石川県', 'Ishikawa', 'chubu'),
  P('18', '福井県', 'Fukui', 'chubu'),
  P('19', '山梨県', 'Yamanashi', 'chubu'),
  P('20', '長野県', 'Nagano', 'chubu'),
  P('21', '岐阜県', 'Gifu', 'chubu'),
  P('22', '静岡県', 'Shizuoka', 'chubu'),
  P('23', '愛知県', 'Aichi', 'chubu'),
  P('24', '三重県', 'Mie', 'kinki'),
  P('25', '滋賀県', 'Shiga', 'kinki'),
  P('26', '京都府', 'Kyoto', 'kinki'),
  P('27', '大阪府', 'Osaka', 'kinki'),
  P('28', '兵庫県', 'Hyogo', 'kinki'),
  P('29', '奈良県', 'Nara', 'kinki'),
  P('30', '和歌山県', 'Wakayama', 'kinki'),
  P('31', '鳥取県', 'Tottori', 'chugoku'),
  P('32', '島根県', 'Shimane', 'chugoku'),
  P('33', '岡山県', 'Okayama', 'chugoku'),
  P('34', '広島県', 'Hiroshima', 'chugoku'),
  P('35', '山口県', 'Yamaguchi', 'chugoku'),
  P('36', '徳島県', 'Tokushima', 'shikoku'),
  P('37', '香川県', 'Kagawa', 'shikoku'),
  P('38', '愛媛県', 'Ehime', 'shikoku'),
  P('39', '高知県', 'Kochi', 'shikoku'),
  P('40', '福岡県', 'Fukuoka', 'kyushu'),
  P('41', '佐賀県', 'Saga', 'kyushu'),
  P('42', '長崎県', 'Nagasaki', 'kyushu'),
  P('43', '熊本県', 'Kumamoto', 'kyushu'),
  P('44', '大分県', 'Oita', 'kyushu'),
  P('45', '宮崎県', 'Miyazaki', 'kyushu'),
  P('46', '鹿児島県', 'Kagoshima', 'kyushu'),
  P('47', '沖縄県', 'Okinawa', 'kyushu'),
];

/** Short names without the suffix (東京, 大阪 …); 北海道 keeps its name. */
function shortName(ja: string): string {
  return ja === '北海道' ? ja : ja.slice(0, -1);
}

const byName = new Map<string, Prefecture>();
for (const p of PREFECTURES) {
  byName.set(p.ja, p);
  byName.set(shortName(p.ja), p);
  byName.set(p.code, p);
  byName.set(p.en.toLowerCase(), p);
}

/** Finds a prefecture by full name, short name, JIS code or English name. */
export function findPrefecture(name: string): Prefecture | undefined {
  return byName.get(name.trim()) ?? byName.get(name.trim().toLowerCase());
}

/** The prefecture an address starts with (full names only, as written in addresses). */
export function prefectureOfAddress(address: string): Prefecture | undefined {
  const a = address.trim();
  return PREFECTURES.find((p) => a.startsWith(p.ja));
}
