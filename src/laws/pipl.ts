/**
 * China: 中华人民共和国个人信息保护法 (Personal Information Protection Law, PIPL), in force 2021-11-01.
 *
 * Time limits: Art. 50 asks processors to set up a convenient mechanism and to handle requests; Art. 45(2)
 * says 及时 ("in a timely manner"). The law fixes no number of days, so the due date is an internal target,
 * default 15 working days (configurable). The recommended national standard GB/T 35273-2020 §8.7 speaks of
 * answering within 30 days; it is not binding and is not encoded.
 * Working days: Mamori does not model China's statutory holidays or the weekend make-up working days
 * (调休); the default counts Monday–Friday, and an organisation may list both kinds of day in its calendar.
 */
import type {
  AgentRule,
  DeadlineRule,
  Duty,
  FeeRule,
  IncidentRules,
  LawTable,
  VerificationRule,
} from './law.js';
import { period } from './period.js';

const deadline: DeadlineRule = {
  wording: { ja: '及時に（適時に）対応する', en: 'in a timely manner' },
  citation: { ja: '個人情報保護法(中国) 第45条第2項・第50条', en: 'PIPL Arts. 45(2), 50' },
  target: period(15, 'business_days'),
};

const fee: FeeRule = {
  mayCharge: 'conditional',
  condition: {
    ja: '法に規定なし。推奨国家標準は原則無料とし、一定期間内の反復請求に限り実費を認める',
    en: 'the law is silent; the recommended national standard says free in principle, cost-based fees only for repeated requests within a period',
  },
  citation: {
    ja: 'GB/T 35273-2020 第8.7条',
    en: 'GB/T 35273-2020 §8.7',
    verify:
      'GB/T 35273-2020 chapter 8 (rights of the subject) confirmed, with §8.5 = account cancellation (2017 ed. §7.8); that §8.7 is the clause on answering requests and what it says on fees were not seen',
  },
};

const agents: readonly AgentRule[] = [
  {
    kind: 'next_of_kin',
    evidence: {
      ja: '死者の近親者であることの証明（死者が生前に別段の定めをしていないこと）',
      en: 'proof of being a close relative of the deceased (who left no contrary arrangement)',
    },
    citation: { ja: '個人情報保護法(中国) 第49条', en: 'PIPL Art. 49' },
  },
  {
    kind: 'parent',
    evidence: {
      ja: '14歳未満の子の父母その他の監護者であることの証明',
      en: 'proof of being the parent or guardian of a child under 14',
    },
    citation: { ja: '個人情報保護法(中国) 第31条', en: 'PIPL Art. 31' },
  },
  {
    kind: 'guardian',
    evidence: { ja: '法定後見人であることの証明', en: 'proof of legal guardianship' },
    citation: {
      ja: '中国民法典 第23条・第34条',
      en: 'PRC Civil Code Arts. 23, 34',
    },
  },
  {
    kind: 'proxy',
    evidence: { ja: '本人の委任状', en: "the person's power of attorney" },
    citation: {
      ja: '中国民法典 第161条・第165条',
      en: 'PRC Civil Code Arts. 161, 165',
    },
  },
];

const verification: VerificationRule = {
  required: true,
  standard: {
    ja: '請求者が本人（又は正当な代理人）であることを確認してから対応する',
    en: 'confirm the requester is the person (or a lawful agent) before acting',
  },
  citation: {
    ja: '個人情報保護法(中国) 第50条、GB/T 35273-2020 第8.7条',
    en: 'PIPL Art. 50; GB/T 35273-2020 §8.7',
    verify:
      'PIPL Art. 50 confirmed; GB/T 35273-2020 chapter 8 numbering confirmed only up to §8.5; the clause (§8.7) on verifying the requester was not seen',
  },
  agents,
};

const refuseWithReasons: Duty = {
  id: 'pipl.refusal_reasons',
  text: {
    ja: '請求を拒否する場合は理由を説明する。本人は人民法院に訴えを提起できる',
    en: "give reasons when refusing; the person may then sue in a people's court",
  },
  citation: { ja: '個人情報保護法(中国) 第50条', en: 'PIPL Art. 50' },
};

const INCIDENTS: IncidentRules = {
  citation: { ja: '個人情報保護法(中国) 第57条', en: 'PIPL Art. 57' },
  authority: {
    ja: '個人情報保護の職責を履行する部門（国家網信部門等）',
    en: 'the departments performing personal information protection duties (e.g. the CAC)',
  },
  triggers: [
    {
      id: 'pipl.incident.leak_tamper_loss',
      text: {
        ja: '個人情報の漏えい、改ざん、紛失が発生し又は発生するおそれがある',
        en: 'personal information is, or may be, leaked, tampered with or lost',
      },
      citation: { ja: '個人情報保護法(中国) 第57条第1項', en: 'PIPL Art. 57(1)' },
      test: (_f, n) => n > 0,
    },
  ],
  exemptions: [],
  reports: [
    {
      id: 'pipl.report.authority',
      name: { ja: '主管部門への通知', en: 'Notice to the competent departments' },
      wording: {
        ja: '直ちに救済措置をとり、発生した情報の種類・原因・起こりうる害、措置、連絡先を通知する',
        en: 'immediately take remedial measures and notify the categories, causes and possible harm, the measures taken and a contact',
      },
      // Sector and CAC incident-reporting measures may add hour limits; they are not part of PIPL and
      // are not encoded here.
      citation: { ja: '個人情報保護法(中国) 第57条第1項', en: 'PIPL Art. 57(1)' },
      due: { kind: 'without_delay' },
    },
  ],
  individuals: {
    wording: { ja: '直ちに通知する', en: 'immediately' },
    citation: { ja: '個人情報保護法(中国) 第57条第1項・第2項', en: 'PIPL Art. 57(1)–(2)' },
    due: { kind: 'without_delay' },
    exemptions: [
      {
        id: 'pipl.incident.harm_avoided',
        text: {
          ja: '措置により害を有効に回避できる（主管部門が害のおそれを認める場合を除く）',
          en: 'the measures effectively avoid harm (unless the departments consider harm may result and require notice)',
        },
        citation: { ja: '個人情報保護法(中国) 第57条第2項', en: 'PIPL Art. 57(2)' },
        test: (f) => f.harmAvoidedByMeasures,
      },
    ],
  },
};

export const PIPL: LawTable = {
  id: 'pipl',
  name: { ja: '中華人民共和国個人情報保護法', en: 'Personal Information Protection Law of the PRC' },
  shortName: { ja: 'PIPL', en: 'PIPL' },
  citation: { ja: '2021年8月20日公布、同年11月1日施行', en: 'adopted 2021-08-20, in force 2021-11-01' },
  calendar: {
    default: { base: 'weekdays' },
    why: {
      ja: '中国の法定休日・振替出勤日は扱わず月〜金で数える。組織は休日・出勤日を追加できる',
      en: "China's statutory holidays and make-up working days are not modelled: Monday–Friday, with the organisation's own additions",
    },
  },
  applicability: {
    always: false,
    residences: [{ country: 'CN' }],
    why: {
      ja: '中国国内の自然人（香港・マカオ・台湾は別の法域）',
      en: 'natural persons within mainland China (Hong Kong, Macao and Taiwan have their own laws)',
    },
    citation: { ja: '個人情報保護法(中国) 第3条', en: 'PIPL Art. 3' },
  },
  kinds: [
    {
      id: 'pipl.access_copy',
      aspects: ['access', 'copy'],
      name: { ja: '閲覧・複製', en: 'Access and copy' },
      citation: { ja: '個人情報保護法(中国) 第44条・第45条第1項・第2項', en: 'PIPL Arts. 44, 45(1)–(2)' },
      deadline,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'pipl.access_copy.secrecy_by_law',
          text: {
            ja: '法令が秘密保持を求め又は告知不要とする場合',
            en: 'laws or administrative regulations require secrecy or no notice',
          },
          citation: { ja: '個人情報保護法(中国) 第45条第1項・第18条第1項', en: 'PIPL Arts. 45(1), 18(1)' },
        },
        {
          id: 'pipl.access_copy.state_duties',
          text: {
            ja: '国家機関の法定職責の遂行を妨げる場合',
            en: 'it would impede state organs performing their statutory duties',
          },
          citation: { ja: '個人情報保護法(中国) 第45条第1項・第35条', en: 'PIPL Arts. 45(1), 35' },
        },
      ],
      duties: [refuseWithReasons],
    },
    {
      id: 'pipl.portability',
      aspects: ['portability'],
      name: { ja: '移転（ポータビリティ）', en: 'Transfer to another processor' },
      citation: { ja: '個人情報保護法(中国) 第45条第3項', en: 'PIPL Art. 45(3)' },
      deadline,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'pipl.portability.cac_conditions',
          text: {
            ja: '国家網信部門が定める条件を満たさない',
            en: 'the conditions set by the national cyberspace administration are not met',
          },
          citation: { ja: '個人情報保護法(中国) 第45条第3項', en: 'PIPL Art. 45(3)' },
        },
      ],
      duties: [refuseWithReasons],
    },
    {
      id: 'pipl.correction',
      aspects: ['rectification'],
      name: { ja: '訂正・補完', en: 'Correction and supplement' },
      citation: { ja: '個人情報保護法(中国) 第46条', en: 'PIPL Art. 46' },
      deadline,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'pipl.correction.accurate',
          text: {
            ja: '確認の結果、情報が正確かつ完全である',
            en: 'on checking, the information is accurate and complete',
          },
          citation: { ja: '個人情報保護法(中国) 第46条', en: 'PIPL Art. 46' },
        },
      ],
      duties: [refuseWithReasons],
    },
    {
      id: 'pipl.deletion',
      aspects: ['erasure'],
      name: { ja: '削除', en: 'Deletion' },
      citation: { ja: '個人情報保護法(中国) 第47条', en: 'PIPL Art. 47' },
      deadline,
      fee,
      verification,
      refusalGrounds: [
        {
          id: 'pipl.deletion.no_ground',
          text: {
            ja: '第47条第1項の事由（目的達成・不要、提供終了・保存期間満了、同意撤回、違法な処理等）がない',
            en: 'none of the cases of Art. 47(1) applies (purpose achieved or unnecessary, service ended or retention expired, consent withdrawn, unlawful processing …)',
          },
          citation: { ja: '個人情報保護法(中国) 第47条第1項', en: 'PIPL Art. 47(1)' },
        },
        {
          id: 'pipl.deletion.retention_or_infeasible',
          text: {
            ja: '法定保存期間が満了していない又は技術的に削除が困難（保存と安全措置以外の処理を停止する）',
            en: 'a legal retention period has not expired or deletion is technically hard (stop all processing but storage and security measures)',
          },
          citation: { ja: '個人情報保護法(中国) 第47条第2項', en: 'PIPL Art. 47(2)' },
        },
      ],
      duties: [refuseWithReasons],
    },
    {
      id: 'pipl.explanation',
      aspects: ['explanation'],
      name: { ja: '処理ルールの説明', en: 'Explanation of processing rules' },
      citation: { ja: '個人情報保護法(中国) 第48条', en: 'PIPL Art. 48' },
      deadline,
      fee,
      verification,
      refusalGrounds: [],
      duties: [refuseWithReasons],
    },
    {
      id: 'pipl.withdraw_consent',
      aspects: ['withdraw_consent'],
      name: { ja: '同意の撤回', en: 'Withdrawal of consent' },
      citation: { ja: '個人情報保護法(中国) 第15条', en: 'PIPL Art. 15' },
      deadline,
      fee: {
        mayCharge: 'no',
        condition: {
          ja: '撤回のための便利な方法を提供しなければならない',
          en: 'a convenient way to withdraw must be provided',
        },
        citation: { ja: '個人情報保護法(中国) 第15条第1項', en: 'PIPL Art. 15(1)' },
      },
      verification,
      refusalGrounds: [],
      duties: [
        {
          id: 'pipl.withdrawal_prior_processing',
          text: {
            ja: '撤回前の同意に基づく処理の効力には影響しない',
            en: 'processing carried out before the withdrawal is not affected',
          },
          citation: { ja: '個人情報保護法(中国) 第15条第2項', en: 'PIPL Art. 15(2)' },
        },
        {
          id: 'pipl.no_refusal_of_service',
          text: {
            ja: '撤回を理由に製品・役務の提供を拒否しない（必要な場合を除く）',
            en: 'do not refuse products or services because consent was withdrawn, unless the processing is necessary for them',
          },
          citation: { ja: '個人情報保護法(中国) 第16条', en: 'PIPL Art. 16' },
        },
      ],
    },
  ],
  incidents: INCIDENTS,
};
