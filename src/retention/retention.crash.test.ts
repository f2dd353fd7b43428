import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEnvironment, cliEnvironment, startMamori } from '../../test/cli.js';
import { loadConfig } from '../config.js';
import { localDateOf } from '../laws/zone.js';
import { createMamori } from '../main.js';
import { createLogger } from '../platform/logger.js';
import {
  type AccountMix,
  createRetentionStore,
  insertAccounts,
  prepareMamori,
  type RetentionStore,
} from './retention.e2e-fixtures.js';
import type { Certificate } from './retention.schema.js';

/*
 * A real crash: `mamori retention run` as a child process against a real PostgreSQL table, SIGKILLed from
 * outside at several points (once a number of rows were erased, after a random delay), then resumed with
 * `mamori retention resume --take-over` until it finishes. The sweep must finish exactly once: every due
 * row erased, no other row touched, every page counted once, one certificate, one completion in the audit.
 * Mamori's own database is PGlite or PostgreSQL as the suite runs.
 */

const KEY = 'crashret';
const MIX: AccountMix = { due: 2400, in30: 0, in90: 0, later: 300 };
const BATCH = 100;

let store: RetentionStore;
let cli: CliEnvironment;
let today: string;

beforeAll(async () => {
  store = await createRetentionStore();
  today = localDateOf(new Date(), 'Asia/Tokyo');
  await insertAccounts(store.pool, today, MIX);
  cli = await cliEnvironment();
  cli.env.LOG_LEVEL = 'error';
  await prepareMamori(cli.env, {
    key: KEY,
    url: store.url,
    settings: { approvalThreshold: 1_000_000, autoRunSmall: true, batchSize: BATCH },
  });
}, 120_000);

afterAll(async () => {
  await cli?.cleanup();
  await store?.drop();
});

const erased = async () =>
  Number(
    (await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM accounts WHERE email IS NULL')).rows[0]
      ?.n,
  );

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mamori <args>`; SIGKILLs it once `killWhen` says so (polled every 20 ms) — or never when omitted.
 */
function run(args: string[], killWhen?: (elapsedMs: number) => Promise<boolean>): Promise<Outcome> {
  const child: ChildProcess = startMamori(args, cli.env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdin?.end();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  if (killWhen) {
    const check = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (await killWhen(Date.now() - started)) child.kill('SIGKILL');
      else timer = setTimeout(() => void check(), 20);
    };
    void check();
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('a retention sweep SIGKILLed from outside finishes exactly once', () => {
  it('killed mid-page, after random delays and again mid-page; resumed; the stores and records agree', async () => {
    const kills: string[] = [];
    // 1. The first run: killed once some pages were erased (the kill lands somewhere in a later page).
    const first = await run(['retention', 'run', '--as-of', today], async () => (await erased()) >= 350);
    expect(first.signal, first.stderr).toBe('SIGKILL');
    kills.push(`run after ${await erased()} rows`);

    // 2. Resumes, each killed: after a random delay (possibly before it did anything), then mid-page again.
    const delay = 300 + Math.floor(Math.random() * 1500);
    const second = await run(['retention', 'resume', '--take-over'], async (ms) => ms >= delay);
    if (second.signal === 'SIGKILL') kills.push(`resume after ${delay} ms at ${await erased()} rows`);
    const target = Math.max((await erased()) + 3 * BATCH + 50, 1200);
    const third = await run(
      ['retention', 'resume', '--take-over'],
      async () => (await erased()) >= Math.min(target, MIX.due - 1),
    );
    if (third.signal === 'SIGKILL') kills.push(`resume at ${await erased()} rows`);
    expect(kills.length, kills.join('; ')).toBeGreaterThanOrEqual(2);
    console.info(`retention crash test: killed ${kills.join('; ')}`);

    // 3. Resumed to the end, uninterrupted.
    const last = await run(['retention', 'resume', '--take-over']);
    expect(last.code, last.stderr).toBe(0);

    // The store: exactly the due rows erased (ids 1..due), their enquiries deleted, nothing else touched.
    const rows = await store.pool.query<{ id: number; email: string | null; full_name: string | null }>(
      'SELECT id, email, full_name FROM accounts ORDER BY id',
    );
    const wrong = rows.rows.filter((r) =>
      r.id <= MIX.due ? r.email !== null || r.full_name !== null : r.email !== `user${r.id}@example.jp`,
    );
    expect(wrong).toEqual([]);
    const enquiries = await store.pool.query<{ n: string; min: number }>(
      'SELECT count(*) AS n, min(account_id) AS min FROM enquiries',
    );
    expect(Number(enquiries.rows[0]?.n)).toBe(MIX.later);
    expect(enquiries.rows[0]?.min).toBe(MIX.due + 1);

    // Mamori's records, read once every process has exited.
    const mamori = await createMamori(loadConfig(cli.env), { logger: createLogger('error') });
    try {
      const db = mamori.database.db;
      const sweeps = await db.selectFrom('retention_sweeps').selectAll().execute();
      expect(sweeps).toHaveLength(1);
      const sweep = sweeps[0];
      expect(sweep?.status).toBe('completed');
      const certificate = sweep?.certificate as unknown as Certificate;
      const accounts = certificate.collections.find((c) => c.collection === `${KEY}:accounts`);
      // Every due row counted once: the pages' counts add up to the due rows, no page twice.
      expect(accounts?.rows).toBe(MIX.due);
      expect(accounts?.childRows).toEqual({ [`${KEY}:enquiries`]: MIX.due });
      expect(accounts?.verification).toMatchObject({ remaining: 0, ok: true });
      const batches = await db
        .selectFrom('retention_batches')
        .select(['batch_no', 'status', 'rows', 'run_id', 'last_key'])
        .where('node', '=', `${KEY}:accounts`)
        .orderBy('batch_no')
        .execute();
      expect(batches.every((b) => b.status === 'done')).toBe(true);
      expect(batches.reduce((n, b) => n + Number(b.rows), 0)).toBe(MIX.due);
      const lastKeys = batches.map((b) => Number(b.last_key));
      expect(lastKeys).toEqual([...lastKeys].sort((a, b) => a - b));
      expect(new Set(lastKeys).size).toBe(lastKeys.length);
      // One certificate, one completion; every engine run began and completed once, and wrote each
      // collection once (a resumed run continues from its journal, it does not write again).
      const events = await db
        .selectFrom('audit_events')
        .select(['action', 'object_id', 'details'])
        .where('action', 'in', [
          'retention.sweep_completed',
          'dsr.run_started',
          'dsr.run_completed',
          'dsr.collection_written',
        ])
        .execute();
      const completed = events.filter((e) => e.action === 'retention.sweep_completed');
      expect(completed).toHaveLength(1);
      expect(completed[0]?.details).toMatchObject({ certificateSha256: sweep?.certificate_sha256 });
      const count = (action: string) => {
        const by = new Map<string, number>();
        for (const e of events.filter((x) => x.action === action)) {
          const key =
            action === 'dsr.collection_written'
              ? `${e.object_id} ${(e.details as { collection: string }).collection}`
              : String(e.object_id);
          by.set(key, (by.get(key) ?? 0) + 1);
        }
        return by;
      };
      const runIds = batches.map((b) => String(b.run_id));
      for (const action of ['dsr.run_started', 'dsr.run_completed']) {
        const by = count(action);
        expect([...by.values()].every((n) => n === 1)).toBe(true);
        for (const id of runIds) expect(by.get(id)).toBe(1);
      }
      expect([...count('dsr.collection_written').values()].every((n) => n === 1)).toBe(true);
      // The engine's sealed copies of the erased rows are gone.
      const steps = await db
        .selectFrom('engine_steps')
        .select('run_id')
        .where('run_id', 'in', runIds)
        .execute();
      expect(steps).toHaveLength(0);
      const chain = await mamori.audit.verify();
      expect(chain.ok).toBe(true);
    } finally {
      await mamori.close();
    }
  }, 400_000);
});
