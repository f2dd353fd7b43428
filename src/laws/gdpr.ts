/**
 * EU/EEA: Regulation (EU) 2016/679 (General Data Protection Regulation).
 *
 * Time limits: "without undue delay and in any event within one month of receipt", extendable "by two
 * further months where necessary" if the person is told within the first month, with reasons
 * (Art. 12(3)). Periods are counted under Regulation (EEC, Euratom) No 1182/71 Art. 3 (the EDPB's
 * Guidelines 01/2022 on the right of access do the same):
 * - the day of receipt is not counted (Art. 3(1)); one month later ends on the same date, or on the
 *   month's last day when that date does not exist — 31 January → 28/29 February (Art. 3(2)(c));
 * - a period ending on a Saturday, Sunday or public holiday ends on the next working day (Art. 3(4)).
 * The two further months run from the (unmoved) end of the first month, so 31 Jan → 28 Feb → 28 Apr.
 */

import {
  common,
  EEA,
  fee,
  informIfNotActing,
  notifyRecipients,
  oneMonth,
  verification,
} from './gdpr.common.js';
import { GDPR_INCIDENTS } from './gdpr.incidents.js';
import type { LawTable } from './law.js';
import { period } from './period.js';

export const GDPR: LawTable = {
  id: 'gdpr',
  name: { ja: 'EU一般データ保護規則', en: 'General Data Protection Regulation' },
  shortName: { ja: 'GDPR', en: 'GDPR' },
  citation: { ja: '規則 (EU) 2016/679', en: 'Regulation (EU) 2016/679' },
  calendar: {
    default: { base: 'weekdays' },
    why: {
      ja: '期間末日が土日祝日なら翌執務日に延びる（規則1182/71 第3条第4項）。加盟国の祝日は扱わず土日のみ延ばすため、期限が法定より遅くなることはない',
      en: "a period ending on a weekend or public holiday ends on the next working day (Reg. 1182/71 Art. 3(4)); member-state holidays are not modelled, so only weekends move the end and Mamori's date is never later than the legal one",
    },
  },
  applicability: {
    always: false,
    residences: EEA.map((country) => ({ country })),
    why: {
      ja: 'EEA 域内の本人（方針の EEA 附則に合わせ居住地で判定）',
      en: "persons in the EEA (decided by residence, as the policy's EEA annex does)",
    },
    citation: {
      ja: 'GDPR 第3条、EEA合同委員会決定 No 154/2018',
      en: 'GDPR Art. 3; EEA Joint Committee Decision No 154/2018',
    },
  },
  kinds: [
    {
      id: 'gdpr.access',
      aspects: ['access', 'copy'],
      name: { ja: 'アクセス権（写しの提供）', en: 'Right of access' },
      citation: { ja: 'GDPR 第15条', en: 'GDPR Art. 15' },
      deadline: oneMonth,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'gdpr.access.rights_of_others',
          text: {
            ja: '写しの提供が他者の権利及び自由に悪影響を及ぼす部分',
            en: 'the part of the copy that would adversely affect the rights and freedoms of others',
          },
          citation: { ja: 'GDPR 第15条第4項', en: 'GDPR Art. 15(4)' },
        },
        ...common('gdpr.access'),
      ],
      duties: [
        {
          id: 'gdpr.access_information',
          text: {
            ja: '目的、カテゴリ、受領者、保存期間、権利、情報源、自動化された決定、第三国移転の保護措置を知らせる',
            en: 'give the purposes, categories, recipients, retention, rights, source, automated decisions and transfer safeguards',
          },
          citation: { ja: 'GDPR 第15条第1項・第2項', en: 'GDPR Art. 15(1)–(2)' },
        },
        informIfNotActing,
      ],
    },
    {
      id: 'gdpr.rectification',
      aspects: ['rectification'],
      name: { ja: '訂正の権利', en: 'Right to rectification' },
      citation: { ja: 'GDPR 第16条', en: 'GDPR Art. 16' },
      deadline: oneMonth,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'gdpr.rectification.accurate',
          text: { ja: 'データが正確である場合', en: 'the data is accurate' },
          citation: { ja: 'GDPR 第16条', en: 'GDPR Art. 16' },
        },
        ...common('gdpr.rectification'),
      ],
      duties: [notifyRecipients, informIfNotActing],
    },
    {
      id: 'gdpr.erasure',
      aspects: ['erasure'],
      name: { ja: '消去の権利（忘れられる権利）', en: 'Right to erasure' },
      citation: { ja: 'GDPR 第17条', en: 'GDPR Art. 17' },
      deadline: oneMonth,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'gdpr.erasure.no_ground',
          text: {
            ja: '第17条第1項の消去事由のいずれにも当たらない',
            en: 'none of the grounds of Art. 17(1) applies',
          },
          citation: { ja: 'GDPR 第17条第1項', en: 'GDPR Art. 17(1)' },
        },
        {
          id: 'gdpr.erasure.freedom_of_expression',
          text: {
            ja: '表現及び情報の自由の行使のために必要',
            en: 'needed to exercise freedom of expression and information',
          },
          citation: { ja: 'GDPR 第17条第3項(a)', en: 'GDPR Art. 17(3)(a)' },
        },
        {
          id: 'gdpr.erasure.legal_obligation',
          text: {
            ja: '法的義務の遵守又は公共の利益・公的権限の行使のために必要',
            en: 'needed to comply with a legal obligation or for a task in the public interest or official authority',
          },
          citation: { ja: 'GDPR 第17条第3項(b)', en: 'GDPR Art. 17(3)(b)' },
        },
        {
          id: 'gdpr.erasure.public_health',
          text: { ja: '公衆衛生分野の公共の利益のため', en: 'public interest in the area of public health' },
          citation: { ja: 'GDPR 第17条第3項(c)', en: 'GDPR Art. 17(3)(c)' },
        },
        {
          id: 'gdpr.erasure.archiving_research',
          text: {
            ja: '公益のための記録保存、科学・歴史研究又は統計目的で、消去により目的達成が不可能又は著しく困難になる',
            en: 'archiving in the public interest, research or statistics that erasure would make impossible or seriously impair',
          },
          citation: { ja: 'GDPR 第17条第3項(d)', en: 'GDPR Art. 17(3)(d)' },
        },
        {
          id: 'gdpr.erasure.legal_claims',
          text: {
            ja: '法的主張の立証、行使又は防御のため',
            en: 'the establishment, exercise or defence of legal claims',
          },
          citation: { ja: 'GDPR 第17条第3項(e)', en: 'GDPR Art. 17(3)(e)' },
        },
        ...common('gdpr.erasure'),
      ],
      duties: [
        notifyRecipients,
        {
          id: 'gdpr.inform_other_controllers',
          text: {
            ja: '公開したデータは、処理している他の管理者に消去請求を知らせる合理的な措置をとる',
            en: 'where the data was made public, take reasonable steps to tell other controllers processing it',
          },
          citation: { ja: 'GDPR 第17条第2項', en: 'GDPR Art. 17(2)' },
        },
        informIfNotActing,
      ],
    },
    {
      id: 'gdpr.restriction',
      aspects: ['restriction'],
      name: { ja: '処理制限の権利', en: 'Right to restriction of processing' },
      citation: { ja: 'GDPR 第18条', en: 'GDPR Art. 18' },
      deadline: oneMonth,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'gdpr.restriction.no_condition',
          text: {
            ja: '第18条第1項(a)〜(d)のいずれにも当たらない',
            en: 'none of the situations of Art. 18(1)(a)–(d) applies',
          },
          citation: { ja: 'GDPR 第18条第1項', en: 'GDPR Art. 18(1)' },
        },
        ...common('gdpr.restriction'),
      ],
      duties: [
        notifyRecipients,
        {
          id: 'gdpr.inform_before_lifting',
          text: {
            ja: '制限を解除する前に本人に知らせる',
            en: 'tell the person before the restriction is lifted',
          },
          citation: { ja: 'GDPR 第18条第3項', en: 'GDPR Art. 18(3)' },
        },
        informIfNotActing,
      ],
    },
    {
      id: 'gdpr.portability',
      aspects: ['portability', 'copy'],
      name: { ja: 'データポータビリティの権利', en: 'Right to data portability' },
      citation: { ja: 'GDPR 第20条', en: 'GDPR Art. 20' },
      deadline: oneMonth,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'gdpr.portability.basis_or_means',
          text: {
            ja: '同意又は契約に基づく自動化された処理ではない',
            en: 'the processing is not based on consent or contract, or not carried out by automated means',
          },
          citation: { ja: 'GDPR 第20条第1項', en: 'GDPR Art. 20(1)' },
        },
        {
          id: 'gdpr.portability.public_task',
          text: {
            ja: '公共の利益・公的権限の行使のための処理',
            en: 'processing necessary for a task in the public interest or official authority',
          },
          citation: { ja: 'GDPR 第20条第3項', en: 'GDPR Art. 20(3)' },
        },
        {
          id: 'gdpr.portability.rights_of_others',
          text: {
            ja: '他者の権利及び自由に悪影響を及ぼす',
            en: 'it would adversely affect the rights and freedoms of others',
          },
          citation: { ja: 'GDPR 第20条第4項', en: 'GDPR Art. 20(4)' },
        },
        ...common('gdpr.portability'),
      ],
      duties: [
        {
          id: 'gdpr.portability_format',
          text: {
            ja: '構造化され、一般的に利用され、機械可読な形式で提供し、可能なら他の管理者へ直接移転する',
            en: 'provide it in a structured, commonly used, machine-readable format, and transmit it directly to another controller where feasible',
          },
          citation: { ja: 'GDPR 第20条第1項・第2項', en: 'GDPR Art. 20(1)–(2)' },
        },
        informIfNotActing,
      ],
    },
    {
      id: 'gdpr.objection',
      aspects: ['objection'],
      name: {
        ja: '異議を述べる権利（ダイレクトマーケティングを含む）',
        en: 'Right to object (including direct marketing)',
      },
      citation: { ja: 'GDPR 第21条', en: 'GDPR Art. 21' },
      deadline: oneMonth,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'gdpr.objection.compelling_grounds',
          text: {
            ja: '本人の利益等に優越するやむを得ない正当な根拠又は法的主張のため（ダイレクトマーケティングには適用されない）',
            en: "compelling legitimate grounds overriding the person's interests, or legal claims (never for direct marketing, Art. 21(3))",
          },
          citation: { ja: 'GDPR 第21条第1項・第3項', en: 'GDPR Art. 21(1), (3)' },
        },
        {
          id: 'gdpr.objection.research_public_interest',
          text: {
            ja: '公共の利益のための研究・統計目的の処理',
            en: 'research or statistics necessary for a task carried out in the public interest',
          },
          citation: { ja: 'GDPR 第21条第6項', en: 'GDPR Art. 21(6)' },
        },
        ...common('gdpr.objection'),
      ],
      duties: [informIfNotActing],
    },
    {
      id: 'gdpr.withdraw_consent',
      aspects: ['withdraw_consent'],
      name: { ja: '同意の撤回', en: 'Withdrawal of consent' },
      citation: { ja: 'GDPR 第7条第3項', en: 'GDPR Art. 7(3)' },
      // Art. 12(3) governs requests under Arts. 15–22; a withdrawal takes effect when made. Mamori sets a
      // short internal target (7 days, configurable per organisation) for stopping consent-based processing.
      deadline: {
        wording: {
          ja: '撤回は直ちに効力を生じ、同意に基づく処理を停止する',
          en: 'withdrawal takes effect at once; consent-based processing stops',
        },
        citation: { ja: 'GDPR 第7条第3項', en: 'GDPR Art. 7(3)' },
        target: period(7, 'calendar_days', { closedLastDay: 'previous_business_day' }),
      },
      fee: {
        mayCharge: 'no',
        condition: {
          ja: '撤回は同意と同じく容易でなければならない',
          en: 'withdrawing must be as easy as giving consent',
        },
        citation: { ja: 'GDPR 第7条第3項', en: 'GDPR Art. 7(3)' },
      },
      verification: { ...verification, required: false },
      refusalGrounds: [],
      duties: [
        {
          id: 'gdpr.withdrawal_prior_processing',
          text: {
            ja: '撤回前の同意に基づく処理の適法性には影響しない',
            en: 'processing before the withdrawal remains lawful',
          },
          citation: { ja: 'GDPR 第7条第3項', en: 'GDPR Art. 7(3)' },
        },
      ],
    },
  ],
  incidents: GDPR_INCIDENTS,
};
