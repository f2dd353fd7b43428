import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMamori } from '../../test/app.js';
import { createStores, type Stores } from '../engine/fixtures/stores.js';
import { RunRepository } from '../engine/run.repository.js';
import { RunService } from '../engine/run.service.js';
import type { Mamori } from '../main.js';
import { certificateHash, certificatePdf } from './certificate.js';
import {
  ACCOUNTS,
  AS_OF,
  dataset,
  ENQUIRIES,
  MARIA_SQL,
  MEMBERS,
  PG_SQL,
  testRegister,
} from './retention.fixtures.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

/*
 * Retention against the real PostgreSQL and MariaDB of this machine (uniquely named databases, dropped
 * after), with Mamori's own database on PGlite or PostgreSQL as the suite runs.
 */

const actor = { type: 'system', label: 'test' } as const;
let stores: Stores;
let env: { mamori: Mamori; drop(): Promise<void> };

async function seed(): Promise<void> {
  await stores.pg.query('DROP TABLE IF EXISTS enquiries, members, accounts');
  await stores.maria.query('DROP TABLE IF EXISTS enquiries, members, accounts');
  await stores.pg.query(PG_SQL);
  await stores.maria.query(MARIA_SQL);
  // TIMESTAMP values are written as UTC instants; DATE values are Tokyo days.
  await stores.maria.query("SET time_zone = '+00:00'");
  for (const [id, email, contract, contact] of ACCOUNTS) {
    const values = [id, email, `氏名${id}`, `090-0000-000${id}`, contract, contact];
    await stores.pg.query('INSERT INTO accounts VALUES ($1, $2, $3, $4, $5, $6)', values);
    await stores.maria.query('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)', [
      ...values.slice(0, 4),
      contract ? contract.replace('T', ' ').replace('Z', '') : null,
      contact,
    ]);
  }
  for (const [id, account] of ENQUIRIES) {
    await stores.pg.query('INSERT INTO enquiries VALUES ($1, $2, $3)', [id, account, `body ${id}`]);
    await stores.maria.query('INSERT INTO enquiries VALUES (?, ?, ?)', [id, account, `body ${id}`]);
  }
  for (const [id, name, birth, address, postal, closed] of MEMBERS) {
    const v = [id, name, birth, address, postal, 'f'];
    await stores.pg.query('INSERT INTO members VALUES ($1, $2, $3, $4, $5, $6, $7)', [...v, closed]);
    await stores.maria.query('INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?)', [
      ...v,
      closed ? closed.replace('T', ' ').replace('Z', '') : null,
    ]);
  }
}

function service(mamori: Mamori): RetentionService {
  const register = testRegister([dataset('shop'), dataset('crm')]);
  const retention = new RetentionService({
    db: mamori.database.db,
    repo: new RetentionRepository(),
    audit: mamori.audit,
    register: { load: async () => register },
    connections: {
      specs: async () => ({ shop: stores.connections.shop, crm: stores.connections.crm }),
    } as never,
    engine: new RunService(
      mamori.database.db,
      new RunRepository(),
      mamori.audit,
      mamori.secrets,
      mamori.keys,
    ),
    secrets: mamori.secrets,
  });
  return retention;
}

beforeAll(async () => {
  stores = await createStores({ seed: false });
  const t = await testMamori();
  env = { mamori: t.mamori, drop: () => t.db.drop() };
}, 60_000);
afterAll(async () => {
  await env?.mamori.jobs.stop();
  await env?.drop();
  await stores?.drop();
});

const ids = (rows: { id: unknown }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

async function accountsState() {
  const pg = (await stores.pg.query('SELECT id, email FROM accounts ORDER BY id')).rows;
  const [maria] = await stores.maria.query('SELECT id, email FROM accounts ORDER BY id');
  return { pg, maria: maria as { id: number; email: string | null }[] };
}

describe('retention sweep on PostgreSQL and MariaDB', () => {
  it('dry run: due now / in 30 / in 90 days per collection, holds shown, nothing written', async () => {
    await seed();
    const retention = service(env.mamori);
    await retention.saveSettings(actor, { approvalThreshold: 1000, autoRunSmall: true, batchSize: 2 });
    await retention.placeHold(actor, {
      scope: { kind: 'person', identity: 'email', value: 'held@example.jp' },
      reason: 'litigation',
      note: 'case 2026-1',
    });
    const dry = await retention.dryRun(actor, AS_OF);
    const shop = dry.collections.find((c) => c.collection === 'shop:accounts');
    const crm = dry.collections.find((c) => c.collection === 'crm:accounts');
    const dueIds = ACCOUNTS.filter((a) => a[4] && a[1] !== 'held@example.jp').length;
    for (const c of [shop, crm]) {
      expect(c?.due.now).toBe(dueIds);
      expect(c?.heldRows).toBe(1);
      expect(c?.cutoffs).toEqual(['2021-03-01']);
      expect(c?.due.in30).toBeGreaterThanOrEqual(c?.due.now ?? 0);
      expect(c?.holds.find((h) => h.kind === 'persons')).toMatchObject({
        field: 'email',
        persons: 1,
        effect: 'keeps 1 person(s) by email',
      });
    }
    // In 30 days the 1 March rows (Tokyo) are due too: rows 2 and 4.
    expect(shop?.due.in30).toBe(dueIds + 2);
    expect(shop?.statement).toContain('COALESCE("contract_ended_at", "last_contact_at")');
    const members = dry.collections.find((c) => c.collection === 'shop:members');
    expect(members?.action).toBe('anonymise');
    expect(members?.due.now).toBe(1);
    // The console's chart: the same counts summed per register rule (both stores), holds applied.
    const byRule = await retention.dueByRule(AS_OF);
    const five = byRule.rules.find((r) => r.rule === 'five-years');
    expect(five).toMatchObject({ now: 2 * dueIds, in30: 2 * (dueIds + 2) });
    expect(five?.collections.map((c) => c.collection).sort()).toEqual(['crm:accounts', 'shop:accounts']);
    expect(five?.in90).toBeGreaterThanOrEqual(five?.in30 ?? 0);
    expect(byRule.rules.find((r) => r.rule === 'members-anonymised')).toMatchObject({
      action: 'anonymise',
      now: 2,
    });
    expect((await accountsState()).pg.filter((r) => r.email !== null)).toHaveLength(ACCOUNTS.length);
  });

  it('sweeps both stores: exactly the due rows, children by the engine, holds respected, certificate hashed into the audit log', async () => {
    const retention = service(env.mamori);
    const requested = await retention.request(actor, { asOf: AS_OF, trigger: 'test' });
    expect(requested.status).toBe('approved');
    const done = await retention.execute(actor, requested.id);
    expect(done.status).toBe('completed');
    const { pg, maria } = await accountsState();
    const expectedErased = ACCOUNTS.filter((a) => a[4] && a[1] !== 'held@example.jp').map((a) => a[0]);
    for (const rows of [pg, maria]) {
      expect(ids(rows.filter((r) => r.email === null))).toEqual(expectedErased);
    }
    // Enquiries of account 1 and 3 (erased) are deleted; those of 2 and 5 stay.
    expect(ids((await stores.pg.query('SELECT id FROM enquiries')).rows)).toEqual([3, 5]);
    const [mariaEnq] = await stores.maria.query('SELECT id FROM enquiries');
    expect(ids(mariaEnq as { id: number }[])).toEqual([3, 5]);
    // Anonymised member: name suppressed, birth date to the year, address to the prefecture.
    const m = (
      await stores.pg.query(
        "SELECT name, to_char(birth_date, 'YYYY-MM-DD') AS b, address, postal_code, gender FROM members WHERE id = 1",
      )
    ).rows[0];
    expect(m).toEqual({ name: null, b: '1980-01-01', address: '東京都', postal_code: '100', gender: 'f' });
    const [mm] = await stores.maria.query('SELECT name, address FROM members ORDER BY id');
    expect(mm).toEqual([
      { name: null, address: '東京都' },
      { name: '佐藤花子', address: '大阪府大阪市北区1-1' },
      { name: '鈴木一郎', address: '北海道札幌市中央区1' },
    ]);

    const { certificate, sha256 } = await retention.certificate(actor, requested.id);
    expect(certificateHash(certificate)).toBe(sha256);
    expect(certificate.ok).toBe(true);
    const shop = certificate.collections.find((c) => c.collection === 'shop:accounts');
    expect(shop?.rows).toBe(expectedErased.length);
    expect(shop?.childRows).toEqual({ 'shop:enquiries': 3 });
    expect(shop?.verification).toMatchObject({ remaining: 0, heldRows: 1, ok: true });
    const audit = await env.mamori.database.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'retention.sweep_completed')
      .execute();
    expect(audit.map((a) => (a.details as { certificateSha256: string }).certificateSha256)).toContain(
      sha256,
    );
    // The engine's sealed copies of the erased rows are gone once each page is finished.
    const steps = await env.mamori.database.db
      .selectFrom('engine_steps')
      .select('run_id')
      .where('run_id', 'like', `retention-${requested.id}-%`)
      .execute();
    expect(steps).toHaveLength(0);
    const pdf = await certificatePdf(certificate, sha256, 'ja');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // A second sweep finds nothing more: erased rows no longer match.
    const again = await retention.request(actor, { asOf: AS_OF, trigger: 'test' });
    expect(again.totalDue).toBe(0);
  });

  it('a collection hold blocks the sweep there; a large sweep waits for approval', async () => {
    await seed();
    const retention = service(env.mamori);
    for (const h of await retention.holds()) await retention.releaseHold(actor, h.id);
    const hold = await retention.placeHold(actor, {
      scope: { kind: 'collection', collection: 'crm:accounts' },
      reason: 'litigation',
    });
    await retention.saveSettings(actor, { approvalThreshold: 3, autoRunSmall: true, batchSize: 2 });
    const sweep = await retention.request(actor, { asOf: AS_OF, trigger: 'test' });
    expect(sweep.status).toBe('awaiting_approval');
    await expect(retention.execute(actor, sweep.id)).rejects.toThrow();
    await retention.approve({ type: 'user', id: 'u1', label: 'officer' }, sweep.id);
    const done = await retention.execute(actor, sweep.id);
    expect(done.approvedBy).toBe('officer');
    const { pg, maria } = await accountsState();
    expect(pg.filter((r) => r.email === null).length).toBe(ACCOUNTS.filter((a) => a[4]).length);
    expect(maria.filter((r) => r.email === null)).toHaveLength(0);
    await retention.releaseHold(actor, hold.id);
  });

  it('a statutory hold lengthens the period (tax: 7 years) and is shown', async () => {
    await seed();
    const retention = service(env.mamori);
    const hold = await retention.placeHold(actor, {
      scope: { kind: 'collection', collection: 'shop:accounts' },
      reason: 'tax',
      statute: 'jp-corporate-tax-books',
    });
    const dry = await retention.dryRun(actor, AS_OF);
    const shop = dry.collections.find((c) => c.collection === 'shop:accounts');
    expect(shop?.cutoffs).toEqual(['2019-03-01']);
    expect(shop?.due.now).toBe(1); // only the 2010 row is older than 7 years
    expect(shop?.holds.find((h) => h.id === hold.id)?.reason).toBe('tax');
    await retention.releaseHold(actor, hold.id, 'books handed to the archive');
    const released = await env.mamori.database.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'retention.hold_released')
      .where('object_id', '=', hold.id)
      .executeTakeFirst();
    expect(released?.details).toEqual({ reason: 'books handed to the archive' });
  });

  it('a sweep killed after a page was written resumes without doing that page again', async () => {
    await seed();
    const retention = service(env.mamori);
    await retention.saveSettings(actor, { approvalThreshold: 1000, autoRunSmall: true, batchSize: 2 });
    const sweep = await retention.request(actor, { asOf: AS_OF, trigger: 'test' });
    let calls = 0;
    // Dies right after the engine wrote the second page, before the page was journaled as finished.
    const kill = (label: string) => {
      if (label === 'batch:1:applied' && ++calls === 1) throw new Error('killed');
    };
    await expect(retention.execute(actor, sweep.id, { checkpoint: kill })).rejects.toThrow('killed');
    const runsBefore = await env.mamori.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'dsr.run_started')
      .execute();
    const resumed = await retention.retry(actor, sweep.id);
    expect(resumed.status).toBe('completed');
    const runsAfter = await env.mamori.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'dsr.run_started')
      .execute();
    const { certificate } = await retention.certificate(actor, sweep.id);
    const shop = certificate.collections.find((c) => c.collection === 'shop:accounts');
    const due = ACCOUNTS.filter((a) => a[4]).length;
    expect(shop?.rows).toBe(due);
    expect(shop?.verification.remaining).toBe(0);
    // Pages: shop 3 (2+2+1), crm 3 before/after; the interrupted page was finished from the engine's journal,
    // not started again: new engine runs only for the pages not yet begun.
    const pagesPerStore = Math.ceil(due / 2);
    expect(runsAfter.length - runsBefore.length).toBe(2 * pagesPerStore - 2);
  });
});
