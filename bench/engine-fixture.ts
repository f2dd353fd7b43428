/**
 * Large fixture for the engine benchmarks, across PostgreSQL, MariaDB and Redis with realistic fan-out:
 * customers → 6 orders each → 2 items each (PostgreSQL), a loyalty row per customer (MariaDB), a cart
 * hash per customer (Redis). Customer 0 is the "heavy" person with 10,000 orders, for the erasure bench.
 * Scale: `customers` rows; the 10M-row target is customers = 650,000 (≈ 650k + 3.9M + 7.8M … rows).
 */
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import pg from 'pg';

export const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
export const MARIA_ADMIN = 'mysql://root@127.0.0.1:3306/';
export const REDIS_URL = 'redis://127.0.0.1:6379/0';

export interface BenchStores {
  name: string;
  pgUrl: string;
  mariaUrl: string;
  prefix: string;
  rows: number;
  drop(): Promise<void>;
}

export const HEAVY_ORDERS = 10_000;

export async function createBenchStores(customers: number): Promise<BenchStores> {
  const name = `mamori_b_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pgUrl = PG_ADMIN.replace(/\/postgres$/, `/${name}`);
  const db = new pg.Client({ connectionString: pgUrl });
  await db.connect();
  await db.query(`
    CREATE TABLE customer (id int PRIMARY KEY, email text, name text, phone text);
    CREATE UNIQUE INDEX ON customer (email);
    CREATE TABLE product (id int PRIMARY KEY, name text, price int);
    CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, shipping_name text, shipping_address text);
    CREATE TABLE order_item (id int PRIMARY KEY, order_id int NOT NULL, product_id int NOT NULL, quantity int);
    INSERT INTO customer SELECT g, 'user' || g || '@example.com', '顧客 ' || g, '090-' || lpad(g::text, 8, '0') FROM generate_series(0, ${customers - 1}) g;
    INSERT INTO product SELECT g, 'product ' || g, (g % 100) * 100 FROM generate_series(1, 1000) g;
    INSERT INTO orders SELECT g, 1 + (g % ${Math.max(1, customers - 1)}), '宛名 ' || g, '東京都千代田区 ' || g FROM generate_series(1, ${customers * 6}) g;
    INSERT INTO orders SELECT ${customers * 6} + g, 0, '重い人 ' || g, '大阪府 ' || g FROM generate_series(1, ${HEAVY_ORDERS}) g;
    INSERT INTO order_item SELECT g, 1 + (g % ${customers * 6}), 1 + (g % 1000), 1 + g % 3 FROM generate_series(1, ${customers * 12}) g;
    CREATE INDEX ON orders (customer_id);
    CREATE INDEX ON order_item (order_id);
  `);
  // As a store in service would be: rows old enough to be vacuumed (hint bits set, visibility map built),
  // so that no measurement pays for the first reads of fresh rows or shares the CPU with autovacuum.
  await db.query('VACUUM (FREEZE, ANALYZE)');
  await db.end();
  const m = await mysql.createConnection({ uri: MARIA_ADMIN, multipleStatements: true });
  await m.query(`CREATE DATABASE ${name}; USE ${name};
    CREATE TABLE loyalty (id INT PRIMARY KEY, customer_id INT NOT NULL, phone VARCHAR(32), points INT, INDEX (customer_id));
    INSERT INTO loyalty SELECT seq, seq, CONCAT('080-', LPAD(seq, 8, '0')), seq % 500 FROM seq_0_to_${customers - 1};
    CREATE TABLE ticket (id INT PRIMARY KEY, customer_id INT NOT NULL, contact VARCHAR(100), INDEX (customer_id));
    INSERT INTO ticket SELECT seq, IF(seq <= ${HEAVY_ORDERS}, 0, seq % ${customers}), CONCAT('t', seq, '@example.com') FROM seq_1_to_${customers * 2 + HEAVY_ORDERS};
    ANALYZE TABLE loyalty, ticket;`);
  await m.end();
  const redis = new Redis(REDIS_URL);
  const prefix = `${name}:`;
  for (let i = 0; i < customers; i += 10_000) {
    const p = redis.pipeline();
    for (let c = i; c < Math.min(customers, i + 10_000); c++)
      p.hset(`${prefix}cart:${c}`, { items: `[${c % 1000}]`, phone: `090-${c}` });
    await p.exec();
  }
  redis.disconnect();
  return {
    name,
    pgUrl,
    mariaUrl: `${MARIA_ADMIN}${name}`,
    prefix,
    rows: customers * 20 + 1000 + HEAVY_ORDERS * 2,
    async drop() {
      const r = new Redis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
        cursor = next;
        if (keys.length > 0) await r.del(...keys);
      } while (cursor !== '0');
      r.disconnect();
      const a = new pg.Client({ connectionString: PG_ADMIN });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      const mm = await mysql.createConnection({ uri: MARIA_ADMIN });
      await mm.query(`DROP DATABASE IF EXISTS ${name}`);
      await mm.end();
    },
  };
}
