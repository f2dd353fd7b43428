/** The dashboard. Japanese first; English is typed against the Japanese keys. */
export const ja = {
  'dash.attention': '本日対応が必要なこと',
  'dash.overdue': '期限超過の請求',
  'dash.dueSoon': '7日以内に期限の請求',
  'dash.lintErrors': '台帳のエラー',
  'dash.lintWarnings': '台帳の警告',
  'dash.sweeps': '承認待ちの廃棄',
  'dash.renewals': '再同意が必要な同意',
  'dash.openRequests': '対応中の請求',
  'dash.chartTitle': '月別の請求件数(請求の種類別)',
  'dash.chartEmpty': '過去6か月に受け付けた請求はありません。',
  'dash.month': '月',
  'dash.count': '件数',
  'dash.notAvailable': '権限がないため表示しません',
} as const;

export const en: Record<keyof typeof ja, string> = {
  'dash.attention': 'What needs attention today',
  'dash.overdue': 'Overdue requests',
  'dash.dueSoon': 'Requests due within 7 days',
  'dash.lintErrors': 'Register errors',
  'dash.lintWarnings': 'Register warnings',
  'dash.sweeps': 'Sweeps awaiting approval',
  'dash.renewals': 'Consents needing renewal',
  'dash.openRequests': 'Open requests',
  'dash.chartTitle': 'Requests per month by kind',
  'dash.chartEmpty': 'No requests were received in the last six months.',
  'dash.month': 'Month',
  'dash.count': 'Count',
  'dash.notAvailable': 'Not shown for your role',
};
