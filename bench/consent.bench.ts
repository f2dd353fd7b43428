// Consent writes and reads over HTTP on PostgreSQL, against a bare Fastify + pg endpoint doing the same SQL
// work (subject, records, state, outbox in one transaction per write; the same select per read) in the same
// run. Run: node --import tsx bench/consent.bench.ts (DATABASE_URL defaults to the local PostgreSQL;
// BENCH_SECONDS per load, BENCH_ROUNDS rounds, alternating Mamori and bare to spread the shared machine's noise).
// The servers run in a child process (bench/consent-server.ts); autocannon runs here.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { fromRoot } from '../src/platform/paths.js';
import { withAdminClient, withDatabase } from '../test/postgres.js';

const BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 32;
// Readers are written once (warm-up) and then only read, so their reads are cache hits; the write loads
// go to writers (1,000 other visitors: first a new subject, then changes of mind).
const VISITORS = Array.from({ length: 1000 }, () => randomUUID());
const WRITERS = Array.from({ length: 1000 }, () => randomUUID());
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

type Result = {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU time per request of the servers' process and of the bench database's PostgreSQL backends, µs. */
  nodeUs: number;
  pgUs: number;
  /** CPU time per request of this process, which runs autocannon (the load generator shares the 2 cores). */
  loadUs: number;
};

let cpuUrl = '';
let benchDb = '';

/**
 * User + system CPU seconds per client backend of the bench database (from /proc; absent where unreadable).
 * Autovacuum workers are left out: they clean up after the write loads while the next load runs, which
 * charged the cached reads (no query at all) with 200 µs of PostgreSQL CPU a request.
 */
async function pgCpuSeconds(): Promise<Map<number, number>> {
  const pids = await withAdminClient(BASE, (c) =>
    c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'`,
      [benchDb],
    ),
  );
  const cpu = new Map<number, number>();
  for (const { pid } of pids.rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {}
  }
  return cpu;
}

/** CPU used between two readings by the backends alive at the second (a new backend counts from 0). */
const pgDelta = (a: Map<number, number>, b: Map<number, number>) =>
  [...b].reduce((sum, [pid, s]) => sum + s - (a.get(pid) ?? 0), 0);

async function nodeCpuSeconds(): Promise<number> {
  const u = (await (await fetch(cpuUrl)).json()) as { user: number; system: number };
  return (u.user + u.system) / 1e6;
}

async function load(url: string, method: 'GET' | 'POST', body?: (i: number) => string): Promise<Result> {
  let i = 0;
  const path = new URL(url).pathname;
  const [node0, pg0] = [await nodeCpuSeconds(), await pgCpuSeconds()];
  const own0 = process.cpuUsage();
  const r = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', 'user-agent': UA },
    requests: [
      {
        setupRequest: (req) => {
          i++;
          const v = i % VISITORS.length;
          // One address per visitor, as a proxy in front of Mamori would report it.
          const headers = { ...req.headers, 'x-forwarded-for': `10.${v >> 8}.${v & 255}.7` };
          return body
            ? { ...req, headers, body: body(i) }
            : { ...req, headers, path: `${path}?visitorId=${VISITORS[v]}` };
        },
      },
    ],
  });
  const own = process.cpuUsage(own0);
  const [node1, pg1] = [await nodeCpuSeconds(), await pgCpuSeconds()];
  const total = Math.max(1, r.requests.total);
  return {
    loadUs: (own.user + own.system) / total,
    nodeUs: ((node1 - node0) * 1e6) / total,
    pgUs: (pgDelta(pg0, pg1) * 1e6) / total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** Waits (at most 60 s) until no autovacuum worker is busy in the bench database. */
async function autovacuumDone(): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const busy = await withAdminClient(BASE, (c) =>
      c.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'autovacuum worker'`, [
        benchDb,
      ]),
    );
    if (busy.rowCount === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const bodyOf =
  (visitors: string[], purposes = 3) =>
  (i: number) =>
    JSON.stringify({
      visitorId: visitors[i % visitors.length],
      language: 'ja',
      choices: [
        { purpose: 'analytics', decision: i % 2 ? 'granted' : 'denied' },
        { purpose: 'ads', decision: 'denied' },
        { purpose: 'newsletter', decision: 'granted' },
      ].slice(0, purposes),
    });

const row = (round: number, label: string, r: Result) =>
  console.log(
    `| ${round} | ${label} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx} / ${r.errors} | ${Math.round(r.nodeUs)} | ${Math.round(r.pgUs)} | ${Math.round(r.loadUs)} |`,
  );

const body = bodyOf(WRITERS);
/** One decision a request: a visitor changing one purpose in the preference centre or the banner's "choose". */
const single = bodyOf(WRITERS, 1);

async function main() {
  const name = `mamori_bench_consent_${randomBytes(4).toString('hex')}`;
  await withAdminClient(BASE, (c) => c.query(`CREATE DATABASE ${name}`));
  benchDb = name;
  // BENCH_PROF_DIR=dir writes a CPU profile of the servers' process (node --cpu-prof) when it ends.
  const prof = process.env.BENCH_PROF_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`]
    : [];
  const child = spawn(
    process.execPath,
    [...prof, '--import', 'tsx', fromRoot('bench', 'consent-server.ts')],
    {
      env: { ...process.env, DATABASE_URL: withDatabase(BASE, name) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
    });
    const { mamori, bare } = JSON.parse(line) as { mamori: string; bare: string };
    cpuUrl = `${bare}/cpu`;
    // Warm-up: JIT, pools, the readers' state.
    await load(`${mamori}/api/public/consent`, 'POST', bodyOf(VISITORS));
    await load(`${bare}/w`, 'POST', bodyOf(VISITORS));
    // The read loads measure cached reads: every visitor read once first (both sides, for fairness).
    await load(`${mamori}/api/public/consent/state`, 'GET');
    await load(`${bare}/state`, 'GET');
    // BENCH_ONLY=writes|single|reads|config: load one Mamori endpoint only (for profiling).
    const only = process.env.BENCH_ONLY;
    if (only) {
      const r =
        only === 'writes' || only === 'single'
          ? await load(`${mamori}/api/public/consent`, 'POST', only === 'single' ? single : body)
          : await load(`${mamori}/api/public/consent/${only === 'reads' ? 'state' : 'config'}`, 'GET');
      row(0, `Mamori ${only}`, r);
      return;
    }
    console.log(
      `consent bench: ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg()[0]?.toFixed(1)}, ${SECONDS} s each, ${CONNECTIONS} connections, ${ROUNDS} rounds`,
    );
    console.log(
      '| round | endpoint | req/s | p50 ms | p99 ms | non-2xx / errors | Node CPU µs/req | PostgreSQL CPU µs/req | autocannon CPU µs/req |\n|---|---|---|---|---|---|---|---|---|',
    );
    const ratios: { writes: number[]; single: number[]; reads: number[]; ceiling: number[] } = {
      writes: [],
      single: [],
      reads: [],
      ceiling: [],
    };
    const decisions: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const wm = await load(`${mamori}/api/public/consent`, 'POST', body);
      const wb = await load(`${bare}/w`, 'POST', body);
      const sm = await load(`${mamori}/api/public/consent`, 'POST', single);
      const sb = await load(`${bare}/w`, 'POST', single);
      // The write loads leave autovacuum work behind; on 2 cores it took CPU from the read loads that followed
      // (cached reads measured 14k/s after writes, 15–21k/s alone). Reads start once it is done.
      await autovacuumDone();
      const rm = await load(`${mamori}/api/public/consent/state`, 'GET');
      const rb = await load(`${bare}/state`, 'GET');
      const cm = await load(`${mamori}/api/public/consent/config`, 'GET');
      const hello = await load(`${bare}/hello`, 'GET');
      row(round, 'Mamori POST /api/public/consent (3 purposes)', wm);
      row(round, 'bare Fastify+pg write (same SQL work)', wb);
      row(round, 'Mamori POST /api/public/consent (1 purpose)', sm);
      row(round, 'bare Fastify+pg write, 1 purpose', sb);
      row(round, 'Mamori GET /api/public/consent/state (cached)', rm);
      row(round, 'bare Fastify+pg select', rb);
      row(round, 'Mamori GET /api/public/consent/config (cached)', cm);
      row(round, 'bare Fastify constant answer (the ceiling)', hello);
      ratios.writes.push(wm.rps / wb.rps);
      ratios.single.push(sm.rps / sb.rps);
      decisions.push(wm.rps * 3);
      ratios.reads.push(rm.rps / rb.rps);
      ratios.ceiling.push(rm.rps / hello.rps);
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    console.log(
      `ratio writes ${fmt(ratios.writes)}; 1-purpose writes ${fmt(ratios.single)}; reads ${fmt(ratios.reads)}; cached reads / constant answer ${fmt(ratios.ceiling)}; ledger records written a second in the 3-purpose loads ${decisions.map((d) => Math.round(d)).join(', ')}`,
    );
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await withAdminClient(BASE, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

await main();
