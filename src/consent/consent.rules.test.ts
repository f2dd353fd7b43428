import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  applyGpc,
  deriveState,
  eventIdFor,
  ipPrefix,
  type LedgerRecord,
  needsRenewal,
  statusAt,
  statusChangeAt,
  subjectKey,
  userAgentSummary,
} from './consent.rules.js';

const recordArb = (id: number) =>
  fc.record({
    id: fc.constant(id),
    purpose: fc.constantFrom('ads', 'analytics', 'newsletter'),
    decision: fc.constantFrom('granted', 'denied', 'withdrawn') as fc.Arbitrary<LedgerRecord['decision']>,
    recordedAt: fc.integer({ min: 0, max: 20 }).map((m) => new Date(Date.UTC(2026, 0, 1, 0, m))),
    noticeVersion: fc.constantFrom(null, 1, 2),
    purposeRev: fc.constantFrom(null, 'a', 'b'),
    gpc: fc.boolean(),
    expiresAt: fc.constant(null),
  });
const ledgerArb = fc
  .integer({ min: 0, max: 25 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => recordArb(i + 1))));

describe('deriving state from the ledger', () => {
  it('is the latest decision per purpose by time, then id, whatever order records arrive in', () => {
    fc.assert(
      fc.property(ledgerArb, fc.integer(), (records, seed) => {
        const shuffled = [...records].sort(
          (a, b) => ((a.id * 7919 + seed) % 97) - ((b.id * 7919 + seed) % 97),
        );
        const state = deriveState(shuffled);
        expect(deriveState(records)).toEqual(state);
        for (const [purpose, entry] of state) {
          const mine = records.filter((r) => r.purpose === purpose);
          const latest = Math.max(...mine.map((r) => r.recordedAt.getTime()));
          const best = Math.max(...mine.filter((r) => r.recordedAt.getTime() === latest).map((r) => r.id));
          expect(entry.recordId).toBe(best);
        }
        expect([...state.keys()].sort()).toEqual([...new Set(records.map((r) => r.purpose))].sort());
      }),
    );
  });

  it('treats a grant past its expiry as expired, and only grants', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(statusAt({ decision: 'granted', expiresAt: new Date('2026-05-31T23:59:59Z') }, now)).toBe(
      'expired',
    );
    expect(statusAt({ decision: 'granted', expiresAt: now }, now)).toBe('expired');
    expect(statusAt({ decision: 'granted', expiresAt: new Date('2026-06-02T00:00:00Z') }, now)).toBe(
      'granted',
    );
    expect(statusAt({ decision: 'granted', expiresAt: null }, now)).toBe('granted');
    expect(statusAt({ decision: 'denied', expiresAt: new Date(0) }, now)).toBe('denied');
    expect(statusAt({ decision: 'withdrawn', expiresAt: new Date(0) }, now)).toBe('withdrawn');
    expect(addMonths(new Date('2026-01-15T00:00:00Z'), 13).toISOString()).toBe('2027-02-15T00:00:00.000Z');
  });

  it('keeps every status until the first expiry after now, which changes one (the cached body’s lifetime)', () => {
    const entryArb = fc.record({
      decision: fc.constantFrom('granted', 'denied', 'withdrawn') as fc.Arbitrary<LedgerRecord['decision']>,
      expiresAt: fc.option(fc.integer({ min: 0, max: 100 }).map((m) => new Date(m * 1000))),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 6 }), fc.integer({ min: 0, max: 100 }), (entries, s) => {
        const now = s * 1000;
        const statuses = (t: number) => entries.map((e) => statusAt(e, new Date(t)));
        const until = statusChangeAt(entries, now);
        for (let t = now; t < Math.min(until, 101_000); t += 500) expect(statuses(t)).toEqual(statuses(now));
        if (Number.isFinite(until)) expect(statuses(until)).not.toEqual(statuses(now));
      }),
    );
  });

  it('asks for renewal only of grants made under another text of the purpose', () => {
    expect(needsRenewal({ decision: 'granted', purposeRev: 'a' }, 'b')).toBe(true);
    expect(needsRenewal({ decision: 'granted', purposeRev: 'a' }, 'a')).toBe(false);
    expect(needsRenewal({ decision: 'denied', purposeRev: 'a' }, 'b')).toBe(false);
    expect(needsRenewal({ decision: 'granted', purposeRev: null }, 'b')).toBe(false);
    expect(needsRenewal({ decision: 'granted', purposeRev: 'a' }, undefined)).toBe(false);
  });
});

describe('proof without personal detail', () => {
  it('keeps /24 of IPv4 and /48 of IPv6, never the address', () => {
    expect(ipPrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(ipPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(ipPrefix('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::/48');
    expect(ipPrefix('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(ipPrefix('::1')).toBe('0:0:0::/48');
    expect(ipPrefix('not-an-ip')).toBeNull();
    expect(ipPrefix(undefined)).toBeNull();
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const p = ipPrefix(ip) ?? '';
        expect(p.endsWith('.0/24')).toBe(true);
        expect(ip.startsWith(p.slice(0, -5))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        expect(ipPrefix(ip)).toMatch(/^[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::\/48$/);
      }),
    );
  });

  it('summarises a user agent to browser, major version and platform', () => {
    expect(
      userAgentSummary(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Safari/537.36',
      ),
    ).toBe('Chrome 120 / Windows');
    expect(
      userAgentSummary(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 / iPhone');
    expect(userAgentSummary('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe(
      'Firefox 121 / Linux',
    );
    expect(userAgentSummary('curl/8.5.0')).toBe('other / other');
    expect(userAgentSummary(undefined)).toBeNull();
  });

  it('files one person under one keyed hash, different under another key', () => {
    const k = Buffer.alloc(32, 1);
    expect(subjectKey(k, 'email', ' Hanako@Example.JP ')).toBe(subjectKey(k, 'email', 'hanako@example.jp'));
    expect(subjectKey(k, 'email', 'a@b.jp')).not.toBe(subjectKey(k, 'customer', 'a@b.jp'));
    expect(subjectKey(k, 'email', 'a@b.jp')).not.toBe(subjectKey(Buffer.alloc(32, 2), 'email', 'a@b.jp'));
    expect(subjectKey(k, 'email', 'a@b.jp')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('GPC', () => {
  it('turns the flagged purposes into opt-outs and leaves the others as chosen', () => {
    const out = applyGpc(
      [
        { purpose: 'ads', decision: 'granted' },
        { purpose: 'analytics', decision: 'granted' },
      ],
      ['ads', 'share-partners'],
    );
    expect(out).toEqual([
      { purpose: 'ads', decision: 'denied', gpc: true },
      { purpose: 'analytics', decision: 'granted', gpc: false },
      { purpose: 'share-partners', decision: 'denied', gpc: true },
    ]);
  });
});

describe('event ids', () => {
  it('are uuid-shaped, stable per report and purpose, and differ otherwise', () => {
    const a = eventIdFor('r1', 'ads');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventIdFor('r1', 'ads')).toBe(a);
    expect(eventIdFor('r1', 'analytics')).not.toBe(a);
    expect(eventIdFor('r2', 'ads')).not.toBe(a);
  });
});
