/**
 * Building blocks shared by the rows of appi.ts: the deadline rule, fee rule, verification and agents,
 * and grounds or duties that several kinds repeat.
 */
import type { AgentRule, DeadlineRule, Duty, FeeRule, Ground, VerificationRule } from './law.js';
import { period } from './period.js';

// Art. 32(2) notice of purpose is a 求め, not a 請求: Art. 39's right to sue does not cover it.
export const purposeNoticeDeadline: DeadlineRule = {
  wording: { ja: '遅滞なく', en: 'without delay' },
  citation: { ja: '個人情報保護法 第32条第2項', en: 'APPI Art. 32(2)' },
  target: period(14, 'calendar_days', { closedLastDay: 'previous_business_day' }),
};

// Arts. 33(1) (with (5)), 34(1) and 35(1), (3), (5) requests may be taken to court (Art. 39). A postal
// request counts as arrived when it would normally have arrived (Art. 39(2)): the caller passes that moment.
export const deadline: DeadlineRule = {
  wording: { ja: '遅滞なく', en: 'without delay' },
  citation: {
    ja: '個人情報保護法 第33条第2項・第34条第2項・第35条',
    en: 'APPI Arts. 33(2), 34(2), 35',
  },
  target: period(14, 'calendar_days', { closedLastDay: 'previous_business_day' }),
  suit: {
    period: period(2, 'weeks'),
    wording: {
      ja: '請求が到達した日から2週間を経過した後は、本人は訴えを提起できる（拒否された場合は直ちに）',
      en: 'two weeks after the request reached the business the person may sue (at once if refused)',
    },
    citation: { ja: '個人情報保護法 第39条第1項・第2項', en: 'APPI Art. 39(1)–(2)' },
  },
};

// APPI Art. 38: fees only for notice of purpose and disclosure, "reasonable in view of actual cost".
export const feeAllowed: FeeRule = {
  mayCharge: 'yes',
  condition: {
    ja: '実費を勘案して合理的であると認められる範囲内で定める額（額は台帳の設定による）',
    en: 'an amount reasonable in view of actual cost (set in the register settings)',
  },
  citation: {
    ja: '個人情報保護法 第38条第1項・第2項',
    en: 'APPI Art. 38(1)–(2)',
  },
};

export const noFee: FeeRule = {
  mayCharge: 'no',
  condition: {
    ja: '手数料を徴収できるのは利用目的の通知と開示のみ',
    en: 'fees may be charged only for notice of purpose and disclosure',
  },
  citation: { ja: '個人情報保護法 第38条第1項', en: 'APPI Art. 38(1)' },
};

export const agents: readonly AgentRule[] = [
  {
    kind: 'parent',
    evidence: {
      ja: '親権者であることを示す書類（戸籍謄本等）と本人・代理人の確認書類',
      en: 'proof of parental authority (family register) and ID of both',
    },
    citation: {
      ja: '個人情報保護法 第37条第3項、施行令 第13条第1号',
      en: 'APPI Art. 37(3); Cabinet Order Art. 13(i)',
      verify:
        'Cabinet Order article number 13 unconfirmed: the agent list (legal representative of a minor or adult ward; agent mandated by the person) is confirmed in the pre-2022 Order (then Art. 8), its post-2022 number was not found',
    },
  },
  {
    kind: 'guardian',
    evidence: {
      ja: '成年後見人であることを示す登記事項証明書と本人・代理人の確認書類',
      en: 'certificate of registered guardianship and ID of both',
    },
    citation: {
      ja: '個人情報保護法 第37条第3項、施行令 第13条第1号',
      en: 'APPI Art. 37(3); Cabinet Order Art. 13(i)',
      verify:
        'Cabinet Order article number 13 unconfirmed: the agent list (legal representative of a minor or adult ward; agent mandated by the person) is confirmed in the pre-2022 Order (then Art. 8), its post-2022 number was not found',
    },
  },
  {
    kind: 'proxy',
    evidence: {
      ja: '委任状（本人の実印と印鑑証明書）と代理人の確認書類',
      en: "power of attorney (registered seal with certificate) and the agent's ID",
    },
    citation: {
      ja: '個人情報保護法 第37条第3項、施行令 第13条第2号',
      en: 'APPI Art. 37(3); Cabinet Order Art. 13(ii)',
      verify:
        'Cabinet Order article number 13 unconfirmed: the agent list (legal representative of a minor or adult ward; agent mandated by the person) is confirmed in the pre-2022 Order (then Art. 8), its post-2022 number was not found',
    },
  },
];

export const verification: VerificationRule = {
  required: true,
  standard: {
    ja: '本人（又は代理人）であることを事業者が定める方法で確認する。本人に過重な負担を課さないよう配慮する',
    en: 'confirm the requester is the person (or a lawful agent) by the method the business has set, without an excessive burden',
  },
  citation: { ja: '個人情報保護法 第37条第1項・第2項・第4項', en: 'APPI Art. 37(1), (2), (4)' },
  agents,
};

export const notifyOutcome = (article: string, articleEn: string): Duty => ({
  id: 'appi.notify_outcome',
  text: {
    ja: '措置をとった場合・とらない決定をした場合は、遅滞なく本人に通知する',
    en: 'tell the person without delay what was done, or that it was decided not to act',
  },
  citation: { ja: `個人情報保護法 ${article}`, en: `APPI ${articleEn}` },
});

export const explainReasons: Duty = {
  id: 'appi.explain_reasons',
  text: {
    ja: '求められた措置の全部又は一部をとらない場合は、その理由を説明するよう努める',
    en: 'where the requested measure is not taken in whole or in part, endeavour to explain why',
  },
  citation: { ja: '個人情報保護法 第36条', en: 'APPI Art. 36' },
};

// APPI Art. 33(2) grounds for not disclosing (also applied to provision records through Art. 33(5)).
export const disclosureGrounds = (prefix: string): Ground[] => [
  {
    id: `${prefix}.harm_to_life_or_rights`,
    text: {
      ja: '本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合',
      en: 'disclosure is likely to harm the life, body, property or other rights or interests of the person or a third party',
    },
    citation: { ja: '個人情報保護法 第33条第2項第1号', en: 'APPI Art. 33(2)(i)' },
  },
  {
    id: `${prefix}.business_obstruction`,
    text: {
      ja: '当該個人情報取扱事業者の業務の適正な実施に著しい支障を及ぼすおそれがある場合',
      en: 'disclosure is likely to seriously interfere with the proper conduct of the business',
    },
    citation: { ja: '個人情報保護法 第33条第2項第2号', en: 'APPI Art. 33(2)(ii)' },
  },
  {
    id: `${prefix}.other_law`,
    text: { ja: '他の法令に違反することとなる場合', en: 'disclosure would violate another law' },
    citation: { ja: '個人情報保護法 第33条第2項第3号', en: 'APPI Art. 33(2)(iii)' },
  },
];

// Procedure grounds used by the seed policies (002): the business may fix the procedure (Art. 37(1)) and
// treats a request whose form, documents or fee are missing as not made.
export const procedureGrounds = (prefix: string, withFee: boolean): Ground[] => [
  {
    id: `${prefix}.procedure_not_followed`,
    text: {
      ja: '所定の請求書の未記入・必要書類の不足等、定めた手続によらない場合',
      en: 'the request does not follow the procedure set by the business (form incomplete, documents missing)',
    },
    citation: { ja: '個人情報保護法 第37条第1項', en: 'APPI Art. 37(1)' },
  },
  ...(withFee
    ? [
        {
          id: `${prefix}.fee_unpaid`,
          text: {
            ja: '所定の期間内に手数料が支払われない場合（請求がなかったものとして扱う）',
            en: 'the fee is not paid within the set period (treated as no request)',
          },
          citation: { ja: '個人情報保護法 第38条第1項', en: 'APPI Art. 38(1)' },
        },
      ]
    : []),
];

export const stopUseDifficulty = (prefix: string, citationJa: string, citationEn: string): Ground => ({
  id: `${prefix}.costly_with_alternative`,
  text: {
    ja: '多額の費用を要する等、措置が困難な場合であって、本人の権利利益を保護するため必要な代替措置をとるとき',
    en: 'the measure is very costly or otherwise difficult, and an alternative measure protecting the person is taken',
  },
  citation: { ja: `個人情報保護法 ${citationJa}`, en: `APPI ${citationEn}` },
});
