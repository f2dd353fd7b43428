/**
 * California: California Consumer Privacy Act of 2018 as amended by the California Privacy Rights Act
 * (Cal. Civ. Code §1798.100 et seq.) and the CCPA Regulations (Cal. Code Regs. tit. 11, §7000 et seq.).
 *
 * Time limits (Regs §7021; Civ. Code §1798.130(a)(2)(A)): confirm receipt within 10 business days after
 * receiving a request to know, delete or correct; answer within 45 calendar days, a period that "will
 * begin on the day that the business receives the request, regardless of time required to verify" — so
 * the day of receipt is day 1 and the 45th day is receipt + 44 (the strict reading; counting from the next
 * day would give one day more). One extension of up to 45 more days, with notice and reasons inside the
 * first 45, for at most 90 days from receipt. Opt-out of sale/sharing and requests to limit: as soon as
 * feasibly possible and no later than 15 business days from receipt (§7026(f), §7027(g)); receipt day again
 * counted as day 1 when it is a business day.
 *
 * Citations still marked `verify` could not be matched to a source text (2023 Regulations, CPRA-amended
 * Civil Code); the marker says which part remains open.
 */

import {
  deletionExceptions,
  explainDenial,
  fee,
  fifteenBusinessDays,
  fortyFiveDays,
  manifestlyUnfounded,
  nonDiscrimination,
  notVerifiable,
  unverified,
  verifiable,
} from './ccpa.common.js';
import { CCPA_INCIDENTS } from './ccpa.incidents.js';
import type { LawTable } from './law.js';

export const CCPA: LawTable = {
  id: 'ccpa',
  name: {
    ja: 'カリフォルニア州消費者プライバシー法（CPRA改正後）',
    en: 'California Consumer Privacy Act (as amended by the CPRA)',
  },
  shortName: { ja: 'CCPA/CPRA', en: 'CCPA/CPRA' },
  citation: {
    ja: 'カリフォルニア州民法典 §1798.100 以下、規則 11 CCR §7000 以下',
    en: 'Cal. Civ. Code §1798.100 et seq.; Cal. Code Regs. tit. 11, §7000 et seq.',
  },
  calendar: {
    // The Regulations say "business days" without defining them. Mon–Fri minus US federal legal public
    // holidays is the reading least likely to be later than any other: California-only state holidays
    // (Gov. Code §6700: Cesar Chavez Day, Native American Day, Lincoln Day, Lunar New Year, …) are not
    // excluded, since excluding more days only pushes deadlines later. An organisation that is closed on
    // them may add them as extra holidays.
    default: { base: 'us-federal' },
    why: {
      ja: '規則は「営業日」を定義しないため、月〜金から米国連邦祝日（5 U.S.C. §6103）を除いて数える。州独自の祝日は除かない（期限を遅らせないため）',
      en: 'the Regulations do not define "business days": Mamori counts Monday–Friday minus US federal holidays (5 U.S.C. §6103) and does not skip California-only holidays, which would only make deadlines later',
    },
  },
  applicability: {
    always: false,
    residences: [{ country: 'US', regions: ['CA'] }],
    why: { ja: 'カリフォルニア州居住者である消費者', en: 'consumers who are California residents' },
    citation: {
      ja: '民法典 §1798.140（「消費者」の定義）',
      en: 'Civ. Code §1798.140 (definition of "consumer")',
      verify:
        'the definition was §1798.140(g) before the CPRA; a secondary glossary gives the current letter as (i), not yet seen in the statute text',
    },
  },
  kinds: [
    {
      id: 'ccpa.know',
      aspects: ['access', 'copy', 'portability'],
      name: {
        ja: '知る権利（カテゴリ及び具体的な情報）',
        en: 'Right to know (categories and specific pieces)',
      },
      citation: {
        ja: '民法典 §1798.100・§1798.110・§1798.115、CCPA規則 §7024',
        en: 'Civ. Code §§1798.100, 1798.110, 1798.115; CCPA Regs §7024',
      },
      deadline: fortyFiveDays,
      fee,
      verification: verifiable(
        'カテゴリは合理的な確実性（2項目の照合）、具体的な情報は合理的に高い確実性（3項目の照合と偽証罰の下での署名宣誓）',
        'categories: reasonable degree of certainty (two data points); specific pieces: reasonably high degree (three data points and a signed declaration under penalty of perjury)',
        'CCPA Regs §§7060–7062',
      ),
      refusalGrounds: [
        unverified('ccpa.know', 'CCPA Regs §7024(a)–(b)'),
        {
          id: 'ccpa.know.protected_identifiers',
          text: {
            ja: '社会保障番号、運転免許証番号、金融口座番号、医療保険番号、パスワード、秘密の質問の答え、生体データは開示しない（収集した事実は知らせる）',
            en: 'never disclose SSN, licence, financial account, health insurance or medical ID numbers, passwords, security answers or biometric data (say that they were collected)',
          },
          citation: { ja: 'CCPA規則 §7024(d)', en: 'CCPA Regs §7024(d)' },
        },
        {
          id: 'ccpa.know.more_than_twice',
          text: { ja: '12か月間に2回を超える請求', en: 'more than two requests in a 12-month period' },
          citation: { ja: '民法典 §1798.130(b)', en: 'Civ. Code §1798.130(b)' },
        },
        manifestlyUnfounded('ccpa.know'),
      ],
      duties: [
        {
          id: 'ccpa.lookback',
          text: {
            ja: '請求前12か月を対象とする。2022年1月1日以降に収集した情報は、不可能又は過大な労力でない限り12か月を超えて求められる',
            en: 'cover the 12 months before the request; beyond that for data collected since 2022-01-01 when asked, unless impossible or disproportionate',
          },
          citation: { ja: '民法典 §1798.130(a)(2)(B)', en: 'Civ. Code §1798.130(a)(2)(B)' },
        },
        {
          id: 'ccpa.portable_format',
          text: {
            ja: '容易に利用でき、支障なく他者へ移転できる形式で提供する',
            en: 'deliver in a readily usable format that allows transmission to another entity without hindrance',
          },
          citation: { ja: '民法典 §1798.130(a)(2)(A)', en: 'Civ. Code §1798.130(a)(2)(A)' },
        },
        explainDenial,
        nonDiscrimination,
      ],
    },
    {
      id: 'ccpa.delete',
      aspects: ['erasure'],
      name: { ja: '削除権', en: 'Right to delete' },
      citation: { ja: '民法典 §1798.105、CCPA規則 §7022', en: 'Civ. Code §1798.105; CCPA Regs §7022' },
      deadline: fortyFiveDays,
      fee,
      verification: verifiable(
        '情報の機微性と不正な削除による害に応じ、合理的な確実性又は合理的に高い確実性',
        'reasonable or reasonably high degree of certainty depending on the sensitivity of the data and the harm of an unauthorised deletion',
        'CCPA Regs §§7060–7062',
      ),
      refusalGrounds: [
        ...deletionExceptions,
        unverified('ccpa.delete', 'CCPA Regs §7022'),
        manifestlyUnfounded('ccpa.delete'),
      ],
      duties: [
        {
          id: 'ccpa.notify_deletion_downstream',
          text: {
            ja: 'サービスプロバイダ・コントラクターに削除を通知し、販売又は共有した第三者にも削除を通知する（不可能又は過大な労力の場合を除く）',
            en: 'tell service providers and contractors to delete, and tell third parties to whom the data was sold or shared, unless impossible or disproportionate',
          },
          citation: {
            ja: '民法典 §1798.105(c)(1)、CCPA規則 §7022(b)',
            en: 'Civ. Code §1798.105(c)(1); CCPA Regs §7022(b)',
          },
        },
        explainDenial,
        nonDiscrimination,
      ],
    },
    {
      id: 'ccpa.correct',
      aspects: ['rectification'],
      name: { ja: '訂正請求権', en: 'Right to correct' },
      citation: { ja: '民法典 §1798.106、CCPA規則 §7023', en: 'Civ. Code §1798.106; CCPA Regs §7023' },
      deadline: fortyFiveDays,
      fee,
      verification: verifiable(
        '情報の機微性に応じた確実性で本人確認する',
        'verify to a degree of certainty matching the sensitivity of the data',
        'CCPA Regs §§7060–7062',
      ),
      refusalGrounds: [
        {
          id: 'ccpa.correct.likely_accurate',
          text: {
            ja: '状況を総合的に考慮して、現在の情報の方が正確である可能性が高い',
            en: 'on the totality of the circumstances the existing information is more likely than not accurate',
          },
          citation: { ja: 'CCPA規則 §7023(b)', en: 'CCPA Regs §7023(b)' },
        },
        unverified('ccpa.correct', 'CCPA Regs §7023'),
        manifestlyUnfounded('ccpa.correct'),
      ],
      duties: [
        {
          id: 'ccpa.notify_correction_downstream',
          text: {
            ja: 'サービスプロバイダ・コントラクターに訂正を指示する',
            en: 'instruct service providers and contractors to make the correction',
          },
          citation: { ja: 'CCPA規則 §7023(c)', en: 'CCPA Regs §7023(c)' },
        },
        explainDenial,
        nonDiscrimination,
      ],
    },
    {
      id: 'ccpa.opt_out_sale_share',
      aspects: ['opt_out_sale_share', 'objection'],
      name: { ja: '販売・共有のオプトアウト', en: 'Opt-out of sale or sharing' },
      citation: {
        ja: '民法典 §1798.120・§1798.135、CCPA規則 §7026',
        en: 'Civ. Code §§1798.120, 1798.135; CCPA Regs §7026',
      },
      deadline: fifteenBusinessDays(
        'CCPA規則 §7026(f)(1)',
        'CCPA Regs §7026(f)(1)',
        'the 15 business days from receipt in §7026 are confirmed; the subdivision (f)(1) was not seen in a source',
      ),
      fee,
      verification: notVerifiable,
      refusalGrounds: [
        {
          id: 'ccpa.opt_out_sale_share.fraud',
          text: {
            ja: '不正な請求であると信じる善意かつ合理的で記録された根拠がある',
            en: 'a good-faith, reasonable and documented belief that the request is fraudulent',
          },
          citation: {
            ja: 'CCPA規則 §7026(e)',
            en: 'CCPA Regs §7026(e)',
            verify:
              'the same rule is confirmed as §7027(f) for requests to limit; its letter (e) in §7026 was not seen in a source',
          },
        },
      ],
      duties: [
        {
          id: 'ccpa.notify_opt_out_downstream',
          text: {
            ja: '受領後に情報を販売・共有した第三者にオプトアウトを通知し、以後の販売・共有をやめるよう指示する',
            en: 'tell third parties to whom the data was sold or shared after receipt of the opt-out, and direct them to stop',
          },
          citation: {
            ja: 'CCPA規則 §7026(f)(2)–(3)',
            en: 'CCPA Regs §7026(f)(2)–(3)',
            verify:
              'paragraphs (2)–(3) of §7026(f) were not seen in a source (the 15-business-day duty in §7026 is confirmed)',
          },
        },
        nonDiscrimination,
      ],
    },
    {
      id: 'ccpa.limit_sensitive',
      aspects: ['limit_sensitive', 'restriction'],
      name: { ja: 'センシティブ個人情報の利用制限', en: 'Limit use of sensitive personal information' },
      citation: { ja: '民法典 §1798.121、CCPA規則 §7027', en: 'Civ. Code §1798.121; CCPA Regs §7027' },
      deadline: fifteenBusinessDays(
        'CCPA規則 §7027(g)(1)',
        'CCPA Regs §7027(g)(1)',
        '§7027(g)(1) is confirmed as the duty to stop using the information; its "15 business days" words were cut off in the source seen',
      ),
      fee,
      verification: notVerifiable,
      refusalGrounds: [
        {
          id: 'ccpa.limit_sensitive.permitted_purposes',
          text: {
            ja: '平均的な消費者が合理的に期待する役務の提供、セキュリティ、短期的利用、代理での役務、品質維持等の許容目的での利用',
            en: "use for the permitted purposes: services reasonably expected, security and integrity, short-term transient use, services on the business's behalf, quality and safety",
          },
          citation: { ja: 'CCPA規則 §7027(m)', en: 'CCPA Regs §7027(m)' },
        },
        {
          id: 'ccpa.limit_sensitive.fraud',
          text: {
            ja: '不正な請求であると信じる善意かつ合理的で記録された根拠がある',
            en: 'a good-faith, reasonable and documented belief that the request is fraudulent',
          },
          citation: { ja: 'CCPA規則 §7027(f)', en: 'CCPA Regs §7027(f)' },
        },
      ],
      duties: [nonDiscrimination],
    },
  ],
  incidents: CCPA_INCIDENTS,
};
