import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('retention API', () => {
  it('holds: officers place them, person values never come back, auditors read', async () => {
    const placed = await t.app.inject({
      method: 'POST',
      url: '/api/retention/holds',
      headers: { cookie: t.cookies.privacy_officer },
      payload: { scope: { kind: 'person', identity: 'email', value: 'a@b.jp' }, reason: 'litigation' },
    });
    expect(placed.statusCode).toBe(201);
    expect(placed.body).not.toContain('a@b.jp');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/retention/holds',
      headers: { cookie: t.cookies.handler },
      payload: {
        scope: { kind: 'collection', collection: 'a:b' },
        reason: 'tax',
        statute: 'jp-labour-records',
      },
    });
    expect(denied.statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/retention/holds',
      headers: { cookie: t.cookies.auditor },
    });
    expect(list.json()).toHaveLength(1);
    expect(list.body).not.toContain('a@b.jp');
  });

  it('statutory table carries citations; only a privacy officer approves', async () => {
    const statutes = await t.app.inject({
      method: 'GET',
      url: '/api/retention/statutes',
      headers: { cookie: t.cookies.auditor },
    });
    expect(statutes.body).toContain('労働基準法第109条');
    const approve = await t.app.inject({
      method: 'POST',
      url: '/api/retention/sweeps/nope/approve',
      headers: { cookie: t.cookies.admin },
    });
    expect(approve.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/retention/sweeps/nope/approve',
      headers: { cookie: t.cookies.privacy_officer },
    });
    expect(missing.statusCode).toBe(409);
  });
});
