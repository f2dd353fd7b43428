import type { ProvisionMethod } from '../register/anonymised.schema.js';
import type { Duration } from '../register/common.schema.js';
import type { GdprBasis, PiplBasis } from '../register/purposes.schema.js';
import type { ProvisionGround } from '../register/recipients.schema.js';
import type { TriggerEvent } from '../register/retention.schema.js';
import type { AgentKind, Channel, RequestKind } from '../register/rights.schema.js';
import type { SafeguardKind } from '../register/safeguards.schema.js';
import type { Lang } from './notice.model.js';

type Labels<K extends string> = Readonly<Record<K, { ja: string; en: string }>>;

export const COUNTRIES: Readonly<Record<string, { ja: string; en: string }>> = {
  JP: { ja: '日本', en: 'Japan' },
  US: { ja: 'アメリカ合衆国', en: 'United States' },
  CN: { ja: '中華人民共和国', en: "People's Republic of China" },
  SG: { ja: 'シンガポール共和国', en: 'Singapore' },
  TW: { ja: '台湾', en: 'Taiwan' },
  AU: { ja: 'オーストラリア連邦', en: 'Australia' },
  IN: { ja: 'インド', en: 'India' },
  CA: { ja: 'カナダ', en: 'Canada' },
  CL: { ja: 'チリ共和国', en: 'Chile' },
  IE: { ja: 'アイルランド', en: 'Ireland' },
  DE: { ja: 'ドイツ連邦共和国', en: 'Germany' },
  GB: { ja: '英国', en: 'United Kingdom' },
  FR: { ja: 'フランス共和国', en: 'France' },
  NL: { ja: 'オランダ王国', en: 'Netherlands' },
  KR: { ja: '大韓民国', en: 'Republic of Korea' },
  HK: { ja: '香港', en: 'Hong Kong' },
  VN: { ja: 'ベトナム社会主義共和国', en: 'Viet Nam' },
  TH: { ja: 'タイ王国', en: 'Thailand' },
  PH: { ja: 'フィリピン共和国', en: 'Philippines' },
  BR: { ja: 'ブラジル連邦共和国', en: 'Brazil' },
};

export function country(code: string | undefined, lang: Lang): string {
  if (!code) return lang === 'ja' ? '不明' : 'unknown';
  return COUNTRIES[code]?.[lang] ?? code;
}

export const REQUEST_KINDS: Labels<RequestKind> = {
  'notify-purpose': { ja: '利用目的の通知', en: 'notice of the purposes of use' },
  disclose: { ja: '開示', en: 'disclosure' },
  correct: { ja: '訂正・追加・削除', en: 'correction, addition or deletion' },
  'stop-use': { ja: '利用の停止', en: 'stopping use' },
  erase: { ja: '消去', en: 'erasure' },
  'stop-provision': { ja: '第三者提供の停止', en: 'stopping provision to third parties' },
  'disclose-provision-records': {
    ja: '第三者提供記録の開示',
    en: 'disclosure of third-party provision records',
  },
};

export const CHANNELS: Labels<Channel> = {
  post: { ja: '郵送', en: 'post' },
  email: { ja: '電子メール', en: 'email' },
  'web-form': { ja: 'ウェブフォーム', en: 'web form' },
  phone: { ja: '電話', en: 'phone' },
  'in-person': { ja: '窓口での受付', en: 'in person' },
};

export const REPLY_METHODS: Labels<'post' | 'email' | 'written'> = {
  post: { ja: '郵送(封書)', en: 'letter by post' },
  email: { ja: '電子メール', en: 'email' },
  written: { ja: '書面', en: 'in writing' },
};

export const AGENT_KINDS: Labels<AgentKind> = {
  parent: { ja: '親権者(未成年者の法定代理人)', en: 'Parent (legal representative of a minor)' },
  guardian: { ja: '成年後見人', en: 'Adult guardian' },
  proxy: { ja: '委任による代理人', en: 'Proxy with power of attorney' },
};

export const TRIGGERS: Labels<TriggerEvent> = {
  'contract-end': { ja: '契約終了', en: 'the contract ends' },
  'last-contact': { ja: '最後のご連絡', en: 'the last contact' },
  collection: { ja: '取得', en: 'collection' },
  'account-closure': { ja: 'アカウントの解約', en: 'the account is closed' },
  'employment-end': { ja: '退職', en: 'employment ends' },
  'application-closed': { ja: '選考の終了', en: 'the application is closed' },
  'event-end': { ja: 'イベントの終了', en: 'the event ends' },
  'consent-withdrawn': { ja: '同意の撤回', en: 'consent is withdrawn' },
  'purpose-achieved': { ja: '利用目的の達成', en: 'the purpose is achieved' },
  'service-end': { ja: 'サービス契約(委託)の終了', en: 'the service contract (entrustment) ends' },
};

export const SAFEGUARD_KINDS: Labels<SafeguardKind> = {
  policy: { ja: '基本方針の策定', en: 'Basic policy' },
  rules: { ja: '個人データの取扱いに係る規律の整備', en: 'Rules for handling personal data' },
  organisational: { ja: '組織的安全管理措置', en: 'Organisational measures' },
  human: { ja: '人的安全管理措置', en: 'Human measures' },
  physical: { ja: '物理的安全管理措置', en: 'Physical measures' },
  technical: { ja: '技術的安全管理措置', en: 'Technical measures' },
  'external-environment': { ja: '外的環境の把握', en: 'External environment' },
};

export const GROUNDS: Labels<ProvisionGround> = {
  law: { ja: '法令に基づく場合', en: 'required by law' },
  'life-body-property': {
    ja: '人の生命・身体・財産の保護',
    en: "protection of a person's life, body or property",
  },
  'public-health-or-children': {
    ja: '公衆衛生・児童の健全育成',
    en: 'public health or the upbringing of children',
  },
  'public-authority': { ja: '国の機関等への協力', en: 'cooperation with public authorities' },
  'academic-research': { ja: '学術研究', en: 'academic research' },
  entrustment: { ja: '委託に伴う提供', en: 'entrustment to a processor' },
  'business-succession': { ja: '事業の承継', en: 'business succession' },
  'joint-use': { ja: '共同利用', en: 'joint use' },
  other: { ja: 'その他', en: 'other' },
};

export const GDPR_BASES: Labels<GdprBasis> = {
  consent: { ja: '同意(6条1項(a))', en: 'Consent (Art. 6(1)(a))' },
  contract: { ja: '契約の履行(6条1項(b))', en: 'Performance of a contract (Art. 6(1)(b))' },
  'legal-obligation': { ja: '法的義務(6条1項(c))', en: 'Legal obligation (Art. 6(1)(c))' },
  'vital-interests': { ja: '生命に関する利益(6条1項(d))', en: 'Vital interests (Art. 6(1)(d))' },
  'public-task': { ja: '公共の任務(6条1項(e))', en: 'Public task (Art. 6(1)(e))' },
  'legitimate-interests': { ja: '正当な利益(6条1項(f))', en: 'Legitimate interests (Art. 6(1)(f))' },
};

export const PIPL_BASES: Labels<PiplBasis> = {
  consent: { ja: '本人の同意(13条1項1号)', en: 'Consent (Art. 13(1))' },
  'contract-or-hr': {
    ja: '契約の締結・履行又は人事管理(13条1項2号)',
    en: 'Contract or HR management (Art. 13(2))',
  },
  'legal-duty': { ja: '法定の職責・義務(13条1項3号)', en: 'Legal duties (Art. 13(3))' },
  'public-health-emergency': {
    ja: '公衆衛生上の緊急事態等(13条1項4号)',
    en: 'Public health emergencies (Art. 13(4))',
  },
  'news-reporting': { ja: '報道・世論監督(13条1項5号)', en: 'News reporting (Art. 13(5))' },
  'public-information': { ja: '公開された情報(13条1項6号)', en: 'Disclosed information (Art. 13(6))' },
  'other-law': { ja: 'その他法令の定め(13条1項7号)', en: 'Other laws (Art. 13(7))' },
};

export const PROVISION_METHODS: Labels<ProvisionMethod> = {
  'recording-medium': { ja: '記録媒体による提供', en: 'on recording media' },
  email: { ja: '電子メールによる提供', en: 'by email' },
  'server-upload': { ja: 'サーバへのアップロードによる提供', en: 'by upload to a server' },
  'web-download': { ja: 'ウェブサイトからのダウンロードによる提供', en: 'by download from a website' },
  api: { ja: 'API による提供', en: 'through an API' },
};

/** "5年間" / "5 years", "1年6か月" / "1 year and 6 months". */
export function duration(d: Duration, lang: Lang): string {
  const parts: string[] = [];
  if (lang === 'ja') {
    if (d.years) parts.push(`${d.years}年`);
    if (d.months) parts.push(`${d.months}か月`);
    if (d.days) parts.push(`${d.days}日`);
    return `${parts.join('')}間`;
  }
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (d.years) parts.push(unit(d.years, 'year'));
  if (d.months) parts.push(unit(d.months, 'month'));
  if (d.days) parts.push(unit(d.days, 'day'));
  return parts.join(' and ');
}

/** "1,000円" / "1,000 yen". */
export function yen(amount: number, lang: Lang): string {
  const n = amount.toLocaleString('en-US');
  return lang === 'ja' ? `${n}円` : `${n} yen`;
}

/** ISO date as "2024年4月1日" / "1 April 2024". */
export function date(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (lang === 'ja') return `${y}年${m}月${d}日`;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${d} ${months[m - 1]} ${y}`;
}
