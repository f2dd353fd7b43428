import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { ConnectionRepository } from '../connectors/connection.repository.js';
import { ConnectionService } from '../connectors/connection.service.js';
import { createStores, type Stores } from '../engine/fixtures/stores.js';
import { cleanRegister } from '../register/lint/lint.test-helpers.js';
import { CUSTOMER_COLUMNS, customerRows } from './db-scan.test-helpers.js';
import type { ScanView } from './discovery.service.js';

/*
 * The discovery API against a real PostgreSQL store: a scan of a stored connection run as a job, findings
 * without sampled values, audited views, and a suggestion accepted into the register's dataset.
 */

let t: TestApp;
let stores: Stores;
const rows = customerRows(300, 21);
const ADMIN = { type: 'system', label: 'test' } as const;

beforeAll(async () => {
  [t, stores] = await Promise.all([testApp(), createStores({ seed: false })]);
  await stores.pg.query(`CREATE TABLE customers (${CUSTOMER_COLUMNS.map((c) => `${c} text`).join(', ')})`);
  await stores.pg.query(`INSERT INTO customers SELECT * FROM json_populate_recordset(NULL::customers, $1)`, [
    JSON.stringify(rows.map((r) => Object.fromEntries(CUSTOMER_COLUMNS.map((c) => [c, String(r[c])])))),
  ]);
  const connections = new ConnectionService(
    t.mamori.database.db,
    new ConnectionRepository(),
    t.mamori.audit,
    t.mamori.secrets,
  );
  await connections.save(ADMIN, 'shop', { type: 'postgres', url: stores.pgUrl });
  const register = cleanRegister();
  register.systems[0]!.datasets = ['shop'];
  register.datasets = [
    {
      fides_key: 'shop',
      collections: [
        {
          name: 'customers',
          fields: [
            { name: 'id' },
            { name: 'email', data_categories: ['user.contact.email'] },
            { name: 'full_name', data_categories: ['user.name'] },
          ],
        },
      ],
    },
  ];
  await t.mamori.register.import(ADMIN, register);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await stores?.drop();
});

const post = (url: string, role: keyof TestApp['cookies'], payload: unknown) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: t.cookies[role] } });
const get = (url: string, role: keyof TestApp['cookies']) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: t.cookies[role] } });

describe('discovery API', () => {
  let scan: ScanView;

  it('runs a scan of stored connections as a job, for the privacy office only', async () => {
    expect((await post('/api/discovery/scans', 'handler', { connections: ['shop'] })).statusCode).toBe(403);
    const unknown = await post('/api/discovery/scans', 'privacy_officer', { connections: ['nope'] });
    expect(unknown.statusCode).toBe(400);
    const started = await post('/api/discovery/scans', 'privacy_officer', {
      connections: ['shop'],
      sample: 120,
    });
    expect(started.statusCode).toBe(202);
    scan = started.json();
    expect(scan).toMatchObject({ status: 'queued', connections: ['shop'], sample: 120, report: null });
    // What the queued job does (the worker is not started in tests); a second run leaves a done scan alone.
    await t.mamori.discovery.run(scan.id);
    await t.mamori.discovery.run(scan.id);
  }, 120_000);

  it('shows findings per system, table and column without sampled values, and audits the view', async () => {
    const res = await get(`/api/discovery/scans/${scan.id}`, 'auditor');
    expect(res.statusCode).toBe(200);
    const view: ScanView = res.json();
    expect(view.status).toBe('completed');
    expect(view.progress).toEqual({ done: view.report?.tables.length, total: view.report?.tables.length });
    const customers = view.report?.tables.find((x) => x.dataset === 'shop' && x.collection === 'customers');
    expect(customers?.rowsRead).toBe(120);
    const cat = (f: string) =>
      customers?.columns.find((c) => c.field === f && c.personal)?.proposal?.dataCategory;
    expect(cat('my_number')).toBe('user.government_id.my_number');
    expect(cat('tel')).toBe('user.contact.phone_number');
    expect(cat('product_code')).toBeUndefined();
    expect(view.report?.drift.map((d) => `${d.code}:${d.field}`)).toEqual(
      expect.arrayContaining(['undeclared-personal-data:my_number', 'my-number-without-legal-use:my_number']),
    );
    for (const r of rows)
      for (const v of [r.email, r.my_number, r.tel]) expect(res.body.includes(v)).toBe(false);
    const actions = await t.mamori.database.db.selectFrom('audit_events').select('action').execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'discovery.scan_requested',
        'discovery.scan_completed',
        'discovery.scan_viewed',
      ]),
    );
    expect((await get(`/api/discovery/scans/${scan.id}`, 'handler')).statusCode).toBe(403);
    expect(
      (await get('/api/discovery/scans/00000000-0000-4000-8000-000000000000', 'auditor')).statusCode,
    ).toBe(404);
  });

  it("accepts a suggestion into the register's dataset, keeping declared categories", async () => {
    expect(
      (await post(`/api/discovery/scans/${scan.id}/accept`, 'auditor', { dataset: 'shop' })).statusCode,
    ).toBe(403);
    const res = await post(`/api/discovery/scans/${scan.id}/accept`, 'privacy_officer', {
      dataset: 'shop',
      collection: 'customers',
      field: 'my_number',
    });
    expect(res.statusCode).toBe(200);
    const register = await t.mamori.register.load();
    const fields = register?.datasets.find((d) => d.fides_key === 'shop')?.collections[0]?.fields ?? [];
    const cats = Object.fromEntries(fields.map((f) => [f.name, f.data_categories ?? []]));
    expect(cats.my_number).toEqual(['user.government_id.my_number']);
    expect(cats.email).toEqual(['user.contact.email']);
    // Only the chosen column: the phone column stays for a person to accept.
    expect(cats.tel ?? []).toEqual([]);
    const again = await post(`/api/discovery/scans/${scan.id}/accept`, 'privacy_officer', {
      dataset: 'shop',
      field: 'product_code',
    });
    expect(again.statusCode).toBe(400);
  });

  it('lists the connections a scan can sample, without their address', async () => {
    const res = await get('/api/discovery/sources', 'engineer');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ key: 'shop', type: 'postgres' }]);
    expect(res.body).not.toContain('postgres://');
    expect((await get('/api/discovery/sources', 'handler')).statusCode).toBe(403);
  });

  it('scans a pasted text with a redacted preview, audited without the text', async () => {
    const text = '担当：山田太郎様、電話 090-1234-5678、メール taro.yamada@example.jp';
    expect((await post('/api/discovery/text', 'handler', { text })).statusCode).toBe(403);
    expect((await post('/api/discovery/text', 'engineer', { text: '' })).statusCode).toBe(400);
    const res = await post('/api/discovery/text', 'engineer', { text, redact: 'tag' });
    expect(res.statusCode).toBe(200);
    const body: { findings: { type: string; text: string; start: number; end: number }[]; redacted: string } =
      res.json();
    expect(body.findings.map((f) => `${f.type}:${f.text}`)).toEqual([
      'PERSON:山田太郎',
      'PHONE:090-1234-5678',
      'EMAIL:taro.yamada@example.jp',
    ]);
    for (const f of body.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(body.redacted).toBe('担当：[PERSON]様、電話 [PHONE]、メール [EMAIL]');
    const events = await t.mamori.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'discovery.text_scanned')
      .execute();
    expect(events).toHaveLength(1);
    const logged = JSON.stringify(events[0]);
    for (const value of ['山田', '090-1234-5678', 'taro.yamada']) expect(logged).not.toContain(value);
    expect(logged).toContain('PHONE');
  });
});
