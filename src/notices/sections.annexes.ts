import type { Register } from '../register/register.schema.js';
import { CCPA_CATEGORIES, CCPA_CATEGORY_LABELS } from '../register/taxonomy/ccpa.categories.js';
import { Taxonomy } from '../register/taxonomy/taxonomy.js';
import { GDPR_BASES, PIPL_BASES } from './notice.labels.js';
import {
  type Block,
  joinList,
  L,
  type Lang,
  list,
  para,
  type Section,
  section,
  table,
  tr,
} from './notice.model.js';

/** GDPR Art. 15–18, 20, 21, 7(3) and 77. */
const GDPR_RIGHTS = [
  { ja: 'ご自身の個人情報の写しを求める権利(15条)', en: 'to obtain a copy of your data (Art. 15)' },
  { ja: '訂正を求める権利(16条)', en: 'to rectification (Art. 16)' },
  { ja: '削除を求める権利(17条)', en: 'to erasure (Art. 17)' },
  { ja: '取扱いの制限を求める権利(18条)', en: 'to restriction of processing (Art. 18)' },
  {
    ja: '契約又は同意に基づき提供した個人情報を機械可読な形式で受け取る権利(20条)',
    en: 'to receive data you gave us under a contract or consent in a machine-readable format (Art. 20)',
  },
  {
    ja: '取扱い(特にダイレクトマーケティング)に異議を述べる権利(21条)',
    en: 'to object to processing, in particular for direct marketing (Art. 21)',
  },
  { ja: '同意をいつでも撤回する権利(7条3項)', en: 'to withdraw consent at any time (Art. 7(3))' },
  { ja: '監督機関に苦情を申し立てる権利(77条)', en: 'to complain to a supervisory authority (Art. 77)' },
];

/** Cal. Civ. Code §1798.100–.125. */
const CCPA_RIGHTS = [
  {
    ja: '収集・利用・開示された個人情報について知る権利(アクセス権)',
    en: 'to know what personal information we collect, use and disclose (access)',
  },
  { ja: '削除を請求する権利', en: 'to delete' },
  { ja: '不正確な個人情報の訂正を請求する権利', en: 'to correct inaccurate information' },
  { ja: '販売又は共有をオプトアウトする権利', en: 'to opt out of sale or sharing' },
  {
    ja: 'センシティブ個人情報の利用制限を請求する権利',
    en: 'to limit the use of sensitive personal information',
  },
  {
    ja: '権利行使を理由に差別を受けない権利',
    en: 'not to be discriminated against for exercising these rights',
  },
];

/** PIPL Art. 44–48 and 15. */
const PIPL_RIGHTS = [
  {
    ja: '個人情報の取扱い状況を知り、決定する権利(44条)',
    en: 'to know about and decide on the handling of your information (Art. 44)',
  },
  { ja: '閲覧及び複製を請求する権利(45条)', en: 'to access and copy it (Art. 45)' },
  { ja: '訂正及び補完を請求する権利(46条)', en: 'to correct and complete it (Art. 46)' },
  { ja: '削除を請求する権利(47条)', en: 'to have it deleted (Art. 47)' },
  { ja: '取扱いルールの説明を求める権利(48条)', en: 'to an explanation of our handling rules (Art. 48)' },
  {
    ja: '同意を撤回する権利(撤回前の取扱いの適法性には影響しません)(15条)',
    en: 'to withdraw consent, without affecting earlier lawful handling (Art. 15)',
  },
];

function gdprAnnex(register: Register, lang: Lang): Section | undefined {
  const gdpr = register.annexes.gdpr;
  if (!gdpr) return undefined;
  const blocks: Block[] = [
    para(`${L(lang, '対象', 'Applies to')}: ${tr(gdpr.scope, lang)}`),
    table(
      [L(lang, '利用目的', 'Purpose'), L(lang, '法的根拠(GDPR 6条)', 'Legal basis (GDPR Art. 6)')],
      register.purposes
        .filter((p) => p.holding === 'held')
        .map((p) => [
          tr(p.description, lang),
          joinList(
            lang,
            (p.bases.gdpr ?? []).map((b) => GDPR_BASES[b][lang]),
          ) || '—',
        ]),
    ),
  ];
  if (gdpr.mandatoryDataNote) blocks.push(para(tr(gdpr.mandatoryDataNote, lang)));
  if (gdpr.intraGroupSharing) blocks.push(para(tr(gdpr.intraGroupSharing, lang)));
  if (gdpr.transferNotes.length > 0) {
    blocks.push(
      para(
        L(
          lang,
          'EEA 域外への移転について、次の事項にご同意いただきます:',
          'For transfers outside the EEA you consent to the following:',
        ),
      ),
    );
    blocks.push(list(gdpr.transferNotes.map((n) => tr(n, lang))));
  }
  blocks.push(para(L(lang, 'あなたには次の権利があります:', 'You have the right:')));
  blocks.push(list(GDPR_RIGHTS.filter((_, i) => gdpr.consentWithdrawal || i !== 6).map((r) => r[lang])));
  if (gdpr.rightsLimitations) blocks.push(para(tr(gdpr.rightsLimitations, lang)));
  return section(
    'annex-gdpr',
    L(lang, '附則: EEA 域内に居住する方へ(GDPR)', 'Annex: residents of the EEA (GDPR)'),
    blocks,
  );
}

function ccpaAnnex(register: Register, lang: Lang): Section | undefined {
  const ccpa = register.annexes.ccpa;
  if (!ccpa) return undefined;
  const taxonomy = new Taxonomy(register.customCategories);
  const held = new Set(register.purposes.filter((p) => p.holding === 'held').flatMap((p) => p.items));
  const examples = new Map<string, string[]>();
  for (const item of register.dataItems.filter((i) => held.has(i.key))) {
    for (const c of taxonomy.ccpaCategories(item.category))
      examples.set(c, [...(examples.get(c) ?? []), tr(item.name, lang)]);
  }
  const rows = CCPA_CATEGORIES.filter((c) => examples.has(c)).map((c) => [
    CCPA_CATEGORY_LABELS[c][lang],
    joinList(lang, examples.get(c) ?? []),
  ]);
  const months = ccpa.lookbackMonths;
  const noSale = !ccpa.sells && !ccpa.shares;
  const blocks: Block[] = [
    para(
      L(
        lang,
        `過去${months}か月間に、次のカテゴリの個人情報を収集しました。今後も同じカテゴリの個人情報を収集します。`,
        `In the past ${months} months we collected the following categories of personal information, and we will continue to collect them.`,
      ),
    ),
    table([L(lang, 'カテゴリ', 'Category'), L(lang, '例', 'Examples')], rows),
    para(
      L(
        lang,
        `過去${months}か月間に、事業目的で次の第三者に個人情報を開示しました:`,
        `In the past ${months} months we disclosed personal information for business purposes to:`,
      ),
    ),
    list(ccpa.disclosedTo.map((d) => tr(d, lang))),
    para(
      noSale
        ? L(
            lang,
            `当社は、過去${months}か月間に個人情報を販売も共有もしておらず、今後も販売・共有しません。`,
            `We have not sold or shared personal information in the past ${months} months, and we do not sell or share it.`,
          )
        : L(
            lang,
            '当社は個人情報を販売又は共有することがあります。オプトアウトの権利があります。',
            'We may sell or share personal information; you have the right to opt out.',
          ),
    ),
  ];
  if (ccpa.sensitiveUses.length > 0) {
    blocks.push(
      para(
        L(
          lang,
          'センシティブ個人情報は、次の目的以外には利用・開示しません:',
          'We use or disclose sensitive personal information only:',
        ),
      ),
    );
    blocks.push(list(ccpa.sensitiveUses.map((u) => tr(u, lang))));
  }
  if (ccpa.retentionCriteria.length > 0) {
    blocks.push(para(L(lang, '保持期間を決める基準:', 'How we decide how long to keep it:')));
    blocks.push(list(ccpa.retentionCriteria.map((c) => tr(c, lang))));
  }
  blocks.push(
    para(L(lang, 'カリフォルニア州の居住者には次の権利があります:', 'California residents have the right:')),
  );
  blocks.push(list(CCPA_RIGHTS.map((r) => r[lang])));
  if (ccpa.deletionExceptions.length > 0) {
    blocks.push(
      para(
        L(
          lang,
          '次の目的のために必要な場合は、削除請求に応じないことがあります:',
          'We may decline deletion where the information is needed:',
        ),
      ),
    );
    blocks.push(list(ccpa.deletionExceptions.map((e) => tr(e, lang))));
  }
  blocks.push(
    para(
      ccpa.authorisedAgents
        ? L(
            lang,
            '権利の行使は、検証可能な請求により行ってください。ご本人のほか、権限を与えられた代理人、委任を受けた者、財産管理後見人も請求でき、未成年のお子様に代わって請求することもできます。',
            'Make a verifiable request. You, an authorised agent, a person holding your power of attorney or your conservator may make it, and you may make one on behalf of your minor child.',
          )
        : L(
            lang,
            '権利の行使は、ご本人による検証可能な請求により行ってください。',
            'Make a verifiable request yourself.',
          ),
    ),
  );
  return section(
    'annex-ccpa',
    L(lang, '附則: カリフォルニア州に居住する方へ(CCPA/CPRA)', 'Annex: California residents (CCPA/CPRA)'),
    blocks,
  );
}

function piplAnnex(register: Register, lang: Lang): Section | undefined {
  const pipl = register.annexes.pipl;
  if (!pipl) return undefined;
  const bases = [...new Set(register.purposes.flatMap((p) => p.bases.pipl ?? []))];
  const blocks: Block[] = [
    para(`${L(lang, '対象', 'Applies to')}: ${tr(pipl.scope, lang)}`),
    para(L(lang, '取り扱う個人情報:', 'Personal information we handle:')),
    list(pipl.collectedItems.map((i) => tr(i, lang))),
    para(L(lang, '取扱いの目的:', 'Purposes:')),
    list(pipl.purposes.map((p) => tr(p, lang))),
  ];
  if (bases.length > 0)
    blocks.push(
      para(
        `${L(lang, '取扱いの根拠', 'Legal bases')}: ${joinList(
          lang,
          bases.map((b) => PIPL_BASES[b][lang]),
        )}`,
      ),
    );
  if (pipl.crossBorderWithConsentOnly) {
    blocks.push(
      para(
        L(
          lang,
          'ご本人の同意がない限り、中国国内外の第三者に個人情報を提供しません。',
          'We provide personal information to parties inside or outside China only with your consent.',
        ),
      ),
    );
  }
  blocks.push(
    para(L(lang, '中国の関連法令に従い、次の権利を行使できます:', 'Under Chinese law you have the right:')),
  );
  blocks.push(list(PIPL_RIGHTS.map((r) => r[lang])));
  if (pipl.changeNotice) blocks.push(para(tr(pipl.changeNotice, lang)));
  return section(
    'annex-pipl',
    L(lang, '附則: 中国に居住する方へ(個人情報保護法)', 'Annex: residents of China (PIPL)'),
    blocks,
  );
}

export function annexSections(register: Register, lang: Lang): Section[] {
  return [gdprAnnex(register, lang), ccpaAnnex(register, lang), piplAnnex(register, lang)].filter(
    (s): s is Section => s !== undefined,
  );
}
