import {
  AGENT_KINDS,
  CHANNELS,
  GDPR_BASES,
  GROUNDS,
  PIPL_BASES,
  PROVISION_METHODS,
  REPLY_METHODS,
  REQUEST_KINDS,
  SAFEGUARD_KINDS,
  TRIGGERS,
} from '../notices/notice.labels.js';

/**
 * Words for the fixed values of the register's fields (the enums of the register schema). The console shows the
 * same words as the published notice wherever the notice words the field (notices/notice.labels.ts); the rest
 * are written here. The same value can mean different things in different fields (`email` as a channel or a
 * provision method, `consent` as an APPI, GDPR or PIPL basis), so words are looked up by section and field.
 * register.editor.test.ts checks that every enum value of every section has words.
 */
export type ValueLabel = { ja: string; en: string };
type Words = Readonly<Record<string, ValueLabel>>;

const CERTIFICATION_SCHEMES: Words = {
  privacymark: { ja: 'プライバシーマーク', en: 'PrivacyMark' },
  iso27001: { ja: 'ISO/IEC 27001', en: 'ISO/IEC 27001' },
  iso27701: { ja: 'ISO/IEC 27701', en: 'ISO/IEC 27701' },
  other: { ja: 'その他', en: 'Other' },
};
const RECIPIENT_KINDS: Words = {
  'third-party': { ja: '第三者提供', en: 'Provision to a third party' },
  'joint-use': { ja: '共同利用', en: 'Joint use' },
};
const ANONYMISED_KINDS: Words = {
  anonymised: { ja: '匿名加工情報', en: 'Anonymously processed information' },
  pseudonymised: { ja: '仮名加工情報', en: 'Pseudonymously processed information' },
};
const APPI_CLASSES: Words = {
  personal: { ja: '個人情報', en: 'Personal information' },
  sensitive: { ja: '要配慮個人情報', en: 'Special care-required personal information' },
  'my-number': { ja: '特定個人情報(個人番号)', en: 'Specific personal information (My Number)' },
  related: { ja: '個人関連情報', en: 'Personally referable information' },
};
const HOLDINGS: Words = {
  held: { ja: '自社保有', en: 'Held by us' },
  entrusted: { ja: '委託を受けて取扱い', en: 'Handled for another business (entrusted)' },
};
const APPI_BASES: Words = {
  'published-purpose': { ja: '公表した利用目的の範囲内', en: 'Within the published purposes' },
  consent: { ja: '本人の同意', en: 'Consent' },
  'legal-exception': { ja: '法令上の例外', en: 'Legal exception' },
  entrusted: { ja: '委託に伴う取扱い', en: 'Entrustment' },
};
const MY_NUMBER_USES: Words = {
  'social-security': { ja: '社会保障', en: 'Social security' },
  tax: { ja: '税', en: 'Tax' },
  'disaster-response': { ja: '災害対策', en: 'Disaster response' },
};
const SUB_ENTRUSTMENT: Words = {
  prohibited: { ja: '禁止', en: 'Prohibited' },
  'with-prior-consent': { ja: '事前の承諾がある場合に限り可', en: 'Only with prior consent' },
  'allowed-with-equal-terms': { ja: '同等の義務を課す場合に可', en: 'Allowed with equal terms' },
};
const CONSENT_REQUIREMENTS: Words = {
  'prior-consent': { ja: '事前の同意', en: 'Prior consent' },
  'opt-out': { ja: 'オプトアウト', en: 'Opt-out' },
};
const RETENTION_ACTIONS: Words = {
  erase: { ja: '消去', en: 'Erase' },
  anonymise: { ja: '匿名化', en: 'Anonymise' },
};
const CURRENCIES: Words = { JPY: { ja: '円', en: 'Japanese yen' } };
const DIRECTIONS: Words = {
  from: { ja: '参照先から(from)', en: 'From the referenced field' },
  to: { ja: '参照先へ(to)', en: 'To the referenced field' },
};

/** By field name, wherever it appears; `<section>.<field>` wins where a field name means different things. */
const BY_FIELD: Readonly<Record<string, Words>> = {
  scheme: CERTIFICATION_SCHEMES,
  channels: CHANNELS,
  requestKinds: REQUEST_KINDS,
  appliesTo: REQUEST_KINDS,
  replyMethods: REPLY_METHODS,
  currency: CURRENCIES,
  appiClass: APPI_CLASSES,
  holding: HOLDINGS,
  appi: APPI_BASES,
  gdpr: GDPR_BASES,
  pipl: PIPL_BASES,
  myNumberUse: MY_NUMBER_USES,
  subEntrustment: SUB_ENTRUSTMENT,
  consent: CONSENT_REQUIREMENTS,
  legalGround: GROUNDS,
  ground: GROUNDS,
  triggers: TRIGGERS,
  retention_trigger_fields: TRIGGERS,
  action: RETENTION_ACTIONS,
  methods: PROVISION_METHODS,
  direction: DIRECTIONS,
  'rights.kind': AGENT_KINDS,
  'recipients.kind': RECIPIENT_KINDS,
  'safeguards.kind': SAFEGUARD_KINDS,
  'anonymised.kind': ANONYMISED_KINDS,
};

/** Notice words are phrased to follow other words in English ("the contract ends"); a form starts with a capital. */
const capitalised = (w: ValueLabel): ValueLabel => ({
  ja: w.ja,
  en: w.en.charAt(0).toUpperCase() + w.en.slice(1),
});

/** Words for `value` of `field` in `section`, or undefined when there are none. */
export function valueLabel(section: string, field: string, value: string): ValueLabel | undefined {
  const words = (BY_FIELD[`${section}.${field}`] ?? BY_FIELD[field])?.[value];
  return words && capitalised(words);
}
