import type { AuditService } from '../audit/audit.service.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Db } from '../db/types.js';
import { type Mailer, mailErrorOf } from './mailer.js';
import type { OutboxRepository } from './outbox.repository.js';

/** Attempts before a message is given up (about 4 hours of back-off in all). */
export const MAX_ATTEMPTS = 8;

/** One minute after the first failure, doubling, at most an hour between tries. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  dead: number;
}

/**
 * Sends the outbox (one-time codes, acknowledgements, notices) by SMTP. Each message is claimed in its own
 * committed transaction before it is sent and marked sent after: a crash in between sends it once more
 * (with the same Message-ID), never loses it. Without a mailer nothing happens: admins read the outbox.
 */
export class OutboxDelivery {
  constructor(
    private readonly db: Db,
    private readonly repo: OutboxRepository,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    readonly mailer: Mailer | undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async deliver(limit = 100): Promise<DeliveryResult> {
    const result: DeliveryResult = { sent: 0, failed: 0, dead: 0 };
    const mailer = this.mailer;
    if (!mailer) return result;
    for (const id of await this.repo.due(this.db, this.clock(), limit)) {
      const now = this.clock();
      const claimed = await this.db
        .transaction()
        .execute((trx) => this.repo.claim(trx, id, now, new Date(now.getTime() + retryDelayMs(1) * 5)));
      if (!claimed) continue;
      const { message, attempt } = claimed;
      try {
        await mailer.send({
          id,
          to: this.secrets.open(message.to_sealed, `outbox:${id}:to`),
          subject: message.subject,
          text: this.secrets.open(message.body_sealed, `outbox:${id}:body`),
        });
        await this.repo.markSent(this.db, id, this.clock());
        result.sent += 1;
      } catch (error) {
        const dead = attempt >= MAX_ATTEMPTS;
        const at = this.clock();
        await this.db.transaction().execute(async (trx) => {
          await this.repo.markFailed(
            trx,
            id,
            mailErrorOf(error),
            new Date(at.getTime() + retryDelayMs(attempt)),
            dead,
            at,
          );
          if (dead)
            await this.audit.record(trx, {
              actor: { type: 'system', label: 'mailer' },
              action: 'outbox.dead',
              object: { type: 'outbox_message', id },
              details: { attempts: attempt, error: mailErrorOf(error) },
            });
        });
        if (dead) result.dead += 1;
        else result.failed += 1;
      }
    }
    return result;
  }
}
