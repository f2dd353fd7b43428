import type { paths } from '../../api/schema';

/** The register's sections as the API names them (register.collections.ts); lint findings use the same names. */
export const COLLECTIONS = {
  subjectTypes: '/api/register/subject-types',
  customCategories: '/api/register/custom-categories',
  dataItems: '/api/register/data-items',
  purposes: '/api/register/purposes',
  systems: '/api/register/systems',
  processors: '/api/register/processors',
  recipients: '/api/register/recipients',
  provisionExceptions: '/api/register/provision-exceptions',
  retentionRules: '/api/register/retention-rules',
  safeguards: '/api/register/safeguards',
  anonymised: '/api/register/anonymised',
  statements: '/api/register/statements',
  datasets: '/api/register/datasets',
} as const satisfies Record<string, keyof paths>;

export const SINGLETONS = {
  organisation: '/api/register/organisation',
  rights: '/api/register/rights',
  annexes: '/api/register/annexes',
} as const satisfies Record<string, keyof paths>;

export type Collection = keyof typeof COLLECTIONS;
export type Singleton = keyof typeof SINGLETONS;
export type Section = Collection | Singleton;

export const SECTION_ORDER: readonly Section[] = [
  'organisation',
  'subjectTypes',
  'dataItems',
  'customCategories',
  'purposes',
  'systems',
  'datasets',
  'processors',
  'recipients',
  'provisionExceptions',
  'retentionRules',
  'safeguards',
  'rights',
  'anonymised',
  'annexes',
  'statements',
];

/** Section names as the privacy office knows them (the same words as the Excel 台帳's sheets). */
export const SECTION_LABELS: Record<Section, { ja: string; en: string }> = {
  organisation: { ja: '事業者', en: 'Organisation' },
  subjectTypes: { ja: '個人情報の類型', en: 'Subject types' },
  customCategories: { ja: '独自カテゴリ', en: 'Custom categories' },
  dataItems: { ja: '取得項目', en: 'Data items' },
  purposes: { ja: '利用目的', en: 'Purposes' },
  systems: { ja: 'システム', en: 'Systems' },
  processors: { ja: '委託先', en: 'Processors' },
  recipients: { ja: '第三者提供・共同利用', en: 'Recipients' },
  provisionExceptions: { ja: '同意不要の提供', en: 'Provision exceptions' },
  retentionRules: { ja: '保存期間', en: 'Retention rules' },
  safeguards: { ja: '安全管理措置', en: 'Safeguards' },
  rights: { ja: '開示等の手続', en: 'Rights procedure' },
  anonymised: { ja: '匿名加工情報', en: 'Anonymised information' },
  annexes: { ja: '各国法の附属書', en: 'Annexes per law' },
  statements: { ja: 'その他の公表事項', en: 'Statements' },
  datasets: { ja: 'データセット', en: 'Datasets' },
};

export const isSection = (s: string | undefined): s is Section => s !== undefined && s in SECTION_LABELS;
export const isSingleton = (s: Section): s is Singleton => s in SINGLETONS;
