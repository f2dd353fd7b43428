import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/types.js';
import { GENESIS_HASH, hashEvent, headMac, normaliseDetails } from './audit.rules.js';
import type { AuditEventInput, AuditQuery, AuditRecord } from './audit.schema.js';

type Row = {
  seq: number;
  id: string;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

const toRecord = (r: Row): AuditRecord => ({
  seq: r.seq,
  id: r.id,
  at: r.at.toISOString(),
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  ip: r.ip,
  userAgent: r.user_agent,
  details: r.details,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export class AuditRepository {
  constructor(private readonly headKey: Buffer) {}

  /** Creates the head for an empty log. A log with events and no head is left alone: verify reports it. */
  async ensureHead(db: Db): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const head = await trx.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
      if (head) return;
      const any = await trx.selectFrom('audit_events').select('seq').limit(1).executeTakeFirst();
      if (any) return;
      await trx
        .insertInto('audit_head')
        .values({ id: 1, seq: 0, hash: GENESIS_HASH, mac: headMac(this.headKey, 0, GENESIS_HASH) })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    });
  }

  /**
   * Appends one event in the caller's transaction. The head row lock orders concurrent writers, so the
   * chain is one line even with many server processes; if the transaction rolls back, so does the event.
   */
  async append(trx: Trx, input: AuditEventInput, now: Date): Promise<AuditRecord> {
    const head = await trx
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirst();
    if (!head) throw new Error('The audit log has no head record; run `mamori audit verify`.');
    const content = {
      seq: head.seq + 1,
      id: randomUUID(),
      at: now.toISOString(),
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      actorLabel: input.actor.label ?? null,
      action: input.action,
      objectType: input.object?.type ?? null,
      objectId: input.object?.id ?? null,
      ip: input.origin?.ip ?? null,
      userAgent: input.origin?.userAgent?.slice(0, 300) ?? null,
      details: normaliseDetails(input.details),
      prevHash: head.hash,
    };
    const record: AuditRecord = { ...content, hash: hashEvent(content) };
    await trx
      .insertInto('audit_events')
      .values({
        seq: record.seq,
        id: record.id,
        at: record.at,
        actor_type: record.actorType,
        actor_id: record.actorId,
        actor_label: record.actorLabel,
        action: record.action,
        object_type: record.objectType,
        object_id: record.objectId,
        ip: record.ip,
        user_agent: record.userAgent,
        details: JSON.stringify(record.details),
        prev_hash: record.prevHash,
        hash: record.hash,
      })
      .execute();
    await trx
      .updateTable('audit_head')
      .set({ seq: record.seq, hash: record.hash, mac: headMac(this.headKey, record.seq, record.hash) })
      .where('id', '=', 1)
      .execute();
    return record;
  }

  async head(db: Db): Promise<{ seq: number; hash: string; mac: string } | undefined> {
    return db.selectFrom('audit_head').select(['seq', 'hash', 'mac']).where('id', '=', 1).executeTakeFirst();
  }

  /** Events in seq order from `afterSeq`, a page at a time (keyset, so a long log costs no OFFSET scans). */
  async pageAscending(db: Db, afterSeq: number, limit: number): Promise<AuditRecord[]> {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return (rows as Row[]).map(toRecord);
  }

  async search(db: Db, q: AuditQuery): Promise<AuditRecord[]> {
    let query = db.selectFrom('audit_events').selectAll();
    if (q.action) query = query.where('action', '=', q.action);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.objectType) query = query.where('object_type', '=', q.objectType);
    if (q.objectId) query = query.where('object_id', '=', q.objectId);
    if (q.from) query = query.where('at', '>=', new Date(q.from));
    if (q.to) query = query.where('at', '<', new Date(q.to));
    if (q.before) query = query.where('seq', '<', q.before);
    const rows = await query.orderBy('seq', 'desc').limit(q.limit).execute();
    return (rows as Row[]).map(toRecord);
  }

  async count(db: Db): Promise<number> {
    const row = await db
      .selectFrom('audit_events')
      .select(sql<number>`count(*)::int8`.as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }
}
