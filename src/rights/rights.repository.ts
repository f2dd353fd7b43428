import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  OutboxMessagesTable,
  RightsCodesTable,
  RightsRequestsTable,
  RightsTasksTable,
} from '../platform/db/schema.js';
import type { Db, Trx } from '../platform/db/types.js';

export type RequestRow = Selectable<RightsRequestsTable>;
export type TaskRow = Selectable<RightsTasksTable>;
export type CodeRow = Selectable<RightsCodesTable>;
export type OutboxRow = Selectable<OutboxMessagesTable>;

/** The only code that runs SQL for rights requests. */
export class RightsRepository {
  async insertRequest(trx: Trx, row: Insertable<RightsRequestsTable>): Promise<void> {
    await trx.insertInto('rights_requests').values(row).execute();
  }

  get(db: Db | Trx, id: string): Promise<RequestRow | undefined> {
    return db.selectFrom('rights_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byReference(db: Db | Trx, reference: string): Promise<RequestRow | undefined> {
    return db.selectFrom('rights_requests').selectAll().where('reference', '=', reference).executeTakeFirst();
  }

  /** Transitions on one request are serialised: two handlers cannot both approve it. */
  lock(trx: Trx, id: string): Promise<RequestRow | undefined> {
    return trx.selectFrom('rights_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async update(trx: Trx, id: string, patch: Updateable<RightsRequestsTable>): Promise<void> {
    await trx.updateTable('rights_requests').set(patch).where('id', '=', id).execute();
  }

  list(db: Db | Trx, filter: { status?: string | undefined; limit: number }): Promise<RequestRow[]> {
    let q = db.selectFrom('rights_requests').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('due_by').orderBy('received_at').limit(filter.limit).execute();
  }

  /** The console's queue: filters SQL can apply; laws and aspects (JSON arrays) are filtered by the caller. */
  queue(
    db: Db | Trx,
    filter: {
      status?: string | undefined;
      assignee?: string | undefined;
      q?: string | undefined;
      limit: number;
    },
  ): Promise<RequestRow[]> {
    let q = db.selectFrom('rights_requests').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.assignee === 'none') q = q.where('assignee', 'is', null);
    else if (filter.assignee) q = q.where('assignee', '=', filter.assignee);
    if (filter.q) q = q.where('reference', 'like', `%${filter.q.toUpperCase().replace(/[%_]/g, '')}%`);
    return q.orderBy('due_by').orderBy('received_at').limit(filter.limit).execute();
  }

  task(trx: Trx, requestId: string, taskId: string): Promise<TaskRow | undefined> {
    return trx
      .selectFrom('rights_tasks')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('id', '=', taskId)
      .forUpdate()
      .executeTakeFirst();
  }

  async updateTask(trx: Trx, id: string, patch: Updateable<RightsTasksTable>): Promise<void> {
    await trx.updateTable('rights_tasks').set(patch).where('id', '=', id).execute();
  }

  /** Open tasks assigned to one handler, with their request's reference and deadline. */
  tasksOf(db: Db | Trx, assignee: string) {
    return db
      .selectFrom('rights_tasks as t')
      .innerJoin('rights_requests as r', 'r.id', 't.request_id')
      .selectAll('t')
      .select(['r.reference', 'r.due_by'])
      .where('t.assignee', '=', assignee)
      .where('t.status', '=', 'open')
      .orderBy('r.due_by')
      .orderBy('t.created_at')
      .limit(500)
      .execute();
  }

  async unpaidPast(db: Db | Trx, now: Date): Promise<string[]> {
    const rows = await db
      .selectFrom('rights_requests')
      .select('id')
      .where('status', '=', 'awaiting_fee')
      .where('fee_due_at', '<', now)
      .execute();
    return rows.map((r) => r.id);
  }

  async open(db: Db | Trx): Promise<RequestRow[]> {
    return db
      .selectFrom('rights_requests')
      .selectAll()
      .where('status', 'in', ['received', 'verifying', 'awaiting_fee', 'in_progress', 'review'])
      .execute();
  }

  async insertTransition(
    trx: Trx,
    row: {
      request_id: string;
      from_status: string | null;
      to_status: string;
      action: string;
      actor: string;
      reason: string | null;
      at: Date;
    },
  ): Promise<void> {
    await trx.insertInto('rights_transitions').values(row).execute();
  }

  transitions(db: Db | Trx, id: string) {
    return db
      .selectFrom('rights_transitions')
      .selectAll()
      .where('request_id', '=', id)
      .orderBy('id')
      .execute();
  }

  async insertCode(trx: Trx, row: Insertable<RightsCodesTable>): Promise<void> {
    await trx.insertInto('rights_codes').values(row).execute();
  }

  /** Only the newest code is live: issuing one retires the others. */
  async retireCodes(trx: Trx, requestId: string, at: Date): Promise<void> {
    await trx
      .updateTable('rights_codes')
      .set({ used_at: at })
      .where('request_id', '=', requestId)
      .where('used_at', 'is', null)
      .execute();
  }

  latestCode(trx: Trx, requestId: string): Promise<CodeRow | undefined> {
    return trx
      .selectFrom('rights_codes')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
  }

  async codesSince(db: Db | Trx, requestId: string, since: Date): Promise<number> {
    const r = await db
      .selectFrom('rights_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('request_id', '=', requestId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async updateCode(trx: Trx, id: string, patch: Updateable<RightsCodesTable>): Promise<void> {
    await trx.updateTable('rights_codes').set(patch).where('id', '=', id).execute();
  }

  async insertTask(trx: Trx, row: Insertable<RightsTasksTable>): Promise<void> {
    await trx.insertInto('rights_tasks').values(row).execute();
  }

  tasks(db: Db | Trx, requestId: string): Promise<TaskRow[]> {
    return db
      .selectFrom('rights_tasks')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  async insertExemption(
    trx: Trx,
    row: { request_id: string; item: string; ground_id: string; reason: string; created_at: Date },
  ): Promise<void> {
    await trx.insertInto('rights_exemptions').values(row).execute();
  }

  /** The withdrawn exemption, or undefined when the request has no exemption with that id. */
  async deleteExemption(trx: Trx, requestId: string, exemptionId: string) {
    return await trx
      .deleteFrom('rights_exemptions')
      .where('request_id', '=', requestId)
      .where('id', '=', Number(exemptionId))
      .returning(['item', 'ground_id'])
      .executeTakeFirst();
  }

  exemptions(db: Db | Trx, requestId: string) {
    return db
      .selectFrom('rights_exemptions')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('id')
      .execute();
  }

  async savePackage(trx: Trx, requestId: string, sealed: string, at: Date): Promise<void> {
    await trx
      .insertInto('rights_packages')
      .values({ request_id: requestId, package_sealed: sealed, created_at: at })
      .onConflict((oc) => oc.column('request_id').doUpdateSet({ package_sealed: sealed, created_at: at }))
      .execute();
  }

  async packageOf(db: Db | Trx, requestId: string): Promise<string | undefined> {
    const r = await db
      .selectFrom('rights_packages')
      .select('package_sealed')
      .where('request_id', '=', requestId)
      .executeTakeFirst();
    return r?.package_sealed;
  }

  async insertDownload(
    trx: Trx,
    row: { token_hash: string; request_id: string; expires_at: Date; created_at: Date },
  ): Promise<void> {
    await trx.insertInto('rights_downloads').values(row).execute();
  }

  download(trx: Trx, tokenHash: string) {
    return trx
      .selectFrom('rights_downloads')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst();
  }

  async countDownload(trx: Trx, tokenHash: string): Promise<void> {
    await trx
      .updateTable('rights_downloads')
      .set((eb) => ({ downloads: eb('downloads', '+', 1) }))
      .where('token_hash', '=', tokenHash)
      .execute();
  }

  async insertOutbox(trx: Trx, row: Insertable<OutboxMessagesTable>): Promise<void> {
    await trx.insertInto('outbox_messages').values(row).execute();
  }

  outbox(db: Db | Trx, limit: number): Promise<OutboxRow[]> {
    return db
      .selectFrom('outbox_messages')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
