import type { Finding, LintContext } from './lint.types.js';

/** APPI Art. 18(1): data may be handled only within a purpose; an item kept with no purpose has none. */
export function itemStoredWithoutPurpose(ctx: LintContext): Finding[] {
  const covered = new Set(ctx.register.purposes.flatMap((p) => p.items));
  return ctx.register.systems.flatMap((s) =>
    s.items
      .filter((k) => ctx.items.has(k) && !covered.has(k))
      .map(
        (k): Finding => ({
          code: 'item-without-purpose',
          severity: 'warning',
          entity: 'systems',
          key: s.key,
          message: {
            ja: `「${k}」はシステムに保存されていますが、どの利用目的にも含まれていません。`,
            en: `"${k}" is stored in the system but no purpose covers it.`,
          },
          hint: {
            ja: '該当する利用目的の items に追加するか、保存をやめてください(最小限の原則)。',
            en: 'Add it to the items of a purpose, or stop storing it (data minimisation).',
          },
        }),
      ),
  );
}

/**
 * APPI Art. 22: data no longer needed is erased without delay — each (subject type, category) a purpose
 * uses needs a retention rule.
 */
export function retentionMissing(ctx: LintContext): Finding[] {
  const { register, taxonomy } = ctx;
  const missing = new Map<string, Set<string>>();
  for (const purpose of register.purposes) {
    for (const subjectType of purpose.subjectTypes) {
      for (const itemKey of purpose.items) {
        const item = ctx.items.get(itemKey);
        if (!item) continue;
        const covered = register.retentionRules.some(
          (rule) =>
            (rule.subjectTypes.length === 0 || rule.subjectTypes.includes(subjectType)) &&
            (rule.categories.length === 0 ||
              rule.categories.some((c) => taxonomy.isWithin(item.category, c))),
        );
        if (!covered) missing.set(subjectType, (missing.get(subjectType) ?? new Set()).add(item.category));
      }
    }
  }
  return [...missing].map(([subjectType, categories]) => {
    const list = [...categories].sort().join(', ');
    return {
      code: 'retention-missing',
      severity: 'warning',
      entity: 'subjectTypes',
      key: subjectType,
      message: {
        ja: `保存期間のルールがないカテゴリがあります: ${list}`,
        en: `No retention rule covers these categories: ${list}`,
      },
      hint: {
        ja: 'retentionRules に、この類型とカテゴリを対象とするルールを追加してください。',
        en: 'Add a retention rule whose subjectTypes and categories cover them.',
      },
    };
  });
}
