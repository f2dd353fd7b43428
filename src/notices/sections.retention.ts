import type { Register } from '../register/register.schema.js';
import type { RetentionRule } from '../register/retention.schema.js';
import { Taxonomy } from '../register/taxonomy/taxonomy.js';
import { duration, TRIGGERS } from './notice.labels.js';
import { fields, joinList, L, type Lang, para, type Section, section, tr } from './notice.model.js';

/** "契約終了後5年間、それ以外の場合は最後のご連絡後5年間" / "5 years after the contract ends; otherwise 5 years after the last contact". */
export function retentionSentence(rule: RetentionRule, lang: Lang): string {
  const action =
    rule.action === 'erase'
      ? L(lang, '消去します', 'it is erased')
      : L(lang, '匿名加工します', 'it is anonymised');
  if (lang === 'ja') {
    const clauses = rule.triggers.map((t) =>
      rule.period ? `${TRIGGERS[t].ja}後${duration(rule.period, 'ja')}` : `${TRIGGERS[t].ja}後`,
    );
    const chain = clauses.join('、それ以外の場合は');
    return rule.period ? `${chain}保有し、その後${action}。` : `${chain}、遅滞なく${action}。`;
  }
  const clauses = rule.triggers.map((t) =>
    rule.period ? `${duration(rule.period, 'en')} after ${TRIGGERS[t].en}` : `after ${TRIGGERS[t].en}`,
  );
  const chain = clauses.join('; otherwise ');
  return rule.period ? `Kept for ${chain}; then ${action}.` : `Without delay ${chain}, ${action}.`;
}

/** APPI Art. 22: data is erased when no longer needed; the periods are published here. */
export function retentionSection(register: Register, lang: Lang): Section {
  const taxonomy = new Taxonomy(register.customCategories);
  const subjects = new Map(register.subjectTypes.map((s) => [s.key, s]));
  const rules = register.retentionRules.map((rule) => {
    const appliesTo =
      rule.subjectTypes.length === 0
        ? L(lang, 'すべての類型', 'All types of person')
        : joinList(
            lang,
            rule.subjectTypes.map((k) => tr(subjects.get(k)?.name, lang) || k),
          );
    const rows: [string, string][] = [
      [L(lang, '対象', 'Applies to'), appliesTo],
      [
        L(lang, '情報の種類', 'Information'),
        rule.categories.length === 0 || rule.categories.includes('user')
          ? L(lang, 'すべての個人情報', 'All personal information')
          : joinList(
              lang,
              rule.categories.map((c) => taxonomy.label(c, lang)),
            ),
      ],
      [L(lang, '保存期間', 'Retention period'), retentionSentence(rule, lang)],
    ];
    if (rule.longerLegalPeriod) {
      const period = rule.longerLegalPeriod.period
        ? ` (${duration(rule.longerLegalPeriod.period, lang)})`
        : '';
      rows.push([
        L(lang, 'より長い保存期間', 'Longer period'),
        `${tr(rule.longerLegalPeriod.basis, lang)}${period}`,
      ]);
    }
    const blocks = rule.description ? [para(tr(rule.description, lang)), fields(rows)] : [fields(rows)];
    return section(`retention-${rule.key}`, `${L(lang, '対象', 'Applies to')}: ${appliesTo}`, blocks);
  });
  return section('retention', L(lang, '保存期間', 'Retention'), [], rules);
}
