import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/db.js';
import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import { parseDatasetYaml } from '../datasets/dataset.yaml.js';
import { AuditRepository } from '../platform/audit/audit.repository.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { KeyRing } from '../platform/crypto/keys.js';
import { SecretBox } from '../platform/crypto/secret-box.js';
import type { RunSpec } from './engine.schema.js';
import { createStores, ecommerceDatasetPath, type Stores } from './fixtures/stores.js';
import { RunRepository } from './run.repository.js';
import { RunService } from './run.service.js';

let tdb: TestDatabase;
let stores: Stores;
let service: RunService;
let audit: AuditService;
let secrets: SecretBox;
let connections: ConnectionService;
let datasets: RunSpec['datasets'];
const actor = { type: 'system' as const, label: 'test' };

beforeAll(async () => {
  tdb = await testDatabase();
  stores = await createStores();
  const keys = KeyRing.fromBytes(Buffer.alloc(32, 5));
  const headKey = keys.derive('audit-head');
  const auditRepo = new AuditRepository(headKey);
  await auditRepo.ensureHead(tdb.handle.db);
  audit = new AuditService(tdb.handle.db, auditRepo, headKey);
  secrets = new SecretBox(keys);
  service = new RunService(tdb.handle.db, new RunRepository(), audit, secrets, keys);
  connections = new ConnectionService(tdb.handle.db, new ConnectionRepository(), audit, secrets);
  datasets = parseDatasetYaml(await fs.readFile(ecommerceDatasetPath(), 'utf8'), 'ecommerce.yml');
});
afterAll(async () => {
  await stores?.drop();
  await tdb?.drop();
});

const spec = (kind: RunSpec['kind'], targets = ['user']): RunSpec => ({
  kind,
  datasets,
  connections: stores.connections,
  identities: { email: ['customer-2@example.com'] },
  targets,
  strategy: { strategy: 'null_rewrite' },
  skipShared: false,
  skipUnreachable: false,
  rectify: [],
  salt: 'f00d',
});

describe('runs are journaled and audited in Mamori’s database', () => {
  it('an access run records each collection read (counts only) and replays from the journal', async () => {
    const first = await service.execute({ spec: spec('access'), runId: 'acc-1', actor });
    expect(first.access?.['shop:customer']).toEqual([
      { id: 2, email: 'customer-2@example.com', name: '山田 花子' },
    ]);
    const events = await audit.search({ objectId: 'acc-1', limit: 100 });
    const reads = events.filter((e) => e.action === 'dsr.collection_read');
    expect(reads).toHaveLength(Object.keys(first.collections).length);
    // Names and counts, never values.
    expect(JSON.stringify(events)).not.toContain('customer-2@example.com');
    expect(reads.find((e) => e.details.collection === 'shop:customer')?.details).toMatchObject({ rows: 1 });
    const steps = await tdb.handle.db
      .selectFrom('engine_steps')
      .select('payload_sealed')
      .where('run_id', '=', 'acc-1')
      .execute();
    expect(steps.every((s) => !s.payload_sealed.includes('customer-2'))).toBe(true);
    const replay = await service.execute({ runId: 'acc-1', actor });
    expect(replay).toMatchObject({ replayed: true, access: first.access });
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('an erasure run stores its verified outcome; running the id again changes nothing', async () => {
    const out = await service.execute({ spec: spec('erasure', ['user.contact']), runId: 'er-1', actor });
    expect(out.verification?.ok).toBe(true);
    const row = await tdb.handle.db
      .selectFrom('engine_runs')
      .select(['status', 'result'])
      .where('id', '=', 'er-1')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
    expect(JSON.stringify(row.result)).not.toContain('@example.com');
    const writes = (await audit.search({ objectId: 'er-1', action: 'dsr.collection_written', limit: 100 }))
      .length;
    await service.execute({ runId: 'er-1', actor });
    expect(
      (await audit.search({ objectId: 'er-1', action: 'dsr.collection_written', limit: 100 })).length,
    ).toBe(writes);
  });

  it('an unreachable store is named', async () => {
    const s = spec('access');
    s.connections = { ...s.connections, crm: { type: 'mariadb', url: 'mysql://root@127.0.0.1:1/none' } };
    await expect(service.execute({ spec: s, actor })).rejects.toThrow(/connection "crm"/);
  });

  it('stored connections keep their URL sealed and open for the engine', async () => {
    await connections.save(actor, 'shop', {
      type: 'postgres',
      url: 'postgres://app:s3cret@db.internal/shop',
      read_only: true,
    });
    const row = await tdb.handle.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow();
    expect(row.url_sealed).not.toContain('s3cret');
    expect(await connections.list()).toEqual([
      { key: 'shop', type: 'postgres', readOnly: true, url: 'postgres://app:***@db.internal/shop' },
    ]);
    expect((await connections.specs()).shop).toEqual({
      type: 'postgres',
      url: 'postgres://app:s3cret@db.internal/shop',
      read_only: true,
    });
    expect(await connections.remove(actor, 'shop')).toBe(true);
  });
});
