import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../laws/date.js';
import { localDateOf } from '../laws/index.js';
import type { AuditRecord } from '../platform/audit/audit.schema.js';
import { recipientNotices } from './recipients.rules.js';
import { urgencyOf } from './request.rules.js';
import { statuses } from './rights.schema.js';
import { timelineOf } from './timeline.js';

const register = {
  processors: [{ key: 'mailer', name: { ja: 'メール配信', en: 'Mailer' } }],
  recipients: [{ key: 'partner', name: { ja: '提携先' } }],
} as unknown as Parameters<typeof recipientNotices>[0];

describe('CCPA recipient notices', () => {
  it('only a CCPA request with an erasure run notifies, once per processor and recipient', () => {
    const all = recipientNotices(register, ['ccpa'], ['access', 'erasure'], 'R-ABCDEFGHJK');
    expect(all.map((n) => [n.key, n.role])).toEqual([
      ['mailer', 'service_provider'],
      ['partner', 'third_party'],
    ]);
    for (const n of all) {
      expect(n.text.en).toContain('R-ABCDEFGHJK');
      expect(n.text.ja).toContain('§1798.105(c)(1)');
    }
    expect(recipientNotices(register, ['appi', 'gdpr'], ['erasure'], 'R-X')).toEqual([]);
    expect(recipientNotices(register, ['ccpa'], ['access', 'rectification'], 'R-X')).toEqual([]);
  });
});

describe('queue colours', () => {
  const now = new Date('2026-05-01T03:00:00Z'); // 12:00 in Tokyo
  const today = localDateOf(now, 'Asia/Tokyo');
  it('closed states are never coloured; open ones by days left on the Tokyo calendar', () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.integer({ min: -40, max: 40 }), (status, days) => {
        const u = urgencyOf(status, addDays(today, days), now);
        const closed = ['completed', 'partially_refused', 'refused', 'withdrawn', 'closed_unpaid'].includes(
          status,
        );
        // A deadline day runs to its end in Tokyo: due today is not yet overdue.
        const expected = closed ? 'closed' : days < 0 ? 'overdue' : days <= 3 ? 'soon' : 'ok';
        expect(u).toBe(expected);
      }),
    );
  });
});

describe('timeline', () => {
  const rec = (seq: number, action: string, details: Record<string, unknown> = {}): AuditRecord => ({
    seq,
    id: String(seq),
    at: new Date(seq * 1000).toISOString(),
    actorType: 'user',
    actorId: 'u',
    actorLabel: 'hanako',
    action,
    objectType: 'rights_request',
    objectId: 'r',
    ip: null,
    userAgent: null,
    details,
    prevHash: '',
    hash: '',
  });
  it('is oldest first and leaves out plain views but keeps letter and package views', () => {
    const out = timelineOf([
      rec(3, 'rights.viewed'),
      rec(4, 'rights.viewed', { what: 'letter' }),
      rec(1, 'rights.received'),
      rec(2, 'rights.transitioned', { from: 'received', to: 'verifying' }),
    ]);
    expect(out.map((e) => e.action)).toEqual(['rights.received', 'rights.transitioned', 'rights.viewed']);
    expect(out[0]?.actor).toBe('user:hanako');
  });
});
