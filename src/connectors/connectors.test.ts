import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { draftDataset } from '../engine/dataset-generate.js';
import { createStores, type Stores } from '../engine/fixtures/stores.js';
import { ConnectorError } from './connector.js';
import { MysqlConnector } from './mysql.js';
import { PostgresConnector } from './postgres.js';
import { RedisConnector } from './redis.js';

let stores: Stores;
beforeAll(async () => {
  stores = await createStores();
  // A hostile table name: identifiers must be quoted, values never spliced.
  await stores.pg.query(`CREATE TABLE "we""ird" (id int PRIMARY KEY, "na me" text)`);
  await stores.pg.query(`INSERT INTO "we""ird" VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
  await stores.maria.query('CREATE TABLE `we``ird` (id INT PRIMARY KEY, `na me` VARCHAR(80))');
  await stores.maria.query("INSERT INTO `we``ird` VALUES (1, 'a'), (2, 'b'), (3, 'c')");
});
afterAll(async () => {
  await stores?.drop();
});

const sqlStores = () => [
  new PostgresConnector({ key: 'pg', url: stores.pgUrl }),
  new MysqlConnector({ key: 'my', url: stores.mariadbUrl, type: 'mariadb' }),
];

describe('SQL connectors (PostgreSQL, MariaDB)', () => {
  it('find, per-row set-based update and delete on quoted identifiers with hostile values', async () => {
    for (const c of sqlStores()) {
      const location = { name: 'we"ird'.replace('"', c.type === 'postgres' ? '"' : '`') };
      try {
        const hostile = "x'); DROP TABLE customer; --";
        expect(
          await c.find({ location, fields: ['id', 'na me'], where: { 'na me': ['a', hostile] } }),
        ).toEqual([{ id: 1, 'na me': 'a' }]);
        const changed = await c.update(
          location,
          ['id'],
          [
            { key: { id: 1 }, set: { 'na me': hostile } },
            { key: { id: 2 }, set: { 'na me': '山田' } },
          ],
        );
        expect(changed).toBe(2);
        const rows = await c.find({ location, fields: ['id', 'na me'], where: { id: [1, 2, 3] } });
        expect(rows.map((r) => r['na me']).sort()).toEqual(['c', hostile, '山田'].sort());
        expect(await c.delete(location, ['id'], [{ id: 3 }])).toBe(1);
        expect(await c.primaryKey(location)).toEqual(['id']);
      } finally {
        await c.close();
      }
    }
  });

  it('writes values every row shares beside per-row values: once on PostgreSQL, in the rows on MariaDB', async () => {
    await stores.pg.query(`CREATE TABLE mixed (id int PRIMARY KEY, a text, b int, c jsonb, d timestamptz)`);
    await stores.pg.query(
      `INSERT INTO mixed SELECT g, 'a' || g, g, '{"k": 1}', now() FROM generate_series(1, 4) g`,
    );
    await stores.maria.query(
      'CREATE TABLE mixed (id INT PRIMARY KEY, a VARCHAR(80), b INT, c JSON, d DATETIME, e VARCHAR(4))',
    );
    await stores.maria.query(
      `INSERT INTO mixed SELECT seq, CONCAT('a', seq), seq, '{"k": 1}', NOW(), 'e' FROM seq_1_to_4`,
    );
    for (const c of sqlStores()) {
      const location = { name: 'mixed' };
      try {
        // a differs per row; b, c and d are the same in every row (a hash beside other strategies).
        const shared = { b: 0, c: { masked: true }, d: '2020-01-02T03:04:05Z' };
        const updates = [1, 2, 3].map((id) => ({
          key: { id },
          set: { a: `h${id}`, ...shared, ...(c.type !== 'postgres' && { e: 'MASKED' }) },
        }));
        const statement = c.explainUpdate(location, ['id'], updates);
        // PostgreSQL: arrays for the keys and a only, the shared values as parameters of their own. MariaDB:
        // everything in the JSON rows, which JSON_TABLE converts to the columns' types (an ISO date with its
        // zone, text longer than its column) where a parameter of its own would be refused.
        if (c.type === 'postgres') expect(statement.match(/\[\]/g)?.length).toBe(2);
        else expect(statement.match(/\?/g)?.length).toBe(1);
        expect(await c.update(location, ['id'], updates)).toBe(3);
        const fields = ['id', 'a', 'b', 'c', 'd'];
        const rows = await c.find({ location, fields, where: { id: [1, 2, 3, 4] } });
        const byId = new Map(rows.map((r) => [Number(r.id), r]));
        for (const id of [1, 2, 3]) {
          expect(byId.get(id)).toMatchObject({ a: `h${id}`, b: 0 });
          const value = byId.get(id)?.c;
          expect(typeof value === 'string' ? JSON.parse(value) : value).toEqual({ masked: true });
          const d = byId.get(id)?.d;
          if (c.type === 'postgres') expect((d as Date).toISOString()).toBe('2020-01-02T03:04:05.000Z');
          else expect(d).toBe('2020-01-02 03:04:05');
        }
        expect(byId.get(4)).toMatchObject({ a: 'a4', b: 4 });
      } finally {
        await c.close();
      }
    }
    const [e] = await stores.maria.query('SELECT e FROM mixed WHERE id = 1');
    expect((e as { e: string }[])[0]?.e).toBe('MASK');
  });

  it('reads PostgreSQL through prepared statements, and plainly once the server refuses them', async () => {
    await stores.pg.query(`CREATE TABLE shape (id int PRIMARY KEY, v int)`);
    await stores.pg.query(`INSERT INTO shape SELECT g, g * 10 FROM generate_series(1, 5) g`);
    const c = new PostgresConnector({ key: 'pg', url: stores.pgUrl, poolSize: 1 });
    const location = { name: 'shape' };
    const find = (ids: number[]) => c.find({ location, fields: ['id', 'v'], where: { id: ids } });
    const sent = vi.spyOn(pg.Pool.prototype, 'query');
    try {
      expect(await find([1, 2])).toEqual([
        { id: 1, v: 10 },
        { id: 2, v: 20 },
      ]);
      const named = sent.mock.calls.map((call) => (call[0] as { name?: string }).name);
      expect(named).toEqual([expect.stringMatching(/^mamori_[0-9a-f]{32}$/)]);
      sent.mockRestore();
      // A changed column type invalidates the prepared statement's result shape: the read is sent again, plainly.
      await stores.pg.query('ALTER TABLE shape ALTER COLUMN v TYPE text');
      expect(await find([3])).toEqual([{ id: 3, v: '30' }]);
      expect(await find([4, 5])).toEqual([
        { id: 4, v: '40' },
        { id: 5, v: '50' },
      ]);
    } finally {
      sent.mockRestore();
      await c.close();
    }
    // A key column's new type no longer matches the parameter type the statement was prepared with.
    await stores.pg.query(`CREATE TABLE shape_key (k int PRIMARY KEY, v int)`);
    await stores.pg.query(`INSERT INTO shape_key VALUES (1, 10), (2, 20)`);
    const k = new PostgresConnector({ key: 'pg', url: stores.pgUrl, poolSize: 1 });
    const byKey = (keys: unknown[]) =>
      k.find({ location: { name: 'shape_key' }, fields: ['k', 'v'], where: { k: keys } });
    try {
      expect(await byKey([1])).toEqual([{ k: 1, v: 10 }]);
      await stores.pg.query('ALTER TABLE shape_key ALTER COLUMN k TYPE text');
      expect(await byKey(['2'])).toEqual([{ k: '2', v: 20 }]);
      // A real error is still reported, by the plain statement.
      await expect(
        k.find({ location: { name: 'no_such_table' }, fields: ['k'], where: { k: [1] } }),
      ).rejects.toThrow(/no_such_table/);
    } finally {
      await k.close();
    }
  });

  it('drafts a dataset with keys and foreign-key references', async () => {
    const c = new PostgresConnector({ key: 'shop', url: stores.pgUrl });
    try {
      const draft = draftDataset('shop', await c.describe());
      const orders = draft.collections.find((x) => x.name === 'orders');
      expect(orders?.fields.find((f) => f.name === 'id')?.fides_meta).toMatchObject({ primary_key: true });
      expect(orders?.fields.find((f) => f.name === 'customer_id')?.fides_meta?.references).toEqual([
        { dataset: 'shop', field: 'customer.id', direction: 'from' },
      ]);
    } finally {
      await c.close();
    }
    const m = new MysqlConnector({ key: 'crm', url: stores.mariadbUrl });
    try {
      expect((await m.describe()).map((x) => x.name)).toEqual(expect.arrayContaining(['loyalty', 'ticket']));
    } finally {
      await m.close();
    }
  });

  it('writes all batches of a PostgreSQL update in one transaction: a failing batch leaves nothing changed', async () => {
    await stores.pg.query('CREATE TABLE many (id int PRIMARY KEY, n int)');
    await stores.pg.query('INSERT INTO many SELECT g, 0 FROM generate_series(1, 20001) g');
    const c = new PostgresConnector({ key: 'pg', url: stores.pgUrl });
    try {
      // 20,001 rows are two batches; the second one's value is not an integer.
      const updates = Array.from({ length: 20001 }, (_, i) => ({
        key: { id: i + 1 },
        set: { n: i === 20000 ? 'not a number' : i + 1 },
      }));
      await expect(c.update({ name: 'many' }, ['id'], updates)).rejects.toThrow(ConnectorError);
      expect((await stores.pg.query('SELECT count(*)::int AS n FROM many WHERE n <> 0')).rows[0].n).toBe(0);
      expect(await c.update({ name: 'many' }, ['id'], updates.slice(0, 20000))).toBe(20000);
      expect(await c.delete({ name: 'many' }, ['id'], [{ id: 1 }, { id: 20001 }])).toBe(2);
    } finally {
      await c.close();
    }
  });

  it('writes all batches of a MariaDB update in one transaction: a failing batch leaves nothing changed', async () => {
    await stores.maria.query('CREATE TABLE many (id INT PRIMARY KEY, n INT NOT NULL)');
    await stores.maria.query('INSERT INTO many SELECT seq, 0 FROM seq_1_to_30001');
    const c = new MysqlConnector({ key: 'my', url: stores.mariadbUrl, type: 'mariadb' });
    try {
      // 30,001 rows are two batches; the second one's value is not an integer (NULL into NOT NULL).
      const updates = Array.from({ length: 30001 }, (_, i) => ({
        key: { id: i + 1 },
        set: { n: i === 30000 ? 'not a number' : i + 1 },
      }));
      await expect(c.update({ name: 'many' }, ['id'], updates)).rejects.toThrow(ConnectorError);
      const [rows] = await stores.maria.query('SELECT COUNT(*) AS n FROM many WHERE n <> 0');
      expect(Number((rows as { n: number }[])[0]?.n)).toBe(0);
      expect(await c.update({ name: 'many' }, ['id'], updates.slice(0, 30000))).toBe(30000);
      expect(await c.delete({ name: 'many' }, ['id'], [{ id: 1 }, { id: 30001 }])).toBe(2);
    } finally {
      await c.close();
    }
  });

  it('looks PostgreSQL keys up by index only where an index leads with a key column', async () => {
    await stores.pg.query(`CREATE TABLE probe (id int PRIMARY KEY, a text, b text, c text, d text, e text)`);
    await stores.pg.query('CREATE INDEX ON probe (b, c)');
    await stores.pg.query('CREATE INDEX ON probe (lower(d))');
    await stores.pg.query(`CREATE INDEX ON probe (e) WHERE e IS NOT NULL`);
    await stores.pg.query(
      `INSERT INTO probe SELECT g, 'a' || g, 'b', 'c', 'd', NULL FROM generate_series(1, 50) g`,
    );
    const c = new PostgresConnector({ key: 'pg', url: stores.pgUrl });
    try {
      const location = { name: 'probe' };
      expect(await c.keyIndexed(location, ['id'])).toBe(true);
      expect(await c.keyIndexed(location, ['b'])).toBe(true);
      expect(await c.keyIndexed(location, ['c', 'b'])).toBe(true);
      // Second column of an index, expression index, partial index, no index: the planner keeps its choice.
      expect(await c.keyIndexed(location, ['c'])).toBe(false);
      expect(await c.keyIndexed(location, ['d'])).toBe(false);
      expect(await c.keyIndexed(location, ['e'])).toBe(false);
      expect(await c.keyIndexed(location, ['a'])).toBe(false);
      // A dataset may name an unindexed column as the key: the write still happens, in one transaction.
      expect(await c.update(location, ['a'], [{ key: { a: 'a7' }, set: { e: 'x' } }])).toBe(1);
      expect(await c.delete(location, ['a'], [{ a: 'a8' }, { a: 'a9' }])).toBe(2);
    } finally {
      await c.close();
    }
  });

  it('samples a MariaDB table by key ranges and returns exactly the sample even when the ranges overlap', async () => {
    await stores.maria.query('CREATE TABLE sample_me (id INT PRIMARY KEY, v VARCHAR(20))');
    const values = Array.from({ length: 400 }, (_, i) => `(${i + 1}, 'v${i + 1}')`).join(',');
    await stores.maria.query(`INSERT INTO sample_me VALUES ${values}`);
    await stores.maria.query('ANALYZE TABLE sample_me');
    const c = new MysqlConnector({ key: 'crm', url: stores.mariadbUrl, type: 'mariadb' });
    // Every random start lands on the same key near the end: all ranges overlap and run out of rows.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.99);
    try {
      const result = await c.sample({ location: { name: 'sample_me' }, fields: ['id', 'v'], limit: 20 });
      expect(result.method).toBe('key-ranges');
      expect(result.rows).toHaveLength(20);
      expect(new Set(result.rows.map((r) => r.id)).size).toBe(20);
    } finally {
      random.mockRestore();
      await c.close();
    }
  });

  it('names the connection that cannot be reached', async () => {
    const c = new PostgresConnector({ key: 'billing', url: 'postgres://postgres@127.0.0.1:1/x' });
    await expect(c.test()).rejects.toThrow(ConnectorError);
    await expect(c.test()).rejects.toThrow(/^connection "billing": /);
    await c.close();
  });
});

describe('Redis connector', () => {
  it('reads hashes by key pattern, updates in one transaction, deletes keys', async () => {
    const c = new RedisConnector({
      key: 'cache',
      url: 'redis://127.0.0.1:6379/0',
      keyPrefix: stores.redisPrefix,
    });
    const location = { name: 'cart', keyPattern: 'cart:{customer_id}' };
    try {
      const rows = await c.find({
        location,
        fields: ['customer_id', 'items', 'phone'],
        where: { customer_id: [1, 2, 99] },
      });
      expect(rows).toEqual([
        { customer_id: '1', items: '[1,2]', phone: '090-1234-5678' },
        { customer_id: '2', items: '[3]', phone: '080-2222-3333' },
      ]);
      await c.update(
        location,
        ['customer_id'],
        [{ key: { customer_id: '1' }, set: { phone: null, items: '[]' } }],
      );
      expect(await stores.redis.hgetall(`${stores.redisPrefix}cart:1`)).toEqual({ items: '[]' });
      expect(await c.delete(location, ['customer_id'], [{ customer_id: '2' }])).toBe(1);
      const ro = new RedisConnector({ key: 'cache', url: 'redis://127.0.0.1:6379/0', readOnly: true });
      await expect(ro.checkWritable()).rejects.toThrow(/read-only/);
      await ro.close();
    } finally {
      await c.close();
    }
  });
});
