import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../connectors/connector.js';
import { parseDatasetYaml } from '../datasets/dataset.yaml.js';
import type { RunSpec } from './engine.schema.js';
import { createStores, ecommerceDatasetPath, type Stores } from './fixtures/stores.js';
import { EngineRun, MemoryJournal } from './run.js';
import { openConnectors } from './run.service.js';

let stores: Stores;
let datasets: RunSpec['datasets'];
const masking = { hmacKey: Buffer.alloc(32, 1), aesKey: Buffer.alloc(32, 2) };

beforeAll(async () => {
  stores = await createStores();
  datasets = parseDatasetYaml(await fs.readFile(ecommerceDatasetPath(), 'utf8'), 'ecommerce.yml');
});
afterAll(async () => {
  await stores?.drop();
});

function spec(overrides: Partial<RunSpec>): RunSpec {
  return {
    kind: 'access',
    datasets,
    connections: stores.connections,
    identities: { email: ['customer-1@example.com'] },
    targets: ['user'],
    strategy: { strategy: 'null_rewrite' },
    skipShared: false,
    skipUnreachable: false,
    rectify: [],
    salt: 'salt',
    ...overrides,
  };
}

async function run(s: RunSpec, dryRun = false) {
  const connectors: Map<string, Connector> = await openConnectors(s);
  try {
    return await new EngineRun(s, { connectors, journal: new MemoryJournal(), masking }).run(dryRun);
  } finally {
    for (const c of connectors.values()) await c.close();
  }
}

const ids = (rows: Record<string, unknown>[] | undefined, field: string) =>
  (rows ?? []).map((r) => String(r[field])).sort();

describe('e-commerce example across PostgreSQL, MariaDB and Redis', () => {
  it('access returns exactly the reachable rows, filtered to the target categories', async () => {
    const out = await run(spec({}));
    const counts = Object.fromEntries(Object.entries(out.collections).map(([k, v]) => [k, v.rows]));
    expect(counts).toEqual({
      'shop:customer': 1,
      'shop:visit': 1,
      'shop:service_request': 2,
      'cache:session': 1,
      'shop:address': 2,
      'shop:orders': 2,
      'shop:payment_card': 1,
      'shop:login': 2,
      'shop:employee': 2,
      'shop:order_item': 3,
      'shop:product': 3,
      'crm:loyalty': 1,
      'crm:ticket': 2,
      'cache:cart': 1,
    });
    const pkg = out.access ?? {};
    expect(Object.keys(pkg['shop:customer']?.[0] ?? {}).sort()).toEqual(['email', 'id', 'name']);
    expect(pkg['shop:product']).toBeUndefined();
    expect(pkg['shop:orders']).toEqual([{ customer_id: 1 }, { customer_id: 1 }]);
    expect(ids(pkg['crm:loyalty'], 'phone')).toEqual(['090-1234-5678']);
    expect(pkg['cache:session']).toEqual([
      { email: 'customer-1@example.com', token: 'tok-1', ip: '203.0.113.7' },
    ]);
  });

  it('a narrower target keeps only fields under it', async () => {
    const out = await run(spec({ targets: ['user.contact.email'] }));
    expect(Object.keys(out.access ?? {}).sort()).toEqual([
      'cache:session',
      'crm:ticket',
      'shop:customer',
      'shop:employee',
      'shop:service_request',
      'shop:visit',
    ]);
  });

  it('several identities at once are combined into the same queries', async () => {
    const out = await run(spec({ identities: { email: ['customer-1@example.com', 'jane@example.com'] } }));
    expect(out.collections['shop:customer']?.rows).toBe(2);
    expect(out.collections['shop:orders']?.rows).toBe(3);
  });

  it('dry run shows statements and counts and changes nothing', async () => {
    const out = await run(spec({ kind: 'erasure', targets: ['user.contact'] }), true);
    expect(out.collections['shop:customer']?.statement).toMatch(
      /^UPDATE "customer" AS t SET "email" = \$2::text/,
    );
    expect(out.collections['crm:ticket']?.statement).toMatch(/^UPDATE `ticket`/);
    const { rows } = await stores.pg.query('SELECT email FROM customer WHERE id = 1');
    expect(rows[0].email).toBe('customer-1@example.com');
  });
});
