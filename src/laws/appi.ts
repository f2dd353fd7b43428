/**
 * Japan: 個人情報の保護に関する法律 (Act on the Protection of Personal Information, APPI; Act No. 57 of 2003
 * as renumbered by the 2020 amendment in force 2022-04-01), its Cabinet Order (施行令) and the PPC Rules
 * (個人情報保護委員会規則 = 施行規則).
 *
 * Time limits: the Act says 遅滞なく ("without delay") for every request and fixes no number of days, so
 * the due date is the organisation's internal target (default 14 calendar days, moved back to the last
 * working day before a closed day). What the Act does fix is Art. 39: the person may sue once two weeks
 * have passed since the request reached the business (民法 Arts. 140/143: the day of arrival is not counted,
 * so the 2-week period ends on arrival + 14 days and suit is possible from arrival + 15). Art. 142's move off
 * a holiday is not applied to that point: the earliest day a suit may be filed is what the office must beat.
 */

import {
  deadline,
  disclosureGrounds,
  explainReasons,
  feeAllowed,
  noFee,
  notifyOutcome,
  procedureGrounds,
  purposeNoticeDeadline,
  stopUseDifficulty,
  verification,
} from './appi.common.js';
import { APPI_INCIDENTS } from './appi.incidents.js';
import type { LawTable } from './law.js';

export const APPI: LawTable = {
  id: 'appi',
  name: { ja: '個人情報の保護に関する法律', en: 'Act on the Protection of Personal Information' },
  shortName: { ja: '個人情報保護法', en: 'APPI' },
  citation: { ja: '平成15年法律第57号', en: 'Act No. 57 of 2003' },
  calendar: {
    default: 'organisation',
    why: {
      ja: '社内目標は組織の営業日カレンダー（日本の祝日、任意で年末年始休業）で数える',
      en: "internal targets follow the organisation's own working calendar (Japanese holidays, optional year-end closing)",
    },
  },
  applicability: {
    always: true,
    residences: [{ country: 'JP' }],
    why: {
      ja: '日本の個人情報取扱事業者は、本人の居住地を問わず保有個人データについて義務を負う',
      en: 'a business in Japan owes these duties for all its held personal data, wherever the person lives',
    },
    citation: { ja: '個人情報保護法 第16条第2項・第171条', en: 'APPI Arts. 16(2), 171' },
  },
  kinds: [
    {
      id: 'appi.purpose_notice',
      aspects: ['purpose_notice'],
      name: { ja: '利用目的の通知', en: 'Notice of purpose of use' },
      citation: { ja: '個人情報保護法 第32条第2項', en: 'APPI Art. 32(2)' },
      deadline: purposeNoticeDeadline,
      fee: feeAllowed,
      verification,
      refusalGrounds: [
        {
          id: 'appi.purpose_notice.already_clear',
          text: {
            ja: '公表等により本人が識別される保有個人データの利用目的が明らかな場合',
            en: 'the purpose is already clear from what the business has published under Art. 32(1)',
          },
          citation: { ja: '個人情報保護法 第32条第2項第1号', en: 'APPI Art. 32(2)(i)' },
        },
        {
          id: 'appi.purpose_notice.art21_4',
          text: {
            ja: '通知により本人・第三者又は事業者の権利利益を害するおそれがある場合等（第21条第4項第1号〜第3号）',
            en: 'notice would harm the person, a third party or the business, or hinder state affairs (Art. 21(4)(i)–(iii))',
          },
          citation: { ja: '個人情報保護法 第32条第2項第2号', en: 'APPI Art. 32(2)(ii)' },
        },
        ...procedureGrounds('appi.purpose_notice', true),
      ],
      duties: [
        {
          id: 'appi.notify_refusal',
          text: {
            ja: '通知しない旨を決定したときは、遅滞なくその旨を通知する',
            en: 'tell the person without delay when deciding not to give notice',
          },
          citation: { ja: '個人情報保護法 第32条第3項', en: 'APPI Art. 32(3)' },
        },
        explainReasons,
      ],
    },
    {
      id: 'appi.disclosure',
      aspects: ['access', 'copy'],
      name: { ja: '保有個人データの開示', en: 'Disclosure of held personal data' },
      citation: { ja: '個人情報保護法 第33条第1項・第2項', en: 'APPI Art. 33(1)–(2)' },
      deadline,
      fee: feeAllowed,
      verification,
      refusalGrounds: [...disclosureGrounds('appi.disclosure'), ...procedureGrounds('appi.disclosure', true)],
      duties: [
        {
          id: 'appi.disclosure_method',
          text: {
            ja: '本人が指示した方法（電磁的記録の提供・書面の交付・その他）で開示する。困難な場合は書面で開示し、その旨を通知する',
            en: 'disclose by the method the person chose (electronic record, paper, other); where that is difficult, on paper with notice',
          },
          citation: {
            ja: '個人情報保護法 第33条第1項・第2項・第3項、施行規則 第30条',
            en: 'APPI Art. 33(1)–(3); PPC Rules Art. 30',
            verify:
              'PPC Rules article number 30 unconfirmed: Art. 33(1) delegating the methods (electronic record or other) to the PPC Rules is confirmed, the Rules article was not found',
          },
        },
        {
          id: 'appi.notify_non_disclosure',
          text: {
            ja: '全部又は一部を開示しない決定、データが存在しないとき、指示された方法が困難なときは遅滞なく通知する',
            en: 'tell the person without delay of a decision not to disclose, that no data exists, or that the chosen method is not possible',
          },
          citation: { ja: '個人情報保護法 第33条第3項', en: 'APPI Art. 33(3)' },
        },
        explainReasons,
      ],
    },
    {
      id: 'appi.provision_records',
      aspects: ['provision_records'],
      name: { ja: '第三者提供記録の開示', en: 'Disclosure of third-party provision records' },
      citation: { ja: '個人情報保護法 第33条第5項', en: 'APPI Art. 33(5)' },
      deadline,
      fee: feeAllowed,
      verification,
      refusalGrounds: [
        ...disclosureGrounds('appi.provision_records'),
        {
          id: 'appi.provision_records.public_interest',
          text: {
            ja: '記録の存否が明らかになることにより公益その他の利益が害されるものとして政令で定める記録',
            en: 'records whose existence, if revealed, would harm the public or other interests as the Cabinet Order specifies',
          },
          citation: {
            ja: '個人情報保護法 第33条第5項、施行令 第11条',
            en: 'APPI Art. 33(5); Cabinet Order Art. 11',
          },
        },
        ...procedureGrounds('appi.provision_records', true),
      ],
      duties: [
        {
          id: 'appi.notify_non_disclosure',
          text: {
            ja: '開示しない決定や記録が存在しないときは遅滞なく通知する',
            en: 'tell the person without delay of a decision not to disclose or that no record exists',
          },
          citation: { ja: '個人情報保護法 第33条第5項・第3項', en: 'APPI Art. 33(5) with (3)' },
        },
        explainReasons,
      ],
    },
    {
      id: 'appi.correction',
      aspects: ['rectification'],
      name: { ja: '訂正・追加・削除（訂正等）', en: 'Correction, addition or deletion' },
      citation: { ja: '個人情報保護法 第34条第1項・第2項', en: 'APPI Art. 34(1)–(2)' },
      deadline,
      fee: noFee,
      verification,
      refusalGrounds: [
        {
          id: 'appi.correction.content_true',
          text: {
            ja: '調査の結果、内容が事実でないとは認められない場合',
            en: 'investigation does not show the content to be untrue',
          },
          citation: { ja: '個人情報保護法 第34条第1項・第2項', en: 'APPI Art. 34(1)–(2)' },
        },
        {
          id: 'appi.correction.beyond_purpose',
          text: {
            ja: '利用目的の達成に必要な範囲を超える訂正等',
            en: 'the change goes beyond what the purpose of use requires',
          },
          citation: { ja: '個人情報保護法 第34条第2項', en: 'APPI Art. 34(2)' },
        },
        {
          id: 'appi.correction.special_procedure',
          text: {
            ja: '他の法令により特別の手続が定められている場合',
            en: 'another law provides a special procedure for the correction',
          },
          citation: { ja: '個人情報保護法 第34条第2項', en: 'APPI Art. 34(2)' },
        },
        ...procedureGrounds('appi.correction', false),
      ],
      duties: [notifyOutcome('第34条第3項', 'Art. 34(3)'), explainReasons],
    },
    {
      id: 'appi.stop_use',
      aspects: ['restriction', 'erasure'],
      name: { ja: '利用停止・消去（利用停止等）', en: 'Stop of use or erasure' },
      citation: {
        ja: '個人情報保護法 第35条第1項・第2項・第5項・第6項',
        en: 'APPI Art. 35(1), (2), (5), (6)',
      },
      deadline,
      fee: noFee,
      verification,
      refusalGrounds: [
        {
          id: 'appi.stop_use.no_ground',
          text: {
            ja: '請求の理由（目的外利用・不適正利用・不正取得、利用する必要がなくなった、報告対象事態の発生、本人の権利又は正当な利益が害されるおそれ）がない場合',
            en: 'none of the grounds applies (use beyond purpose, improper use, wrongful acquisition, no longer needed, reportable incident, risk to rights or legitimate interests)',
          },
          citation: { ja: '個人情報保護法 第35条第1項・第5項', en: 'APPI Art. 35(1), (5)' },
        },
        {
          id: 'appi.stop_use.beyond_necessary',
          text: {
            ja: '違反の是正又は権利利益の侵害防止に必要な限度を超える部分',
            en: 'the part that goes beyond what is needed to cure the breach or prevent the harm',
          },
          citation: { ja: '個人情報保護法 第35条第2項・第6項', en: 'APPI Art. 35(2), (6)' },
        },
        stopUseDifficulty('appi.stop_use', '第35条第2項・第6項ただし書', 'Art. 35(2), (6) proviso'),
        ...procedureGrounds('appi.stop_use', false),
      ],
      duties: [notifyOutcome('第35条第7項', 'Art. 35(7)'), explainReasons],
    },
    {
      id: 'appi.stop_provision',
      aspects: ['stop_provision'],
      name: { ja: '第三者提供の停止', en: 'Stop of provision to third parties' },
      citation: { ja: '個人情報保護法 第35条第3項・第4項・第5項・第6項', en: 'APPI Art. 35(3)–(6)' },
      deadline,
      fee: noFee,
      verification,
      refusalGrounds: [
        {
          id: 'appi.stop_provision.no_ground',
          text: {
            ja: '同意のない第三者提供・外国第三者提供の違反、利用する必要がなくなった等の理由がない場合',
            en: 'none of the grounds applies (provision without consent, foreign-transfer breach, no longer needed, incident, risk to rights)',
          },
          citation: { ja: '個人情報保護法 第35条第3項・第5項', en: 'APPI Art. 35(3), (5)' },
        },
        stopUseDifficulty('appi.stop_provision', '第35条第4項・第6項ただし書', 'Art. 35(4), (6) proviso'),
        ...procedureGrounds('appi.stop_provision', false),
      ],
      duties: [notifyOutcome('第35条第7項', 'Art. 35(7)'), explainReasons],
    },
  ],
  incidents: APPI_INCIDENTS,
};
