/**
 * The handlers' work on a request: who has taken the request, who does each task that Mamori cannot do
 * itself (systems without a connector, entrusted data for its controller, CCPA notices to recipients),
 * and closing a task with a note. Every change is audited in its own transaction with the change.
 */
import { AppError } from '../platform/errors.js';
import { isTerminal } from './lifecycle.rules.js';
import { type QueueService, taskViewOf } from './queue.service.js';
import type { Status } from './rights.schema.js';
import type { Acting, RightsService } from './rights.service.js';

type Handlers = Pick<QueueService, 'assignees'>;

export class TaskService {
  constructor(
    private readonly rights: RightsService,
    private readonly handlers: Handlers,
  ) {}

  /** Only active handlers and officers can be given work; `null` hands it back to the queue. */
  private async checkAssignee(login: string | null): Promise<void> {
    if (login === null) return;
    if (!(await this.handlers.assignees()).some((u) => u.login === login))
      throw new AppError('validation_failed', 400, { detail: 'assignee: no active handler with this login' });
  }

  async assignRequest(id: string, assignee: string | null, acting: Acting): Promise<void> {
    await this.checkAssignee(assignee);
    await this.rights.db.transaction().execute(async (trx) => {
      const row = await this.rights.lockRow(trx, id);
      if (isTerminal(row.status as Status))
        throw new AppError('rights_transition_not_allowed', 409, { from: row.status, action: 'assign' });
      await this.rights.repo.update(trx, id, { assignee, updated_at: this.rights.clock() });
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.assigned',
        object: { type: 'rights_request', id },
        origin: acting.origin,
        details: { from: row.assignee, to: assignee },
      });
    });
  }

  async assignTask(id: string, taskId: string, assignee: string | null, acting: Acting) {
    await this.checkAssignee(assignee);
    return this.changeTask(id, taskId, acting, 'assign', async (trx, task) => {
      await this.rights.repo.updateTask(trx, taskId, { assignee });
      return { from: task.assignee, to: assignee };
    });
  }

  /** A task done (or found impossible) by hand, with what was done; only open tasks of open requests. */
  async completeTask(
    id: string,
    taskId: string,
    input: { outcome: 'done' | 'failed'; note: string },
    acting: Acting,
  ) {
    return this.changeTask(id, taskId, acting, 'complete', async (trx, task) => {
      await this.rights.repo.updateTask(trx, taskId, {
        status: input.outcome,
        note: input.note,
        done_at: this.rights.clock(),
        done_by: acting.actor.label ?? acting.actor.type,
        assignee: task.assignee ?? acting.actor.label ?? null,
      });
      return { outcome: input.outcome };
    });
  }

  private async changeTask(
    id: string,
    taskId: string,
    acting: Acting,
    what: 'assign' | 'complete',
    change: (
      trx: Parameters<RightsService['lockRow']>[0],
      task: NonNullable<Awaited<ReturnType<RightsService['repo']['task']>>>,
    ) => Promise<Record<string, string | null>>,
  ) {
    const task = await this.rights.db.transaction().execute(async (trx) => {
      const row = await this.rights.lockRow(trx, id);
      const found = await this.rights.repo.task(trx, id, taskId);
      if (!found) throw new AppError('not_found', 404, { what: 'task' });
      if (isTerminal(row.status as Status) || found.status !== 'open' || found.kind === 'engine')
        throw new AppError('rights_transition_not_allowed', 409, {
          from: found.status,
          action: `task_${what}`,
        });
      const details = await change(trx, found);
      await this.rights.audit.record(trx, {
        actor: acting.actor,
        action: 'rights.task_updated',
        object: { type: 'rights_request', id },
        origin: acting.origin,
        details: { task: taskId, kind: found.kind, system: found.system_key, what, ...details },
      });
      return this.rights.repo.task(trx, id, taskId);
    });
    return taskViewOf(task as NonNullable<typeof task>);
  }

  /** My open tasks across requests, earliest deadline first. */
  async mine(login: string) {
    const rows = await this.rights.repo.tasksOf(this.rights.db, login);
    return rows.map((r) => ({
      ...taskViewOf(r),
      requestId: r.request_id,
      reference: r.reference,
      dueBy: r.due_by,
    }));
  }
}
