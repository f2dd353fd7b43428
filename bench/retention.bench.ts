/**
 * Retention sweep on a large PostgreSQL table with 2% of rows past a 5-year period: Mamori's sweep (keyset
 * pages found by the store, erasure through the engine, journal, verification re-query, certificate)
 * against the hand-written single UPDATE doing the same erasure, on an identical copy, in the same run.
 *
 *   node --import tsx bench/retention.bench.ts            # 1,000,000 rows
 *   node --import tsx bench/retention.bench.ts --rows 10000000
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { RunRepository } from '../src/engine/run.repository.js';
import { RunService } from '../src/engine/run.service.js';
import { createMamori } from '../src/main.js';
import { openDatabase } from '../src/platform/db/connect.js';
import { testRegister } from '../src/retention/retention.fixtures.js';
import { RetentionRepository } from '../src/retention/retention.repository.js';
import { RetentionService } from '../src/retention/retention.service.js';

const PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(arg('--rows') ?? 1_000_000);
const BATCH = Number(arg('--batch') ?? 5000);
const AS_OF = '2026-03-01';

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const name = `mamori_b_${randomBytes(4).toString('hex')}`;
const storeUrl = PG.replace(/\/postgres$/, `/${name}`);
const mamoriUrl = PG.replace(/\/postgres$/, `/${name}_m`);

function tableSql(t: string): string {
  // Row i is due when i % 50 = 0 (2%): its contract ended in 2019 (or, every other one, no contract and a
  // last contact in 2018: the chain); the rest ended in 2024 or have no trigger yet.
  return `
    CREATE TABLE ${t} (id bigint PRIMARY KEY, email text, full_name text, phone text,
      contract_ended_at timestamptz, last_contact_at date);
    INSERT INTO ${t}
      SELECT i, 'user' || i || '@example.jp', '氏名' || i, '090-0000-' || lpad((i % 10000)::text, 4, '0'),
        CASE WHEN i % 50 = 0 AND i % 100 <> 0 THEN timestamptz '2019-06-01 10:00+09'
             WHEN i % 50 = 0 THEN NULL
             WHEN i % 7 = 0 THEN NULL
             ELSE timestamptz '2024-06-01 10:00+09' END,
        CASE WHEN i % 100 = 0 THEN date '2018-01-01' ELSE date '2025-01-01' END
      FROM generate_series(1, ${ROWS}) AS i;
    ANALYZE ${t};`;
}

async function main() {
  await admin(`CREATE DATABASE ${name}`);
  await admin(`CREATE DATABASE ${name}_m`);
  const store = new pg.Pool({ connectionString: storeUrl, max: 2 });
  try {
    const t0 = performance.now();
    await store.query(tableSql('accounts'));
    await store.query(tableSql('baseline'));
    console.log(
      `setup: ${ROWS.toLocaleString()} rows ×2 in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Baseline: what a DBA would type.
    const b0 = performance.now();
    const base = await store.query(
      `UPDATE baseline SET email = NULL, full_name = NULL, phone = NULL
        WHERE COALESCE(contract_ended_at, last_contact_at) < '2021-03-01 00:00:00+09'`,
    );
    const baselineMs = performance.now() - b0;

    const handle = await openDatabase({ databaseUrl: mamoriUrl, dataDir: 'unused', poolSize: 4 });
    const mamori = await createMamori(
      loadConfig({
        DATABASE_URL: mamoriUrl,
        MAMORI_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
        LOG_LEVEL: 'silent',
      }),
      { database: handle, logger: pino({ level: 'silent' }) },
    );
    const { dataset } = await import('../src/retention/retention.fixtures.js');
    const d = dataset('shop');
    d.collections = d.collections.filter((c) => c.name === 'accounts');
    const register = testRegister([d]);
    register.retentionRules = register.retentionRules.filter((r) => r.key === 'five-years');
    const retention = new RetentionService({
      db: mamori.database.db,
      repo: new RetentionRepository(),
      audit: mamori.audit,
      register: { load: async () => register },
      connections: { specs: async () => ({ shop: { type: 'postgres', url: storeUrl } }) } as never,
      engine: new RunService(
        mamori.database.db,
        new RunRepository(),
        mamori.audit,
        mamori.secrets,
        mamori.keys,
      ),
      secrets: mamori.secrets,
    });
    const actor = { type: 'system', label: 'bench' } as const;
    await retention.saveSettings(actor, {
      approvalThreshold: 10 ** 12,
      autoRunSmall: true,
      batchSize: BATCH,
    });

    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      samples.push(rss);
    }, 50);
    const m0 = performance.now();
    const sweep = await retention.request(actor, { asOf: AS_OF, trigger: 'bench' });
    const done = await retention.execute(actor, sweep.id);
    const sweepMs = performance.now() - m0;
    clearInterval(sampler);
    const { certificate } = await retention.certificate(actor, sweep.id);
    const rows = certificate.totalRows;
    const same = await store.query(
      `SELECT count(*)::int AS n FROM accounts a JOIN baseline b USING (id)
        WHERE (a.email IS NULL) <> (b.email IS NULL)`,
    );
    const lines = [
      `rows in table: ${ROWS.toLocaleString()}, due: ${rows.toLocaleString()} (baseline updated ${base.rowCount?.toLocaleString()})`,
      `differences between the two tables after both: ${same.rows[0]?.n}`,
      `baseline single UPDATE: ${(baselineMs / 1000).toFixed(2)} s`,
      `Mamori sweep (dry-run counts + pages + engine + verification + certificate): ${(sweepMs / 1000).toFixed(2)} s, ${Math.round(rows / (sweepMs / 1000)).toLocaleString()} rows/s, status ${done.status}, verified ${certificate.ok}`,
      `ratio sweep / baseline: ${(sweepMs / baselineMs).toFixed(1)}×`,
      `Node RSS: start ${(rss0 / 2 ** 20).toFixed(0)} MB, peak ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - rss0) / 2 ** 20).toFixed(0)} MB), batch ${BATCH}`,
      // Flat memory: RSS at each fifth of the sweep's duration (the page size bounds it, not the table).
      `Node RSS over the sweep (MB, at 20/40/60/80/100 %): ${[1, 2, 3, 4, 5].map((k) => ((samples[Math.max(0, Math.ceil((samples.length * k) / 5) - 1)] ?? 0) / 2 ** 20).toFixed(0)).join(' / ')}`,
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    ];
    console.log(lines.join('\n'));
    await mamori.close();
  } finally {
    await store.end();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`DROP DATABASE IF EXISTS ${name}_m WITH (FORCE)`);
  }
}

await main();
