import type { Duration, Register, Text } from './register.schema.js';
import { Taxonomy } from './taxonomy/taxonomy.js';

/** The classic 個人情報管理台帳 columns, as privacy offices (and JIS Q 15001 audits) expect to see them. */
export const LEDGER_HEADERS = [
  { ja: '個人情報の類型', en: 'Subject types', width: 22 },
  { ja: '項目', en: 'Item', width: 22 },
  { ja: 'カテゴリ', en: 'Category', width: 26 },
  { ja: '区分', en: 'APPI class', width: 12 },
  { ja: '利用目的', en: 'Purpose', width: 48 },
  { ja: '根拠', en: 'Legal basis', width: 28 },
  { ja: '保有区分', en: 'Held or entrusted', width: 12 },
  { ja: '保管システム', en: 'Systems', width: 24 },
  { ja: '保存期間', en: 'Retention', width: 36 },
  { ja: '委託先', en: 'Processors', width: 24 },
  { ja: '提供先', en: 'Recipients', width: 24 },
] as const;

const CLASS = {
  personal: '個人情報',
  sensitive: '要配慮個人情報',
  'my-number': '特定個人情報',
  related: '個人関連情報',
};
const HOLDING = { held: '保有個人データ', entrusted: '受託（委託元が管理）' };

const ja = (t: Text | undefined) => t?.ja ?? '';
const lines = (values: readonly string[]) => [...new Set(values.filter(Boolean))].join('\n');

function duration(d: Duration | undefined): string {
  if (!d) return '遅滞なく';
  return `${d.years ? `${d.years}年` : ''}${d.months ? `${d.months}か月` : ''}${d.days ? `${d.days}日` : ''}`;
}

/**
 * One row per purpose × item: who it is about, what, why, on what basis, where it is kept, how long, and who
 * else handles it. Derived from the other sheets (which are what import reads), so it is never out of date.
 */
export function ledgerRows(register: Register): string[][] {
  const taxonomy = new Taxonomy(register.customCategories);
  const subjects = new Map(register.subjectTypes.map((s) => [s.key, ja(s.name)]));
  const items = new Map(register.dataItems.map((i) => [i.key, i]));
  const rows: string[][] = [];
  for (const purpose of register.purposes) {
    const bases = [
      `個人情報保護法: ${purpose.bases.appi}`,
      purpose.bases.gdpr?.length ? `GDPR: ${purpose.bases.gdpr.join(', ')}` : '',
      purpose.bases.pipl?.length ? `PIPL: ${purpose.bases.pipl.join(', ')}` : '',
    ];
    const itemKeys = purpose.items.length > 0 ? purpose.items : [''];
    for (const itemKey of itemKeys) {
      const item = items.get(itemKey);
      const category = item?.category ?? '';
      const retention = register.retentionRules.filter(
        (r) =>
          (r.subjectTypes.length === 0 || r.subjectTypes.some((s) => purpose.subjectTypes.includes(s))) &&
          (r.categories.length === 0 ||
            (category !== '' && r.categories.some((c) => taxonomy.isWithin(category, c)))),
      );
      rows.push([
        lines(purpose.subjectTypes.map((s) => subjects.get(s) ?? s)),
        item ? ja(item.name) : itemKey,
        category,
        item ? CLASS[item.appiClass ?? taxonomy.appiClass(category)] : '',
        ja(purpose.description),
        lines(bases),
        HOLDING[purpose.holding],
        lines(register.systems.filter((s) => s.items.includes(itemKey)).map((s) => ja(s.name))),
        lines(
          retention.map((r) => ja(r.description) || `${r.triggers.join(' / ')} から ${duration(r.period)}`),
        ),
        lines(
          register.processors
            .filter((p) => p.items?.includes(itemKey) || p.purposes?.includes(purpose.key))
            .map((p) => ja(p.name)),
        ),
        lines(register.recipients.filter((r) => r.items.includes(itemKey)).map((r) => ja(r.name))),
      ]);
    }
  }
  return rows;
}
