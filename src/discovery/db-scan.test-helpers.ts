/**
 * Realistic Japanese customer rows for the `scan db` tests and benchmark: names, e-mail addresses, phones,
 * My Numbers (valid check digits), addresses — and product codes and order numbers as hard negatives.
 * Deterministic (a seeded generator) so that a failure reproduces.
 */

export const FAMILY = [
  '山田',
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山本',
];
export const GIVEN = [
  '太郎',
  '花子',
  '一郎',
  '美咲',
  '健太',
  '陽子',
  '大輔',
  'さくら',
  '翔太',
  '由美',
  '直樹',
  '愛',
];
const ROMAJI = ['yamada', 'sato', 'suzuki', 'takahashi', 'tanaka', 'ito', 'watanabe', 'nakamura'];
const DOMAINS = ['example.co.jp', 'example.ne.jp', 'example.jp', 'example.com'];
export const PLACES = [
  '東京都千代田区丸の内一丁目9番1号',
  '大阪府大阪市北区梅田3-1-1',
  '神奈川県横浜市西区みなとみらい2丁目2番1号',
  '愛知県名古屋市中村区名駅1-1-4',
  '福岡県福岡市博多区博多駅中央街1-1',
  '北海道札幌市中央区北5条西2丁目5',
  '京都府京都市下京区烏丸通塩小路下ル東塩小路町721-1',
];
const PHONES = ['090', '080', '070', '03', '06', '052', '011'];

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

/** A valid Individual Number: check digit per the MIC ordinance (weights 6,5,4,3,2,7,6,5,4,3,2). */
export function myNumber(r: () => number): string {
  const base = digits(r, 11);
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = [...base].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
  const rem = sum % 11;
  return base + String(rem <= 1 ? 0 : 11 - rem);
}

export interface CustomerRow {
  id: number;
  full_name: string;
  email: string;
  tel: string;
  my_number: string;
  postal_code: string;
  address: string;
  product_code: string;
  order_no: string;
}

export function customerRow(id: number, r: () => number): CustomerRow {
  const area = pick(r, PHONES);
  // Ten digits for fixed lines (03-XXXX-XXXX, 052-XXX-XXXX), eleven for mobiles (090-XXXX-XXXX).
  const middle = area.length === 3 && !/^0[789]0$/.test(area) ? 3 : 4;
  const tel = `${area}-${digits(r, middle)}-${digits(r, 4)}`;
  return {
    id,
    full_name: `${pick(r, FAMILY)} ${pick(r, GIVEN)}`,
    email: `${pick(r, ROMAJI)}.${digits(r, 3)}@${pick(r, DOMAINS)}`,
    tel,
    my_number: myNumber(r),
    postal_code: `${digits(r, 3)}-${digits(r, 4)}`,
    address: pick(r, PLACES),
    // Hard negatives: catalogue codes and 12-digit order numbers (a tenth of which pass the My Number check).
    product_code: `SKU-${digits(r, 4)}-${digits(r, 5)}`,
    order_no: digits(r, 12),
  };
}

export function customerRows(n: number, seed = 8): CustomerRow[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => customerRow(i + 1, r));
}

export const CUSTOMER_COLUMNS = [
  'id',
  'full_name',
  'email',
  'tel',
  'my_number',
  'postal_code',
  'address',
  'product_code',
  'order_no',
] as const;
