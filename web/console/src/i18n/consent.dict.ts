/** The consent pages. Japanese first; English is typed against the Japanese keys. */
export const ja = {
  'consent.rates': '同意の状況(目的・判断・公表文の版ごとの人数)',
  'consent.purpose': '利用目的',
  'consent.decision': '判断',
  'consent.noticeVersion': '公表文の版',
  'consent.count': '人数',
  'consent.inForce': '現行の条件',
  'consent.needsRenewal': '再同意が必要',
  'consent.none': '記録された同意はありません。',
} as const;

export const en: Record<keyof typeof ja, string> = {
  'consent.rates': 'Consent (people per purpose, decision and notice version)',
  'consent.purpose': 'Purpose',
  'consent.decision': 'Decision',
  'consent.noticeVersion': 'Notice version',
  'consent.count': 'People',
  'consent.inForce': 'Current terms',
  'consent.needsRenewal': 'Renewal needed',
  'consent.none': 'No consent has been recorded.',
};
