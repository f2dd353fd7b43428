import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/db.js';
import type { Db } from '../db/types.js';
import { AuditRepository } from './audit.repository.js';
import { GENESIS_HASH, hashEvent } from './audit.rules.js';
import { AuditService } from './audit.service.js';

const key = Buffer.alloc(32, 9);
let tdb: TestDatabase;
let db: Db;
let audit: AuditService;
const repo = new AuditRepository(key);

async function reset(events: number) {
  await db.deleteFrom('audit_events').execute();
  await db.deleteFrom('audit_head').execute();
  await repo.ensureHead(db);
  for (let i = 0; i < events; i += 1) {
    await audit.recordAlone({
      actor: { type: 'user', id: `u${i % 3}`, label: `user${i % 3}` },
      action: 'user.updated',
      object: { type: 'user', id: `obj-${i}` },
      origin: { ip: '192.0.2.1', userAgent: 'test' },
      details: { fields: ['displayName'], n: i, nested: { a: [1, 2, { b: null }] } },
    });
  }
}

beforeAll(async () => {
  tdb = await testDatabase();
  db = tdb.handle.db;
  audit = new AuditService(db, repo, key);
});
afterAll(() => tdb.drop());

describe('audit chain', () => {
  beforeEach(() => reset(12));

  it('verifies an intact chain, hashing exactly what the database gives back', async () => {
    const result = await audit.verify();
    expect(result).toEqual({ ok: true, checked: 12, headSeq: 12, firstProblem: null });
    const [first] = await repo.pageAscending(db, 0, 1);
    expect(first?.prevHash).toBe(GENESIS_HASH);
    if (!first) throw new Error('no event');
    const { hash, ...rest } = first;
    expect(hashEvent(rest)).toBe(hash);
  });

  it('detects an edited event', async () => {
    await db
      .updateTable('audit_events')
      .set({ details: JSON.stringify({ fields: ['roles'] }) })
      .where('seq', '=', 5)
      .execute();
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstProblem).toMatchObject({ seq: 5, kind: 'hash_mismatch' });
  });

  it('detects an edited event whose hash was recomputed: the next link breaks', async () => {
    const [row] = await repo.pageAscending(db, 4, 1);
    if (!row) throw new Error('no event');
    const forged = { ...row, actorLabel: 'someone-else' };
    const { hash: _old, ...content } = forged;
    await db
      .updateTable('audit_events')
      .set({ actor_label: 'someone-else', hash: hashEvent(content) })
      .where('seq', '=', 5)
      .execute();
    expect((await audit.verify()).firstProblem).toMatchObject({ seq: 6, kind: 'prev_mismatch' });
  });

  it('detects a deleted event', async () => {
    await db.deleteFrom('audit_events').where('seq', '=', 7).execute();
    expect((await audit.verify()).firstProblem).toMatchObject({ seq: 7, kind: 'seq_gap' });
  });

  it('detects an inserted event', async () => {
    // Make room after #3 by shifting the later events, then forge a well-formed event as #4.
    await db.updateTable('audit_events').set({ seq: sql`seq + 1000` }).where('seq', '>', 3).execute();
    await db.updateTable('audit_events').set({ seq: sql`seq - 999` }).where('seq', '>', 1000).execute();
    const [third] = await repo.pageAscending(db, 2, 1);
    if (!third) throw new Error('no event');
    const content = { ...third, seq: 4, id: '00000000-0000-4000-8000-000000000004', prevHash: third.hash };
    const { hash: _h, ...unhashed } = content;
    await db
      .insertInto('audit_events')
      .values({
        seq: 4,
        id: content.id,
        at: content.at,
        actor_type: content.actorType,
        actor_id: content.actorId,
        actor_label: content.actorLabel,
        action: content.action,
        object_type: content.objectType,
        object_id: content.objectId,
        ip: content.ip,
        user_agent: content.userAgent,
        details: JSON.stringify(content.details),
        prev_hash: content.prevHash,
        hash: hashEvent(unhashed),
      })
      .execute();
    expect((await audit.verify()).firstProblem).toMatchObject({ seq: 5, kind: 'prev_mismatch' });
  });

  it('detects reordered events', async () => {
    await db.updateTable('audit_events').set({ seq: -1 }).where('seq', '=', 8).execute();
    await db.updateTable('audit_events').set({ seq: 8 }).where('seq', '=', 9).execute();
    await db.updateTable('audit_events').set({ seq: 9 }).where('seq', '=', -1).execute();
    expect((await audit.verify()).firstProblem).toMatchObject({ seq: 8, kind: 'prev_mismatch' });
  });

  it('detects newest events cut off, even with the head rewound to match', async () => {
    await db.deleteFrom('audit_events').where('seq', '>', 10).execute();
    expect((await audit.verify()).firstProblem).toMatchObject({ seq: 11, kind: 'head_mismatch' });
    const [tenth] = await repo.pageAscending(db, 9, 1);
    await db
      .updateTable('audit_head')
      .set({ seq: 10, hash: tenth?.hash ?? '' })
      .execute();
    expect((await audit.verify()).firstProblem).toMatchObject({ kind: 'head_mac_invalid' });
  });

  it('detects a removed head', async () => {
    await db.deleteFrom('audit_head').execute();
    expect((await audit.verify()).firstProblem).toMatchObject({ kind: 'head_missing' });
  });

  it('checks chains longer than one verification page', async () => {
    await reset(0);
    // Rows written directly in bulk: the verifier must walk several pages of 2000.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 4100; i += 1)
        await audit.record(trx, { actor: { type: 'system' }, action: 'job.failed' });
    });
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, checked: 4100, headSeq: 4100 });
  });
});

describe('audit writes', () => {
  beforeEach(() => reset(0));

  it('are part of the transaction of the change: a rollback removes the event too', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await audit.record(trx, { actor: { type: 'system' }, action: 'user.created' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await repo.count(db)).toBe(0);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('stay one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        audit.recordAlone({ actor: { type: 'system' }, action: 'user.updated', details: { i } }),
      ),
    );
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, checked: 25, headSeq: 25 });
  });

  it('searches newest first with filters and keyset paging', async () => {
    for (let i = 0; i < 5; i += 1) {
      await audit.recordAlone({
        actor: { type: 'user', id: i % 2 ? 'a' : 'b' },
        action: i % 2 ? 'auth.login' : 'auth.logout',
        object: { type: 'user', id: String(i) },
      });
    }
    const logins = await audit.search({ action: 'auth.login', limit: 10 });
    expect(logins.map((e) => e.objectId)).toEqual(['3', '1']);
    const page1 = await audit.search({ limit: 2 });
    const page2 = await audit.search({ limit: 2, before: page1.at(-1)?.seq });
    expect([...page1, ...page2].map((e) => e.seq)).toEqual([5, 4, 3, 2]);
  });
});
