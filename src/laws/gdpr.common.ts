/**
 * Building blocks shared by the rows of gdpr.ts: the deadline rule, fee rule, verification and agents,
 * and grounds or duties that several kinds repeat.
 */
import type { AgentRule, DeadlineRule, Duty, FeeRule, Ground, VerificationRule } from './law.js';
import { period } from './period.js';

export const oneMonth: DeadlineRule = {
  wording: {
    ja: '不当な遅滞なく、遅くとも受領から1か月以内',
    en: 'without undue delay and in any event within one month of receipt',
  },
  citation: { ja: 'GDPR 第12条第3項', en: 'GDPR Art. 12(3)' },
  statutory: period(1, 'months', { closedLastDay: 'next_business_day' }),
  extension: {
    period: period(2, 'months', { closedLastDay: 'next_business_day' }),
    wording: {
      ja: '必要な場合はさらに2か月延長できる。延長は理由とともに受領から1か月以内に本人へ通知する',
      en: 'may be extended by two further months where necessary; tell the person within one month of receipt, with reasons',
    },
    citation: { ja: 'GDPR 第12条第3項', en: 'GDPR Art. 12(3)' },
    noticeWithinOriginalPeriod: true,
  },
};

export const fee: FeeRule = {
  mayCharge: 'conditional',
  condition: {
    ja: '原則無料。明らかに根拠がない又は過剰な請求には合理的な手数料を課すか拒否できる（追加の写しも合理的な手数料）',
    en: 'free; a reasonable fee (or refusal) only for manifestly unfounded or excessive requests, and for further copies',
  },
  citation: { ja: 'GDPR 第12条第5項・第15条第3項', en: 'GDPR Arts. 12(5), 15(3)' },
};

export const agents: readonly AgentRule[] = [
  {
    kind: 'proxy',
    evidence: { ja: '本人の授権を示す書面', en: 'a written authorisation from the person' },
    citation: {
      ja: 'EDPB ガイドライン 01/2022（アクセス権）',
      en: 'EDPB Guidelines 01/2022 on the right of access',
      verify:
        'Guidelines 01/2022 (v2.1, adopted 28 March 2023) confirmed; the paragraph numbers on requests via third parties were not found',
    },
  },
  {
    kind: 'parent',
    evidence: {
      ja: '親権を示す書類（加盟国法による）',
      en: 'proof of parental responsibility under member-state law',
    },
    citation: {
      ja: 'EDPB ガイドライン 01/2022（アクセス権）',
      en: 'EDPB Guidelines 01/2022 on the right of access',
      verify:
        'Guidelines 01/2022 (v2.1, adopted 28 March 2023) confirmed; the paragraph numbers on children were not found',
    },
  },
  {
    kind: 'guardian',
    evidence: {
      ja: '法定代理権を示す書類（加盟国法による）',
      en: 'proof of legal representation under member-state law',
    },
    citation: {
      ja: 'EDPB ガイドライン 01/2022（アクセス権）',
      en: 'EDPB Guidelines 01/2022 on the right of access',
      verify:
        'Guidelines 01/2022 (v2.1, adopted 28 March 2023) confirmed; the paragraph numbers on legal representatives were not found',
    },
  },
];

export const verification: VerificationRule = {
  required: true,
  standard: {
    ja: '合理的な手段で本人確認する。合理的な疑いがある場合に限り追加情報を求める（過剰な情報は求めない）',
    en: 'verify identity by reasonable means; ask for more information only where there is reasonable doubt, never more than needed',
  },
  citation: { ja: 'GDPR 第12条第6項・第11条第2項、前文第64項', en: 'GDPR Arts. 12(6), 11(2); Recital 64' },
  agents,
};

export const manifestlyUnfounded = (prefix: string): Ground => ({
  id: `${prefix}.manifestly_unfounded`,
  text: {
    ja: '明らかに根拠がない又は過剰な請求（特に反復的なもの）',
    en: 'the request is manifestly unfounded or excessive, in particular repetitive',
  },
  citation: { ja: 'GDPR 第12条第5項', en: 'GDPR Art. 12(5)' },
});

export const cannotIdentify = (prefix: string): Ground => ({
  id: `${prefix}.cannot_identify`,
  text: {
    ja: '管理者が本人を識別できないことを示した場合',
    en: 'the controller shows it cannot identify the person',
  },
  citation: { ja: 'GDPR 第11条第2項・第12条第2項', en: 'GDPR Arts. 11(2), 12(2)' },
});

export const nationalRestriction = (prefix: string): Ground => ({
  id: `${prefix}.art23_restriction`,
  text: {
    ja: '第23条に基づく EU 又は加盟国法の制限',
    en: 'a restriction in Union or member-state law under Art. 23',
  },
  citation: { ja: 'GDPR 第23条', en: 'GDPR Art. 23' },
});

export const common = (prefix: string): Ground[] => [
  manifestlyUnfounded(prefix),
  cannotIdentify(prefix),
  nationalRestriction(prefix),
];

export const informIfNotActing: Duty = {
  id: 'gdpr.inform_not_acting',
  text: {
    ja: '対応しない場合は、受領から1か月以内に理由と監督機関への苦情申立て・司法救済の可能性を通知する',
    en: 'if not acting, tell the person within one month why, and that they may complain to a supervisory authority or seek a judicial remedy',
  },
  citation: { ja: 'GDPR 第12条第4項', en: 'GDPR Art. 12(4)' },
};

export const notifyRecipients: Duty = {
  id: 'gdpr.notify_recipients',
  text: {
    ja: '開示先の各受領者に訂正・消去・制限を通知する（不可能又は過大な労力の場合を除く）。本人が求めれば受領者を知らせる',
    en: 'tell each recipient of the rectification, erasure or restriction unless impossible or disproportionate; name them if the person asks',
  },
  citation: { ja: 'GDPR 第19条', en: 'GDPR Art. 19' },
};

export const EEA = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
];
