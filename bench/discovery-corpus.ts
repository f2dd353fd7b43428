/**
 * Seeded generator of a labelled synthetic corpus for the non-name detectors (issue 8: "a synthetic labelled
 * corpus you generate … with hard negatives"). Each document is a few lines of business text — forms, e-mails,
 * CSV-like rows, support notes — with personal data of every type in several notations, and hard negatives that
 * share their shapes: product codes, order numbers that pass the My Number check, random 12- and 13-digit
 * numbers without context, part numbers shaped like postal codes, version strings, dates that are not birth
 * dates, 7-digit member numbers. Seed 1 is the development split (thresholds are tuned on it), seed 2 the
 * held-out test split.
 */
import { corporateNumberCheckDigit } from '../src/discovery/detectors/corporate-number.js';
import { luhnValid } from '../src/discovery/detectors/credit-card.js';
import { myNumberCheckDigit } from '../src/discovery/detectors/my-number.js';
import type { FindingType } from '../src/discovery/finding.schema.js';

export interface Label {
  type: FindingType;
  start: number;
  end: number;
}
export interface Doc {
  text: string;
  labels: Label[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = [
  '佐藤',
  '鈴木',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山田',
  '松本',
  '井上',
  '木村',
];
const GIVEN = ['太郎', '花子', '健一', '美咲', '翔太', '陽菜', '大輔', '由美', '誠', '彩'];
const PREFS = [
  '東京都',
  '大阪府',
  '神奈川県',
  '愛知県',
  '福岡県',
  '北海道',
  '京都府',
  '兵庫県',
  '埼玉県',
  '千葉県',
];
const CITIES = [
  '千代田区',
  '港区',
  '横浜市中区',
  '名古屋市中村区',
  '福岡市博多区',
  '札幌市中央区',
  '京都市左京区',
  '神戸市中央区',
  'さいたま市浦和区',
  '船橋市',
];
const TOWNS = ['丸の内', '本町', '栄', '中央', '山下町', '北1条西', '吉田本町', '元町', '高砂', '湊町'];
const BUILDINGS = ['', '', ' 第一ビル3階', ' メゾン桜201号室', ' グランドハイツ502'];
const ROMAJI = [
  ['Marunouchi', 'Chiyoda-ku', 'Tokyo'],
  ['Umeda', 'Kita-ku', 'Osaka'],
  ['Sakae', 'Naka-ku', 'Nagoya-shi', 'Aichi'],
  ['Hakata', 'Hakata-ku', 'Fukuoka'],
] as const;

export class CorpusGenerator {
  private readonly rnd: () => number;
  constructor(seed: number) {
    this.rnd = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  wide(s: string): string {
    return this.chance(0.15)
      ? s.replace(/[0-9A-Za-z@.-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      : s;
  }
  name(): string {
    return `${this.pick(FAMILY)}${this.pick(['', ' ', '　'])}${this.pick(GIVEN)}`;
  }
  myNumber(): string {
    const b = this.digits(11);
    const n = b + myNumberCheckDigit(b);
    const sep = this.pick(['', ' ', '-']);
    return `${n.slice(0, 4)}${sep}${n.slice(4, 8)}${sep}${n.slice(8)}`;
  }
  invalidMyNumber(): string {
    const b = this.digits(11);
    return b + ((myNumberCheckDigit(b) + this.int(1, 9)) % 10);
  }
  corporateNumber(): string {
    const b = this.digits(12);
    return `${corporateNumberCheckDigit(b)}${b}`;
  }
  card(): string {
    const prefix = this.pick(['4', '4', `5${this.int(1, 5)}`, `35${this.int(28, 89)}`, '37']);
    const len = prefix === '37' ? 15 : 16;
    const body = prefix + this.digits(len - prefix.length - 1);
    let n = '';
    for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) n = body + d;
    const sep = this.pick(['', ' ', '-']);
    if (len === 15) return `${n.slice(0, 4)}${sep}${n.slice(4, 10)}${sep}${n.slice(10)}`;
    return n.match(/.{4}/g)!.join(sep);
  }
  phone(): string {
    return this.pick([
      () => `03-${this.int(3000, 6999)}-${this.digits(4)}`,
      () => `06-${this.int(6100, 6999)}-${this.digits(4)}`,
      () => `0${this.pick(['90', '80', '70'])}-${this.int(1000, 9999)}-${this.digits(4)}`,
      () => `0${this.pick(['90', '80'])}${this.int(1000, 9999)}${this.digits(4)}`,
      () => `050-${this.int(1000, 9999)}-${this.digits(4)}`,
      () => `0120-${this.int(100, 999)}-${this.digits(3)}`,
      () => `(03)${this.int(3000, 6999)}-${this.digits(4)}`,
      () => `+81-90-${this.int(1000, 9999)}-${this.digits(4)}`,
      () => `+81 3 ${this.int(3000, 6999)} ${this.digits(4)}`,
    ])();
  }
  postal(): string {
    return `${this.int(100, 999)}-${this.digits(4)}`;
  }
  address(): string {
    const block = this.pick([
      () => `${this.int(1, 9)}-${this.int(1, 30)}-${this.int(1, 20)}`,
      () => `${this.int(1, 9)}丁目${this.int(1, 30)}番${this.int(1, 20)}号`,
      () => `${this.pick(['一', '二', '三', '四'])}丁目${this.int(1, 30)}番地`,
      () => `${this.int(1, 9)}丁目${this.int(1, 30)}-${this.int(1, 20)}`,
    ])();
    return `${this.pick(PREFS)}${this.pick(CITIES)}${this.pick(TOWNS)}${block}${this.pick(BUILDINGS)}`;
  }
  romajiAddress(): string {
    const r = this.pick(ROMAJI);
    return `${this.int(1, 9)}-${this.int(1, 30)}-${this.int(1, 20)} ${r.join(', ')}`;
  }
  dob(): string {
    const y = this.int(1940, 2005);
    const m = this.int(1, 12);
    const d = this.int(1, 28);
    return this.pick([
      () => `${y}年${m}月${d}日`,
      () => `${y}/${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}`,
      () => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      () =>
        y >= 1989 ? `平成${y - 1988 === 1 ? '元' : y - 1988}年${m}月${d}日` : `昭和${y - 1925}年${m}月${d}日`,
    ])();
  }
  otherDate(): string {
    const y = this.int(2015, 2026);
    return this.pick([
      `${y}年${this.int(1, 12)}月${this.int(1, 28)}日`,
      `${y}/${String(this.int(1, 12)).padStart(2, '0')}/${String(this.int(1, 28)).padStart(2, '0')}`,
    ]);
  }
  ipv4(): string {
    return `${this.pick(['192.168', '10.0', '172.16', '203.0'])}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }
  ipv6(): string {
    return `2001:db8:${this.int(0, 0xffff).toString(16)}::${this.int(1, 0xffff).toString(16)}`;
  }
  email(): string {
    const local = this.pick(['taro.yamada', 'h.sato', 'info+jp', 'k_suzuki', 'user123']);
    return `${local}@${this.pick(['example.co.jp', 'example.com', 'mail.example.jp', 'example.org'])}`;
  }
  letters(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(65 + this.int(0, 25));
    return s;
  }
}

type Part = string | { type: FindingType; value: string };
type Template = (g: CorpusGenerator) => Part[];
const v = (type: FindingType, value: string) => ({ type, value });

const POSITIVE: Template[] = [
  (g) => [
    g.pick(['個人番号', 'マイナンバー', 'マイナンバー（個人番号）', 'My Number']),
    g.pick(['：', ': ', ' ']),
    v('MY_NUMBER', g.wide(g.myNumber())),
  ],
  (g) => [`${g.name()}様の個人番号は`, v('MY_NUMBER', g.myNumber()), 'です。'],
  (g) => [g.pick(['法人番号', '法人番号：', '登録番号 T']), v('CORPORATE_NUMBER', g.corporateNumber())],
  (g) => ['適格請求書発行事業者 ', v('CORPORATE_NUMBER', `T${g.corporateNumber()}`)],
  (g) => [g.pick(['電話', 'TEL', '携帯', '連絡先', 'FAX', '電話番号：']), ' ', v('PHONE', g.wide(g.phone()))],
  (g) => ['ご不明点は', v('PHONE', g.phone()), 'までお電話ください。'],
  (g) => [g.pick(['メール', 'E-mail: ', '連絡先 ']), v('EMAIL', g.wide(g.email()))],
  (g) => ['返信先：', v('EMAIL', g.email()), '（', g.name(), '）'],
  (g) =>
    ['〒', v('POSTAL_CODE', g.postal()), ' ', v('ADDRESS', g.address())].map((p) =>
      typeof p === 'string' ? p : p,
    ),
  (g) => [v('POSTAL_CODE', `〒${g.wide(g.postal())}`)],
  (g) => ['郵便番号 ', v('POSTAL_CODE', g.postal().replace('-', g.pick(['-', ''])))],
  (g) => ['住所：', v('ADDRESS', g.address())],
  (g) => [g.name(), '（', v('ADDRESS', g.address()), '在住）'],
  (g) => ['Address: ', v('ADDRESS', g.romajiAddress())],
  (g) => [g.pick(['カード番号', 'クレジットカード番号：', 'Card No. ']), ' ', v('CREDIT_CARD', g.card())],
  (g) => [
    '決済カード ',
    v(
      'CREDIT_CARD',
      g
        .card()
        .replace(/[ -]/g, ' ')
        .replace(/^(\d{4})(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3 $4'),
    ),
    ' で支払い',
  ],
  (g) => [
    g.pick(['接続元IP ', 'IPアドレス：', 'client ']),
    v('IP_ADDRESS', g.chance(0.7) ? g.ipv4() : g.ipv6()),
  ],
  (g) => ['アクセスログ: ', v('IP_ADDRESS', g.ipv4()), ' - - [', g.otherDate(), '] "GET / HTTP/1.1"'],
  (g) => [
    g.pick(['旅券番号 ', 'パスポート番号：', 'Passport No. ']),
    v('PASSPORT', `${g.letters(2)}${g.digits(7)}`),
  ],
  (g) => [
    `${g.pick(['三菱UFJ銀行', 'みずほ銀行', '三井住友銀行'])} ${g.pick(['本店', '渋谷支店', '梅田支店'])} `,
    g.pick(['普通 ', '当座 ', '普通預金 口座番号 ']),
    v('BANK_ACCOUNT', g.digits(7)),
  ],
  (g) => ['振込先口座番号：', v('BANK_ACCOUNT', g.digits(7))],
  (g) => ['ゆうちょ銀行 記号番号 ', v('BANK_ACCOUNT', `1${g.digits(4)}-${g.digits(8)}`)],
  (g) => [
    g.pick(['運転免許証番号 第', '免許証番号：', '運転免許証 ']),
    v('DRIVER_LICENSE', g.digits(12)),
    g.pick(['号', '']),
  ],
  (g) => [
    g.pick(['保険者番号 ', '被保険者番号：', '健康保険 保険者番号 ']),
    v('HEALTH_INSURANCE', g.pick([g.digits(8), `${g.int(1, 6)}${g.digits(5)}`])),
  ],
  (g) => [g.pick(['生年月日：', '生年月日 ', '誕生日 ', 'DOB: ']), v('DATE_OF_BIRTH', g.wide(g.dob()))],
  (g) => [g.name(), '（', v('DATE_OF_BIRTH', g.dob()), g.pick(['生）', '生まれ）'])],
];

const NEGATIVE: Template[] = [
  (g) => [g.pick(['注文番号', 'オーダー番号', '受付番号', '伝票番号']), g.pick(['：', ' ']), g.myNumber()],
  (g) => [g.pick(['参照', '備考', '計測値', 'ID']), ' ', g.digits(12)],
  (g) => ['在庫 ', g.digits(13), ' 件を確認'],
  (g) => [g.pick(['商品コード', '型番', '品番', 'SKU']), ' ', `${g.letters(2)}${g.digits(7)}`],
  (g) => [g.pick(['品番', '部品番号', '型式']), ' ', g.postal()],
  (g) => [g.pick(['会員番号', '会員ID', '顧客ID']), ' ', g.digits(7)],
  (g) => ['バージョン ', `${g.int(1, 12)}.${g.int(0, 9)}.${g.int(0, 20)}.${g.int(0, 300)}`, ' をリリース'],
  (g) => [g.pick(['契約日', '発行日', '開催日', '納期']), '：', g.otherDate()],
  (g) => [g.otherDate(), 'に', g.pick(['打ち合わせを行った。', '出荷しました。'])],
  (g) => ['追跡番号 ', g.digits(16)],
  (g) => ['注文番号 ', `0${g.digits(9)}`],
  (g) => ['合計 ', `${g.int(1, 999)},${g.digits(3)}`, '円（税込）'],
  (g) => [`${g.pick(PREFS)}${g.pick(CITIES)}に本社を置く企業。`],
  (g) => ['シリアル ', `${g.digits(4)}-${g.digits(4)}-${g.digits(4)}-${g.digits(4)}`],
  (g) => ['問い合わせ番号 ', g.invalidMyNumber()],
  (g) => ['ロット ', `${g.letters(2)}${g.digits(7)}`, ' は出荷済み'],
];

function render(parts: Part[]): Doc {
  let text = '';
  const labels: Label[] = [];
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      labels.push({ type: p.type, start: text.length, end: text.length + p.value.length });
      text += p.value;
    }
  }
  return { text, labels };
}

/** `n` documents of 4–8 lines, about one line in three a hard negative. */
export function generateCorpus(seed: number, n: number): Doc[] {
  const g = new CorpusGenerator(seed);
  const docs: Doc[] = [];
  for (let d = 0; d < n; d++) {
    const lines: Doc[] = [];
    const count = g.int(4, 8);
    for (let i = 0; i < count; i++)
      lines.push(render((g.chance(0.35) ? g.pick(NEGATIVE) : g.pick(POSITIVE))(g)));
    let text = '';
    const labels: Label[] = [];
    for (const line of lines) {
      for (const l of line.labels)
        labels.push({ ...l, start: l.start + text.length, end: l.end + text.length });
      text += `${line.text}\n`;
    }
    docs.push({ text, labels });
  }
  return docs;
}
