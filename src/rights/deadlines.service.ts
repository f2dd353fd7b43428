/**
 * Deadlines after intake: extension with notice, closing unpaid requests (the hourly job) and the counts
 * for reminders. The dates themselves come from the law tables (request.rules.ts).
 */
import { AppError } from '../platform/errors.js';
import { type Acting, SYSTEM } from './acting.js';
import { isTerminal } from './lifecycle.rules.js';
import { extensionProblem, isOverdue, requestDeadlines } from './request.rules.js';
import type { RequestView, Status } from './rights.schema.js';
import type { RightsService } from './rights.service.js';

export class DeadlineService {
  constructor(private readonly rights: RightsService) {}

  /** Extension with notice to the person (GDPR Art. 12(3), CCPA §1798.130(a)(2)); refused where the law has none. */
  async extend(id: string, acting: Acting, reason: string): Promise<RequestView> {
    const now = this.rights.clock();
    await this.rights.db.transaction().execute(async (trx) => {
      const row = await this.rights.lockRow(trx, id);
      if (isTerminal(row.status as Status))
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'extend' });
      const problem = extensionProblem(row.law_kinds, row.received_at, now, this.rights.laws);
      if (problem) throw new AppError('rights_extension_unavailable', 409, { detail: problem });
      const deadlines = requestDeadlines(row.law_kinds, row.received_at, this.rights.laws, now);
      await this.rights.repo.update(trx, id, {
        extension_notice_at: now,
        extension_reason: reason,
        due_by: deadlines.dueBy,
        governed_by: deadlines.governedBy,
        updated_at: now,
      });
      const subject = this.rights.subjectOf(row);
      const en = row.language === 'en';
      await this.rights.outbox(trx, {
        to: subject.email,
        subject: en
          ? `Your request ${row.reference}: more time needed`
          : `ご請求（${row.reference}）の回答期限延長のお知らせ`,
        body: en
          ? `We need more time to answer your request. We will answer by ${deadlines.dueBy}. Reason: ${reason}`
          : `ご請求への回答に時間を要するため、回答期限を ${deadlines.dueBy} まで延長いたします。理由: ${reason}`,
        related: id,
      });
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.extended',
        object: { type: 'rights_request', id },
        details: { from: row.due_by, to: deadlines.dueBy, reason },
      });
    });
    return this.rights.view(await this.rights.row(id));
  }

  /** 002 seed: a fee not paid by its deadline means the request is treated as not made. */
  async closeUnpaid(): Promise<number> {
    let closed = 0;
    for (const id of await this.rights.repo.unpaidPast(this.rights.db, this.rights.clock())) {
      await this.rights.db.transaction().execute(async (trx) => {
        const row = await this.rights.lockRow(trx, id);
        if (row.status !== 'awaiting_fee') return;
        await this.rights.move(trx, row, 'close_unpaid', SYSTEM, 'fee not paid by the deadline');
        closed += 1;
      });
    }
    return closed;
  }

  /** Open requests past or near their deadline (counts only: the job's log holds no personal data). */
  async reminders(): Promise<{ overdue: number; dueWithin3Days: number }> {
    const now = this.rights.clock();
    const soon = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    let overdue = 0;
    let dueWithin3Days = 0;
    for (const row of await this.rights.repo.open(this.rights.db)) {
      if (isOverdue(row.due_by, now, 'Asia/Tokyo', true)) overdue += 1;
      else if (row.due_by <= soon) dueWithin3Days += 1;
    }
    return { overdue, dueWithin3Days };
  }
}
