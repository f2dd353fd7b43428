/**
 * GDPR personal data breaches: notification to the supervisory authority (Art. 33) and communication to
 * the persons (Art. 34).
 */
import type { IncidentRules } from './law.js';

export const GDPR_INCIDENTS: IncidentRules = {
  citation: { ja: 'GDPR 第33条・第34条', en: 'GDPR Arts. 33–34' },
  authority: { ja: '所轄監督機関', en: 'the competent supervisory authority' },
  triggers: [
    {
      id: 'gdpr.incident.risk',
      text: {
        ja: '個人の権利及び自由に対するリスクが生じるおそれがある個人データ侵害',
        en: 'a personal data breach likely to result in a risk to the rights and freedoms of natural persons',
      },
      citation: { ja: 'GDPR 第33条第1項', en: 'GDPR Art. 33(1)' },
      test: (f, n) => n > 0 && f.riskToIndividuals !== 'unlikely',
    },
  ],
  exemptions: [],
  reports: [
    {
      id: 'gdpr.report.supervisory_authority',
      name: { ja: '監督機関への通知', en: 'Notification to the supervisory authority' },
      wording: {
        ja: '不当な遅滞なく、可能な場合は認識から72時間以内（遅れた場合は理由を付す）',
        en: 'without undue delay and, where feasible, not later than 72 hours after becoming aware (reasons if later)',
      },
      citation: { ja: 'GDPR 第33条第1項・第4項', en: 'GDPR Art. 33(1), (4)' },
      // Awareness + 72 h exactly. Reg. 1182/71 Art. 3(1)–(2)(a) would start the count at the next whole
      // hour; Mamori does not use those extra minutes.
      due: { kind: 'hours', hours: 72 },
    },
  ],
  individuals: {
    wording: {
      ja: '高いリスクが生じるおそれがある場合、不当な遅滞なく',
      en: 'without undue delay, where the breach is likely to result in a high risk',
    },
    citation: { ja: 'GDPR 第34条第1項', en: 'GDPR Art. 34(1)' },
    due: { kind: 'without_delay' },
    requiredIf: {
      id: 'gdpr.incident.high_risk',
      text: { ja: '高いリスクが生じるおそれがある', en: 'likely to result in a high risk' },
      citation: { ja: 'GDPR 第34条第1項', en: 'GDPR Art. 34(1)' },
      test: (f) => f.riskToIndividuals === 'high',
    },
    exemptions: [
      {
        id: 'gdpr.incident.unintelligible',
        text: {
          ja: '暗号化等により権限のない者に理解できない状態にされていた',
          en: 'the data was rendered unintelligible to unauthorised persons, e.g. by encryption',
        },
        citation: { ja: 'GDPR 第34条第3項(a)', en: 'GDPR Art. 34(3)(a)' },
        test: (f) => f.encryption === 'strong_key_safe',
      },
      {
        id: 'gdpr.incident.risk_no_longer_likely',
        text: {
          ja: '事後の措置により高いリスクが生じるおそれがなくなった',
          en: 'later measures ensure the high risk is no longer likely to materialise',
        },
        citation: { ja: 'GDPR 第34条第3項(b)', en: 'GDPR Art. 34(3)(b)' },
        test: (f) => f.harmAvoidedByMeasures,
      },
    ],
    alternative: {
      condition: {
        id: 'gdpr.incident.disproportionate_effort',
        text: {
          ja: '個別の通知に過大な労力を要する',
          en: 'individual notice would involve disproportionate effort',
        },
        citation: { ja: 'GDPR 第34条第3項(c)', en: 'GDPR Art. 34(3)(c)' },
        test: (f) => f.individualNoticeImpracticable,
      },
      text: {
        ja: '公表その他の同等に効果的な方法で周知する',
        en: 'a public communication or similar equally effective measure',
      },
    },
  },
};
