import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMamori } from '../../test/app.js';
import type { Mamori } from '../main.js';
import { deriveState } from './consent.rules.js';
import { consentRegister, SYSTEM } from './consent.test-helpers.js';

// Banner writes are group-committed; the clock hands out times from a few minutes in random order, so
// decisions arrive in a different order than they were "made", and many share an instant (ties go by id).
let draws: number[] = [];
const clock = () => new Date(Date.UTC(2026, 0, 1, 0, draws.shift() ?? 0));

let m: Mamori;
let close: () => Promise<void>;
beforeAll(async () => {
  const t = await testMamori({ clock });
  m = t.mamori;
  close = async () => {
    await t.mamori.close();
    await t.db.drop();
  };
  await m.register.import(SYSTEM, consentRegister());
}, 60_000);
afterAll(() => close());

const purposes = ['analytics', 'ads'] as const;

describe('group-committed banner writes', () => {
  it('leave state equal to the ledger with concurrent writers of one subject × purpose, and links racing them', async () => {
    const op = fc.record({
      who: fc.integer({ min: 0, max: 2 }),
      purpose: fc.constantFrom(...purposes),
      decision: fc.constantFrom('granted' as const, 'denied' as const),
      minute: fc.integer({ min: 0, max: 3 }),
      resend: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 2, maxLength: 24 }),
        fc.option(fc.integer({ min: 0, max: 23 })),
        async (ops, linkAt) => {
          const visitors = [randomUUID(), randomUUID(), randomUUID()];
          const email = `batch-${randomUUID()}@example.jp`;
          draws = ops.map((o) => o.minute);
          const eventIds = ops.map(() => randomUUID());
          // All at once: they share batches; a re-sent report (same event id) races its original.
          const writes: Promise<unknown>[] = ops.flatMap((o, i) => {
            const report = () =>
              m.consent.recordPublic(
                {
                  visitorId: visitors[o.who] as string,
                  choices: [{ purpose: o.purpose, decision: o.decision }],
                  gpc: false,
                  eventId: eventIds[i],
                },
                { gpcHeader: false, origin: {}, channel: 'banner' },
              );
            return o.resend ? [report(), report()] : [report()];
          });
          if (linkAt !== null && linkAt < ops.length)
            writes.splice(
              linkAt,
              0,
              m.consent
                .record(
                  SYSTEM,
                  {
                    subject: { kind: 'email', value: email },
                    choices: [{ purpose: 'analytics', decision: 'withdrawn' }],
                    channel: 'api',
                    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 2)).toISOString(),
                  },
                  {},
                )
                .then(() =>
                  m.consent.link(SYSTEM, visitors[0] as string, { kind: 'email', value: email }, {}),
                ),
            );
          await Promise.all(writes);

          const db = m.database.db;
          const keys = [
            ...visitors.map((v) => m.consent.keyOf('visitor', v)),
            m.consent.keyOf('email', email),
          ];
          const subjects = await db
            .selectFrom('consent_subjects')
            .select(['key', 'linked_to'])
            .where('key', 'in', keys)
            .execute();
          let records = 0;
          for (const s of subjects) {
            const stored = await db
              .selectFrom('consent_state')
              .select(['purpose', 'record_id', 'decision'])
              .where('subject_key', '=', s.key)
              .orderBy('purpose')
              .execute();
            if (s.linked_to) {
              expect(stored).toEqual([]);
              continue;
            }
            const history = await m.consent.history(null, s.key);
            records += history.length;
            // The newest decision by time, then ledger id, in the ledger and in the state alike.
            const derived = [...deriveState(history).values()].sort((a, b) =>
              a.purpose.localeCompare(b.purpose),
            );
            expect(stored.map((r) => `${r.purpose}:${r.record_id}:${r.decision}`)).toEqual(
              derived.map((e) => `${e.purpose}:${e.recordId}:${e.decision}`),
            );
            // What the banner reads (through the cache) is the same state.
            for (const v of visitors) {
              const read = await m.consent.visitorState(v);
              if (read.canonicalKey === s.key)
                expect(read.purposes.map((p) => `${p.purpose}:${p.decision}`)).toEqual(
                  derived.map((e) => `${e.purpose}:${e.decision}`),
                );
            }
          }
          // Every report once in the ledger (re-sends skipped), one outbox event per record.
          expect(records).toBe(ops.length + (linkAt !== null && linkAt < ops.length ? 1 : 0));
          const outbox = await db
            .selectFrom('consent_outbox')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(
              'id',
              'in',
              db.selectFrom('consent_records').select('event_id').where('subject_key', 'in', keys),
            )
            .executeTakeFirstOrThrow();
          expect(Number(outbox.n)).toBe(records);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
