import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, type TestDatabase, testDatabase } from '../../test/db.js';
import { createStores, ecommerceDatasetPath, type Stores } from './fixtures/stores.js';

/*
 * Crash safety: the CLI is started as a child process that SIGKILLs itself after its n-th side effect or
 * journal write, then resumed; the stores must end exactly as after an uninterrupted run.
 */

let tmp: string;
let tdb: TestDatabase | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-crash-'));
  // The child needs its own Mamori database: a cloned test database on PostgreSQL, a data dir on PGlite.
  if (onPostgres()) tdb = await testDatabase();
  env = {
    ...process.env,
    MAMORI_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    MAMORI_DATA_DIR: path.join(tmp, 'data'),
    DATABASE_URL: tdb?.url ?? '',
    LOG_LEVEL: 'error',
  };
});
afterAll(async () => {
  await tdb?.drop();
  await fs.rm(tmp, { recursive: true, force: true });
});

function cli(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
      env,
      cwd: process.cwd(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function snapshot(stores: Stores): Promise<unknown> {
  const pgTables = [
    'address',
    'customer',
    'employee',
    'orders',
    'order_item',
    'payment_card',
    'login',
    'visit',
    'service_request',
  ];
  const out: Record<string, unknown> = {};
  for (const t of pgTables)
    out[t] = (await stores.pg.query(`SELECT * FROM ${t} ORDER BY 1, 2`)).rows.map((r) => ({
      ...r,
      created: undefined,
    }));
  for (const t of ['loyalty', 'ticket'])
    out[t] = (await stores.maria.query(`SELECT * FROM ${t} ORDER BY id`))[0];
  const keys = (await stores.redis.keys(`${stores.redisPrefix}*`)).sort();
  out.redis = await Promise.all(
    keys.map(async (k) => [k.slice(stores.redisPrefix.length), await stores.redis.hgetall(k)]),
  );
  return out;
}

async function eraseArgs(stores: Stores, runId: string): Promise<string[]> {
  const file = path.join(tmp, `${stores.name}.yml`);
  await fs.writeFile(file, JSON.stringify({ connections: stores.connections }));
  return [
    'dsr',
    'erase',
    '--dataset',
    ecommerceDatasetPath(),
    '--connections',
    file,
    '--identity',
    'email=customer-1@example.com',
    '--target',
    'user.contact',
    '--run-id',
    runId,
  ];
}

describe('an erasure killed at any point resumes and finishes exactly once', () => {
  let expected: unknown;

  it('uninterrupted run (the reference)', async () => {
    const stores = await createStores();
    try {
      const r = await cli(await eraseArgs(stores, 'reference'));
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).verification.ok).toBe(true);
      expected = await snapshot(stores);
      // A finished run is not redone: the same id answers from the journal.
      const again = await cli(await eraseArgs(stores, 'reference'));
      expect(JSON.parse(again.stdout)).toMatchObject({ replayed: true, runId: 'reference' });
    } finally {
      await stores.drop();
    }
  }, 60_000);

  // 46 checkpoints in all: 14 reads and 8 writes (each applied, then journaled) and the plan. Killed: mid-read,
  // with the plan computed but not journaled, after a write applied but not journaled, later, and last.
  const points = [1, 29, 31, 36, 46];
  it.each(points)(
    'killed after checkpoint %i',
    async (n) => {
      const stores = await createStores();
      try {
        const args = await eraseArgs(stores, `kill-${n}`);
        const killed = await cli([...args, '--test-kill-after-step', String(n)]);
        expect(killed.signal).toBe('SIGKILL');
        const resumed = await cli(n % 2 === 0 ? ['dsr', 'resume', `kill-${n}`] : args);
        expect(resumed.stderr).toBe('');
        const result = JSON.parse(resumed.stdout);
        expect(result).toMatchObject({ resumed: true, runId: `kill-${n}` });
        expect(result.verification.ok).toBe(true);
        expect(await snapshot(stores)).toEqual(expected);
      } finally {
        await stores.drop();
      }
    },
    60_000,
  );
});
