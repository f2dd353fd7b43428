/**
 * Building blocks shared by the rows of ccpa.ts: the deadline rule, fee rule, verification and agents,
 * and grounds or duties that several kinds repeat.
 */
import type { AgentRule, DeadlineRule, Duty, FeeRule, Ground, VerificationRule } from './law.js';
import { period } from './period.js';

export const fortyFiveDays: DeadlineRule = {
  wording: {
    ja: '受領日から45暦日以内（本人確認に要する期間を含む）。受領確認は10営業日以内',
    en: 'within 45 calendar days beginning on the day of receipt, verification included; confirm receipt within 10 business days',
  },
  citation: {
    ja: 'CCPA規則 §7021(b)、民法典 §1798.130(a)(2)(A)',
    en: 'CCPA Regs §7021(b); Civ. Code §1798.130(a)(2)(A)',
  },
  statutory: period(45, 'calendar_days', { counting: 'start_day' }),
  acknowledge: {
    period: period(10, 'business_days'),
    wording: {
      ja: '10営業日以内に受領を確認し、本人確認の手順と回答時期を知らせる',
      en: 'within 10 business days confirm receipt and explain the verification process and when to expect an answer',
    },
    citation: { ja: 'CCPA規則 §7021(a)', en: 'CCPA Regs §7021(a)' },
  },
  extension: {
    period: period(45, 'calendar_days'),
    wording: {
      ja: '必要な場合、最初の45日以内に理由を付して通知すれば、さらに45暦日（受領から最大90日）延長できる',
      en: 'up to 45 more calendar days (90 from receipt) with notice and reasons given within the first 45',
    },
    citation: {
      ja: 'CCPA規則 §7021(b)、民法典 §1798.130(a)(2)(A)',
      en: 'CCPA Regs §7021(b); Civ. Code §1798.130(a)(2)(A)',
    },
    noticeWithinOriginalPeriod: true,
  },
};

export const fifteenBusinessDays = (
  citationJa: string,
  citationEn: string,
  verify?: string,
): DeadlineRule => ({
  wording: {
    ja: '可能な限り速やかに、遅くとも受領日から15営業日以内',
    en: 'as soon as feasibly possible and no later than 15 business days from receipt',
  },
  citation: { ja: citationJa, en: citationEn, ...(verify ? { verify } : {}) },
  statutory: period(15, 'business_days', { counting: 'start_day' }),
});

export const fee: FeeRule = {
  mayCharge: 'conditional',
  condition: {
    ja: '無料。明らかに根拠がない又は過剰な請求（特に反復）に限り合理的な手数料を課すか拒否できる（立証責任は事業者）',
    en: 'free; a reasonable fee or refusal only for manifestly unfounded or excessive (notably repetitive) requests, which the business must show',
  },
  citation: {
    ja: '民法典 §1798.130(a)(2)(A)・§1798.145(h)(3)',
    en: 'Civ. Code §§1798.130(a)(2)(A), 1798.145(h)(3)',
    verify:
      '§1798.130(a)(2)(A) "free of charge" is confirmed; the manifestly-unfounded rule was §1798.145(g)(3) before the CPRA, its current letter (h)(3) was not found in a source',
  },
};

export const agents: readonly AgentRule[] = [
  {
    kind: 'authorized_agent',
    evidence: {
      ja: '本人が署名した授権書。事業者は本人に直接本人確認又は授権の確認を求めることができる',
      en: 'signed permission from the consumer; the business may ask the consumer to verify their identity or confirm the permission directly',
    },
    citation: { ja: 'CCPA規則 §7063(a)', en: 'CCPA Regs §7063(a)' },
  },
  {
    kind: 'proxy',
    evidence: {
      ja: '遺言検認法典 §§4121–4130 に基づく委任状',
      en: 'a power of attorney under Probate Code §§4121–4130',
    },
    citation: { ja: 'CCPA規則 §7063(b)', en: 'CCPA Regs §7063(b)' },
  },
  {
    kind: 'parent',
    evidence: {
      ja: '未成年の子の親又は法定後見人であることの確認',
      en: 'proof of being the parent or legal guardian of the minor child',
    },
    citation: {
      ja: '民法典 §1798.140(ak)（検証可能な消費者請求の定義）',
      en: 'Civ. Code §1798.140(ak) ("verifiable consumer request")',
    },
  },
  {
    kind: 'guardian',
    evidence: { ja: '後見人（conservator）であることの確認', en: 'proof of conservatorship' },
    citation: {
      ja: '民法典 §1798.140(ak)（検証可能な消費者請求の定義）',
      en: 'Civ. Code §1798.140(ak) ("verifiable consumer request")',
      verify:
        'no source found for conservators: §1798.140(ak) names only the consumer, a parent of a minor child and an authorised agent',
    },
  },
];

export const verifiable = (standardJa: string, standardEn: string, citationEn: string): VerificationRule => ({
  required: true,
  standard: { ja: standardJa, en: standardEn },
  citation: { ja: `CCPA規則 ${citationEn.replace('CCPA Regs ', '')}`, en: citationEn },
  agents,
});

export const notVerifiable: VerificationRule = {
  required: false,
  standard: {
    ja: '検証可能な消費者請求は要求しない。処理に必要な情報のみ求め、不正と信じる根拠があれば拒否できる',
    en: 'not a verifiable consumer request: ask only what is needed to act on it; may deny on a documented good-faith belief of fraud',
  },
  citation: {
    ja: 'CCPA規則 §7026(d)・§7027(e)',
    en: 'CCPA Regs §§7026(d), 7027(e)',
    verify: '§7027(e) is confirmed; the letter (d) of the same rule in §7026 was not seen in a source',
  },
  agents: agents.filter((a) => a.kind === 'authorized_agent' || a.kind === 'proxy'),
};

export const nonDiscrimination: Duty = {
  id: 'ccpa.non_discrimination',
  text: {
    ja: '権利行使を理由に差別（提供拒否、価格・品質の差異、報復）をしない',
    en: 'do not discriminate (deny goods, charge different prices, lower quality, retaliate) for exercising rights',
  },
  citation: { ja: '民法典 §1798.125', en: 'Civ. Code §1798.125' },
};

export const explainDenial: Duty = {
  id: 'ccpa.explain_denial',
  text: {
    ja: '全部又は一部を拒否するときは理由を説明する',
    en: 'explain the basis of a denial in whole or in part',
  },
  citation: {
    ja: 'CCPA規則 §7022(f)・§7023(f)(1)・§7024',
    en: 'CCPA Regs §§7022(f), 7023(f)(1), 7024',
    verify:
      '§7022(f) and §7023(f)(1) are confirmed; §7024(a)–(b) only require telling the requestor that their identity cannot be verified; a §7024 subsection on explaining the basis of other denials was not seen',
  },
};

export const manifestlyUnfounded = (prefix: string): Ground => ({
  id: `${prefix}.manifestly_unfounded`,
  text: { ja: '明らかに根拠がない又は過剰な請求', en: 'the request is manifestly unfounded or excessive' },
  citation: {
    ja: '民法典 §1798.145(h)(3)',
    en: 'Civ. Code §1798.145(h)(3)',
    verify: 'was §1798.145(g)(3) before the CPRA; the current letter (h)(3) was not found in a source',
  },
});

export const unverified = (prefix: string, citationEn: string): Ground => ({
  id: `${prefix}.unverified`,
  text: {
    ja: '45日以内に本人確認ができない',
    en: 'the consumer cannot be verified within the 45-day period',
  },
  citation: {
    ja: `CCPA規則 §7021(b)、${citationEn.replace('CCPA Regs ', '')}`,
    en: `CCPA Regs §7021(b); ${citationEn}`,
  },
});

// Civ. Code §1798.105(d)(1)–(8): retention needs that defeat a request to delete (the seed policy 000 lists the same eight).
export const deletionExceptions: Ground[] = [
  [
    'transaction',
    'complete the transaction, warranty or recall, provide the requested service, or perform a contract',
    '取引の完了、保証・リコール、要求された役務の提供、契約の履行',
  ],
  [
    'security',
    'help ensure security and integrity, as reasonably necessary and proportionate',
    'セキュリティと完全性の確保（合理的に必要かつ比例的な範囲）',
  ],
  [
    'debug',
    'debug to identify and repair errors impairing intended functionality',
    '意図された機能を損なうエラーを特定・修正するためのデバッグ',
  ],
  [
    'free_speech',
    'exercise free speech or another right provided by law',
    '言論の自由その他法律上の権利の行使',
  ],
  [
    'calecpa',
    'comply with the California Electronic Communications Privacy Act (Penal Code §1546 et seq.)',
    'カリフォルニア州電子通信プライバシー法（刑法典 §1546以下）の遵守',
  ],
  [
    'research',
    'public or peer-reviewed research in the public interest that deletion would render impossible or seriously impair, with informed consent',
    '公益のための研究で、削除により研究が不可能又は著しく損なわれ、事前のインフォームドコンセントがある場合',
  ],
  [
    'internal_uses',
    "solely internal uses reasonably aligned with the consumer's expectations and the context of collection",
    '消費者の期待及び提供の文脈に合理的に沿う内部利用のみ',
  ],
  ['legal_obligation', 'comply with a legal obligation', '法的義務の遵守'],
].map(([key, en, ja], i) => ({
  id: `ccpa.delete.${key}`,
  text: { ja: ja as string, en: en as string },
  citation: { ja: `民法典 §1798.105(d)(${i + 1})`, en: `Civ. Code §1798.105(d)(${i + 1})` },
}));
