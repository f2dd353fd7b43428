import { Register } from '../register.schema.js';

/** A small register with no findings; tests change one thing at a time. */
export function cleanRegister(): Register {
  return Register.parse({
    organisation: {
      key: 'acme',
      name: { ja: '株式会社テスト', en: 'Test K.K.' },
      entities: [{ key: 'acme-jp', name: { ja: '株式会社テスト' }, country: 'JP' }],
      address: { postalCode: '100-0001', text: { ja: '東京都千代田区千代田1-1' } },
      representative: { name: { ja: '山田 太郎' }, title: { ja: '代表取締役' } },
      manager: { person: { title: { ja: '管理本部長' } }, contact: { email: 'privacy@example.jp' } },
      desks: [
        { key: 'privacy-desk', name: { ja: '個人情報相談窓口' }, contact: { email: 'privacy@example.jp' } },
      ],
      complaintDesk: 'privacy-desk',
      certifications: [],
    },
    subjectTypes: [{ key: 'customers', name: { ja: 'お客様' } }],
    customCategories: [],
    dataItems: [
      { key: 'name', name: { ja: '氏名' }, category: 'user.name' },
      { key: 'email', name: { ja: 'メールアドレス' }, category: 'user.contact.email' },
    ],
    purposes: [
      {
        key: 'support',
        description: { ja: 'サポートのため' },
        subjectTypes: ['customers'],
        items: ['name', 'email'],
        holding: 'held',
        bases: { appi: 'published-purpose' },
      },
    ],
    systems: [
      {
        key: 'crm',
        name: { ja: 'CRM' },
        owner: { ja: '営業部' },
        hosting: [{ provider: 'AWS', country: 'JP', region: 'ap-northeast-1' }],
        datasets: ['crm_db'],
        items: ['name', 'email'],
      },
    ],
    processors: [
      {
        key: 'mailer',
        name: { ja: 'メール配信会社' },
        service: { ja: 'メール配信' },
        country: 'JP',
        contract: { safetyMeasures: true, confidentiality: true, subEntrustment: 'with-prior-consent' },
      },
    ],
    recipients: [],
    provisionExceptions: [],
    retentionRules: [
      {
        key: 'five-years',
        subjectTypes: [],
        categories: ['user'],
        triggers: ['contract-end', 'last-contact'],
        period: { years: 5 },
        action: 'erase',
      },
    ],
    safeguards: [],
    rights: {
      desk: 'privacy-desk',
      channels: ['post'],
      requestKinds: ['notify-purpose', 'disclose'],
      steps: [],
      identity: { selfDocuments: [], agents: [] },
      fees: [
        {
          amount: 1000,
          currency: 'JPY',
          appliesTo: ['notify-purpose', 'disclose'],
          chargedWhenRefused: true,
        },
      ],
      refusalGrounds: [],
      replyMethods: ['written'],
      notes: [],
    },
    anonymised: [],
    annexes: {},
    statements: [],
    datasets: [
      {
        fides_key: 'crm_db',
        collections: [
          {
            name: 'customers',
            fields: [
              { name: 'id', data_categories: ['user.unique_id'], fides_meta: { primary_key: true } },
              { name: 'email', data_categories: ['user.contact.email'], fides_meta: { identity: 'email' } },
              { name: 'contract', fields: [{ name: 'ended_at', data_categories: ['system.operations'] }] },
            ],
            mamori_meta: { retention_trigger_fields: { 'contract-end': 'contract.ended_at' } },
          },
        ],
      },
    ],
  });
}
