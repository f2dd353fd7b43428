import type { FindingType } from './finding.schema.js';

/**
 * Context words ("labels") that tell what a number or date next to them is. Issue 8: scores are raised by context
 * words (個人番号, 口座番号 …) and lowered by negative context (注文番号, 商品コード, 会員ID …). A label that names
 * another type lowers the score too: a 12-digit number after 免許証番号 is a licence, whatever its check digit says.
 * The nearest label wins, so "注文番号 …、マイナンバー 1234…" is judged by マイナンバー.
 */
export type LabelTarget = FindingType | 'NEGATIVE';

const LABELS: ReadonlyArray<readonly [LabelTarget, readonly string[]]> = [
  [
    'MY_NUMBER',
    ['個人番号', 'マイナンバー', 'my number', 'mynumber', 'individual number', '通知カード', '番号カード'],
  ],
  [
    'CORPORATE_NUMBER',
    [
      '法人番号',
      '会社法人等番号',
      '登録番号',
      '適格請求書',
      'インボイス',
      'corporate number',
      'registration number',
    ],
  ],
  [
    'PHONE',
    ['電話', 'tel', 'phone', '携帯', 'fax', 'ファックス', 'ファクス', '連絡先', '内線', 'mobile', '呼出'],
  ],
  ['POSTAL_CODE', ['郵便番号', '〒', 'zip', 'postal code', 'postcode']],
  ['ADDRESS', ['住所', '所在地', '現住所', '本籍', '送付先', '届け先', 'address']],
  [
    'CREDIT_CARD',
    ['カード番号', 'クレジット', 'card number', 'credit card', 'card no', 'visa', 'mastercard', 'jcb'],
  ],
  [
    'IP_ADDRESS',
    ['ipアドレス', 'ip address', 'ip:', 'ipv4', 'ipv6', '接続元', 'アクセス元', 'src', 'client'],
  ],
  ['PASSPORT', ['旅券', 'パスポート', 'passport']],
  [
    'BANK_ACCOUNT',
    [
      '口座番号',
      '口座',
      '普通預金',
      '当座預金',
      '普通',
      '当座',
      '貯蓄',
      '預金',
      '振込先',
      '記号番号',
      'account number',
      'account no',
      'acct',
    ],
  ],
  [
    'DRIVER_LICENSE',
    ['運転免許', '免許証', '免許番号', "driver's license", 'driver license', 'driving licence'],
  ],
  [
    'HEALTH_INSURANCE',
    [
      '保険者番号',
      '被保険者番号',
      '被保険者証',
      '被保険者記号',
      '保険証',
      '健康保険',
      '国民健康保険',
      'health insurance',
    ],
  ],
  [
    'DATE_OF_BIRTH',
    ['生年月日', '誕生日', '生まれ', '出生', 'date of birth', 'birth date', 'birthday', 'dob', 'born'],
  ],
  [
    'NEGATIVE',
    [
      '注文番号',
      '注文id',
      'オーダー番号',
      '受注番号',
      '発注番号',
      '商品コード',
      '商品番号',
      '品番',
      '型番',
      '型式',
      '製造番号',
      'シリアル',
      'serial',
      'sku',
      'janコード',
      'isbn',
      '会員id',
      '会員番号',
      'ユーザーid',
      '顧客id',
      '管理番号',
      '受付番号',
      '問い合わせ番号',
      'お問い合わせ番号',
      '伝票番号',
      '追跡番号',
      '請求書番号',
      '請求番号',
      '予約番号',
      'チケット番号',
      'ロット',
      'lot',
      'order',
      'invoice',
      'tracking',
      'ticket',
      'version',
      'バージョン',
      'ver.',
      '部品番号',
      '在庫',
      '金額',
      '価格',
      '合計',
      '円',
      '発行日',
      '締切',
      '期限',
      '納期',
      '更新日',
      '作成日',
      '登録日',
      '開催日',
      '発売日',
      '入社日',
      '契約日',
    ],
  ],
];

/** Every label, lower-cased, with the type it names. */
export const LABEL_TARGET: ReadonlyMap<string, LabelTarget> = new Map(
  LABELS.flatMap(([target, words]) => words.map((w) => [w.toLowerCase(), target] as const)),
);

export interface Label {
  word: string;
  target: LabelTarget;
  /** Characters between the label and the value. */
  distance: number;
}

export const BEFORE_WINDOW = 20;
export const AFTER_WINDOW = 6;

/*
 * Labels are found with a trie walked over the text in place, not with one alternation regex run on a slice of
 * each window: a dense text has a candidate every few dozen characters and most of them share their windows, so
 * the slices, the regex restarts and the match arrays were a tenth of the regex stage. The walk keeps the regex's
 * semantics exactly (context.test.ts checks it against that regex): ASCII letters match either case, at each
 * position the longest label matches, matches do not overlap and are taken left to right, an English label is
 * a whole word (no ASCII letter just outside it, the window's edges counting as outside), and a label must lie
 * inside the window.
 */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** The label ending here, with whether it starts and ends with an ASCII letter (whole-word rule). */
  label?: { word: string; target: LabelTarget; wordStart: boolean; wordEnd: boolean };
}

const TRIE: TrieNode = { next: new Map() };
/** Code units (either case) that begin some label: a window position whose unit is not here matches nothing. */
const STARTS = new Uint8Array(0x10000);
for (const [word, target] of LABEL_TARGET) {
  let node = TRIE;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let child = node.next.get(c);
    if (child === undefined) {
      child = { next: new Map() };
      node.next.set(c, child);
    }
    node = child;
  }
  node.label = { word, target, wordStart: /^[a-z]/.test(word), wordEnd: /[a-z]$/.test(word) };
  const first = word.charCodeAt(0);
  STARTS[first] = 1;
  if (first >= 0x61 && first <= 0x7a) STARTS[first - 0x20] = 1;
}

const isAsciiLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const foldAscii = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

interface LabelMatch {
  word: string;
  target: LabelTarget;
  start: number;
  end: number;
}

/** The longest label at text[p…] inside the window [from, to), or undefined. */
function labelAt(text: string, p: number, from: number, to: number): LabelMatch | undefined {
  let node: TrieNode | undefined = TRIE;
  let found: LabelMatch | undefined;
  for (let q = p; q < to; q++) {
    node = node.next.get(foldAscii(text.charCodeAt(q)));
    if (node === undefined) break;
    const l = node.label;
    if (
      l !== undefined &&
      (!l.wordStart || p === from || !isAsciiLetter(text.charCodeAt(p - 1))) &&
      (!l.wordEnd || q + 1 === to || !isAsciiLetter(text.charCodeAt(q + 1)))
    )
      found = { word: l.word, target: l.target, start: p, end: q + 1 };
  }
  return found;
}

/** Labels in the window [from, to) scanned left to right without overlap: the first one, or the last one. */
function scanWindow(text: string, from: number, to: number, first: boolean): LabelMatch | undefined {
  let last: LabelMatch | undefined;
  for (let p = from; p < to; ) {
    const m = STARTS[text.charCodeAt(p)] === 1 ? labelAt(text, p, from, to) : undefined;
    if (m === undefined) {
      p++;
      continue;
    }
    if (first) return m;
    last = m;
    p = m.end;
  }
  return last;
}

/**
 * The label nearest to text[start, end): searched in the BEFORE_WINDOW characters before the value (the usual
 * "ラベル: 値" order), then in the AFTER_WINDOW characters after it ("1980年1月1日生まれ", "(個人番号)").
 * A line break ends the search: the label of the previous line says nothing about this one.
 */
export function nearestLabel(text: string, start: number, end: number): Label | undefined {
  let from = Math.max(0, start - BEFORE_WINDOW);
  for (let i = start - 1; i >= from; i--)
    if (text.charCodeAt(i) === 0x0a) {
      from = i + 1;
      break;
    }
  // Of non-overlapping matches taken left to right the last one ends nearest to the value.
  const before = scanWindow(text, from, start, false);
  if (before !== undefined) return { word: before.word, target: before.target, distance: start - before.end };
  let to = Math.min(text.length, end + AFTER_WINDOW);
  const nl = text.indexOf('\n', end);
  if (nl >= 0 && nl < to) to = nl;
  const after = scanWindow(text, end, to, true);
  return after === undefined
    ? undefined
    : { word: after.word, target: after.target, distance: after.start - end };
}

export interface ContextScore {
  score: number;
  explanation: string;
}

export interface ContextWeights {
  /** Score with no label nearby. */
  base: number;
  /** Score when the nearest label names this type. */
  own: number;
  /** Score when the nearest label names another type. */
  other: number;
  /** Score when the nearest label is negative context (order numbers, product codes …). */
  negative: number;
}

/** Applies the nearest label to a detector's weights; the explanation names the label, never the value. */
export function scoreWithContext(
  type: FindingType,
  text: string,
  start: number,
  end: number,
  w: ContextWeights,
): ContextScore {
  const label = nearestLabel(text, start, end);
  if (label === undefined) return { score: w.base, explanation: 'no context word' };
  if (label.target === type) return { score: w.own, explanation: `context word "${label.word}"` };
  if (label.target === 'NEGATIVE')
    return { score: w.negative, explanation: `negative context "${label.word}"` };
  return { score: w.other, explanation: `context word "${label.word}" names ${label.target}` };
}
