import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { parseDatasetYaml } from '../datasets/dataset.yaml.js';
import { AuditRepository } from '../platform/audit/audit.repository.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { KeyRing } from '../platform/crypto/keys.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import { type DatabaseHandle, openDatabase } from '../platform/db/connect.js';
import type { RunSpec } from './engine.schema.js';
import { createStores, ecommerceDatasetPath, type Stores } from './fixtures/stores.js';
import { withRunLock } from './run.lock.js';
import { RunRepository } from './run.repository.js';
import { RunService } from './run.service.js';

/*
 * Two resumes of one interrupted run at the same time. On PostgreSQL the second resumer has its own pool
 * (its own sessions, its own in-process queue), exactly as a second process would; on PGlite, whose
 * database lives inside one process, it is a second service on the same handle.
 */

let tdb: TestDatabase;
let second: DatabaseHandle | undefined;
let stores: Stores;
let datasets: RunSpec['datasets'];
const actor = { type: 'system' as const, label: 'test' };
const keys = KeyRing.fromBytes(Buffer.alloc(32, 9));

function serviceOn(handle: DatabaseHandle): { service: RunService; audit: AuditService } {
  const headKey = keys.derive('audit-head');
  const audit = new AuditService(handle.db, new AuditRepository(headKey), headKey);
  return { service: new RunService(handle.db, new RunRepository(), audit, new SecretBox(keys), keys), audit };
}

beforeAll(async () => {
  tdb = await testDatabase();
  await new AuditRepository(keys.derive('audit-head')).ensureHead(tdb.handle.db);
  if (tdb.url) second = await openDatabase({ databaseUrl: tdb.url, dataDir: 'unused', poolSize: 3 });
  stores = await createStores();
  datasets = parseDatasetYaml(await fs.readFile(ecommerceDatasetPath(), 'utf8'), 'ecommerce.yml');
});
afterAll(async () => {
  await second?.close();
  await stores?.drop();
  await tdb?.drop();
});

describe('concurrent resumes of one run', () => {
  it('apply every remaining step exactly once; the later resumer replays the outcome', async () => {
    const a = serviceOn(tdb.handle);
    const b = serviceOn(second ?? tdb.handle);
    const spec: RunSpec = {
      kind: 'erasure',
      datasets,
      connections: stores.connections,
      identities: { email: ['customer-1@example.com'] },
      targets: ['user.contact'],
      // Random values: two resumers planning on their own would write different ones.
      strategy: { strategy: 'random_string_rewrite', configuration: { length: 12 } },
      skipShared: false,
      skipUnreachable: false,
      rectify: [],
      salt: 'beef',
    };
    // Interrupted after its reads, before the plan was journaled.
    await expect(
      a.service.execute({
        spec,
        runId: 'lock-1',
        actor,
        checkpoint: (label) => {
          if (label === 'plan:applied') throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');

    const applied: string[] = [];
    const count = (label: string) => {
      if (label.endsWith(':applied')) applied.push(label);
    };
    const results = await Promise.all([
      a.service.execute({ runId: 'lock-1', actor, checkpoint: count }),
      b.service.execute({ runId: 'lock-1', actor, checkpoint: count }),
    ]);
    const fresh = results.filter((r) => !r.replayed);
    const replays = results.filter((r) => r.replayed);
    expect(fresh).toHaveLength(1);
    expect(replays).toHaveLength(1);
    expect(fresh[0]?.resumed).toBe(true);
    expect(fresh[0]?.verification).toMatchObject({ ok: true, writesMismatched: 0 });
    expect(replays[0]?.collections).toEqual(fresh[0]?.collections);

    // One plan, and each write applied once, by one of the two.
    const writes = Object.values(fresh[0]?.collections ?? {}).filter((c) => c.action !== 'read').length;
    expect(writes).toBeGreaterThan(0);
    expect(applied.filter((l) => l === 'plan:applied')).toHaveLength(1);
    expect(applied.filter((l) => l.startsWith('write:'))).toHaveLength(writes);
    const steps = await tdb.handle.db
      .selectFrom('engine_steps')
      .select('step')
      .where('run_id', '=', 'lock-1')
      .execute();
    expect(steps.filter((s) => s.step.startsWith('write:'))).toHaveLength(writes);
    const events = await a.audit.search({ objectId: 'lock-1', limit: 200 });
    expect(events.filter((e) => e.action === 'dsr.run_completed')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'dsr.collection_written')).toHaveLength(writes);

    // The values in the stores are the journaled plan's: a third run finds nothing of the person left.
    const check = await a.service.execute({
      spec: { ...spec, kind: 'access', targets: ['user.contact'] },
      runId: 'lock-1-check',
      actor,
    });
    expect(JSON.stringify(check.access ?? {})).not.toContain('customer-1@example.com');
  });

  it('a failing holder releases the lock for the next one', async () => {
    const order: string[] = [];
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let fail!: (e: Error) => void;
    const first = withRunLock(tdb.handle.db, 'lock-2', async () => {
      order.push('first');
      entered();
      await new Promise<void>((_, reject) => {
        fail = reject;
      });
    });
    await holding;
    const next = withRunLock((second ?? tdb.handle).db, 'lock-2', async () => {
      order.push('second');
      return 7;
    });
    // The next holder waits as long as the first one holds the run, however long that is.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual(['first']);
    fail(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    expect(await next).toBe(7);
    expect(order).toEqual(['first', 'second']);
  });
});
