import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/app.js';
import { deriveState } from './consent.rules.js';
import { SYSTEM, seedConsent } from './consent.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedConsent(t);
}, 60_000);
afterAll(() => t.close());

const as = (role: keyof TestApp['cookies']) => ({ cookie: t.cookies[role] });
const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function publicRecord(visitorId: string, choices: Record<string, 'granted' | 'denied'>, headers = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/public/consent',
    remoteAddress: '203.0.113.77',
    headers: { 'user-agent': UA, ...headers },
    payload: {
      visitorId,
      language: 'ja',
      choices: Object.entries(choices).map(([purpose, decision]) => ({ purpose, decision })),
    },
  });
}

describe('banner configuration', () => {
  it('lists the purposes resting on consent in ja and en, with CORS for the company site', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/consent/config' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.json();
    expect(body.purposes.map((p: { key: string }) => p.key)).toEqual(['analytics', 'ads', 'newsletter']);
    const ads = body.purposes[1];
    expect(ads.name).toEqual({
      ja: '興味・関心に応じた広告配信のため',
      en: 'To show advertising based on your interests',
    });
    expect(ads.gpcOptOut).toBe(true);
    expect(ads.rev).toMatch(/^[0-9a-f]{16}$/);
    const pre = await t.app.inject({ method: 'OPTIONS', url: '/api/public/consent' });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toContain('content-type');
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    // Only the preflight's answer needs the rest; every banner call would carry it for nothing.
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });
});

describe('recording', () => {
  it('appends banner choices with proof that holds no full IP, and materialises the state', async () => {
    const v = randomUUID();
    const res = await publicRecord(v, { analytics: 'granted', ads: 'denied' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.gpcHonoured).toBe(false);
    expect(
      body.state.map((s: { purpose: string; status: string }) => `${s.purpose}:${s.status}`).sort(),
    ).toEqual(['ads:denied', 'analytics:granted']);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/consent/subjects/${body.subjectKey}/history`,
      headers: as('privacy_officer'),
    });
    const rows = history.json();
    expect(rows).toHaveLength(2);
    expect(rows[0].ipPrefix).toBe('203.0.113.0/24');
    expect(rows[0].userAgent).toBe('Chrome 131 / Windows');
    expect(rows[0].channel).toBe('banner');
    expect(JSON.stringify(rows)).not.toContain('203.0.113.77');
    // Banner choices stand 13 months.
    const expires = new Date(rows[0].expiresAt).getTime() - new Date(rows[0].recordedAt).getTime();
    expect(expires / 86_400_000).toBeGreaterThan(390);
    expect(expires / 86_400_000).toBeLessThan(400);
  });

  it('records nothing twice for a re-sent report', async () => {
    const v = randomUUID();
    const eventId = randomUUID();
    const payload = { visitorId: v, eventId, choices: [{ purpose: 'newsletter', decision: 'granted' }] };
    const a = await t.app.inject({ method: 'POST', url: '/api/public/consent', payload });
    const b = await t.app.inject({ method: 'POST', url: '/api/public/consent', payload });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const history = await t.mamori.consent.history(null, a.json().subjectKey);
    expect(history).toHaveLength(1);
    const outbox = await t.mamori.database.db
      .selectFrom('consent_outbox')
      .select('id')
      .where('id', '=', history[0]?.eventId ?? '')
      .execute();
    expect(outbox).toHaveLength(1);
  });

  it('refuses purposes the banner does not ask about', async () => {
    const res = await publicRecord(randomUUID(), { 'customer-account': 'granted' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('consent_purpose_unknown');
  });

  it('honours Sec-GPC: 1 as an opt-out of the sale/share purposes, even against a grant (CCPA Regs §7025)', async () => {
    const v = randomUUID();
    const res = await publicRecord(v, { analytics: 'granted', ads: 'granted' }, { 'sec-gpc': '1' });
    const body = res.json();
    expect(body.gpcHonoured).toBe(true);
    const ads = body.state.find((s: { purpose: string }) => s.purpose === 'ads');
    expect(ads).toMatchObject({ status: 'denied', gpc: true });
    expect(body.state.find((s: { purpose: string }) => s.purpose === 'analytics').status).toBe('granted');
    // A report with no choice at all still records the opt-out for the subject.
    const bare = await publicRecord(randomUUID(), {}, { 'sec-gpc': '1' });
    expect(bare.json().state).toEqual([
      expect.objectContaining({ purpose: 'ads', decision: 'denied', gpc: true }),
    ]);
  });

  it('staff record, view and withdraw, each in the audit log; the ledger refuses updates', async () => {
    const rec = await t.app.inject({
      method: 'POST',
      url: '/api/consent',
      headers: as('handler'),
      payload: {
        subject: { kind: 'email', value: 'Hanako@Example.jp' },
        choices: [
          { purpose: 'newsletter', decision: 'granted' },
          { purpose: 'customer-account', decision: 'granted' },
        ],
        channel: 'form',
        jurisdiction: 'JP',
      },
    });
    expect(rec.statusCode).toBe(200);
    const key = rec.json().subjectKey as string;
    expect(key).toBe(t.mamori.consent.keyOf('email', 'hanako@example.jp'));
    const subject = await t.mamori.database.db
      .selectFrom('consent_subjects')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(subject.identity_sealed).not.toContain('hanako');
    expect(t.mamori.secrets.open(subject.identity_sealed ?? '', `consent-subject:${key}`)).toBe(
      'Hanako@Example.jp',
    );

    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/consent',
      headers: as('auditor'),
      payload: {
        subject: { kind: 'email', value: 'x@example.jp' },
        choices: [{ purpose: 'ads', decision: 'granted' }],
      },
    });
    expect(denied.statusCode).toBe(403);

    const w = await t.app.inject({
      method: 'POST',
      url: `/api/consent/subjects/${key}/withdraw`,
      headers: as('privacy_officer'),
      payload: {},
    });
    expect(w.statusCode).toBe(200);
    expect(w.json().purposes.map((p: { status: string }) => p.status)).toEqual(['withdrawn', 'withdrawn']);
    const state = await t.app.inject({
      method: 'GET',
      url: `/api/consent/subjects/${key}/state`,
      headers: as('auditor'),
    });
    expect(state.statusCode).toBe(200);
    const actions = (await t.mamori.audit.search({ objectId: key, limit: 10 })).map((e) => e.action).sort();
    expect(actions).toEqual(['consent.recorded', 'consent.viewed', 'consent.withdrawn']);

    await expect(
      t.mamori.database.db
        .updateTable('consent_records')
        .set({ actor: 'x' })
        .where('subject_key', '=', key)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.mamori.database.db.deleteFrom('consent_records').where('subject_key', '=', key).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('shows an expired grant as expired, and an older import never overrides a newer decision', async () => {
    const value = `c-${randomUUID()}`;
    await t.mamori.consent.record(
      SYSTEM,
      {
        subject: { kind: 'customer', value },
        choices: [{ purpose: 'analytics', decision: 'granted' }],
        channel: 'api',
        recordedAt: '2024-01-01T00:00:00Z',
        expiresAt: '2025-01-01T00:00:00Z',
      },
      {},
    );
    const key = t.mamori.consent.keyOf('customer', value);
    expect((await t.mamori.consent.state(key)).purposes[0]).toMatchObject({
      decision: 'granted',
      status: 'expired',
    });
    const csv = [
      'subject_kind,subject,purpose,decision,recorded_at,notice_version,jurisdiction,expires_at,event_id',
      `customer,${value},analytics,denied,2023-06-01T00:00:00Z,,JP,,`,
      `customer,${value},newsletter,granted,2023-06-01T00:00:00Z,,JP,,`,
    ].join('\n');
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/consent/import',
      headers: { ...as('privacy_officer'), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imp.json()).toEqual({ rows: 2, recorded: 2, duplicates: 0 });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/consent/import',
      headers: { ...as('privacy_officer'), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(again.json()).toEqual({ rows: 2, recorded: 0, duplicates: 2 });
    const state = (await t.mamori.consent.state(key)).purposes;
    expect(state.map((s) => `${s.purpose}:${s.decision}`)).toEqual([
      'analytics:granted',
      'newsletter:granted',
    ]);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/consent/import',
      headers: { ...as('privacy_officer'), 'content-type': 'text/csv' },
      payload: 'subject_kind,subject,purpose,decision,recorded_at\nemail,a@b.jp,ads,maybe,2024-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('2');
  });
});

describe('identity linking', () => {
  it('merges a visitor history into the identified subject without losing either', async () => {
    const v = randomUUID();
    await publicRecord(v, { analytics: 'granted', ads: 'granted' });
    const email = `link-${randomUUID()}@example.jp`;
    await t.mamori.consent.record(
      SYSTEM,
      {
        subject: { kind: 'email', value: email },
        choices: [{ purpose: 'ads', decision: 'denied' }],
        channel: 'api',
        recordedAt: '2020-01-01T00:00:00Z',
      },
      {},
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/consent/link',
      headers: as('handler'),
      payload: { visitorId: v, subject: { kind: 'email', value: email } },
    });
    expect(res.statusCode).toBe(200);
    const merged = res.json();
    // The visitor's later grant of ads wins over the e-mail's older refusal; analytics comes along.
    expect(
      merged.purposes.map((p: { purpose: string; decision: string }) => `${p.purpose}:${p.decision}`),
    ).toEqual(['ads:granted', 'analytics:granted']);
    const history = await t.mamori.consent.history(null, merged.canonicalKey);
    expect(history).toHaveLength(3);
    // The visitor id now reads the merged state, and its new choices update it.
    const after = await publicRecord(v, { analytics: 'denied' });
    expect(after.json().state.find((s: { purpose: string }) => s.purpose === 'analytics').decision).toBe(
      'denied',
    );
    expect((await t.mamori.consent.state(merged.canonicalKey)).purposes[1]?.decision).toBe('denied');
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/consent/link',
      headers: as('handler'),
      payload: { visitorId: v, subject: { kind: 'email', value: 'someone-else@example.jp' } },
    });
    expect(other.statusCode).toBe(409);
  });
});

describe('the materialised state', () => {
  it('always equals the state derived from the ledger (records in any time order, links at any point)', async () => {
    const purposes = ['analytics', 'ads', 'newsletter'] as const;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('record' as const),
        who: fc.integer({ min: 0, max: 3 }),
        purpose: fc.constantFrom(...purposes),
        decision: fc.constantFrom('granted' as const, 'denied' as const, 'withdrawn' as const),
        minute: fc.integer({ min: 0, max: 5 }),
      }),
      fc.record({
        kind: fc.constant('link' as const),
        visitor: fc.integer({ min: 0, max: 1 }),
        email: fc.integer({ min: 2, max: 3 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const run = randomUUID();
        const ids = [randomUUID(), randomUUID(), `a-${run}@example.jp`, `b-${run}@example.jp`];
        const refOf = (who: number) =>
          who < 2
            ? { kind: 'visitor' as const, value: ids[who] as string }
            : { kind: 'email' as const, value: ids[who] as string };
        for (const o of ops) {
          if (o.kind === 'record') {
            await t.mamori.consent.record(
              SYSTEM,
              {
                subject: refOf(o.who),
                choices: [{ purpose: o.purpose, decision: o.decision }],
                channel: 'api',
                recordedAt: new Date(Date.UTC(2026, 0, 1, 0, o.minute)).toISOString(),
              },
              {},
            );
          } else {
            await t.mamori.consent
              .link(SYSTEM, ids[o.visitor] as string, refOf(o.email), {})
              .catch((e: { code?: string }) => {
                if (e.code !== 'consent_link_conflict') throw e;
              });
          }
        }
        for (let who = 0; who < 4; who++) {
          const key = t.mamori.consent.keyOf(refOf(who).kind, refOf(who).value);
          const subject = await t.mamori.database.db
            .selectFrom('consent_subjects')
            .select('linked_to')
            .where('key', '=', key)
            .executeTakeFirst();
          if (!subject || subject.linked_to) continue;
          const history = await t.mamori.consent.history(null, key);
          const derived = [...deriveState(history).values()].map((e) => ({ ...e }));
          const stored = await t.mamori.database.db
            .selectFrom('consent_state')
            .select(['purpose', 'record_id', 'decision'])
            .where('subject_key', '=', key)
            .orderBy('purpose')
            .execute();
          expect(stored.map((s) => `${s.purpose}:${s.record_id}:${s.decision}`)).toEqual(
            derived
              .sort((a, b) => a.purpose.localeCompare(b.purpose))
              .map((e) => `${e.purpose}:${e.recordId}:${e.decision}`),
          );
          // A linked visitor keeps no state of its own: it reads the identified subject's.
          for (const v of [0, 1]) {
            const vk = t.mamori.consent.keyOf('visitor', ids[v] as string);
            const linked = await t.mamori.database.db
              .selectFrom('consent_subjects')
              .select('linked_to')
              .where('key', '=', vk)
              .executeTakeFirst();
            if (linked?.linked_to === key)
              expect(
                await t.mamori.database.db
                  .selectFrom('consent_state')
                  .select('purpose')
                  .where('subject_key', '=', vk)
                  .execute(),
              ).toEqual([]);
          }
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe('outbox delivery', () => {
  it('hands events over once; a failed delivery is retried', async () => {
    await publicRecord(randomUUID(), { analytics: 'granted' });
    let calls = 0;
    const failed = await t.mamori.consent.deliverOutbox(async () => {
      calls++;
      throw new Error('receiver down');
    });
    expect(failed).toBe(0);
    const seen: string[] = [];
    let delivered = 0;
    for (;;) {
      const n = await t.mamori.consent.deliverOutbox(async (events) => {
        seen.push(...events.map((e) => e.id));
      });
      if (n === 0) break;
      delivered += n;
    }
    expect(calls).toBe(1);
    expect(delivered).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    const pending = await t.mamori.database.db
      .selectFrom('consent_outbox')
      .select('id')
      .where('delivered_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);
  });
});
