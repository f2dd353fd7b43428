import type { Register } from '../register.schema.js';
import type { AppiClass, DataItem } from '../subjects.schema.js';
import { Taxonomy } from '../taxonomy/taxonomy.js';

export type Severity = 'error' | 'warning' | 'info';
export type Bilingual = { ja: string; en: string };

export interface Finding {
  code: string;
  severity: Severity;
  /** The register list (or section) the finding is about: `purposes`, `processors`, `datasets` … */
  entity: string;
  /** Key of the entity; for datasets `fides_key:collection.field`. */
  key: string;
  message: Bilingual;
  hint: Bilingual;
}

/** What every rule may look at, computed once per run. */
export interface LintContext {
  register: Register;
  taxonomy: Taxonomy;
  items: ReadonlyMap<string, DataItem>;
  classOf(item: DataItem): AppiClass;
}

export type Rule = (ctx: LintContext) => Finding[];

export function lintContext(register: Register): LintContext {
  const taxonomy = new Taxonomy(register.customCategories);
  return {
    register,
    taxonomy,
    items: new Map(register.dataItems.map((i) => [i.key, i])),
    classOf: (item) => item.appiClass ?? taxonomy.appiClass(item.category),
  };
}
