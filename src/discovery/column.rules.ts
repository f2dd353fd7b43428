import { type AppiClass, TYPE_CATEGORIES } from './categories.js';
import { FINDING_TYPES, type Finding, type FindingType } from './finding.schema.js';

/**
 * Column classification for `scan db` (issue 8): combines what a column is called with what its sampled values
 * contain, and proposes a fideslang category and APPI class. Pure: the caller passes the scanner (regex-only,
 * or with a loaded tokenizer for names) and the samples; nothing is stored.
 */
export interface ColumnSample {
  name: string;
  values: readonly (string | null)[];
}

export interface ColumnClassification {
  type: FindingType | undefined;
  dataCategory: string | undefined;
  appiClass: AppiClass;
  confidence: number;
  /** Share of non-empty sampled values that hold the proposed type. */
  contentShare: number;
  nameHint: boolean;
  evidence: string;
}

/** Column-name hints, English and Japanese, matched on the name with _ and - read as spaces. */
const NAME_HINTS: ReadonlyArray<readonly [FindingType, RegExp]> = [
  ['MY_NUMBER', /my ?number|individual ?number|個人番号|マイナンバー/i],
  ['CORPORATE_NUMBER', /corporate ?(number|no)|法人番号|houjin/i],
  ['EMAIL', /e ?mail|メール/i],
  ['PHONE', /(^|\s)(tel|phone|mobile|fax|cell)|電話|携帯|ファックス/i],
  ['POSTAL_CODE', /zip|postal|post ?code|郵便/i],
  ['ADDRESS', /addr|住所|所在地|street|city/i],
  ['CREDIT_CARD', /card ?(number|no)|credit|cc ?num|pan$|カード/i],
  ['IP_ADDRESS', /(^|\s)ip( |$)|ip ?addr|remote ?addr|client ?ip|接続元/i],
  ['PASSPORT', /passport|旅券|パスポート/i],
  ['BANK_ACCOUNT', /(bank|account) ?(number|no)|acct|口座/i],
  ['DRIVER_LICENSE', /licen[cs]e|免許/i],
  ['HEALTH_INSURANCE', /insur|保険/i],
  ['DATE_OF_BIRTH', /birth|(^|\s)dob($|\s)|生年月日|誕生/i],
  [
    'PERSON',
    /(^|\s)(full ?|first ?|last ?|family ?|given ?)?name($|\s)|氏名|名前|姓|フリガナ|ふりがな|カナ|kana/i,
  ],
];

export function columnNameHints(name: string): FindingType[] {
  const readable = name.replace(/[_\-.]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return NAME_HINTS.filter(([, re]) => re.test(readable)).map(([t]) => t);
}

export type ValueScanner = (text: string) => Finding[];

/**
 * Each value is scanned as "<column name>: <value>", so the column name acts as the context word a lone value
 * lacks (a bare 12-digit value in column `my_number` reads like "my number: 1234…"). A value counts for a type
 * when a finding of that type covers at least 80 % of it.
 */
export function classifyColumn(column: ColumnSample, scan: ValueScanner): ColumnClassification {
  const label = column.name.replace(/[_\-.]+/g, ' ');
  const prefix = `${label}: `;
  const values = column.values.filter((v): v is string => v !== null && v.trim().length > 0);
  const counts = new Map<FindingType, number>();
  for (const value of values) {
    const trimmed = value.trim();
    const seen = new Set<FindingType>();
    for (const f of scan(prefix + trimmed)) {
      const covered = Math.min(f.end, prefix.length + trimmed.length) - Math.max(f.start, prefix.length);
      if (covered >= 0.8 * trimmed.length) seen.add(f.type);
    }
    for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const hints = new Set(columnNameHints(column.name));
  let best: ColumnClassification = {
    type: undefined,
    dataCategory: undefined,
    appiClass: 'none',
    confidence: 0,
    contentShare: 0,
    nameHint: false,
    evidence: values.length === 0 ? 'no non-empty sampled values' : 'no personal data found',
  };
  for (const type of FINDING_TYPES) {
    const share = values.length === 0 ? 0 : (counts.get(type) ?? 0) / values.length;
    const hinted = hints.has(type);
    // Content decides; a matching name adds confidence; a name alone is a weak claim the content did not confirm.
    let confidence = share >= 0.5 ? 0.5 + 0.4 * share : hinted ? 0.3 + 0.4 * share : 0.6 * share;
    if (hinted && share >= 0.5) confidence += 0.1;
    confidence = Math.min(1, Math.round(confidence * 1000) / 1000);
    if (confidence > best.confidence) {
      const cat = TYPE_CATEGORIES[type];
      best = {
        type,
        dataCategory: cat.dataCategory,
        appiClass: cat.appiClass,
        confidence,
        contentShare: Math.round(share * 1000) / 1000,
        nameHint: hinted,
        evidence: `${Math.round(share * 100)}% of ${values.length} sampled values${hinted ? '; column name suggests it' : ''}`,
      };
    }
  }
  return best;
}
