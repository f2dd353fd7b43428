// Consent writes and reads over HTTP on PostgreSQL, against a bare Fastify + pg endpoint doing the same
// insert (record + state upsert) and select in the same run. Run: node --import tsx bench/consent.bench.ts
// (DATABASE_URL defaults to the local PostgreSQL). The Mamori side is the consent routes with Mamori's zod
// validation and services; the server's rate limiter is left out (it would answer 429 to one benching host).
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { consentRoutes } from '../src/consent/consent.routes.js';
import { consentRegister, SYSTEM } from '../src/consent/consent.test-helpers.js';
import { createMamori } from '../src/main.js';
import { openDatabase } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { withAdminClient, withDatabase } from '../test/postgres.js';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 32;
const VISITORS = Array.from({ length: 1000 }, () => randomUUID());

type Result = { rps: number; p50: number; p99: number; non2xx: number };

async function load(url: string, method: 'GET' | 'POST', body?: (i: number) => string): Promise<Result> {
  let i = 0;
  const r = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          i++;
          return body
            ? { ...req, body: body(i) }
            : { ...req, path: `${new URL(url).pathname}?visitorId=${VISITORS[i % VISITORS.length]}` };
        },
      },
    ],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

async function main() {
  const name = `mamori_bench_consent_${randomBytes(4).toString('hex')}`;
  await withAdminClient(BASE, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(BASE, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 10 });
  await migrate(database);
  const mamori = await createMamori(
    loadConfig({
      MAMORI_DATA_DIR: os.tmpdir(),
      MAMORI_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'silent',
    }),
    { database, skipMigrations: true, logger: pino({ level: 'silent' }) },
  );
  await mamori.register.import(SYSTEM, consentRegister());

  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await consentRoutes(app, mamori.consent);
  const mamoriUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  // The baseline: the same two statements per purpose a banner write makes, straight through pg.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(`CREATE TABLE bare_records (id bigserial PRIMARY KEY, subject_key text, purpose text, decision text,
    recorded_at timestamptz, ip_prefix text, ua_summary text)`);
  await pool.query(`CREATE TABLE bare_state (subject_key text, purpose text, decision text, record_id bigint,
    recorded_at timestamptz, PRIMARY KEY (subject_key, purpose))`);
  const bare = Fastify({ logger: false });
  bare.post('/w', async (request) => {
    const b = request.body as { visitorId: string; choices: Array<{ purpose: string; decision: string }> };
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const ids = await client.query(
        `INSERT INTO bare_records (subject_key, purpose, decision, recorded_at, ip_prefix, ua_summary)
         SELECT $1, p, d, now(), '127.0.0.0/24', 'bench' FROM unnest($2::text[], $3::text[]) AS t(p, d) RETURNING id, purpose, decision, recorded_at`,
        [b.visitorId, b.choices.map((c) => c.purpose), b.choices.map((c) => c.decision)],
      );
      for (const r of ids.rows)
        await client.query(
          `INSERT INTO bare_state VALUES ($1, $2, $3, $4, $5) ON CONFLICT (subject_key, purpose) DO UPDATE
           SET decision = excluded.decision, record_id = excluded.record_id, recorded_at = excluded.recorded_at`,
          [b.visitorId, r.purpose, r.decision, r.id, r.recorded_at],
        );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
    return { ok: true };
  });
  bare.get('/state', async (request) => {
    const q = request.query as { visitorId: string };
    return (
      await pool.query('SELECT purpose, decision, recorded_at FROM bare_state WHERE subject_key = $1', [
        q.visitorId,
      ])
    ).rows;
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const body = (i: number) =>
    JSON.stringify({
      visitorId: VISITORS[i % VISITORS.length],
      choices: [
        { purpose: 'analytics', decision: i % 2 ? 'granted' : 'denied' },
        { purpose: 'ads', decision: 'denied' },
        { purpose: 'newsletter', decision: 'granted' },
      ],
    });

  const results = {
    writesMamori: await load(`${mamoriUrl}/api/public/consent`, 'POST', body),
    writesBare: await load(`${bareUrl}/w`, 'POST', body),
    readsMamori: await load(`${mamoriUrl}/api/public/consent/state`, 'GET'),
    readsBare: await load(`${bareUrl}/state`, 'GET'),
    configMamori: await load(`${mamoriUrl}/api/public/consent/config`, 'GET'),
  };
  const row = (label: string, r: Result) =>
    `| ${label} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`;
  console.log(
    `consent bench: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${SECONDS} s each, ${CONNECTIONS} connections`,
  );
  console.log('| endpoint | req/s | p50 ms | p99 ms | non-2xx |\n|---|---|---|---|---|');
  console.log(row('Mamori POST /api/public/consent (3 purposes)', results.writesMamori));
  console.log(row('bare Fastify+pg insert+upsert (3 purposes)', results.writesBare));
  console.log(row('Mamori GET /api/public/consent/state', results.readsMamori));
  console.log(row('bare Fastify+pg select', results.readsBare));
  console.log(row('Mamori GET /api/public/consent/config (cached)', results.configMamori));
  console.log(
    `ratio writes ${(results.writesMamori.rps / results.writesBare.rps).toFixed(2)}, reads ${(results.readsMamori.rps / results.readsBare.rps).toFixed(2)}`,
  );

  await app.close();
  await bare.close();
  await pool.end();
  await mamori.close();
  await withAdminClient(BASE, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

await main();
