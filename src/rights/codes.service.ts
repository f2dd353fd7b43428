/**
 * One-time e-mail codes (SMS-ready): single use, 10 minutes, 5 tries, 3 per hour. Only an HMAC of a code is
 * stored, keyed from the ring: 10^6 codes are enumerable, a keyed MAC is not.
 */
import { createHmac, hkdfSync, randomInt, randomUUID } from 'node:crypto';
import type { Origin } from '../platform/audit/audit.schema.js';
import type { KeyRing } from '../platform/crypto/keys.js';
import { safeEqual } from '../platform/crypto/tokens.js';
import { AppError } from '../platform/errors.js';
import { acknowledgement } from './acknowledgement.js';
import { type Acting, subjectActing } from './acting.js';
import type { RequestRow } from './rights.repository.js';
import type { Status } from './rights.schema.js';
import type { RightsService } from './rights.service.js';
import { CODE_TTL_MS, checkCode, mayIssueCode } from './verification.rules.js';

export class CodeService {
  private readonly key: Buffer;

  constructor(
    private readonly rights: RightsService,
    keys: KeyRing,
  ) {
    this.key = Buffer.from(
      hkdfSync('sha256', keys.derive('pseudonyms'), Buffer.alloc(0), 'mamori-rights-codes', 32),
    );
  }

  /** Starts verification (if not yet) and sends a one-time code to the e-mail the request gave. */
  async send(id: string, acting: Acting): Promise<void> {
    const now = this.rights.clock();
    await this.rights.db.transaction().execute(async (trx) => {
      const row = await this.rights.lockRow(trx, id);
      if (row.status === 'received')
        await this.rights.move(trx, row, 'start_verification', acting, 'e-mail code');
      if (row.status !== 'verifying')
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'send_code' });
      if (!mayIssueCode(await this.rights.repo.codesSince(trx, id, new Date(now.getTime() - 3_600_000))))
        throw new AppError('rate_limited', 429, { after: '1 h' });
      const code = String(randomInt(1_000_000)).padStart(6, '0');
      await this.rights.repo.retireCodes(trx, id, now);
      await this.rights.repo.insertCode(trx, {
        id: randomUUID(),
        request_id: id,
        code_hash: this.hash(id, code),
        expires_at: new Date(now.getTime() + CODE_TTL_MS),
        created_at: now,
      });
      const subject = this.rights.subjectOf(row);
      const en = row.language === 'en';
      await this.rights.outbox(trx, {
        to: subject.email,
        subject: en
          ? `Your confirmation code (${row.reference})`
          : `確認コードのお知らせ（${row.reference}）`,
        body: en
          ? `Your confirmation code is ${code}. It is valid for 10 minutes and can be used once.`
          : `確認コードは ${code} です。有効期限は10分間で、1回のみ使用できます。`,
        related: id,
      });
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.code_sent',
        object: { type: 'rights_request', id },
        details: { channel: 'email' },
      });
    });
  }

  /**
   * Checks a code. Every failure gives the same answer (wrong, expired, used, locked, or no such request),
   * and a wrong try is counted in its own committed transaction before the answer goes out.
   */
  async verify(reference: string, code: string, origin: Origin): Promise<{ status: Status }> {
    const acting = subjectActing(origin);
    // Read before the transaction: on the embedded database a transaction holds the only session.
    const rights = await this.rights.rightsSettings();
    const outcome = await this.rights.db.transaction().execute(async (trx) => {
      const found = await this.rights.repo.byReference(trx, reference);
      if (found?.status !== 'verifying') return { ok: false as const };
      const row = (await this.rights.repo.lock(trx, found.id)) as RequestRow;
      const latest = await this.rights.repo.latestCode(trx, row.id);
      const matches = latest ? safeEqual(latest.code_hash, this.hash(row.id, code)) : false;
      const check = checkCode(
        latest && { expiresAt: latest.expires_at, attempts: latest.attempts, usedAt: latest.used_at },
        matches,
        this.rights.clock(),
      );
      if (check !== 'ok') {
        if (latest && check === 'wrong')
          await this.rights.repo.updateCode(trx, latest.id, { attempts: latest.attempts + 1 });
        await this.rights.audit.record(trx, {
          actor: acting.actor,
          action: 'rights.code_failed',
          object: { type: 'rights_request', id: row.id },
          origin,
          details: { result: check },
        });
        return { ok: false as const };
      }
      await this.rights.repo.updateCode(trx, (latest as { id: string }).id, { used_at: this.rights.clock() });
      const status = await this.rights.identified(trx, row, acting, 'e-mail code', rights);
      // Receipt is acknowledged once the address is proved, whatever the channel (form or API).
      await this.rights.outbox(trx, {
        to: this.rights.subjectOf(row).email,
        ...acknowledgement(row.reference, row.due_by, row.language === 'en' ? 'en' : 'ja'),
        related: row.id,
      });
      return { ok: true as const, status };
    });
    if (!outcome.ok) throw new AppError('rights_code_rejected', 400);
    return { status: outcome.status };
  }

  private hash(id: string, code: string): string {
    return createHmac('sha256', this.key).update(`${id}:${code}`).digest('hex');
  }
}
