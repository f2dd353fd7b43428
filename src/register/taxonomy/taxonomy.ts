import type { AppiClass, CustomCategory } from '../subjects.schema.js';
import { APPI_CLASS_BY_CATEGORY } from './appi.classes.js';
import { CCPA_BY_CATEGORY, type CcpaCategory } from './ccpa.categories.js';
import { type CategoryRow, FIDESLANG_CATEGORIES } from './fideslang.categories.js';
import { MAMORI_CATEGORIES } from './mamori.categories.js';

export type CategorySource = 'fideslang' | 'mamori' | 'custom';

export interface CategoryDefinition {
  key: string;
  parent: string | undefined;
  name: { ja: string; en: string };
  source: CategorySource;
  /** Set when fideslang deprecated the key in favour of another. */
  replacedBy: string | undefined;
}

function fromRow([key, ja, en, replacedBy]: CategoryRow, source: CategorySource): CategoryDefinition {
  const cut = key.lastIndexOf('.');
  return { key, parent: cut > 0 ? key.slice(0, cut) : undefined, name: { ja, en }, source, replacedBy };
}

const BUILT_IN: ReadonlyMap<string, CategoryDefinition> = new Map(
  [
    ...FIDESLANG_CATEGORIES.map((row) => fromRow(row, 'fideslang')),
    ...MAMORI_CATEGORIES.map((row) => fromRow(row, 'mamori')),
  ].map((d) => [d.key, d]),
);

/** The category taxonomy a register sees: fideslang's, Mamori's, and the register's own. */
export class Taxonomy {
  private readonly definitions: ReadonlyMap<string, CategoryDefinition>;
  private readonly customClasses: ReadonlyMap<string, AppiClass>;

  constructor(custom: readonly CustomCategory[] = []) {
    const all = new Map(BUILT_IN);
    const classes = new Map<string, AppiClass>();
    for (const c of custom) {
      all.set(c.key, {
        key: c.key,
        parent: c.parent,
        name: { ja: c.name.ja, en: c.name.en ?? c.name.ja },
        source: 'custom',
        replacedBy: undefined,
      });
      if (c.appiClass) classes.set(c.key, c.appiClass);
    }
    this.definitions = all;
    this.customClasses = classes;
  }

  has(key: string): boolean {
    return this.definitions.has(key);
  }

  get(key: string): CategoryDefinition | undefined {
    return this.definitions.get(key);
  }

  all(): CategoryDefinition[] {
    return [...this.definitions.values()];
  }

  /** The key, then its parents up to the root. */
  lineage(key: string): string[] {
    const chain: string[] = [];
    let current: string | undefined = key;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = this.definitions.get(current)?.parent ?? parentByName(current);
    }
    return chain;
  }

  /** True when `key` is `ancestor` or lies below it. */
  isWithin(key: string, ancestor: string): boolean {
    return this.lineage(key).includes(ancestor);
  }

  label(key: string, lang: 'ja' | 'en'): string {
    return this.definitions.get(key)?.name[lang] ?? key;
  }

  appiClass(key: string): AppiClass {
    for (const k of this.lineage(key)) {
      const found = this.customClasses.get(k) ?? APPI_CLASS_BY_CATEGORY[k];
      if (found) return found;
    }
    return 'personal';
  }

  ccpaCategories(key: string): readonly CcpaCategory[] {
    for (const k of this.lineage(key)) {
      const found = CCPA_BY_CATEGORY[k];
      if (found) return found;
    }
    return [];
  }
}

function parentByName(key: string): string | undefined {
  const cut = key.lastIndexOf('.');
  return cut > 0 ? key.slice(0, cut) : undefined;
}
