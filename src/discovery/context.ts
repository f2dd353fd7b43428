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

const LABEL_TARGET = new Map<string, LabelTarget>();
for (const [target, words] of LABELS) for (const w of words) LABEL_TARGET.set(w.toLowerCase(), target);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first so that 被保険者番号 wins over 保険者番号 and 普通預金 over 普通 at the same end position.
// English labels only match as whole words: "tel" must not fire inside "hotel", nor "lot" inside "pilot".
const asPattern = (w: string): string =>
  (/^[a-z]/.test(w) ? '(?<![a-z])' : '') + escapeRegExp(w) + (/[a-z]$/.test(w) ? '(?![a-z])' : '');
const LABEL_SOURCE = [...LABEL_TARGET.keys()]
  .sort((a, b) => b.length - a.length)
  .map(asPattern)
  .join('|');
const LABEL_RE = new RegExp(LABEL_SOURCE, 'gi');

export interface Label {
  word: string;
  target: LabelTarget;
  /** Characters between the label and the value. */
  distance: number;
}

export const BEFORE_WINDOW = 20;
export const AFTER_WINDOW = 6;

/**
 * The label nearest to text[start, end): searched in the BEFORE_WINDOW characters before the value (the usual
 * "ラベル: 値" order), then in the AFTER_WINDOW characters after it ("1980年1月1日生まれ", "(個人番号)").
 * A line break ends the search: the label of the previous line says nothing about this one.
 */
export function nearestLabel(text: string, start: number, end: number): Label | undefined {
  const from = Math.max(0, start - BEFORE_WINDOW);
  let before = text.slice(from, start);
  const nl = before.lastIndexOf('\n');
  if (nl >= 0) before = before.slice(nl + 1);
  let best: Label | undefined;
  LABEL_RE.lastIndex = 0;
  for (let m = LABEL_RE.exec(before); m !== null; m = LABEL_RE.exec(before)) {
    const word = m[0].toLowerCase();
    const target = LABEL_TARGET.get(word);
    const distance = before.length - (m.index + m[0].length);
    if (target !== undefined && (best === undefined || distance <= best.distance))
      best = { word, target, distance };
  }
  if (best !== undefined) return best;
  let after = text.slice(end, end + AFTER_WINDOW);
  const nl2 = after.indexOf('\n');
  if (nl2 >= 0) after = after.slice(0, nl2);
  LABEL_RE.lastIndex = 0;
  const m = LABEL_RE.exec(after);
  if (m === null) return undefined;
  const word = m[0].toLowerCase();
  const target = LABEL_TARGET.get(word);
  return target === undefined ? undefined : { word, target, distance: m.index };
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
