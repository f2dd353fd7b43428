import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import { PostgresConnector } from '../connectors/postgres.js';
import { parseDatasetYaml } from '../datasets/dataset.yaml.js';
import { createStores, type Stores } from '../engine/fixtures/stores.js';
import { UserError } from '../platform/errors.js';
import { cleanRegister } from '../register/lint/lint.test-helpers.js';
import { registerToYamlDocument } from '../register/register.io.js';
import { runScanDb } from './db-scan.cli.js';
import type { ScanReport, TableResult } from './db-scan.schema.js';
import { CUSTOMER_COLUMNS, type CustomerRow, customerRows } from './db-scan.test-helpers.js';

/*
 * `scan db` against real PostgreSQL, MariaDB and Redis (uniquely named databases and key prefix, dropped
 * after): realistic Japanese values, hard negatives, drift, bounded sampling.
 */

let stores: Stores;
let dir: string;
const rows = customerRows(3000);
const SAMPLE = 200;

async function insertPg(table: string, data: CustomerRow[]) {
  for (let i = 0; i < data.length; i += 500) {
    const part = data.slice(i, i + 500);
    const values = part.map(
      (_, r) => `(${CUSTOMER_COLUMNS.map((__, c) => `$${r * CUSTOMER_COLUMNS.length + c + 1}`).join(', ')})`,
    );
    await stores.pg.query(
      `INSERT INTO ${table} (${CUSTOMER_COLUMNS.join(', ')}) VALUES ${values.join(', ')}`,
      part.flatMap((row) => CUSTOMER_COLUMNS.map((c) => row[c])),
    );
  }
}

async function insertMaria(table: string, data: CustomerRow[]) {
  for (let i = 0; i < data.length; i += 500) {
    const part = data.slice(i, i + 500);
    await stores.maria.query(`INSERT INTO ${table} (${CUSTOMER_COLUMNS.join(', ')}) VALUES ?`, [
      part.map((row) => CUSTOMER_COLUMNS.map((c) => row[c])),
    ]);
  }
}

const CUSTOMER_DDL = `(id INT PRIMARY KEY, full_name VARCHAR(80), email VARCHAR(120), tel VARCHAR(20),
  my_number VARCHAR(12), postal_code VARCHAR(8), address VARCHAR(200), product_code VARCHAR(20), order_no VARCHAR(12))`;

beforeAll(async () => {
  stores = await createStores({ seed: false });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-scan-db-'));
  await stores.pg.query(`CREATE TABLE customers ${CUSTOMER_DDL}`);
  await insertPg('customers', rows);
  // A large table, filled by the server, to exercise TABLESAMPLE SYSTEM.
  await stores.pg.query('CREATE TABLE access_log (id bigint PRIMARY KEY, client_ip text, path text)');
  await stores.pg.query(
    `INSERT INTO access_log SELECT g, '198.51.' || (g % 250) || '.' || (g % 200), '/items/' || g
       FROM generate_series(1, 200000) g`,
  );
  await stores.pg.query('ANALYZE customers; ANALYZE access_log');
  await stores.maria.query(`CREATE TABLE members ${CUSTOMER_DDL}`);
  await insertMaria('members', rows);
  await stores.maria.query(`CREATE TABLE staff ${CUSTOMER_DDL}`);
  await insertMaria('staff', customerRows(30, 99));
  await stores.maria.query('ANALYZE TABLE members, staff');
  const pipeline = stores.redis.pipeline();
  for (const row of rows.slice(0, 300)) {
    pipeline.hset(`${stores.redisPrefix}member:${row.id}`, {
      name: row.full_name,
      tel: row.tel,
      plan: 'gold',
    });
    pipeline.hset(`${stores.redisPrefix}session:${row.email}`, { token: `tok-${row.id}` });
  }
  await pipeline.exec();

  const datasets = [
    {
      fides_key: 'shop',
      collections: [
        {
          name: 'customers',
          fields: [
            { name: 'id', fides_meta: { primary_key: true } },
            { name: 'full_name', data_categories: ['user.name'] },
            { name: 'email', data_categories: ['user.contact.email'] },
            // Wrong on purpose: the column holds phone numbers.
            { name: 'tel', data_categories: ['user.contact.address'] },
            { name: 'postal_code' },
            { name: 'product_code', data_categories: ['system.operations'] },
            { name: 'order_no' },
          ],
        },
      ],
    },
    {
      fides_key: 'crm',
      collections: [
        {
          name: 'members',
          fields: [
            { name: 'id', fides_meta: { primary_key: true } },
            { name: 'full_name', data_categories: ['user.name'] },
            { name: 'email', data_categories: ['user.contact.email'] },
            { name: 'tel', data_categories: ['user.contact.phone_number'] },
            { name: 'my_number', data_categories: ['user.government_id.my_number'] },
            { name: 'postal_code', data_categories: ['user.contact.address.postal_code'] },
            { name: 'address', data_categories: ['user.contact.address'] },
            { name: 'product_code' },
            { name: 'order_no' },
          ],
        },
      ],
    },
    {
      fides_key: 'cache',
      collections: [
        {
          name: 'member',
          mamori_meta: { redis_key_pattern: 'member:{id}' },
          fields: [{ name: 'id' }, { name: 'name', data_categories: ['user.name'] }, { name: 'tel' }],
        },
      ],
    },
  ];
  await fs.writeFile(path.join(dir, 'datasets.yaml'), stringify({ dataset: datasets }));
  await fs.writeFile(path.join(dir, 'connections.yaml'), stringify({ connections: stores.connections }));
  // The register allows Individual Numbers for payroll tax in the CRM (MariaDB) only.
  const register = cleanRegister();
  register.dataItems.push({
    key: 'my-number',
    name: { ja: '個人番号' },
    category: 'user.government_id.my_number',
  });
  register.purposes.push({
    key: 'payroll',
    description: { ja: '源泉徴収票の作成' },
    subjectTypes: ['customers'],
    items: ['my-number'],
    holding: 'held',
    bases: { appi: 'legal-exception' },
    myNumberUse: 'tax',
  });
  register.systems[0]!.datasets = ['crm'];
  register.systems[0]!.items.push('my-number');
  await fs.writeFile(path.join(dir, 'register.yaml'), registerToYamlDocument(register));
}, 120_000);

afterAll(async () => {
  await stores?.drop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function scan(extra: { sample?: string; suggest?: string; noDataset?: boolean } = {}) {
  let out = '';
  const progress: string[] = [];
  const report = await runScanDb(
    {
      ...(extra.noDataset ? {} : { dataset: [path.join(dir, 'datasets.yaml')] }),
      connections: path.join(dir, 'connections.yaml'),
      register: path.join(dir, 'register.yaml'),
      sample: extra.sample ?? String(SAMPLE),
      ...(extra.suggest && { suggest: extra.suggest }),
    },
    { write: (s) => (out += s), progress: (s) => progress.push(s) },
  );
  return { report, out, progress };
}

const tableOf = (report: ScanReport, dataset: string, collection: string): TableResult => {
  const t = report.tables.find((x) => x.dataset === dataset && x.collection === collection);
  if (!t) throw new Error(`no result for ${dataset}.${collection}`);
  return t;
};

const proposed = (t: TableResult) =>
  Object.fromEntries(t.columns.map((c) => [c.field, c.personal ? c.proposal?.dataCategory : null]));

const EXPECTED = {
  id: null,
  full_name: 'user.name',
  email: 'user.contact.email',
  tel: 'user.contact.phone_number',
  my_number: 'user.government_id.my_number',
  postal_code: 'user.contact.address.postal_code',
  address: 'user.contact.address',
  product_code: null,
  order_no: null,
};

describe('mamori scan db', () => {
  let result: Awaited<ReturnType<typeof scan>>;
  beforeAll(async () => {
    result = await scan({ suggest: path.join(dir, 'suggested.yaml') });
  }, 120_000);

  it('classifies every column of PostgreSQL and MariaDB tables, hard negatives included', () => {
    expect(proposed(tableOf(result.report, 'shop', 'customers'))).toEqual(EXPECTED);
    expect(proposed(tableOf(result.report, 'crm', 'members'))).toEqual(EXPECTED);
    const myNumber = tableOf(result.report, 'shop', 'customers').columns.find((c) => c.field === 'my_number');
    expect(myNumber?.proposal).toMatchObject({ type: 'MY_NUMBER', appiClass: 'my-number' });
    expect(myNumber?.inDataset).toBe(false);
  });

  it('reads Redis hashes and the values inside key patterns', () => {
    const member = tableOf(result.report, 'cache', 'member');
    expect(member.method).toBe('scan');
    expect(member.rowsRead).toBe(SAMPLE);
    expect(proposed(member)).toMatchObject({
      name: 'user.name',
      tel: 'user.contact.phone_number',
      plan: null,
    });
    // session:{email} is not in the dataset: the e-mail address in the key itself is found.
    const session = result.report.tables.find((t) => t.dataset === 'cache' && t.collection === 'session');
    expect(session?.columns.find((c) => c.field !== 'token')?.proposal?.type).toBe('EMAIL');
  });

  it('never reads more rows than the sample, and picks the method by table size', () => {
    for (const t of result.report.tables) expect(t.rowsRead).toBeLessThanOrEqual(SAMPLE);
    const customers = tableOf(result.report, 'shop', 'customers');
    // 3,000 short rows fill fewer pages than a random-order read is worth avoiding.
    expect(customers).toMatchObject({ rowsRead: SAMPLE, method: 'random-order', estimatedRows: 3000 });
    const log = tableOf(result.report, 'shop', 'access_log');
    expect(log).toMatchObject({ rowsRead: SAMPLE, method: 'tablesample-system' });
    expect(tableOf(result.report, 'crm', 'members')).toMatchObject({
      rowsRead: SAMPLE,
      method: 'key-ranges',
    });
    expect(tableOf(result.report, 'crm', 'staff')).toMatchObject({ rowsRead: 30, method: 'random-order' });
    expect(proposed(log)).toMatchObject({ client_ip: 'user.device.ip_address', path: null });
  });

  it('reports drift against the datasets and the register', () => {
    const codes = result.report.drift.map((d) => `${d.code}:${d.dataset}.${d.collection}.${d.field}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'undeclared-personal-data:shop.customers.my_number',
        'my-number-without-legal-use:shop.customers.my_number',
        'undeclared-personal-data:shop.customers.address',
        'undeclared-personal-data:shop.customers.postal_code',
        'category-contradicted:shop.customers.tel',
        'undeclared-personal-data:shop.access_log.client_ip',
        'undeclared-personal-data:cache.member.tel',
      ]),
    );
    // The register allows Individual Numbers in the CRM; declared CRM columns agree with their content.
    expect(codes.filter((c) => c.includes(':crm.members.'))).toEqual([]);
    // Hard negatives stay quiet.
    expect(codes.filter((c) => /product_code|order_no|\.id$/.test(c))).toEqual([]);
    const severity = (code: string) =>
      result.report.drift.find((d) => `${d.code}:${d.dataset}.${d.collection}.${d.field}` === code)?.severity;
    expect(severity('my-number-without-legal-use:shop.customers.my_number')).toBe('error');
  });

  it('lets no sampled value out: the report holds categories and counts only', () => {
    for (const row of rows.slice(0, 300)) {
      for (const value of [row.email, row.my_number, row.tel, row.full_name])
        expect(result.out.includes(value)).toBe(false);
    }
    expect(result.progress.length).toBe(result.report.tables.length);
    expect(result.progress[0]).toMatch(/^\[1\/\d+\] shop\.customers$/);
  });

  it('writes the datasets completed with the proposals, without overwriting declared categories', async () => {
    const suggested = parseDatasetYaml(
      await fs.readFile(path.join(dir, 'suggested.yaml'), 'utf8'),
      'suggested.yaml',
    );
    const shop = suggested.find((d) => d.fides_key === 'shop');
    const customers = shop?.collections.find((c) => c.name === 'customers');
    const cat = (f: string) => customers?.fields.find((x) => x.name === f)?.data_categories;
    expect(cat('my_number')).toEqual(['user.government_id.my_number']);
    expect(cat('postal_code')).toEqual(['user.contact.address.postal_code']);
    expect(cat('tel')).toEqual(['user.contact.address']);
    expect(cat('order_no')).toBeUndefined();
    expect(shop?.collections.map((c) => c.name).sort()).toEqual(['access_log', 'customers']);
  });
});

describe('mamori scan db without datasets', () => {
  it('describes the live schema and reads each table within the sample', async () => {
    const { report, out } = await scan({ noDataset: true, sample: '50' });
    expect(report.tables.map((t) => `${t.dataset}.${t.collection}`)).toEqual(
      expect.arrayContaining([
        'shop.customers',
        'shop.access_log',
        'crm.members',
        'crm.staff',
        'cache.member',
      ]),
    );
    for (const t of report.tables) expect(t.rowsRead).toBeLessThanOrEqual(50);
    expect(proposed(tableOf(report, 'crm', 'members')).email).toBe('user.contact.email');
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(report)));
  }, 120_000);

  it('prints a table for people and refuses bad options in one sentence', async () => {
    let out = '';
    await runScanDb(
      {
        dataset: [path.join(dir, 'datasets.yaml')],
        connections: path.join(dir, 'connections.yaml'),
        sample: '20',
        format: 'table',
      },
      { write: (s) => (out += s) },
    );
    expect(out).toMatch(
      /shop\.customers\.my_number \(not in dataset\) +- +user\.government_id\.my_number +my-number/,
    );
    expect(out).toContain('warning my-number-without-legal-use');
    await expect(runScanDb({ connections: 'x', sample: '0' }, { write: () => {} })).rejects.toThrow(
      UserError,
    );
    await expect(runScanDb({ sample: '10' }, { write: () => {} })).rejects.toThrow(/--connections/);
    await expect(runScanDb({ connections: 'x', format: 'xml' }, { write: () => {} })).rejects.toThrow(
      /--format/,
    );
  }, 120_000);
});

describe('PostgreSQL sampling methods', () => {
  it('uses TABLESAMPLE BERNOULLI up to 100 × the limit and SYSTEM beyond, within the limit', async () => {
    const c = new PostgresConnector({ key: 'shop', url: stores.connections.shop!.url });
    try {
      const location = { name: 'access_log' };
      const mid = await c.sample({ location, fields: ['id'], limit: 2000 });
      expect(mid).toMatchObject({ method: 'tablesample-bernoulli', estimatedRows: 200000 });
      expect(mid.rows.length).toBe(2000);
      const big = await c.sample({ location, fields: ['id', 'client_ip'], limit: 100 });
      expect(big.method).toBe('tablesample-system');
      expect(big.rows.length).toBe(100);
      expect(Object.keys(big.rows[0] ?? {})).toEqual(['id', 'client_ip']);
      expect(typeof big.rows[0]?.id).toBe('string');
    } finally {
      await c.close();
    }
  });

  it('sizes the sample by pages and still returns at most the limit', async () => {
    await stores.pg.query('CREATE TABLE fresh (id int, v text)');
    await stores.pg.query(`INSERT INTO fresh SELECT g, 'x' || g FROM generate_series(1, 100000) g`);
    const spec: ConnectionSpec = stores.connections.shop!;
    const c = new PostgresConnector({ key: 'shop', url: spec.url });
    try {
      const s = await c.sample({ location: { name: 'fresh' }, fields: ['id', 'v'], limit: 300 });
      expect(s.rows.length).toBe(300);
      expect(['tablesample-system', 'tablesample-bernoulli', 'random-order']).toContain(s.method);
      expect(new Set(s.rows.map((r) => r.id)).size).toBe(300);
    } finally {
      await c.close();
    }
  });
});
