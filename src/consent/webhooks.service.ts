import { randomBytes } from 'node:crypto';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { DeliveryRow, WebhookRow, WebhooksRepository } from './webhooks.repository.js';
import {
  afterAttempt,
  CLAIM_MS,
  describeFailure,
  isSuccess,
  MAX_ATTEMPTS,
  newWebhookSecret,
  REQUEST_TIMEOUT_MS,
  sign,
  wants,
} from './webhooks.rules.js';
import type { DeliveryView, WebhookInput, WebhookUpdate, WebhookView } from './webhooks.schema.js';

export interface WebhookOptions {
  clock?: (() => Date) | undefined;
  maxAttempts?: number;
  /** Requests sent at once by one worker. */
  concurrency?: number;
  timeoutMs?: number;
}

const sealContext = (id: string) => `consent-webhook:${id}`;

/**
 * Consent webhooks: endpoints registered by the privacy office; every ledger event of the outbox is fanned
 * out to the endpoints that want its purpose, then POSTed signed (Standard Webhooks), retried with backoff
 * and given up after a number of attempts. Deliveries per endpoint are independent (no ordering promise:
 * each event carries `recordedAt`).
 */
export class WebhooksService {
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly db: Db,
    private readonly repo: WebhooksRepository,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly knownPurpose: (purpose: string) => Promise<boolean>,
    options: WebhookOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
    this.concurrency = options.concurrency ?? 4;
    this.timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  async create(actor: Actor, input: WebhookInput, origin: Origin): Promise<WebhookView & { secret: string }> {
    await this.checkPurposes(input.purposes);
    const id = `wh_${randomBytes(8).toString('hex')}`;
    const secret = input.secret ?? newWebhookSecret();
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insert(trx, {
        id,
        url: input.url,
        secret_sealed: this.secrets.seal(secret, sealContext(id)),
        purposes: input.purposes,
        description: input.description ?? null,
        created_by: actor.label ?? actor.id ?? actor.type,
        created_at: now,
      });
      await this.audit.record(trx, {
        actor,
        action: 'consent.webhook_saved',
        object: { type: 'consent_webhook', id },
        origin,
        details: { url: new URL(input.url).origin, purposes: input.purposes, created: true },
      });
    });
    const view = (await this.list()).find((w) => w.id === id);
    if (!view) throw notFound('webhook');
    return { ...view, secret };
  }

  async update(actor: Actor, id: string, patch: WebhookUpdate, origin: Origin): Promise<WebhookView> {
    if (patch.purposes) await this.checkPurposes(patch.purposes);
    await this.db.transaction().execute(async (trx) => {
      const changed = await this.repo.update(
        trx,
        id,
        {
          ...(patch.url !== undefined && { url: patch.url }),
          ...(patch.purposes !== undefined && { purposes: patch.purposes }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.active !== undefined && { active: patch.active }),
        },
        this.clock(),
      );
      if (!changed) throw notFound('webhook');
      await this.audit.record(trx, {
        actor,
        action: 'consent.webhook_saved',
        object: { type: 'consent_webhook', id },
        origin,
        details: {
          ...(patch.url !== undefined && { url: new URL(patch.url).origin }),
          ...(patch.purposes !== undefined && { purposes: patch.purposes }),
          ...(patch.active !== undefined && { active: patch.active }),
        },
      });
    });
    const view = (await this.list()).find((w) => w.id === id);
    if (!view) throw notFound('webhook');
    return view;
  }

  async list(): Promise<WebhookView[]> {
    const [hooks, counts, errors] = await Promise.all([
      this.repo.list(this.db),
      this.repo.counts(this.db),
      this.repo.lastErrors(this.db),
    ]);
    const byHook = new Map(counts.map((c) => [c.webhook_id, c]));
    const errorOf = new Map(errors.map((e) => [e.webhook_id, e.last_error]));
    return hooks.map((h) => {
      const c = byHook.get(h.id);
      return {
        id: h.id,
        url: h.url,
        purposes: h.purposes,
        description: h.description,
        active: h.active,
        createdAt: h.created_at.toISOString(),
        pending: c?.pending ?? 0,
        delivered: c?.delivered ?? 0,
        dead: c?.dead ?? 0,
        lastDeliveredAt: c?.last_delivered_at ? new Date(c.last_delivered_at).toISOString() : null,
        lastError: errorOf.get(h.id) ?? null,
      };
    });
  }

  async deliveries(id: string, limit = 100): Promise<DeliveryView[]> {
    if (!(await this.repo.find(this.db, id))) throw notFound('webhook');
    return (await this.repo.deliveries(this.db, id, limit)).map((d) => ({
      eventId: d.event_id,
      kind: d.kind,
      status: d.status,
      attempts: d.attempts,
      nextAt: d.status === 'pending' ? d.next_at.toISOString() : null,
      lastStatus: d.last_status,
      lastError: d.last_error,
      deliveredAt: d.delivered_at?.toISOString() ?? null,
      eventAt: d.event_at.toISOString(),
    }));
  }

  /** Sends a dead delivery again (after the receiver was fixed), with a fresh count of attempts. */
  async retry(actor: Actor, id: string, eventId: string, origin: Origin): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.repo.retry(trx, id, eventId, this.clock()))) throw notFound('delivery');
      await this.audit.record(trx, {
        actor,
        action: 'consent.webhook_retried',
        object: { type: 'consent_webhook', id },
        origin,
        details: { eventId },
      });
    });
  }

  /** Hands a page of outbox events to every active endpoint that wants them; returns how many events. */
  async fanOut(limit = 500): Promise<number> {
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const events = await this.repo.undeliveredEvents(trx, limit);
      if (events.length === 0) return 0;
      const hooks = (await this.repo.list(trx)).filter((h) => h.active);
      const rows = events.flatMap((e) =>
        hooks
          .filter((h) => wants(h.purposes, e))
          .map((h) => ({
            webhookId: h.id,
            eventId: e.id,
            kind: e.kind,
            payload: e.payload,
            eventAt: e.created_at,
            now,
          })),
      );
      await this.repo.insertDeliveries(trx, rows);
      await this.repo.markFannedOut(
        trx,
        events.map((e) => e.id),
        now,
      );
      return events.length;
    });
  }

  /** Tries the deliveries that are due; each result is written on its own, so a crash loses at most a claim. */
  async deliverDue(limit = 100): Promise<{ delivered: number; failed: number; dead: number }> {
    const now = this.clock();
    const claimed = await this.db
      .transaction()
      .execute((trx) => this.repo.claimDue(trx, now, new Date(now.getTime() + CLAIM_MS), limit));
    const result = { delivered: 0, failed: 0, dead: 0 };
    if (claimed.length === 0) return result;
    const hooks = new Map((await this.repo.list(this.db)).map((h) => [h.id, h]));
    const queue = [...claimed];
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        const hook = hooks.get(d.webhook_id);
        if (!hook) continue;
        const outcome = await this.attempt(hook, d);
        result[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, claimed.length) }, worker));
    return result;
  }

  /** Fan-out, then deliveries, until nothing is due (bounded, so one job run never loops forever). */
  async run(): Promise<{ events: number; delivered: number; failed: number; dead: number }> {
    const total = { events: 0, delivered: 0, failed: 0, dead: 0 };
    for (let i = 0; i < 20; i++) {
      const events = await this.fanOut();
      total.events += events;
      if (events === 0) break;
    }
    for (let i = 0; i < 20; i++) {
      const r = await this.deliverDue();
      total.delivered += r.delivered;
      total.failed += r.failed;
      total.dead += r.dead;
      if (r.delivered + r.failed + r.dead === 0) break;
    }
    return total;
  }

  private async attempt(hook: WebhookRow, d: DeliveryRow): Promise<'delivered' | 'failed' | 'dead'> {
    const body = JSON.stringify({
      id: d.event_id,
      type: d.kind,
      timestamp: d.event_at.toISOString(),
      data: d.payload,
    });
    let status: number | null = null;
    let error: string | null = null;
    try {
      const secret = this.secrets.open(hook.secret_sealed, sealContext(hook.id));
      const ts = Math.floor(this.clock().getTime() / 1000);
      const response = await fetch(hook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Mamori-Webhooks/1',
          'webhook-id': d.event_id,
          'webhook-timestamp': String(ts),
          'webhook-signature': sign(secret, d.event_id, ts, body),
        },
        body,
      });
      status = response.status;
      // The body is read and dropped: it is the receiver's, and may echo personal data.
      await response.arrayBuffer().catch(() => undefined);
      if (!isSuccess(status)) error = `HTTP ${status}`;
    } catch (e) {
      error = describeFailure(e);
    }
    const attempts = d.attempts + 1;
    const now = this.clock();
    const outcome = afterAttempt(error === null, attempts, now, this.maxAttempts);
    await this.repo.recordAttempt(
      this.db,
      { webhookId: d.webhook_id, eventId: d.event_id },
      {
        status: outcome.status,
        attempts,
        nextAt: outcome.status === 'pending' ? outcome.nextAt : now,
        lastStatus: status,
        lastError: error,
        deliveredAt: outcome.status === 'delivered' ? outcome.deliveredAt : null,
        now,
      },
    );
    return outcome.status === 'delivered' ? 'delivered' : outcome.status === 'dead' ? 'dead' : 'failed';
  }

  private async checkPurposes(purposes: readonly string[]): Promise<void> {
    for (const purpose of purposes)
      if (!(await this.knownPurpose(purpose)))
        throw new AppError('consent_purpose_unknown', 400, { purpose });
  }
}
