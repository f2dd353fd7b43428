/**
 * APPI incident (漏えい等) reports: Art. 26 and PPC Rules Arts. 7–10.
 *
 * Reportable (報告対象事態, Rules Art. 7), counting suspected cases (おそれ) as well as confirmed ones:
 * (i) sensitive data (要配慮個人情報); (ii) data whose misuse may cause financial loss; (iii) a wrongful
 * purpose (attack, insider theft; since the April 2024 amendment also personal information being acquired
 * that was to become personal data, e.g. web skimming); (iv) more than 1,000 persons.
 * Not reportable: data protected by strong encryption or equivalent measures (Rules Art. 7 parenthetical).
 *
 * Deadlines are counted from the day the organisation learned of it, that day being day 1 and weekends
 * included, as the PPC guidelines (通則編 3-5-3-3/3-5-3-4) explain: the preliminary report 速やかに
 * ("about 3–5 days"; Mamori targets day 3), the final report within 30 days, 60 for case (iii).
 */
import type { IncidentCondition, IncidentRules } from './law.js';
import { period } from './period.js';

const guidelines = '個人情報保護委員会 ガイドライン（通則編）3-5';

const wrongfulPurpose: IncidentCondition = {
  id: 'appi.incident.wrongful_purpose',
  text: {
    ja: '不正の目的をもって行われたおそれがある漏えい等',
    en: 'a leak or similar possibly committed with a wrongful purpose',
  },
  citation: { ja: '施行規則 第7条第3号', en: 'PPC Rules Art. 7(iii)' },
  test: (f, n) => n > 0 && f.wrongfulPurpose,
};

export const APPI_INCIDENTS: IncidentRules = {
  citation: { ja: '個人情報保護法 第26条、施行規則 第7条〜第10条', en: 'APPI Art. 26; PPC Rules Arts. 7–10' },
  authority: {
    ja: '個人情報保護委員会（権限委任時は事業所管大臣）',
    en: 'Personal Information Protection Commission (or the delegated minister)',
  },
  triggers: [
    {
      id: 'appi.incident.sensitive',
      text: {
        ja: '要配慮個人情報が含まれる個人データの漏えい等',
        en: 'a leak or similar of personal data including sensitive information',
      },
      citation: { ja: '施行規則 第7条第1号', en: 'PPC Rules Art. 7(i)' },
      test: (f, n) => n > 0 && f.sensitive,
    },
    {
      id: 'appi.incident.financial_harm',
      text: {
        ja: '不正に利用されることにより財産的被害が生じるおそれがある個人データの漏えい等',
        en: 'a leak or similar of personal data whose misuse may cause financial loss',
      },
      citation: { ja: '施行規則 第7条第2号', en: 'PPC Rules Art. 7(ii)' },
      test: (f, n) => n > 0 && f.financialHarmRisk,
    },
    wrongfulPurpose,
    {
      id: 'appi.incident.over_1000',
      text: {
        ja: '本人の数が1,000人を超える漏えい等',
        en: 'a leak or similar concerning more than 1,000 persons',
      },
      citation: { ja: '施行規則 第7条第4号', en: 'PPC Rules Art. 7(iv)' },
      test: (_f, n) => n > 1000,
    },
  ],
  exemptions: [
    {
      id: 'appi.incident.strong_encryption',
      text: {
        ja: '高度な暗号化その他の個人の権利利益を保護するために必要な措置を講じた個人データ',
        en: 'the data was protected by strong encryption or equivalent measures',
      },
      citation: { ja: '施行規則 第7条柱書括弧書', en: 'PPC Rules Art. 7 (parenthetical)' },
      test: (f) => f.encryption === 'strong_key_safe',
    },
    {
      id: 'appi.incident.entrusted_notified',
      text: {
        ja: '委託を受けた者が委託元に通知した場合（委託元が報告する）',
        en: 'the organisation handles the data on entrustment and has notified the entrusting business, which reports',
      },
      citation: {
        ja: '個人情報保護法 第26条第1項ただし書、施行規則 第9条',
        en: 'APPI Art. 26(1) proviso; PPC Rules Art. 9',
      },
      test: (f) => f.entrustedAndPrincipalNotified,
    },
  ],
  reports: [
    {
      id: 'appi.report.preliminary',
      name: { ja: '速報', en: 'Preliminary report' },
      wording: { ja: '速やかに（概ね3〜5日以内）', en: 'promptly (about 3–5 days)' },
      citation: {
        ja: `施行規則 第8条第1項、${guidelines}-3-3`,
        en: 'PPC Rules Art. 8(1); PPC General Guidelines 3-5-3-3',
      },
      due: { kind: 'without_delay', target: period(3, 'calendar_days', { counting: 'start_day' }) },
    },
    {
      id: 'appi.report.final',
      name: { ja: '確報', en: 'Final report' },
      wording: {
        ja: '知った日から30日以内（不正目的の場合は60日以内）',
        en: 'within 30 days of learning of it (60 for wrongful-purpose cases)',
      },
      citation: {
        ja: `施行規則 第8条第2項、${guidelines}-3-4`,
        en: 'PPC Rules Art. 8(2); PPC General Guidelines 3-5-3-4',
        verify:
          'the 30/60-day limits are confirmed; not found: the PPC guideline passage counting the day of learning as day 1 with weekends and holidays included',
      },
      due: { kind: 'period', period: period(30, 'calendar_days', { counting: 'start_day' }) },
      dueIf: [
        {
          condition: wrongfulPurpose,
          due: { kind: 'period', period: period(60, 'calendar_days', { counting: 'start_day' }) },
        },
      ],
    },
  ],
  individuals: {
    wording: { ja: '当該事態の状況に応じて速やかに', en: 'promptly, as the situation allows' },
    citation: { ja: '個人情報保護法 第26条第2項、施行規則 第10条', en: 'APPI Art. 26(2); PPC Rules Art. 10' },
    due: { kind: 'without_delay' },
    exemptions: [],
    alternative: {
      condition: {
        id: 'appi.incident.notice_difficult',
        text: { ja: '本人への通知が困難な場合', en: 'notifying the persons is difficult' },
        citation: { ja: '個人情報保護法 第26条第2項ただし書', en: 'APPI Art. 26(2) proviso' },
        test: (f) => f.individualNoticeImpracticable,
      },
      text: {
        ja: '事案の公表、問合せ窓口の設置等、本人の権利利益を保護するため必要な代替措置をとる',
        en: 'take alternative measures protecting the persons, such as publishing the facts and opening an enquiry desk',
      },
    },
  },
};
