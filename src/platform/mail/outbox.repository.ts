import type { Db, Trx } from '../db/types.js';

export interface DueMessage {
  id: string;
  to_sealed: string;
  subject: string;
  body_sealed: string;
}

/** SQL of outbox delivery: which messages are due, claiming one, and recording the outcome. */
export class OutboxRepository {
  async due(db: Db | Trx, now: Date, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('outbox_messages as m')
      .leftJoin('outbox_deliveries as d', 'd.message_id', 'm.id')
      .select('m.id')
      .where('m.sent_at', 'is', null)
      .where('m.channel', '=', 'email')
      .where((eb) =>
        eb.or([
          eb('d.message_id', 'is', null),
          eb.and([eb('d.dead', '=', false), eb('d.next_at', '<=', now)]),
        ]),
      )
      .orderBy('m.created_at')
      .orderBy('m.id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Takes a message for one attempt: the row is locked, still unsent and due, and its next try is pushed
   * to `leaseUntil`, so another worker leaves it alone while this one sends. Returns the attempt number.
   */
  async claim(
    trx: Trx,
    id: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<{ message: DueMessage; attempt: number } | undefined> {
    const message = await trx
      .selectFrom('outbox_messages')
      .select(['id', 'to_sealed', 'subject', 'body_sealed', 'sent_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!message || message.sent_at !== null) return undefined;
    const delivery = await trx
      .selectFrom('outbox_deliveries')
      .selectAll()
      .where('message_id', '=', id)
      .executeTakeFirst();
    if (delivery && (delivery.dead || new Date(delivery.next_at) > now)) return undefined;
    const attempt = (delivery?.attempts ?? 0) + 1;
    await trx
      .insertInto('outbox_deliveries')
      .values({ message_id: id, attempts: attempt, next_at: leaseUntil, updated_at: now })
      .onConflict((oc) =>
        oc.column('message_id').doUpdateSet({ attempts: attempt, next_at: leaseUntil, updated_at: now }),
      )
      .execute();
    return { message, attempt };
  }

  async markSent(db: Db | Trx, id: string, at: Date): Promise<void> {
    await db
      .updateTable('outbox_messages')
      .set({ sent_at: at })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .execute();
    await db
      .updateTable('outbox_deliveries')
      .set({ last_error: null, updated_at: at })
      .where('message_id', '=', id)
      .execute();
  }

  async markFailed(
    trx: Trx,
    id: string,
    error: string,
    nextAt: Date,
    dead: boolean,
    at: Date,
  ): Promise<void> {
    await trx
      .updateTable('outbox_deliveries')
      .set({ last_error: error, next_at: nextAt, dead, updated_at: at })
      .where('message_id', '=', id)
      .execute();
  }
}
