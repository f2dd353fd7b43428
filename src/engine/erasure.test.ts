import fs from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDatasetYaml } from '../datasets/dataset.yaml.js';
import type { RunSpec } from './engine.schema.js';
import { createStores, ecommerceDatasetPath, type Stores } from './fixtures/stores.js';
import { EngineRun, MemoryJournal } from './run.js';
import { openConnectors } from './run.service.js';

let stores: Stores;
let datasets: RunSpec['datasets'];
const masking = { hmacKey: Buffer.alloc(32, 1), aesKey: Buffer.alloc(32, 2) };

beforeAll(async () => {
  datasets = parseDatasetYaml(await fs.readFile(ecommerceDatasetPath(), 'utf8'), 'ecommerce.yml');
});
beforeEach(async () => {
  stores = await createStores();
});
afterEach(async () => {
  await stores?.drop();
});

const spec = (overrides: Partial<RunSpec> = {}): RunSpec => ({
  kind: 'erasure',
  datasets,
  connections: stores.connections,
  identities: { email: ['customer-1@example.com'] },
  targets: ['user.contact'],
  strategy: { strategy: 'null_rewrite' },
  skipShared: false,
  skipUnreachable: false,
  rectify: [],
  salt: 'salt',
  ...overrides,
});

async function run(s: RunSpec) {
  const connectors = await openConnectors(s);
  try {
    return await new EngineRun(s, { connectors, journal: new MemoryJournal(), masking }).run();
  } finally {
    for (const c of connectors.values()) await c.close();
  }
}

const pgRows = async (sql: string) => (await stores.pg.query(sql)).rows;
const myRows = async (sql: string) => (await stores.maria.query(sql))[0] as Record<string, unknown>[];

describe('erasure of user.contact for one customer', () => {
  it('masks that customer everywhere, leaves other customers alone except the address they share, and verifies', async () => {
    const out = await run(spec());
    expect(out.verification).toMatchObject({ ok: true, remaining: [], writesMismatched: 0 });
    expect(await pgRows('SELECT id, email, name FROM customer ORDER BY id')).toEqual([
      { id: 1, email: null, name: '山田 太郎' },
      { id: 2, email: 'customer-2@example.com', name: '山田 花子' },
      { id: 3, email: 'jane@example.com', name: 'Jane Doe' },
    ]);
    // Address 1 is genuinely shared with customer 2: Fides' semantics mask it too (see --skip-shared).
    expect(await pgRows('SELECT id, city FROM address ORDER BY id')).toEqual([
      { id: 1, city: null },
      { id: 2, city: null },
      { id: 3, city: 'Springfield' },
      { id: 4, city: 'Tokyo' },
    ]);
    expect(await pgRows('SELECT email FROM employee ORDER BY id')).toEqual([
      { email: 'employee-1@example.com' },
      { email: 'employee-2@example.com' },
    ]);
    expect(await pgRows('SELECT id, email FROM visit ORDER BY id')).toEqual([
      { id: 1, email: null },
      { id: 2, email: 'customer-2@example.com' },
    ]);
    expect(await myRows('SELECT id, phone FROM loyalty ORDER BY id')).toEqual([
      { id: 10, phone: null },
      { id: 11, phone: '080-2222-3333' },
      { id: 12, phone: '+1 217 555 0100' },
    ]);
    expect(await myRows('SELECT id, contact_email FROM ticket ORDER BY id')).toEqual([
      { id: 100, contact_email: 'erased@invalid' },
      { id: 101, contact_email: 'customer-2@example.com' },
      { id: 102, contact_email: 'erased@invalid' },
    ]);
    // The session key spells the e-mail address: it can only be erased by deleting it.
    expect(await stores.redis.exists(`${stores.redisPrefix}session:customer-1@example.com`)).toBe(0);
    expect(await stores.redis.exists(`${stores.redisPrefix}session:customer-2@example.com`)).toBe(1);
    expect(await stores.redis.hgetall(`${stores.redisPrefix}cart:1`)).toEqual({ items: '[1,2]' });
    expect(await stores.redis.hgetall(`${stores.redisPrefix}cart:2`)).toEqual({
      items: '[3]',
      phone: '080-2222-3333',
    });
    expect(out.collections['shop:address']).toMatchObject({ action: 'mask', rows: 2 });
    expect(out.collections['cache:session']).toMatchObject({ action: 'delete', rows: 1 });
  });

  it('skip_shared leaves rows other people also point at', async () => {
    const out = await run(spec({ skipShared: true }));
    expect(await pgRows('SELECT id, city FROM address ORDER BY id')).toEqual([
      { id: 1, city: '千代田区' },
      { id: 2, city: null },
      { id: 3, city: 'Springfield' },
      { id: 4, city: 'Tokyo' },
    ]);
    expect(out.collections['shop:address']).toMatchObject({ rows: 1, skippedShared: 1 });
    expect(out.verification?.ok).toBe(true);
  });

  it('applies field overrides: SHA-512 hash with the request salt, string_rewrite', async () => {
    await run(spec({ targets: ['user.financial'], salt: 'abc' }));
    const [card] = await pgRows("SELECT ccn, code, name FROM payment_card WHERE id = 'pay_aaa-aaa'");
    const { createHash } = await import('node:crypto');
    expect(card).toEqual({
      ccn: createHash('sha512').update('4111111111111111abc').digest('hex'),
      code: null,
      name: null,
    });
    const [other] = await pgRows("SELECT ccn FROM payment_card WHERE id = 'pay_bbb-bbb'");
    expect(other.ccn).toBe('378282246310005');
  });

  it('deletes rows of a collection marked erase_by_delete, children first', async () => {
    const ds = structuredClone(datasets);
    const login = ds[0]?.collections.find((c) => c.name === 'login');
    if (login) login.mamori_meta = { erase_by_delete: true };
    const out = await run(spec({ datasets: ds }));
    expect(await pgRows('SELECT id FROM login ORDER BY id')).toEqual([{ id: 3 }, { id: 4 }]);
    expect(out.collections['shop:login']).toMatchObject({ action: 'delete', rows: 2 });
    expect(out.verification?.ok).toBe(true);
  });

  it('refuses a read-only connection before changing anything', async () => {
    const s = spec({
      connections: { ...stores.connections, crm: { ...stores.connections.crm!, read_only: true } },
    });
    await expect(run(s)).rejects.toThrow(/connection "crm": the connection is read-only/);
    expect((await pgRows('SELECT email FROM customer WHERE id = 1'))[0]?.email).toBe(
      'customer-1@example.com',
    );
  });

  it('refuses a role without write grants, naming the table', async () => {
    const role = `${stores.name}_ro`;
    await stores.pg.query(`CREATE ROLE ${role} LOGIN`);
    await stores.pg.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    try {
      const url = stores.pgUrl.replace('postgres@', `${role}@`);
      const s = spec({ connections: { ...stores.connections, shop: { type: 'postgres', url } } });
      await expect(run(s)).rejects.toThrow(/connection "shop": cannot write to \w+: permission denied/);
    } finally {
      await stores.pg.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });

  it('rectifies and restricts the person’s rows only', async () => {
    await run(
      spec({
        kind: 'rectification',
        rectify: [{ node: 'shop:customer', field: 'name', value: '山田 太朗' }],
      }),
    );
    expect(await pgRows('SELECT id, name FROM customer ORDER BY id LIMIT 2')).toEqual([
      { id: 1, name: '山田 太朗' },
      { id: 2, name: '山田 花子' },
    ]);
    const out = await run(spec({ kind: 'restriction' }));
    expect(await myRows('SELECT id, restricted FROM loyalty ORDER BY id')).toEqual([
      { id: 10, restricted: 1 },
      { id: 11, restricted: 0 },
      { id: 12, restricted: 0 },
    ]);
    expect(out.collections['shop:customer']).toMatchObject({ action: 'restriction_recorded', rows: 1 });
  });
});
