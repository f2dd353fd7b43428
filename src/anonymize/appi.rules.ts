import { z } from 'zod';

/**
 * APPI rules for anonymised (匿名加工情報, Art. 2(6), Arts. 43–46) and pseudonymised (仮名加工情報,
 * Art. 2(5), Arts. 41–42) information, and the PPC Enforcement Rules (個人情報の保護に関する法律施行規則)
 * Art. 34 (anonymisation standard) and Art. 31 (pseudonymisation standard). Article numbers follow the
 * Act as renumbered by the 2020/2021 amendments (in force 2022-04-01 / 2023-04-01).
 * CHECK: numbering of Enforcement Rules Arts. 31–38 and of Art. 41(9)'s exemption list should be verified
 * against the current e-Gov text before these citations are shown to customers.
 */

export const ProcessingKind = z.enum(['anonymised', 'pseudonymised']);
export type ProcessingKind = z.infer<typeof ProcessingKind>;

/** What a column holds, in the categories the processing standards speak of. */
export const ColumnCategory = z.enum([
  /** 特定の個人を識別することができる記述等: name, address line, face image … */
  'identifying-description',
  /** 個人識別符号 (Art. 2(2)): My Number, passport, driving licence, insurance numbers … */
  'identification-code',
  /** A code linking back to the source records (member id, internal key). */
  'linking-code',
  /** 不正に利用されることにより財産的被害が生じるおそれがある記述等: card numbers, bank accounts. */
  'financial',
  'quasi-identifier',
  'sensitive',
  'other',
]);
export type ColumnCategory = z.infer<typeof ColumnCategory>;

export const Treatment = z.enum(['deleted', 'pseudonymised', 'generalised', 'kept']);
export type Treatment = z.infer<typeof Treatment>;

export const ProcessingFacts = z.object({
  kind: ProcessingKind,
  columns: z.array(z.object({ name: z.string(), category: ColumnCategory, treatment: Treatment })),
  /** A keyed pseudonym whose key has been destroyed can no longer be recomputed or reversed. */
  pseudonymKeyDestroyed: z.boolean().default(false),
  /** Unusual values in the output (count after processing); see unusual.ts. */
  unusualAfter: z.array(
    z.object({
      column: z.string(),
      rareValues: z.number().int(),
      rareRecords: z.number().int(),
      extremeAgeRecords: z.number().int(),
    }),
  ),
  /** Mamori's measure for "other appropriate measures": whether the privacy model was met. */
  privacyModelMet: z.boolean(),
});
export type ProcessingFacts = z.input<typeof ProcessingFacts>;

export interface Bilingual {
  readonly ja: string;
  readonly en: string;
}

export interface Obligation extends Bilingual {
  readonly id: string;
  readonly article: string;
  readonly satisfied: boolean;
  /** Columns (names only) that keep it from being satisfied. */
  readonly offending: readonly string[];
}

const irreversible = (t: Treatment, keyDestroyed: boolean): boolean =>
  t === 'deleted' || (t === 'pseudonymised' && keyDestroyed);

/** The processing standard that applies, and whether the facts satisfy each item. */
export function processingObligations(input: ProcessingFacts): Obligation[] {
  const facts = ProcessingFacts.parse(input);
  const cols = (cats: readonly ColumnCategory[], ok: (t: Treatment) => boolean): string[] =>
    facts.columns.filter((c) => cats.includes(c.category) && !ok(c.treatment)).map((c) => c.name);
  const ob = (id: string, article: string, ja: string, en: string, offending: string[]): Obligation => ({
    id,
    article,
    ja,
    en,
    offending,
    satisfied: offending.length === 0,
  });
  if (facts.kind === 'pseudonymised') {
    // Replacement by a keyed pseudonym is allowed: the key is "deleted information" kept apart (Art. 41(2)).
    const removed = (t: Treatment): boolean => t === 'deleted' || t === 'pseudonymised';
    return [
      ob(
        'delete-identifiers',
        'PPC Rules Art. 31(1)',
        '特定の個人を識別することができる記述等の全部又は一部を削除（置換を含む）',
        'Delete or replace descriptions that identify a person',
        cols(['identifying-description'], removed),
      ),
      ob(
        'delete-identification-codes',
        'PPC Rules Art. 31(2)',
        '個人識別符号の全部を削除（置換を含む）',
        'Delete or replace all individual identification codes',
        cols(['identification-code'], removed),
      ),
      ob(
        'delete-financial',
        'PPC Rules Art. 31(3)',
        '不正に利用されることにより財産的被害が生じるおそれがある記述等を削除（置換を含む）',
        'Delete or replace descriptions whose misuse could cause financial harm',
        cols(['financial'], removed),
      ),
    ];
  }
  const keyDestroyed = facts.pseudonymKeyDestroyed;
  const ok = (t: Treatment): boolean => irreversible(t, keyDestroyed);
  // A pseudonym whose key is kept can be recomputed from the source: it is a linking code (Rules 34(3)).
  const linkingPseudonyms = keyDestroyed
    ? []
    : facts.columns.filter((c) => c.treatment === 'pseudonymised').map((c) => c.name);
  const unusual = facts.unusualAfter
    .filter((u) => u.rareRecords > 0 || u.extremeAgeRecords > 0)
    .map((u) => u.column);
  return [
    // Card numbers and the like single a person out: treated as identifying descriptions here.
    ob(
      'delete-identifiers',
      'PPC Rules Art. 34(1)',
      '特定の個人を識別することができる記述等の全部又は一部を削除（復元できない方法による置換を含む）',
      'Delete identifying descriptions, or replace them irreversibly',
      cols(['identifying-description', 'financial'], ok),
    ),
    ob(
      'delete-identification-codes',
      'PPC Rules Art. 34(2)',
      '個人識別符号の全部を削除',
      'Delete all individual identification codes',
      cols(['identification-code'], ok),
    ),
    ob(
      'delete-linking-codes',
      'PPC Rules Art. 34(3)',
      '個人情報と加工して得られる情報とを連結する符号を削除',
      'Delete codes that link the processed data to the source records',
      [...cols(['linking-code'], ok), ...linkingPseudonyms],
    ),
    ob(
      'delete-unusual-descriptions',
      'PPC Rules Art. 34(4)',
      '特異な記述等を削除（一般化を含む）',
      'Delete or generalise unusual descriptions (e.g. age 116, a rare occupation)',
      unusual,
    ),
    ob(
      'other-measures',
      'PPC Rules Art. 34(5)',
      '個人情報データベース等の性質を勘案したその他の適切な措置（k-匿名性・l-多様性による再識別リスクの評価）',
      'Other measures fitting the data: re-identification risk bounded by k-anonymity / l-diversity',
      facts.privacyModelMet ? [] : ['(privacy model not met)'],
    ),
  ];
}

export interface Duty extends Bilingual {
  readonly id: string;
  readonly article: string;
  /** When the duty arises. */
  readonly when: 'creation' | 'provision' | 'always';
  /** Legal duty, or only an effort duty (努力義務). */
  readonly strength: 'duty' | 'effort';
}

const D = (
  id: string,
  article: string,
  when: Duty['when'],
  strength: Duty['strength'],
  ja: string,
  en: string,
): Duty => ({ id, article, when, strength, ja, en });

/** The duties of the business that creates the information. */
export function duties(kind: ProcessingKind): Duty[] {
  if (kind === 'anonymised') {
    return [
      D(
        'keep-method-secret',
        'APPI Art. 43(2); PPC Rules Art. 35',
        'always',
        'duty',
        '削除した記述等及び加工の方法に関する情報の安全管理措置',
        'Protect the deleted descriptions and the processing method (keep the method secret)',
      ),
      D(
        'publish-items-on-creation',
        'APPI Art. 43(3); PPC Rules Art. 36',
        'creation',
        'duty',
        '作成後遅滞なく、匿名加工情報に含まれる個人に関する情報の項目を公表',
        'Publish the items of personal information it contains without delay after creation',
      ),
      D(
        'publish-before-provision',
        'APPI Art. 43(4); PPC Rules Art. 37',
        'provision',
        'duty',
        '第三者提供に当たり、あらかじめ項目及び提供の方法を公表',
        'Before providing it to a third party, publish its items and the method of provision',
      ),
      D(
        'tell-recipient',
        'APPI Art. 43(4); PPC Rules Art. 37',
        'provision',
        'duty',
        '提供先に対し、当該情報が匿名加工情報である旨を明示',
        'Tell the recipient explicitly that the data is anonymised information',
      ),
      D(
        'no-reidentification',
        'APPI Art. 43(5)',
        'always',
        'duty',
        '本人を識別するために他の情報と照合しない',
        'Do not collate it with other information to identify the persons',
      ),
      D(
        'security-and-complaints',
        'APPI Art. 43(6)',
        'always',
        'effort',
        '安全管理・苦情処理等の措置を講じ、その内容を公表するよう努める',
        'Endeavour to take and publish security and complaint-handling measures',
      ),
    ];
  }
  return [
    D(
      'protect-deleted-information',
      'APPI Art. 41(2); PPC Rules Art. 32',
      'always',
      'duty',
      '削除情報等（鍵・対応表を含む）を分離して保管し、アクセスを制御',
      'Store the deleted information and keys apart, under access control',
    ),
    D(
      'purpose-bound',
      'APPI Art. 41(3)',
      'always',
      'duty',
      '特定された利用目的の達成に必要な範囲内でのみ取り扱う',
      'Use it only within the specified purposes',
    ),
    D(
      'publish-purpose',
      'APPI Art. 41(4) (Art. 21 as read)',
      'creation',
      'duty',
      '利用目的を公表する',
      'Publish the purposes of use',
    ),
    D(
      'erase-when-done',
      'APPI Art. 41(5)',
      'always',
      'effort',
      '利用する必要がなくなったときは遅滞なく消去するよう努める',
      'Endeavour to erase it once it is no longer needed',
    ),
    D(
      'no-third-party-provision',
      'APPI Art. 41(6)',
      'provision',
      'duty',
      '法令に基づく場合を除き第三者に提供しない（委託・事業承継・共同利用を除く）',
      'Do not provide it to third parties (entrustment, succession and joint use aside)',
    ),
    D(
      'no-reidentification',
      'APPI Art. 41(7)',
      'always',
      'duty',
      '本人を識別するために他の情報と照合しない',
      'Do not collate it with other information to identify the persons',
    ),
    D(
      'no-contact',
      'APPI Art. 41(8)',
      'always',
      'duty',
      '含まれる連絡先等を用いて本人に連絡しない（電話・郵便・電子メール・訪問等）',
      'Do not use contact details in it to call, write, e-mail or visit the persons',
    ),
  ];
}

export interface Exemption extends Bilingual {
  /** The provision that does not apply. */
  readonly exempted: string;
  /** Where the exemption comes from. */
  readonly basis: string;
}

/** Duties of ordinary personal data that do not apply. */
export function exemptions(kind: ProcessingKind): Exemption[] {
  if (kind === 'pseudonymised') {
    // CHECK: Art. 41(9) lists Art. 17(2), Art. 26 and Arts. 32–39 as not applying.
    return [
      {
        exempted: 'APPI Art. 17(2)',
        basis: 'APPI Art. 41(9)',
        ja: '利用目的の変更の制限（関連性の範囲）',
        en: 'Limit on changing the purpose of use',
      },
      {
        exempted: 'APPI Art. 26',
        basis: 'APPI Art. 41(9)',
        ja: '漏えい等の報告・本人通知',
        en: 'Breach reporting and notice to the persons',
      },
      {
        exempted: 'APPI Arts. 32–39',
        basis: 'APPI Art. 41(9)',
        ja: '保有個人データに関する公表・開示等の請求への対応',
        en: 'Publication of held-data matters and rights requests (disclosure, correction, cessation …)',
      },
    ];
  }
  // Anonymised information is not personal information (Art. 2(6)); the personal-data duties fall away and
  // Arts. 43–46 apply instead. CHECK: confirm against the PPC guidelines (匿名加工情報編).
  return [
    {
      exempted: 'APPI Art. 27(1)',
      basis: 'APPI Art. 2(6), Art. 43(4)',
      ja: '第三者提供の本人同意（公表・明示で足りる）',
      en: 'Consent for third-party provision (publication and notice suffice)',
    },
    {
      exempted: 'APPI Art. 18',
      basis: 'APPI Art. 2(6)',
      ja: '利用目的による制限',
      en: 'Restriction to the purposes of use',
    },
    {
      exempted: 'APPI Art. 26',
      basis: 'APPI Art. 2(6)',
      ja: '漏えい等の報告・本人通知',
      en: 'Breach reporting and notice to the persons',
    },
    {
      exempted: 'APPI Arts. 32–39',
      basis: 'APPI Art. 2(6)',
      ja: '開示等の請求への対応',
      en: 'Rights requests (disclosure, correction, cessation …)',
    },
  ];
}
