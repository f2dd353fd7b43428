/**
 * Rights-execution engine benchmarks (issue 4). Run: node --import tsx bench/engine.bench.ts [--customers N | --full]
 *  1. Access for one person across PostgreSQL + MariaDB + Redis through the engine vs hand-written queries
 *     doing the same indexed lookups with the same drivers and the same parallelism (target ≤ 1.3×).
 *  2. Erasure of a person with 10,000 matched rows: the engine's set-based UPDATE vs a per-row UPDATE loop
 *     on the same rows and values (target ≥ 50×), on PostgreSQL and on MariaDB.
 * Default scale: 50,000 customers (≈ 1M rows); --full: 650,000 customers (≈ 13M rows). --rounds N erasure
 * rounds (default 5), --requests N for section 4 (default 1000).
 */
import { cpus } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Connector, RowUpdate } from '../src/connectors/connector.js';
import { MysqlConnector } from '../src/connectors/mysql.js';
import { PostgresConnector } from '../src/connectors/postgres.js';
import { RedisConnector } from '../src/connectors/redis.js';
import type { FidesDataset } from '../src/datasets/dataset.schema.js';
import type { RunSpec } from '../src/engine/engine.schema.js';
import { maskValue } from '../src/engine/masking.js';
import { EngineRun, MemoryJournal } from '../src/engine/run.js';
import { createBenchStores, HEAVY_ORDERS, REDIS_URL } from './engine-fixture.js';

const arg = (name: string) => process.argv.indexOf(name);
const customers =
  arg('--full') >= 0
    ? 650_000
    : arg('--customers') >= 0
      ? Number(process.argv[arg('--customers') + 1])
      : 50_000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ref = (dataset: string, field: string) => ({
  references: [{ dataset, field, direction: 'from' as const }],
});

const datasets: FidesDataset[] = [
  {
    fides_key: 'shop',
    collections: [
      {
        name: 'customer',
        fields: [
          { name: 'id', data_categories: ['user.unique_id'], fides_meta: { primary_key: true } },
          { name: 'email', data_categories: ['user.contact.email'], fides_meta: { identity: 'email' } },
          { name: 'name', data_categories: ['user.name'] },
          { name: 'phone', data_categories: ['user.contact.phone_number'] },
        ],
      },
      {
        name: 'orders',
        fields: [
          { name: 'id', data_categories: ['system.operations'], fides_meta: { primary_key: true } },
          {
            name: 'customer_id',
            data_categories: ['user.unique_id'],
            fides_meta: ref('shop', 'customer.id'),
          },
          { name: 'shipping_name', data_categories: ['user.name'] },
          { name: 'shipping_address', data_categories: ['user.contact.address'] },
        ],
      },
      {
        name: 'order_item',
        fields: [
          { name: 'id', data_categories: ['system.operations'], fides_meta: { primary_key: true } },
          { name: 'order_id', data_categories: ['system.operations'], fides_meta: ref('shop', 'orders.id') },
          { name: 'product_id', data_categories: ['system.operations'] },
          { name: 'quantity', data_categories: ['user.behavior'] },
        ],
      },
    ],
  },
  {
    fides_key: 'crm',
    collections: [
      {
        name: 'loyalty',
        fields: [
          { name: 'id', data_categories: ['system.operations'], fides_meta: { primary_key: true } },
          {
            name: 'customer_id',
            data_categories: ['user.unique_id'],
            fides_meta: ref('shop', 'customer.id'),
          },
          { name: 'phone', data_categories: ['user.contact.phone_number'] },
          { name: 'points', data_categories: ['user.behavior'] },
        ],
      },
      {
        name: 'ticket',
        fields: [
          { name: 'id', data_categories: ['system.operations'], fides_meta: { primary_key: true } },
          {
            name: 'customer_id',
            data_categories: ['user.unique_id'],
            fides_meta: ref('shop', 'customer.id'),
          },
          { name: 'contact', data_categories: ['user.contact.email'] },
        ],
      },
    ],
  },
  {
    fides_key: 'cache',
    collections: [
      {
        name: 'cart',
        mamori_meta: { redis_key_pattern: 'cart:{customer_id}' },
        fields: [
          {
            name: 'customer_id',
            data_categories: ['user.unique_id'],
            fides_meta: ref('shop', 'customer.id'),
          },
          { name: 'items', data_categories: ['user.behavior'] },
          { name: 'phone', data_categories: ['user.contact.phone_number'] },
        ],
      },
    ],
  },
];

console.log(
  `engine bench: ${customers} customers, ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}`,
);
let t = performance.now();
const stores = await createBenchStores(customers);
console.log(
  `fixture: ≈${stores.rows.toLocaleString()} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
const connectors = new Map<string, Connector>([
  ['shop', new PostgresConnector({ key: 'shop', url: stores.pgUrl })],
  ['crm', new MysqlConnector({ key: 'crm', url: stores.mariaUrl, type: 'mariadb' })],
  ['cache', new RedisConnector({ key: 'cache', url: REDIS_URL, keyPrefix: stores.prefix })],
]);
const hand = {
  pg: new pg.Pool({ connectionString: stores.pgUrl, max: 4 }),
  maria: mysql.createPool({ uri: stores.mariaUrl, connectionLimit: 4 }),
  redis: new Redis(REDIS_URL),
};
const spec = (email: string): RunSpec => ({
  kind: 'access',
  datasets,
  connections: {},
  identities: { email: [email] },
  targets: ['user'],
  strategy: { strategy: 'null_rewrite' },
  skipShared: false,
  skipUnreachable: false,
  rectify: [],
  salt: 's',
});
const masking = { hmacKey: Buffer.alloc(32, 1), aesKey: Buffer.alloc(32, 2) };

async function engineAccess(email: string): Promise<number> {
  const out = await new EngineRun(spec(email), { connectors, journal: new MemoryJournal(), masking }).run();
  return Object.values(out.collections).reduce((n, c) => n + c.rows, 0);
}

/** The same lookups written by hand: customer; then orders, loyalty, tickets, cart in parallel; then items. */
async function handAccess(email: string): Promise<number> {
  const c = (await hand.pg.query('SELECT id, email, name, phone FROM customer WHERE email = $1', [email]))
    .rows;
  const ids = c.map((r) => r.id);
  const [orders, loyalty, tickets, carts] = await Promise.all([
    hand.pg
      .query(
        'SELECT id, customer_id, shipping_name, shipping_address FROM orders WHERE customer_id = ANY($1)',
        [ids],
      )
      .then((r) => r.rows),
    hand.maria
      .query('SELECT id, customer_id, phone, points FROM loyalty WHERE customer_id IN (?)', [ids])
      .then(([r]) => r as unknown[]),
    hand.maria
      .query('SELECT id, customer_id, contact FROM ticket WHERE customer_id IN (?)', [ids])
      .then(([r]) => r as unknown[]),
    Promise.all(ids.map((id) => hand.redis.hgetall(`${stores.prefix}cart:${id}`))),
  ]);
  const items = (
    await hand.pg.query(
      'SELECT id, order_id, product_id, quantity FROM order_item WHERE order_id = ANY($1)',
      [orders.map((o) => o.id)],
    )
  ).rows;
  return (
    c.length +
    orders.length +
    loyalty.length +
    tickets.length +
    carts.filter((h) => Object.keys(h).length > 0).length +
    items.length
  );
}

// 1. Access (600 people, medians): alternate engine and hand-written per person so drift hits both alike.
const people = Array.from({ length: 600 }, (_, i) => `user${1 + ((i * 7919) % (customers - 1))}@example.com`);
for (const p of people.slice(0, 30)) {
  if ((await engineAccess(p)) !== (await handAccess(p)))
    throw new Error('engine and hand-written access disagree');
}
const te: number[] = [];
const th: number[] = [];
// Whichever runs first for a person brings that person's pages into the stores' caches for the other, so
// the order alternates: engine first for even people, hand-written first for odd ones.
for (const [i, p] of people.entries()) {
  for (const which of i % 2 === 0 ? ['engine', 'hand'] : ['hand', 'engine']) {
    t = performance.now();
    await (which === 'engine' ? engineAccess(p) : handAccess(p));
    (which === 'engine' ? te : th).push(performance.now() - t);
  }
}
const accessRatio = median(te) / median(th);
console.log(
  `access, one person (6 collections, 3 stores): engine ${median(te).toFixed(2)} ms, hand-written ${median(th).toFixed(2)} ms, ratio ${accessRatio.toFixed(2)}× (target ≤ 1.3×)`,
);

// 2. Erasure of the heavy person: 10,000 orders (PostgreSQL) and 10,000 tickets (MariaDB), hashed per row.
const ctx = { salt: 'salt', ...masking, random: () => 'x' };
const orderIds = (
  await hand.pg.query('SELECT id, shipping_name, shipping_address FROM orders WHERE customer_id = 0')
).rows;
const ticketRows = (await hand.maria.query('SELECT id, contact FROM ticket WHERE customer_id = 0'))[0] as {
  id: number;
  contact: string;
}[];
const pgUpdates: RowUpdate[] = orderIds.map((r) => ({
  key: { id: r.id },
  set: { shipping_name: maskValue(r.shipping_name, { strategy: 'hash' }, ctx), shipping_address: null },
}));
const myUpdates: RowUpdate[] = ticketRows.map((r) => ({
  key: { id: r.id },
  set: { contact: maskValue(r.contact, { strategy: 'hash' }, ctx) },
}));
console.log(
  `heavy person: ${pgUpdates.length} orders, ${myUpdates.length} tickets (expected ${HEAVY_ORDERS} each)`,
);
const shop = connectors.get('shop') as Connector;
const crm = connectors.get('crm') as Connector;
const rounds = arg('--rounds') >= 0 ? Number(process.argv[arg('--rounds') + 1]) : 5;
const setPg: number[] = [];
const loopPg: number[] = [];
const autoPg: number[] = [];
const setMy: number[] = [];
const loopMy: number[] = [];
const autoMy: number[] = [];
/** The baseline: one UPDATE per row, all in one transaction on one connection (no commit per row). */
async function pgLoop(inTransaction: boolean): Promise<void> {
  const c = await hand.pg.connect();
  if (inTransaction) await c.query('BEGIN');
  for (const u of pgUpdates)
    await c.query('UPDATE orders SET shipping_name = $1, shipping_address = $2 WHERE id = $3', [
      u.set.shipping_name,
      u.set.shipping_address,
      u.key.id,
    ]);
  if (inTransaction) await c.query('COMMIT');
  c.release();
}
async function myLoop(inTransaction: boolean): Promise<void> {
  const c = await hand.maria.getConnection();
  if (inTransaction) await c.beginTransaction();
  for (const u of myUpdates)
    await c.query('UPDATE ticket SET contact = ? WHERE id = ?', [u.set.contact, u.key.id]);
  if (inTransaction) await c.commit();
  c.release();
}
const timed = async (into: number[], fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  into.push(performance.now() - start);
};
for (let r = 0; r < rounds; r++) {
  await timed(setPg, () => shop.update({ name: 'orders' }, ['id'], pgUpdates));
  await timed(loopPg, () => pgLoop(true));
  await timed(autoPg, () => pgLoop(false));
  await timed(setMy, () => crm.update({ name: 'ticket' }, ['id'], myUpdates));
  await timed(loopMy, () => myLoop(true));
  await timed(autoMy, () => myLoop(false));
}
for (const [store, set, loop, auto] of [
  ['PostgreSQL', setPg, loopPg, autoPg],
  ['MariaDB   ', setMy, loopMy, autoMy],
] as const) {
  console.log(
    `erasure 10k rows, ${store}: set-based ${median(set).toFixed(1)} ms; per-row loop in one transaction ${median(loop).toFixed(1)} ms → ${(median(loop) / median(set)).toFixed(1)}× (target ≥ 50×); per-row loop with a commit per row (Fides) ${median(auto).toFixed(1)} ms → ${(median(auto) / median(set)).toFixed(1)}×`,
  );
}

// 3. The whole erasure of the heavy person through the engine (reads, plan, writes, verification).
t = performance.now();
const heavy = await new EngineRun(
  { ...spec('user0@example.com'), kind: 'erasure', targets: ['user.name', 'user.contact'] },
  { connectors, journal: new MemoryJournal(), masking },
).run();
console.log(
  `engine erasure of the heavy person end to end: ${(performance.now() - t).toFixed(0)} ms, verified ${heavy.verification?.ok}, rows ${Object.values(
    heavy.collections,
  )
    .filter((c) => c.action !== 'read')
    .reduce((n, c) => n + c.rows, 0)}`,
);

// 4. 1,000 requests back to back: every fourth one erases a person no other request touches, the rest are
// accesses. Throughput, and Node's memory sampled every 100 requests: it must stay flat, not grow with the count.
const REQUESTS = Number(process.argv[arg('--requests') + 1] ?? 0) || 1000;
const rssMb = () => process.memoryUsage().rss / 1e6;
// RSS rises between major collections whatever is retained; the heap left after a full collection is what
// would grow with a leak, so both are sampled.
v8.setFlagsFromString('--expose-gc');
const fullGc = vm.runInNewContext('gc') as () => void;
const retainedMb = () => {
  fullGc();
  return process.memoryUsage().heapUsed / 1e6;
};
const samples: number[] = [];
const retained: number[] = [];
const rssAfterGc: number[] = [];
let peak = rssMb();
t = performance.now();
for (let i = 0; i < REQUESTS; i += 1) {
  const person = `user${1 + ((i * 104_729) % (customers - 1))}@example.com`;
  if (i % 4 === 3) {
    await new EngineRun(
      { ...spec(person), kind: 'erasure', targets: ['user.contact'] },
      { connectors, journal: new MemoryJournal(), masking },
    ).run();
  } else {
    await engineAccess(person);
  }
  peak = Math.max(peak, rssMb());
  if ((i + 1) % 100 === 0) samples.push(rssMb());
}
const seconds = (performance.now() - t) / 1000;
// The same again with a full collection after every 100 requests (outside the throughput timing above).
for (let i = 0; i < REQUESTS; i += 1) {
  const person = `user${1 + ((i * 104_729) % (customers - 1))}@example.com`;
  await engineAccess(person);
  if ((i + 1) % 100 === 0) {
    retained.push(retainedMb());
    rssAfterGc.push(rssMb());
  }
}
const handStart = performance.now();
// Only people the erasures above left alone.
const untouched = Array.from({ length: 266 }, (_, i) => i).filter((i) => i % 4 !== 3);
for (const i of untouched) await handAccess(`user${1 + ((i * 104_729) % (customers - 1))}@example.com`);
const handRate = untouched.length / ((performance.now() - handStart) / 1000);
console.log(
  `${REQUESTS} requests back to back (3 accesses : 1 erasure): ${(REQUESTS / seconds).toFixed(1)} requests/s ` +
    `(hand-written access alone in the same run: ${handRate.toFixed(1)}/s); RSS every 100 requests ` +
    `${samples.map((m) => m.toFixed(0)).join(' → ')} MB, peak ${peak.toFixed(0)} MB; heap after a full collection ` +
    `every 100 accesses ${retained.map((m) => m.toFixed(1)).join(' → ')} MB (RSS then ` +
    `${rssAfterGc.map((m) => m.toFixed(0)).join(' → ')} MB)`,
);

for (const c of connectors.values()) await c.close();
await hand.pg.end();
await hand.maria.end();
hand.redis.disconnect();
await stores.drop();
