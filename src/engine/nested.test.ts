import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FidesDataset } from '../datasets/dataset.schema.js';
import type { RunSpec } from './engine.schema.js';
import { MARIADB_URL, PG_URL } from './fixtures/stores.js';
import { EngineRun, MemoryJournal } from './run.js';
import { openConnectors } from './run.service.js';

/*
 * Nested fields (JSON/JSONB columns with fideslang sub-fields) and type-aware masking, on the real
 * PostgreSQL and MariaDB: a profile in PostgreSQL (jsonb, int, date, boolean) feeding a member row in
 * MariaDB (JSON, INT, DATE).
 */

const name = `mamori_nest_${randomBytes(4).toString('hex')}`;
let pgPool: pg.Pool;
let maria: mysql.Pool;
const masking = { hmacKey: Buffer.alloc(32, 1), aesKey: Buffer.alloc(32, 2) };

const prefs = (n: number) => ({
  contact: { phone: `090-0000-000${n}`, fax: null },
  theme: 'dark',
  score: 40 + n,
  addresses: [
    { city: `千代田区 ${n}`, zip: '100-0001' },
    { city: `大阪市 ${n}`, zip: '530-0001' },
  ],
});

const datasets: FidesDataset[] = [
  {
    fides_key: 'nest_pg',
    collections: [
      {
        name: 'profile',
        fields: [
          { name: 'id', data_categories: ['user.unique_id'], fides_meta: { primary_key: true } },
          { name: 'email', data_categories: ['user.contact.email'], fides_meta: { identity: 'email' } },
          {
            name: 'prefs',
            data_categories: ['system.operations'],
            fields: [
              {
                name: 'contact',
                fields: [
                  { name: 'phone', data_categories: ['user.contact.phone_number'] },
                  { name: 'fax', data_categories: ['user.contact.fax_number'] },
                ],
              },
              { name: 'theme', data_categories: ['system.operations'] },
              {
                name: 'score',
                data_categories: ['user.behavior'],
                fides_meta: { data_type: 'integer' },
              },
              {
                name: 'addresses',
                fields: [
                  { name: 'city', data_categories: ['user.contact.address.city'] },
                  { name: 'zip', data_categories: ['user.contact.address.postal_code'] },
                ],
              },
            ],
          },
          // No data_type: the column's own type (integer, date, boolean) decides.
          { name: 'age', data_categories: ['user.behavior'] },
          { name: 'birthday', data_categories: ['user.behavior'] },
          { name: 'active', data_categories: ['user.behavior'] },
          {
            name: 'rank',
            data_categories: ['user.behavior'],
            fides_meta: {
              masking_strategy_override: {
                strategy: 'string_rewrite',
                configuration: { rewrite_value: '0' },
              },
            },
          },
        ],
      },
    ],
  },
  {
    fides_key: 'nest_my',
    collections: [
      {
        name: 'member',
        fields: [
          { name: 'id', data_categories: ['system.operations'], fides_meta: { primary_key: true } },
          {
            name: 'profile_id',
            data_categories: ['user.unique_id'],
            fides_meta: { references: [{ dataset: 'nest_pg', field: 'profile.id', direction: 'from' }] },
          },
          {
            name: 'meta',
            data_categories: ['system.operations'],
            fields: [
              { name: 'email', data_categories: ['user.contact.email'] },
              { name: 'tier', data_categories: ['system.operations'] },
              {
                name: 'history',
                fields: [{ name: 'phone', data_categories: ['user.contact.phone_number'] }],
              },
            ],
          },
          { name: 'visits', data_categories: ['user.behavior'] },
          { name: 'joined', data_categories: ['user.behavior'] },
        ],
      },
    ],
  },
];

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  pgPool = new pg.Pool({ connectionString: PG_URL.replace(/\/postgres$/, `/${name}`), max: 2 });
  // DROP DATABASE … WITH (FORCE) ends sessions a closing pool still holds (57P01): not an error of the test.
  pgPool.on('error', () => {});
  await pgPool.query(`CREATE TABLE profile (id int PRIMARY KEY, email text, prefs jsonb, age int,
    birthday date, active boolean, rank int)`);
  for (const n of [1, 2])
    await pgPool.query('INSERT INTO profile VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      n,
      `p${n}@example.com`,
      JSON.stringify(prefs(n)),
      30 + n,
      `1990-01-0${n}`,
      true,
      n,
    ]);
  const m = await mysql.createConnection({ uri: MARIADB_URL, multipleStatements: true });
  await m.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4; USE ${name};
    CREATE TABLE member (id INT PRIMARY KEY, profile_id INT, meta JSON, visits INT, joined DATE);`);
  await m.end();
  maria = mysql.createPool({ uri: `${MARIADB_URL}${name}`, connectionLimit: 2 });
  for (const n of [1, 2])
    await maria.query('INSERT INTO member VALUES (?, ?, ?, ?, ?)', [
      10 + n,
      n,
      JSON.stringify({
        email: `p${n}@example.com`,
        tier: 'gold',
        history: [{ phone: `080-${n}` }, { phone: null }],
      }),
      5 * n,
      `2020-02-0${n}`,
    ]);
}, 60_000);

afterAll(async () => {
  await pgPool?.end();
  await maria?.end();
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  const m = await mysql.createConnection({ uri: MARIADB_URL });
  await m.query(`DROP DATABASE IF EXISTS ${name}`);
  await m.end();
});

function spec(overrides: Partial<RunSpec>): RunSpec {
  return {
    kind: 'access',
    datasets,
    connections: {
      nest_pg: { type: 'postgres', url: PG_URL.replace(/\/postgres$/, `/${name}`) },
      nest_my: { type: 'mariadb', url: `${MARIADB_URL}${name}` },
    },
    identities: { email: ['p1@example.com'] },
    targets: ['user.contact'],
    strategy: { strategy: 'string_rewrite' },
    skipShared: false,
    skipUnreachable: false,
    rectify: [],
    salt: 'salt',
    ...overrides,
  };
}

async function run(s: RunSpec) {
  const connectors = await openConnectors(s);
  try {
    return await new EngineRun(s, { connectors, journal: new MemoryJournal(), masking }).run();
  } finally {
    await Promise.all([...connectors.values()].map((c) => c.close()));
  }
}

describe('nested fields in JSON columns', () => {
  it('access discloses only the targeted parts of a JSON/JSONB column', async () => {
    const out = await run(spec({}));
    expect(out.access?.['nest_pg:profile']).toEqual([
      {
        email: 'p1@example.com',
        prefs: {
          contact: { phone: '090-0000-0001', fax: null },
          addresses: [
            { city: '千代田区 1', zip: '100-0001' },
            { city: '大阪市 1', zip: '530-0001' },
          ],
        },
      },
    ]);
    // MariaDB returns JSON as text; the package holds the parsed, pruned structure.
    expect(out.access?.['nest_my:member']).toEqual([
      { meta: { email: 'p1@example.com', history: [{ phone: '080-1' }, { phone: null }] } },
    ]);
  });

  it('erasure masks the targeted parts in place, type-valid, verified, and leaves the other person alone', async () => {
    const out = await run(spec({ kind: 'erasure', targets: ['user.contact', 'user.behavior'] }));
    expect(out.verification).toMatchObject({ ok: true, writesMismatched: 0 });
    const [p1, p2] = (await pgPool.query('SELECT * FROM profile ORDER BY id')).rows;
    expect(p1.prefs).toEqual({
      contact: { phone: 'MASKED', fax: null },
      theme: 'dark',
      // integer sub-field: "MASKED" is no integer, so null.
      score: null,
      addresses: [
        { city: 'MASKED', zip: 'MASKED' },
        { city: 'MASKED', zip: 'MASKED' },
      ],
    });
    // Columns typed by the store: no text written into int, date or boolean; a numeric rewrite kept as a number.
    expect({ age: p1.age, birthday: p1.birthday, active: p1.active, rank: p1.rank }).toEqual({
      age: null,
      birthday: null,
      active: null,
      rank: 0,
    });
    expect(p1.email).toBe('MASKED');
    expect(p2.prefs).toEqual(prefs(2));
    expect(p2.age).toBe(32);

    const [rows] = await maria.query('SELECT * FROM member ORDER BY id');
    const [m1, m2] = rows as { meta: unknown; visits: number | null; joined: unknown }[];
    // mysql2 parses MariaDB's JSON columns; text would be parsed here alike.
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(json(m1?.meta)).toEqual({
      email: 'MASKED',
      tier: 'gold',
      history: [{ phone: 'MASKED' }, { phone: null }],
    });
    expect([m1?.visits, m1?.joined]).toEqual([null, null]);
    expect(json(m2?.meta)).toMatchObject({ email: 'p2@example.com' });
    expect(m2?.visits).toBe(10);
  });

  it('hash masks nested strings and nulls a whole JSON column instead of writing text into it', async () => {
    const s = spec({
      kind: 'erasure',
      identities: { email: ['p2@example.com'] },
      targets: ['user.contact'],
      strategy: { strategy: 'hash' },
    });
    // The whole meta column targeted: a hash is no JSON document, so the column becomes null.
    const whole = structuredClone(datasets);
    const meta = whole[1]?.collections[0]?.fields.find((f) => f.name === 'meta');
    if (meta) meta.data_categories = ['user.contact'];
    const out = await run({ ...s, datasets: whole });
    expect(out.verification).toMatchObject({ ok: true });
    const p2 = (await pgPool.query('SELECT prefs FROM profile WHERE id = 2')).rows[0];
    expect(p2.prefs.contact.phone).toMatch(/^[0-9a-f]{64}$/);
    expect(p2.prefs.theme).toBe('dark');
    const [rows] = await maria.query('SELECT meta FROM member WHERE id = 12');
    expect((rows as { meta: unknown }[])[0]?.meta).toBeNull();
  });
});
