// The servers the consent bench loads, in a process of their own (bench/consent.bench.ts starts it and runs
// autocannon in the parent, so the load generator does not share the servers' event loop). Two servers on
// one process, loaded one after the other:
// - Mamori: the real HTTP server (createServer: every hook, the rate limiter, CORS, zod validation and
//   serialisation) behind a proxy header, so each benched visitor has its own address as on the web;
// - bare: Fastify + pg, no validation, doing the same SQL work per write (subjects, records, state, outbox in
//   one transaction) and the same select per read, on a pool of the same size.
// Prints one JSON line {mamori, bare} with the base URLs, then serves until killed.
import os from 'node:os';
import Fastify from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { consentRegister, SYSTEM } from '../src/consent/consent.test-helpers.js';
import { createMamori, createServer } from '../src/main.js';
import { openDatabase } from '../src/platform/db/connect.js';

const url = process.env.DATABASE_URL ?? '';
const POOL = Number(process.env.BENCH_POOL ?? 10);

const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: POOL });
const mamori = await createMamori(
  loadConfig({
    MAMORI_DATA_DIR: os.tmpdir(),
    MAMORI_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    MAMORI_TRUST_PROXY: 'true',
    LOG_LEVEL: 'silent',
  }),
  { database, logger: pino({ level: 'silent' }) },
);
await mamori.register.import(SYSTEM, consentRegister());
const { app } = await createServer(mamori);
const mamoriUrl = await app.listen({ port: 0, host: '127.0.0.1' });

const pool = new pg.Pool({ connectionString: url, max: POOL });
await pool.query(`CREATE TABLE bare_subjects (key text PRIMARY KEY, linked_to text)`);
await pool.query(`CREATE TABLE bare_records (id bigserial PRIMARY KEY, event_id uuid UNIQUE, subject_key text,
  purpose text, decision text, recorded_at timestamptz, ip_prefix text, ua_summary text)`);
await pool.query(`CREATE TABLE bare_state (subject_key text, purpose text, decision text, record_id bigint,
  recorded_at timestamptz, PRIMARY KEY (subject_key, purpose))`);
await pool.query(`CREATE TABLE bare_outbox (id uuid PRIMARY KEY, payload jsonb)`);

const bare = Fastify({ logger: false });
bare.post('/w', async (request) => {
  const b = request.body as { visitorId: string; choices: Array<{ purpose: string; decision: string }> };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO bare_subjects (key) VALUES ($1) ON CONFLICT DO NOTHING', [b.visitorId]);
    const ids = await client.query(
      `INSERT INTO bare_records (event_id, subject_key, purpose, decision, recorded_at, ip_prefix, ua_summary)
       SELECT gen_random_uuid(), $1, p, d, now(), '127.0.0.0/24', 'bench'
       FROM unnest($2::text[], $3::text[]) AS t(p, d) RETURNING id, event_id, purpose, decision, recorded_at`,
      [b.visitorId, b.choices.map((c) => c.purpose), b.choices.map((c) => c.decision)],
    );
    await client.query(
      `INSERT INTO bare_state SELECT $1, r.* FROM jsonb_to_recordset($2::jsonb)
         AS r(purpose text, decision text, id bigint, recorded_at timestamptz)
       ON CONFLICT (subject_key, purpose) DO UPDATE SET decision = excluded.decision,
         record_id = excluded.record_id, recorded_at = excluded.recorded_at`,
      [b.visitorId, JSON.stringify(ids.rows)],
    );
    await client.query(
      `INSERT INTO bare_outbox SELECT (r->>'event_id')::uuid, r FROM jsonb_array_elements($1::jsonb) r`,
      [JSON.stringify(ids.rows)],
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
    await pool.query(
      `SELECT s.purpose, s.decision, s.recorded_at FROM bare_subjects sub
       JOIN bare_state s ON s.subject_key = coalesce(sub.linked_to, sub.key) WHERE sub.key = $1`,
      [q.visitorId],
    )
  ).rows;
});
// A constant answer: Fastify's own ceiling for a small GET on this machine, loaded in the same run.
bare.get('/hello', async () => ({ subjectKey: 'v', canonicalKey: 'v', purposes: [] }));
// The servers' own CPU time, read by the bench around each load (the machine is shared: CPU per request
// says more than requests per second).
bare.get('/cpu', async () => process.cpuUsage());
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

process.stdout.write(`${JSON.stringify({ mamori: mamoriUrl, bare: bareUrl })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await pool.end();
  await mamori.close();
  process.exit(0);
});
