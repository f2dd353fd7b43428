import { z } from 'zod';
import {
  COLLECTION_SCHEMAS,
  COLLECTIONS,
  type Collection,
  SECTION_LABELS,
  SINGLETON_SCHEMAS,
  SINGLETONS,
  type Singleton,
} from './register.collections.js';
import type { Register } from './register.schema.js';
import { Taxonomy } from './taxonomy/taxonomy.js';
import { type ValueLabel, valueLabel } from './value.labels.js';
import { FIELD_LABELS_JA } from './xlsx.labels.js';

/**
 * What the console needs to draw an editor for any section of the register without a hand-written form per
 * section: the JSON Schema of what the API accepts (generated from the same zod schema that validates the
 * request, so the form can never drift from the server), which fields hold keys of other entities, and labels.
 */

/** Where a field's values come from: another section's keys, the category taxonomy, or the organisation's lists. */
export type ReferenceTarget = Collection | 'taxonomy' | 'desks' | 'entities';

/**
 * Fields that hold keys of other entities, by section and field name (wherever the field sits in the document).
 * The same pairs as the register lint's reference check (lint/references.rules.ts), which stays the authority.
 */
export const REFERENCE_FIELDS: Readonly<
  Partial<Record<Collection | Singleton, Record<string, ReferenceTarget>>>
> = {
  organisation: { complaintDesk: 'desks' },
  rights: { desk: 'desks' },
  dataItems: { category: 'taxonomy' },
  customCategories: { parent: 'taxonomy' },
  purposes: { subjectTypes: 'subjectTypes', items: 'dataItems', entities: 'entities' },
  systems: { items: 'dataItems', processor: 'processors', datasets: 'datasets' },
  processors: { purposes: 'purposes', items: 'dataItems' },
  recipients: { items: 'dataItems', subjectTypes: 'subjectTypes' },
  retentionRules: { subjectTypes: 'subjectTypes' },
  anonymised: { sourceItem: 'dataItems' },
  datasets: { data_categories: 'taxonomy' },
};

export interface SectionForm {
  section: Collection | Singleton;
  label: { ja: string; en: string };
  singleton: boolean;
  /** JSON Schema (draft 2020-12) of the request body the API validates. */
  schema: Record<string, unknown>;
  references: Record<string, ReferenceTarget>;
}

export interface RegisterForms {
  sections: SectionForm[];
  /** Labels of field names, the same words as the Excel 台帳's column headings. */
  labels: Record<string, { ja: string; en: string }>;
  /** Words for the fixed values (enums) the schemas allow, by section, field and value. */
  values: Record<string, Record<string, Record<string, ValueLabel>>>;
}

/** `reviewCycleMonths` → `Review cycle months`. */
export function englishLabel(field: string): string {
  const words = field
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The fixed values (`enum` and `const` strings) of every field anywhere in a JSON Schema, by field name. */
export function enumFields(
  schema: unknown,
  field = '',
  into = new Map<string, Set<string>>(),
): Map<string, Set<string>> {
  if (Array.isArray(schema)) {
    for (const s of schema) enumFields(s, field, into);
  } else if (schema && typeof schema === 'object') {
    const node = schema as Record<string, unknown>;
    const add = (v: unknown) => {
      if (typeof v !== 'string' || !field) return;
      const values = into.get(field) ?? new Set<string>();
      values.add(v);
      into.set(field, values);
    };
    if (Array.isArray(node.enum)) for (const v of node.enum) add(v);
    add(node.const);
    for (const [name, value] of Object.entries(node)) {
      if (name === 'properties' && value && typeof value === 'object') {
        for (const [f, sub] of Object.entries(value)) enumFields(sub, f, into);
      } else if (value && typeof value === 'object') enumFields(value, field, into);
    }
  }
  return into;
}

/** Field names anywhere in a JSON Schema (properties of every nested object and definition). */
function fieldNames(schema: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(schema)) {
    for (const s of schema) fieldNames(s, into);
  } else if (schema && typeof schema === 'object') {
    for (const [name, value] of Object.entries(schema)) {
      if (name === 'properties' && value && typeof value === 'object') {
        for (const field of Object.keys(value)) into.add(field);
      }
      fieldNames(value, into);
    }
  }
  return into;
}

let cached: RegisterForms | undefined;

export function registerForms(): RegisterForms {
  if (cached) return cached;
  const sections: SectionForm[] = [
    ...SINGLETONS.map((s) => ({ section: s, schema: jsonSchema(SINGLETON_SCHEMAS[s]), singleton: true })),
    ...COLLECTIONS.map((c) => ({ section: c, schema: jsonSchema(COLLECTION_SCHEMAS[c]), singleton: false })),
  ].map(({ section, schema, singleton }) => ({
    section,
    label: SECTION_LABELS[section],
    singleton,
    schema,
    references: { ...REFERENCE_FIELDS[section] },
  }));
  const names = new Set<string>();
  for (const s of sections) fieldNames(s.schema, names);
  const labels: RegisterForms['labels'] = {};
  for (const name of [...names].sort()) {
    labels[name] = { ja: FIELD_LABELS_JA[name] ?? englishLabel(name), en: englishLabel(name) };
  }
  const values: RegisterForms['values'] = {};
  for (const s of sections) {
    const fields: Record<string, Record<string, ValueLabel>> = {};
    for (const [field, allowed] of enumFields(s.schema)) {
      const words: Record<string, ValueLabel> = {};
      for (const value of allowed) {
        const w = valueLabel(s.section, field, value);
        if (w) words[value] = w;
      }
      fields[field] = words;
    }
    values[s.section] = fields;
  }
  cached = { sections, labels, values };
  return cached;
}

export interface TaxonomyEntry {
  key: string;
  parent: string | null;
  name: { ja: string; en: string };
  source: 'fideslang' | 'mamori' | 'custom';
  appiClass: 'personal' | 'sensitive' | 'my-number' | 'related';
  replacedBy: string | null;
}

/** Every category a data item may name: fideslang's, Mamori's and the register's own, sorted by key. */
export function taxonomyEntries(register: Register | undefined): TaxonomyEntry[] {
  const taxonomy = new Taxonomy(register?.customCategories ?? []);
  return taxonomy
    .all()
    .map((d) => ({
      key: d.key,
      parent: d.parent ?? null,
      name: d.name,
      source: d.source,
      appiClass: taxonomy.appiClass(d.key),
      replacedBy: d.replacedBy ?? null,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
