import type { z } from 'zod';
import { FidesDataset } from '../datasets/dataset.schema.js';
import type { SourceIssue } from '../datasets/yaml.source.js';
import {
  Annexes,
  ENTITY_LISTS,
  ENTITY_SCHEMAS,
  Organisation,
  Register,
  RightsProcedure,
} from './register.schema.js';

/** Keyed collections of the register as stored and served: the entity lists plus the fideslang datasets. */
export const COLLECTIONS = [...ENTITY_LISTS, 'datasets'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export const COLLECTION_SCHEMAS: Record<Collection, z.ZodType> = {
  ...ENTITY_SCHEMAS,
  datasets: FidesDataset,
};

/** Sections that hold one document each; stored as one row keyed by the section name. */
export const SINGLETONS = ['organisation', 'rights', 'annexes'] as const;
export type Singleton = (typeof SINGLETONS)[number];
export const SINGLETON_SCHEMAS = {
  organisation: Organisation,
  rights: RightsProcedure,
  annexes: Annexes,
} as const satisfies Record<Singleton, z.ZodType>;

/** URL segment of each collection (`/api/register/subject-types/:key`). */
export const COLLECTION_SLUGS: Record<Collection, string> = {
  subjectTypes: 'subject-types',
  customCategories: 'custom-categories',
  dataItems: 'data-items',
  purposes: 'purposes',
  systems: 'systems',
  processors: 'processors',
  recipients: 'recipients',
  provisionExceptions: 'provision-exceptions',
  retentionRules: 'retention-rules',
  safeguards: 'safeguards',
  anonymised: 'anonymised',
  statements: 'statements',
  datasets: 'datasets',
};

/** Names a privacy office uses for each section (sheet names, messages). Sheet names stay ≤ 31 characters. */
export const SECTION_LABELS: Record<Collection | Singleton, { ja: string; en: string }> = {
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

export function keyOf(collection: Collection, doc: unknown): string {
  const record = doc as { key?: unknown; fides_key?: unknown };
  return String(collection === 'datasets' ? record.fides_key : record.key);
}

export interface EntityDoc {
  list: Collection | Singleton;
  key: string;
  position: number;
  doc: unknown;
}

/** The register as one row per entity; singletons are keyed by their own section name. */
export function registerToDocs(register: Register): EntityDoc[] {
  const docs: EntityDoc[] = SINGLETONS.map((s) => ({ list: s, key: s, position: 0, doc: register[s] }));
  for (const collection of COLLECTIONS) {
    register[collection].forEach((doc, position) => {
      docs.push({ list: collection, key: keyOf(collection, doc), position, doc });
    });
  }
  return docs;
}

/**
 * Rebuilds the register from its rows, or undefined while the organisation or the rights procedure is
 * missing (a fresh install). Parsing again through the schema gives every object its canonical key order.
 */
export function docsToRegister(docs: readonly EntityDoc[]): Register | undefined {
  const byList = new Map<string, EntityDoc[]>();
  for (const d of docs) byList.set(d.list, [...(byList.get(d.list) ?? []), d]);
  const one = (s: Singleton) => byList.get(s)?.[0]?.doc;
  if (one('organisation') === undefined || one('rights') === undefined) return undefined;
  const candidate: Record<string, unknown> = {
    organisation: one('organisation'),
    rights: one('rights'),
    annexes: one('annexes') ?? {},
  };
  for (const c of COLLECTIONS) {
    candidate[c] = [...(byList.get(c) ?? [])].sort((a, b) => a.position - b.position).map((d) => d.doc);
  }
  return Register.parse(candidate);
}

/** Rows are keyed by (section, key): a register with a key twice in one section cannot be stored. */
export function duplicateKeyIssues(register: Register): SourceIssue[] {
  const issues: SourceIssue[] = [];
  for (const c of COLLECTIONS) {
    const seen = new Set<string>();
    register[c].forEach((doc, i) => {
      const key = keyOf(c, doc);
      if (seen.has(key)) {
        issues.push({
          file: c,
          line: 1,
          column: 1,
          path: `${c}[${i}].${c === 'datasets' ? 'fides_key' : 'key'}`,
          message: `the key "${key}" is used twice in ${c}`,
        });
      }
      seen.add(key);
    });
  }
  return issues;
}
