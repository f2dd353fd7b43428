import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';

export interface WebhookRow {
  id: string;
  url: string;
  secret_sealed: string;
  purposes: string[];
  description: string | null;
  active: boolean;
  created_at: Date;
}

export interface DeliveryRow {
  webhook_id: string;
  event_id: string;
  kind: string;
  payload: Record<string, unknown>;
  event_at: Date;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_at: Date;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
}

export interface DeliveryCounts {
  webhook_id: string;
  pending: number;
  delivered: number;
  dead: number;
  last_delivered_at: Date | null;
}

/** The only SQL of webhook endpoints and their deliveries. */
export class WebhooksRepository {
  async insert(
    trx: Trx,
    row: Omit<WebhookRow, 'purposes' | 'active'> & { purposes: string[]; created_by: string | null },
  ): Promise<void> {
    await trx
      .insertInto('consent_webhooks')
      .values({ ...row, purposes: JSON.stringify(row.purposes), active: true, updated_at: row.created_at })
      .execute();
  }

  async update(
    trx: Trx,
    id: string,
    set: { url?: string; purposes?: string[]; description?: string | null; active?: boolean },
    now: Date,
  ): Promise<boolean> {
    const result = await trx
      .updateTable('consent_webhooks')
      .set({
        ...(set.url !== undefined && { url: set.url }),
        ...(set.purposes !== undefined && { purposes: JSON.stringify(set.purposes) }),
        ...(set.description !== undefined && { description: set.description }),
        ...(set.active !== undefined && { active: set.active }),
        updated_at: now,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  list(db: Db | Trx): Promise<WebhookRow[]> {
    return db
      .selectFrom('consent_webhooks')
      .select(['id', 'url', 'secret_sealed', 'purposes', 'description', 'active', 'created_at'])
      .orderBy('created_at')
      .execute();
  }

  find(db: Db | Trx, id: string): Promise<WebhookRow | undefined> {
    return db
      .selectFrom('consent_webhooks')
      .select(['id', 'url', 'secret_sealed', 'purposes', 'description', 'active', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  counts(db: Db | Trx): Promise<DeliveryCounts[]> {
    return db
      .selectFrom('consent_webhook_deliveries')
      .select([
        'webhook_id',
        sql<number>`(count(*) FILTER (WHERE status = 'pending'))::int4`.as('pending'),
        sql<number>`(count(*) FILTER (WHERE status = 'delivered'))::int4`.as('delivered'),
        sql<number>`(count(*) FILTER (WHERE status = 'dead'))::int4`.as('dead'),
        sql<Date | null>`max(delivered_at)`.as('last_delivered_at'),
      ])
      .groupBy('webhook_id')
      .execute();
  }

  /** The newest failure message per endpoint (still pending or dead). */
  lastErrors(db: Db | Trx): Promise<Array<{ webhook_id: string; last_error: string | null }>> {
    return db
      .selectFrom('consent_webhook_deliveries')
      .distinctOn('webhook_id')
      .select(['webhook_id', 'last_error'])
      .where('status', '!=', 'delivered')
      .where('last_error', 'is not', null)
      .orderBy('webhook_id')
      .orderBy('updated_at', 'desc')
      .execute();
  }

  deliveries(db: Db | Trx, webhookId: string, limit: number): Promise<DeliveryRow[]> {
    return db
      .selectFrom('consent_webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .orderBy('event_at', 'desc')
      .orderBy('event_id')
      .limit(limit)
      .execute();
  }

  /** A page of outbox events not yet handed to the endpoints, locked so two workers never share one. */
  undeliveredEvents(trx: Trx, limit: number) {
    return trx
      .selectFrom('consent_outbox')
      .select(['id', 'kind', 'payload', 'created_at'])
      .where('delivered_at', 'is', null)
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  async insertDeliveries(
    trx: Trx,
    rows: ReadonlyArray<{
      webhookId: string;
      eventId: string;
      kind: string;
      payload: Record<string, unknown>;
      eventAt: Date;
      now: Date;
    }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('consent_webhook_deliveries')
      .values(
        rows.map((r) => ({
          webhook_id: r.webhookId,
          event_id: r.eventId,
          kind: r.kind,
          payload: JSON.stringify(r.payload),
          event_at: r.eventAt,
          status: 'pending' as const,
          next_at: r.now,
          updated_at: r.now,
        })),
      )
      .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
      .execute();
  }

  async markFannedOut(trx: Trx, ids: readonly string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .updateTable('consent_outbox')
      .set({ delivered_at: now })
      .where('id', 'in', [...ids])
      .execute();
  }

  /**
   * Claims due deliveries of active endpoints: pushes their next try past the claim window, so a worker that
   * dies mid-request leaves them to be tried again later rather than lost.
   */
  async claimDue(trx: Trx, now: Date, claimUntil: Date, limit: number): Promise<DeliveryRow[]> {
    const due = await trx
      .selectFrom('consent_webhook_deliveries as d')
      .innerJoin('consent_webhooks as w', 'w.id', 'd.webhook_id')
      .selectAll('d')
      .where('d.status', '=', 'pending')
      .where('d.next_at', '<=', now)
      .where('w.active', '=', true)
      .orderBy('d.next_at')
      .limit(limit)
      .forUpdate('d')
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    for (const d of due)
      await trx
        .updateTable('consent_webhook_deliveries')
        .set({ next_at: claimUntil })
        .where('webhook_id', '=', d.webhook_id)
        .where('event_id', '=', d.event_id)
        .execute();
    return due;
  }

  async recordAttempt(
    db: Db | Trx,
    key: { webhookId: string; eventId: string },
    result: {
      status: 'pending' | 'delivered' | 'dead';
      attempts: number;
      nextAt: Date;
      lastStatus: number | null;
      lastError: string | null;
      deliveredAt: Date | null;
      now: Date;
    },
  ): Promise<void> {
    await db
      .updateTable('consent_webhook_deliveries')
      .set({
        status: result.status,
        attempts: result.attempts,
        next_at: result.nextAt,
        last_status: result.lastStatus,
        last_error: result.lastError,
        delivered_at: result.deliveredAt,
        updated_at: result.now,
      })
      .where('webhook_id', '=', key.webhookId)
      .where('event_id', '=', key.eventId)
      .execute();
  }

  /** A dead (or pending) delivery tried again now, with a fresh count of attempts. */
  async retry(trx: Trx, webhookId: string, eventId: string, now: Date): Promise<boolean> {
    const result = await trx
      .updateTable('consent_webhook_deliveries')
      .set({ status: 'pending', attempts: 0, next_at: now, updated_at: now })
      .where('webhook_id', '=', webhookId)
      .where('event_id', '=', eventId)
      .where('status', '!=', 'delivered')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
