import { collectionFieldPaths, datasetFields } from '../../datasets/dataset.fields.js';
import type { Finding, LintContext } from './lint.types.js';

function unknownCategory(entity: string, key: string, category: string): Finding {
  return {
    code: entity === 'datasets' ? 'dataset-unknown-category' : 'unknown-category',
    severity: 'error',
    entity,
    key,
    message: {
      ja: `データカテゴリ「${category}」は分類体系にありません。`,
      en: `The data category "${category}" is not in the taxonomy.`,
    },
    hint: {
      ja: 'fideslang または Mamori のカテゴリを使うか、customCategories に定義してください。',
      en: 'Use a fideslang or Mamori category, or define it in customCategories.',
    },
  };
}

/** A category the taxonomy does not know cannot be classed (APPI class, CCPA category) or published. */
export function unknownCategories(ctx: LintContext): Finding[] {
  const { register, taxonomy } = ctx;
  const findings: Finding[] = [];
  for (const item of register.dataItems) {
    if (!taxonomy.has(item.category)) findings.push(unknownCategory('dataItems', item.key, item.category));
  }
  for (const rule of register.retentionRules) {
    for (const c of rule.categories)
      if (!taxonomy.has(c)) findings.push(unknownCategory('retentionRules', rule.key, c));
  }
  for (const c of register.customCategories) {
    if (!taxonomy.has(c.parent)) findings.push(unknownCategory('customCategories', c.key, c.parent));
  }
  for (const dataset of register.datasets) {
    const where = (suffix: string) => `${dataset.fides_key}${suffix ? `:${suffix}` : ''}`;
    for (const c of dataset.data_categories ?? [])
      if (!taxonomy.has(c)) findings.push(unknownCategory('datasets', where(''), c));
    for (const collection of dataset.collections) {
      for (const c of collection.data_categories ?? []) {
        if (!taxonomy.has(c)) findings.push(unknownCategory('datasets', where(collection.name), c));
      }
    }
    for (const visit of datasetFields(dataset)) {
      for (const c of visit.field.data_categories ?? []) {
        if (!taxonomy.has(c))
          findings.push(unknownCategory('datasets', where(`${visit.collection.name}.${visit.fieldPath}`), c));
      }
    }
  }
  return findings;
}

/** fideslang 3.2 deprecated some keys; they still work but their replacement says more. */
export function deprecatedCategories(ctx: LintContext): Finding[] {
  const used = new Map<string, string>();
  for (const item of ctx.register.dataItems) used.set(item.category, `dataItems:${item.key}`);
  for (const dataset of ctx.register.datasets) {
    for (const visit of datasetFields(dataset)) {
      for (const c of visit.field.data_categories ?? [])
        used.set(c, `datasets:${dataset.fides_key}:${visit.collection.name}.${visit.fieldPath}`);
    }
  }
  return [...used].flatMap(([category, where]): Finding[] => {
    const replacedBy = ctx.taxonomy.get(category)?.replacedBy;
    if (!replacedBy) return [];
    const [entity = '', ...rest] = where.split(':');
    return [
      {
        code: 'category-deprecated',
        severity: 'info',
        entity,
        key: rest.join(':'),
        message: {
          ja: `カテゴリ「${category}」は fideslang で非推奨です。`,
          en: `The category "${category}" is deprecated in fideslang.`,
        },
        hint: { ja: `「${replacedBy}」に置き換えてください。`, en: `Replace it with "${replacedBy}".` },
      },
    ];
  });
}

/** The retention engine reads trigger dates from these fields; a field that is not there silently keeps data forever. */
export function retentionTriggerFields(ctx: LintContext): Finding[] {
  return ctx.register.datasets.flatMap((dataset) =>
    dataset.collections.flatMap((collection) => {
      const fields = collectionFieldPaths(collection);
      const triggers = Object.entries(collection.mamori_meta?.retention_trigger_fields ?? {});
      const restriction = collection.mamori_meta?.restriction_flag_field;
      const checks: [string, string][] = [
        ...triggers.map(([event, field]): [string, string] => [
          `retention_trigger_fields.${event}`,
          field ?? '',
        ]),
        ...(restriction ? [['restriction_flag_field', restriction] as [string, string]] : []),
      ];
      return checks
        .filter(([, field]) => !fields.has(field))
        .map(
          ([setting, field]): Finding => ({
            code: 'dataset-meta-field-missing',
            severity: 'error',
            entity: 'datasets',
            key: `${dataset.fides_key}:${collection.name}`,
            message: {
              ja: `mamori_meta.${setting} の項目「${field}」がコレクションにありません。`,
              en: `mamori_meta.${setting} names "${field}", which is not a field of the collection.`,
            },
            hint: {
              ja: 'コレクションの fields にある項目名(入れ子は a.b)を指定してください。',
              en: 'Name a field of the collection (nested fields as a.b).',
            },
          }),
        );
    }),
  );
}
