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

  it('a hold is released only with a reason; the chart counts and certificates are for readers only', async () => {
    const placed = await t.app.inject({
      method: 'POST',
      url: '/api/retention/holds',
      headers: { cookie: t.cookies.privacy_officer },
      payload: { scope: { kind: 'collection', collection: 'shop:accounts' }, reason: 'litigation' },
    });
    const { id } = placed.json() as { id: string };
    const release = (reason: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/retention/holds/${id}/release`,
        headers: { cookie: t.cookies.privacy_officer },
        payload: { reason },
      });
    expect((await release('  ')).statusCode).toBe(400);
    const noBody = await t.app.inject({
      method: 'POST',
      url: `/api/retention/holds/${id}/release`,
      headers: { cookie: t.cookies.privacy_officer },
    });
    expect(noBody.statusCode).toBe(400);
    expect((await release('和解成立')).statusCode).toBe(204);
    expect((await release('again')).statusCode).toBe(404);
    for (const url of [
      '/api/retention/due',
      '/api/retention/certificates',
      '/api/retention/certificates/x',
    ]) {
      const denied = await t.app.inject({ method: 'GET', url, headers: { cookie: t.cookies.handler } });
      expect(denied.statusCode, url).toBe(403);
    }
    const badDay = await t.app.inject({
      method: 'GET',
      url: '/api/retention/due?asOf=tomorrow',
      headers: { cookie: t.cookies.auditor },
    });
    expect(badDay.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/retention/certificates/no-such',
      headers: { cookie: t.cookies.auditor },
    });
    expect(missing.statusCode).toBe(404);
  });
});
