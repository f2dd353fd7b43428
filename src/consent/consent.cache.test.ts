import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMamori } from '../../test/app.js';
import { onPostgres } from '../../test/db.js';
import type { Mamori } from '../main.js';
import { parseNotification } from './consent.notify.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';
import { consentRegister, SYSTEM } from './consent.test-helpers.js';

let m: Mamori;
let close: () => Promise<void>;
beforeAll(async () => {
  const t = await testMamori();
  m = t.mamori;
  close = async () => {
    await t.mamori.close();
    await t.db.drop();
  };
  await m.register.import(SYSTEM, consentRegister());
}, 60_000);
afterAll(() => close());

const banner = (consent: ConsentService, visitorId: string, decision: 'granted' | 'denied') =>
  consent.recordPublic(
    { visitorId, choices: [{ purpose: 'analytics', decision }], gpc: false },
    { gpcHeader: false, origin: {}, channel: 'banner' },
  );
/** Read as the banner's route sends it (a cached visitor's body is kept with its state), and as an object. */
const analytics = async (consent: ConsentService, visitorId: string) => {
  const sent = JSON.parse((await consent.visitorStateJson(visitorId)).toString('utf8'));
  expect(sent).toEqual(await consent.visitorState(visitorId));
  return (sent as Awaited<ReturnType<ConsentService['visitorState']>>).purposes.find(
    (p) => p.purpose === 'analytics',
  )?.decision;
};

describe('cached visitor state', () => {
  it('follows every write in this process: banner, staff record, link', async () => {
    const v = randomUUID();
    // A visitor who has not chosen yet is cached as such; the first choice evicts it.
    expect(await analytics(m.consent, v)).toBeUndefined();
    expect(await analytics(m.consent, v)).toBeUndefined();
    await banner(m.consent, v, 'granted');
    expect(await analytics(m.consent, v)).toBe('granted');
    expect(await analytics(m.consent, v)).toBe('granted');
    await m.consent.record(
      SYSTEM,
      {
        subject: { kind: 'visitor', value: v },
        choices: [{ purpose: 'analytics', decision: 'withdrawn' }],
        channel: 'staff',
      },
      {},
    );
    expect(await analytics(m.consent, v)).toBe('withdrawn');
    // Linked to an e-mail whose later decision wins: the visitor's cached state follows.
    const email = `cache-${randomUUID()}@example.jp`;
    await m.consent.record(
      SYSTEM,
      {
        subject: { kind: 'email', value: email },
        choices: [{ purpose: 'analytics', decision: 'granted' }],
        channel: 'api',
        recordedAt: new Date(Date.now() + 60_000).toISOString(),
      },
      {},
    );
    await m.consent.link(SYSTEM, v, { kind: 'email', value: email }, {});
    expect(await analytics(m.consent, v)).toBe('granted');
    await m.consent.record(
      SYSTEM,
      {
        subject: { kind: 'email', value: email },
        choices: [{ purpose: 'analytics', decision: 'denied' }],
        channel: 'api',
        recordedAt: new Date(Date.now() + 120_000).toISOString(),
      },
      {},
    );
    expect(await analytics(m.consent, v)).toBe('denied');
  });

  it('follows writes made by another server process (PostgreSQL: LISTEN/NOTIFY)', async () => {
    expect(parseNotification('ab12cd34 k1 k2')).toEqual({ origin: 'ab12cd34', keys: ['k1', 'k2'] });
    // A second service on the same database stands for a second process with its own cache.
    const other = new ConsentService(
      m.database.db,
      new ConsentRepository(),
      m.register,
      m.notices,
      m.audit,
      m.secrets,
      m.keys.derive('pseudonyms'),
    );
    const pool = m.database.pgPool;
    if (pool) other.listenForChanges(pool);
    try {
      for (let i = 0; i < 200 && !other.cacheInUse; i++) await new Promise((r) => setTimeout(r, 25));
      expect(other.cacheInUse).toBe(true);
      // The notification arrives after the commit, asynchronously: wait for it (bounded).
      const eventually = async (visitorId: string, expected: string) => {
        let seen = await analytics(other, visitorId);
        for (let i = 0; i < 200 && seen !== expected; i++) {
          await new Promise((r) => setTimeout(r, 25));
          seen = await analytics(other, visitorId);
        }
        return seen;
      };
      const v = randomUUID();
      if (onPostgres()) {
        // A visitor the other process read before any choice is cached as such; the notification evicts it.
        expect(await analytics(other, v)).toBeUndefined();
        await banner(m.consent, v, 'granted');
        expect(await eventually(v, 'granted')).toBe('granted');
      } else {
        await banner(m.consent, v, 'granted');
        expect(await analytics(other, v)).toBe('granted');
      }
      await banner(m.consent, v, 'denied');
      if (onPostgres()) {
        expect(await eventually(v, 'denied')).toBe('denied');
      } else {
        // The embedded database serves one process: its cache is kept by that process's own writes.
        expect(await analytics(m.consent, v)).toBe('denied');
      }
    } finally {
      await other.close();
    }
  });
});
