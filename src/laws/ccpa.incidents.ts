/**
 * California breach notice: Cal. Civ. Code §1798.82 (the breach statute that sits beside the CCPA).
 *
 * Notice is owed to California residents whose unencrypted personal information — or encrypted
 * information together with its key or credential — was, or is reasonably believed to have been, acquired
 * by an unauthorised person, for the data elements of §1798.82(h) (name with SSN, licence/ID number,
 * account or card number with its code, medical or health-insurance data, biometric data …; or a username
 * or e-mail address with its password or security answer). No day count: "in the most expedient time
 * possible and without unreasonable delay". More than 500 residents from one breach: a sample copy of the
 * notice goes to the Attorney General (§1798.82(f)).
 */
import type { IncidentRules } from './law.js';

export const CCPA_INCIDENTS: IncidentRules = {
  citation: { ja: 'カリフォルニア州民法典 §1798.82', en: 'Cal. Civ. Code §1798.82' },
  authority: { ja: 'カリフォルニア州司法長官', en: 'California Attorney General' },
  triggers: [
    {
      id: 'ccpa.incident.covered_elements',
      text: {
        ja: '§1798.82(h) の情報要素を含む暗号化されていない個人情報が権限のない者に取得された（おそれを含む）',
        en: 'unencrypted personal information with §1798.82(h) data elements was, or is reasonably believed to have been, acquired by an unauthorised person',
      },
      citation: { ja: '民法典 §1798.82(a)・(h)', en: 'Civ. Code §1798.82(a), (h)' },
      test: (f, n) => n > 0 && f.californiaCoveredElements,
    },
  ],
  exemptions: [
    {
      id: 'ccpa.incident.encrypted',
      text: {
        ja: '暗号化されており、鍵・認証情報は取得されていない',
        en: 'the data was encrypted and the key or credential was not acquired',
      },
      citation: { ja: '民法典 §1798.82(a)', en: 'Civ. Code §1798.82(a)' },
      test: (f) => f.encryption === 'strong_key_safe',
    },
  ],
  reports: [
    {
      id: 'ccpa.report.attorney_general',
      name: { ja: '司法長官への通知見本の提出', en: 'Sample notice to the Attorney General' },
      wording: {
        ja: '1件の侵害で500人を超える州居住者に通知する場合、通知の見本1部を電子的に提出する',
        en: 'when notifying more than 500 California residents for one breach, submit one sample copy of the notice electronically',
      },
      citation: { ja: '民法典 §1798.82(f)', en: 'Civ. Code §1798.82(f)' },
      due: { kind: 'without_delay' },
      onlyIf: {
        id: 'ccpa.incident.over_500',
        text: { ja: '500人を超える州居住者', en: 'more than 500 California residents' },
        citation: { ja: '民法典 §1798.82(f)', en: 'Civ. Code §1798.82(f)' },
        test: (_f, n) => n > 500,
      },
    },
  ],
  individuals: {
    wording: {
      ja: '最も迅速な時期に、不合理な遅滞なく',
      en: 'in the most expedient time possible and without unreasonable delay',
    },
    citation: { ja: '民法典 §1798.82(a)・(d)', en: 'Civ. Code §1798.82(a), (d)' },
    due: { kind: 'without_delay' },
    exemptions: [],
    alternative: {
      condition: {
        id: 'ccpa.incident.substitute_notice',
        text: {
          ja: '通知費用が25万ドル超、対象が50万人超、又は連絡先が不十分',
          en: 'notice would cost over $250,000, concern over 500,000 persons, or contact details are insufficient',
        },
        citation: {
          ja: '民法典 §1798.82(j)(3)',
          en: 'Civ. Code §1798.82(j)(3)',
          verify:
            'neither the paragraph (j)(3) nor the California thresholds ($250,000 / 500,000 persons) were found in a source',
        },
        test: (f) => f.individualNoticeImpracticable,
      },
      text: {
        ja: '電子メール、ウェブサイトへの掲示、州全域の報道機関への通知による代替通知',
        en: 'substitute notice: e-mail, conspicuous website posting and statewide media',
      },
    },
  },
};
