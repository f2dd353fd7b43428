import type { ConnectionSpec } from '../connectors/connections.schema.js';
import type { FidesDataset } from '../datasets/dataset.schema.js';
import { readExampleFiles } from '../register/examples.test-helpers.js';
import type { Register } from '../register/register.schema.js';
import { registerFromYamlFiles } from '../register/register.yaml.js';

/*
 * Test fixtures: the same three tables on PostgreSQL ("shop") and MariaDB ("crm"), with rows on both sides
 * of every boundary of a 5-year "contract end, otherwise last contact" rule swept as of 2026-03-01 (Tokyo):
 * due when the trigger's Tokyo day is before 2021-03-01.
 */

export const AS_OF = '2026-03-01';

export const PG_SQL = `
CREATE TABLE accounts (id int PRIMARY KEY, email text, full_name text, phone text,
  contract_ended_at timestamptz, last_contact_at date);
CREATE TABLE enquiries (id int PRIMARY KEY, account_id int REFERENCES accounts (id), body text);
CREATE TABLE members (id int PRIMARY KEY, name text, birth_date date, address text, postal_code text,
  gender text, closed_at timestamptz);
`;

export const MARIA_SQL = `
CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(200), full_name VARCHAR(200), phone VARCHAR(40),
  contract_ended_at TIMESTAMP NULL, last_contact_at DATE NULL);
CREATE TABLE enquiries (id INT PRIMARY KEY, account_id INT, body TEXT,
  FOREIGN KEY (account_id) REFERENCES accounts (id));
CREATE TABLE members (id INT PRIMARY KEY, name VARCHAR(200), birth_date DATE, address VARCHAR(400),
  postal_code VARCHAR(20), gender VARCHAR(10), closed_at TIMESTAMP NULL);
`;

/** [id, email, contract_ended_at (UTC instant), last_contact_at (day), due?] */
export const ACCOUNTS: [number, string, string | null, string | null, boolean][] = [
  [1, 'due-tokyo@example.jp', '2021-02-28T14:59:59Z', null, true], // 23:59:59 on 28 Feb in Tokyo
  [2, 'kept-tokyo@example.jp', '2021-02-28T15:00:00Z', null, false], // 00:00 on 1 March in Tokyo (still 28 Feb in UTC)
  [3, 'chain-due@example.jp', null, '2021-02-28', true], // no contract end: the last contact decides
  [4, 'chain-kept@example.jp', null, '2021-03-01', false],
  [5, 'recent-contract@example.jp', '2024-01-01T00:00:00Z', '2015-01-01', false], // first non-null wins
  [6, 'no-trigger@example.jp', null, null, false],
  [7, 'leap@example.jp', '2020-02-29T03:00:00Z', null, true],
  [8, 'held@example.jp', '2010-05-01T00:00:00Z', null, true], // due, but under a litigation hold in tests
  [9, 'month-end@example.jp', '2021-01-31T00:00:00Z', null, true],
];

export const ENQUIRIES: [number, number][] = [
  [1, 1],
  [2, 1],
  [3, 2],
  [4, 3],
  [5, 5],
];

/** [id, name, birth_date, address, postal, closed_at]: a 1-year anonymise rule after account closure. */
export const MEMBERS: [number, string, string, string, string, string | null][] = [
  [1, '山田太郎', '1980-07-15', '東京都千代田区丸の内1-1-1', '100-0005', '2025-02-28T14:00:00Z'], // due
  [2, '佐藤花子', '1990-12-31', '大阪府大阪市北区1-1', '530-0001', '2025-02-28T15:30:00Z'], // 1 March in Tokyo: kept
  [3, '鈴木一郎', '1975-01-02', '北海道札幌市中央区1', '060-0001', null],
];

const field = (name: string, categories: string[], meta?: Record<string, unknown>) => ({
  name,
  data_categories: categories,
  ...(meta && { fides_meta: meta }),
});

export function dataset(key: string): FidesDataset {
  return {
    fides_key: key,
    collections: [
      {
        name: 'accounts',
        fields: [
          field('id', ['user.unique_id'], { primary_key: true }),
          field('email', ['user.contact.email'], { identity: 'email' }),
          field('full_name', ['user.name']),
          field('phone', ['user.contact.phone_number']),
          field('contract_ended_at', ['system.operations']),
          field('last_contact_at', ['system.operations']),
        ],
        mamori_meta: {
          retention_trigger_fields: {
            'contract-end': 'contract_ended_at',
            'last-contact': 'last_contact_at',
          },
        },
      },
      {
        name: 'enquiries',
        fields: [
          field('id', ['system.operations'], { primary_key: true }),
          field('account_id', ['user.unique_id'], {
            references: [{ dataset: key, field: 'accounts.id', direction: 'from' }],
          }),
          field('body', ['user.content']),
        ],
        mamori_meta: { erase_by_delete: true },
      },
      {
        name: 'members',
        fields: [
          field('id', ['system.operations'], { primary_key: true }),
          field('name', ['user.name']),
          field('birth_date', ['user.demographic.date_of_birth']),
          field('address', ['user.contact.address']),
          field('postal_code', ['user.contact.address.postal_code']),
          field('gender', ['user.demographic.gender']),
          field('closed_at', ['system.operations']),
        ],
        mamori_meta: { retention_trigger_fields: { 'account-closure': 'closed_at' } },
      },
    ],
  };
}

export function testRegister(datasets: FidesDataset[]): Register {
  const base = registerFromYamlFiles(readExampleFiles('tsunagi-technology'));
  return {
    ...base,
    datasets,
    systems: base.systems.map((s, i) => ({
      ...s,
      datasets: i === 0 ? datasets.map((d) => d.fides_key) : [],
    })),
    retentionRules: [
      {
        key: 'five-years',
        subjectTypes: [],
        categories: ['user'],
        triggers: ['contract-end', 'last-contact'],
        period: { years: 5 },
        action: 'erase',
      },
      {
        key: 'members-anonymised',
        subjectTypes: [],
        categories: ['user'],
        triggers: ['account-closure'],
        period: { years: 1 },
        action: 'anonymise',
      },
    ],
  };
}

export type Connections = Record<string, ConnectionSpec>;
