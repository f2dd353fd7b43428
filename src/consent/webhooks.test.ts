import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { seedConsent } from './consent.test-helpers.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { afterAttempt, MAX_ATTEMPTS, RETRY_DELAYS_MS, sign, wants } from './webhooks.rules.js';
import { WebhooksService } from './webhooks.service.js';

interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

/** A real HTTP receiver that answers with the status `answer` chooses for each request. */
async function receiver(answer: (n: number) => number) {
  const received: Received[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      received.push({
        id: String(req.headers['webhook-id']),
        timestamp: String(req.headers['webhook-timestamp']),
        signature: String(req.headers['webhook-signature']),
        body,
      });
      res.writeHead(answer(n++)).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** What a receiver does with the Standard Webhooks headers: recompute the HMAC and compare. */
function verifies(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64');
  return r.signature === `v1,${mac}`;
}

let now = new Date();
let t: TestApp;
/** The job's service with a clock the test moves forward (the app itself runs on real time). */
let w: WebhooksService;
const admin = () => ({ cookie: t.cookies.admin });

beforeAll(async () => {
  t = await testApp();
  await seedConsent(t);
  w = new WebhooksService(
    t.db.handle.db,
    new WebhooksRepository(),
    t.mamori.audit,
    t.mamori.secrets,
    async () => true,
    { clock: () => now },
  );
}, 60_000);
afterAll(() => t.close());

const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

const createHook = async (body: Record<string, unknown>) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/consent/webhooks',
    headers: admin(),
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string };
};

const decide = (visitorId: string, purpose: string, decision: 'granted' | 'denied') =>
  t.mamori.consent.recordPublic(
    { visitorId, gpc: false, choices: [{ purpose, decision }] },
    { gpcHeader: false, origin: {}, channel: 'banner' },
  );

const listed = async (id: string) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/consent/webhooks', headers: admin() });
  return (
    res.json() as Array<{
      id: string;
      pending: number;
      delivered: number;
      dead: number;
      lastError: string | null;
    }>
  ).find((w) => w.id === id);
};

describe('consent webhooks against real receivers', () => {
  it('signs, delivers each event once, retries a failing receiver with backoff until it recovers', async () => {
    // Fails twice (500, then 503), then answers 204.
    const rx = await receiver((n) => (n === 0 ? 500 : n === 1 ? 503 : 204));
    const hook = await createHook({ url: rx.url, purposes: ['analytics'], description: 'CRM' });
    expect(hook.secret).toMatch(/^whsec_/);
    // The secret is stored sealed, never in clear.
    const row = await t.db.handle.db
      .selectFrom('consent_webhooks')
      .select('secret_sealed')
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(hook.secret.slice(6, 20));

    const visitor = randomUUID();
    await decide(visitor, 'analytics', 'granted');
    await decide(visitor, 'newsletter', 'granted'); // not wanted by this endpoint

    expect((await w.run()).failed).toBe(1);
    expect(rx.received).toHaveLength(1);
    expect(await listed(hook.id)).toMatchObject({ pending: 1, delivered: 0, lastError: 'HTTP 500' });
    // Not due yet: nothing is sent before the backoff has passed.
    await w.run();
    expect(rx.received).toHaveLength(1);
    advance(RETRY_DELAYS_MS[0] as number);
    expect((await w.run()).failed).toBe(1);
    advance(RETRY_DELAYS_MS[1] as number);
    expect((await w.run()).delivered).toBe(1);
    await w.run();
    expect(rx.received).toHaveLength(3);

    // Every attempt is the same event (same id: the receiver can drop duplicates), correctly signed.
    expect(new Set(rx.received.map((r) => r.id)).size).toBe(1);
    for (const r of rx.received) expect(verifies(hook.secret, r)).toBe(true);
    const event = JSON.parse(rx.received[0]?.body ?? '{}');
    expect(event).toMatchObject({
      id: rx.received[0]?.id,
      type: 'consent.changed',
      data: {
        purpose: 'analytics',
        decision: 'granted',
        subjectKey: t.mamori.consent.keyOf('visitor', visitor),
      },
    });
    expect(await listed(hook.id)).toMatchObject({ pending: 0, delivered: 1, dead: 0, lastError: null });

    const deliveries = await t.app.inject({
      method: 'GET',
      url: `/api/consent/webhooks/${hook.id}/deliveries`,
      headers: admin(),
    });
    expect(deliveries.json()).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 3, lastStatus: 204, kind: 'consent.changed' }),
    ]);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/consent/webhooks/${hook.id}`,
      headers: admin(),
      payload: { active: false },
    });
    await rx.close();
  });

  it('gives up after the last attempt (dead), and a retry after the fix delivers it', async () => {
    let healthy = false;
    const rx = await receiver(() => (healthy ? 200 : 500));
    const hook = await createHook({ url: rx.url });
    const visitor = randomUUID();
    await decide(visitor, 'ads', 'denied');
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await w.run();
      advance(RETRY_DELAYS_MS[i] ?? 0);
    }
    expect(rx.received).toHaveLength(MAX_ATTEMPTS);
    expect(await listed(hook.id)).toMatchObject({ pending: 0, dead: 1, delivered: 0, lastError: 'HTTP 500' });
    advance(24 * 3_600_000);
    await w.run();
    expect(rx.received).toHaveLength(MAX_ATTEMPTS);

    healthy = true;
    const eventId = rx.received[0]?.id as string;
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/consent/webhooks/${hook.id}/deliveries/${eventId}/retry`,
      headers: admin(),
    });
    expect(retry.statusCode).toBe(204);
    expect((await w.run()).delivered).toBe(1);
    expect(await listed(hook.id)).toMatchObject({ dead: 0, delivered: 1 });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/consent/webhooks/${hook.id}`,
      headers: admin(),
      payload: { active: false },
    });
    await rx.close();
  });

  it('an unreachable endpoint is a failure with a reason, not a crash', async () => {
    const rx = await receiver(() => 200);
    const url = rx.url;
    await rx.close();
    const hook = await createHook({ url });
    await decide(randomUUID(), 'analytics', 'granted');
    const r = await w.run();
    expect(r.failed).toBeGreaterThanOrEqual(1);
    expect((await listed(hook.id))?.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/consent/webhooks/${hook.id}`,
      headers: admin(),
      payload: { active: false },
    });
  });

  it('refuses bad input with 4xx and keeps endpoints to privacy officers and admins', async () => {
    const bad = [
      { url: 'ftp://example.com/x' },
      { url: 'https://user:pw@example.com/x' },
      { url: 'not a url' },
      { url: 'https://example.com/x', purposes: ['no-such-purpose'] },
      { url: 'https://example.com/x', secret: 'short' },
    ];
    for (const payload of bad) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/consent/webhooks',
        headers: admin(),
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(
      await t.db.handle.db
        .selectFrom('consent_webhooks')
        .select('id')
        .where('url', '=', 'https://example.com/x')
        .execute(),
    ).toEqual([]);
    for (const role of ['handler', 'auditor'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/consent/webhooks',
        headers: { cookie: t.cookies[role] },
        payload: { url: 'https://example.com/x' },
      });
      expect(res.statusCode).toBe(403);
    }
    const officer = await t.app.inject({
      method: 'GET',
      url: '/api/consent/webhooks',
      headers: { cookie: t.cookies.privacy_officer },
    });
    expect(officer.statusCode).toBe(200);
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/consent/webhooks/wh_0000000000000000',
      headers: admin(),
      payload: { active: true },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('webhook rules', () => {
  it('backoff grows, ends dead after the last attempt, and success always delivers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_ATTEMPTS + 3 }), fc.boolean(), (attempts, ok) => {
        const at = new Date('2026-01-01T00:00:00Z');
        const r = afterAttempt(ok, attempts, at);
        if (ok) expect(r).toEqual({ status: 'delivered', deliveredAt: at });
        else if (attempts >= MAX_ATTEMPTS) expect(r).toEqual({ status: 'dead' });
        else {
          expect(r.status).toBe('pending');
          const next = afterAttempt(false, attempts + 1, at);
          if (r.status === 'pending' && next.status === 'pending')
            expect(next.nextAt.getTime()).toBeGreaterThan(r.nextAt.getTime());
        }
      }),
    );
  });

  it('filters by purpose; events without one (links) go everywhere', () => {
    expect(wants([], { kind: 'consent.changed', payload: { purpose: 'ads' } })).toBe(true);
    expect(wants(['ads'], { kind: 'consent.changed', payload: { purpose: 'ads' } })).toBe(true);
    expect(wants(['ads'], { kind: 'consent.changed', payload: { purpose: 'analytics' } })).toBe(false);
    expect(wants(['ads'], { kind: 'consent.linked', payload: { from: 'a', to: 'b' } })).toBe(true);
  });

  it('signs as Standard Webhooks does (known vector)', () => {
    // Test vector from the Standard Webhooks specification's reference libraries.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });
});
