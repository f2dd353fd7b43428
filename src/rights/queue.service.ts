/**
 * What the console reads: the queue with its filters and deadline colours, one request with everything a
 * handler needs to act (timeline, tasks, the actions open to them, grounds), and the package preview.
 * Every view of a request is audited.
 */
import type { AccountsService } from '../accounts/accounts.service.js';
import type { Role } from '../accounts/roles.js';
import type { AnswerService } from './answer.service.js';
import { availableActions, isTerminal } from './lifecycle.rules.js';
import { itemCounts, packageCsv } from './package.js';
import { extensionProblem, groundsFor, groundText } from './request.rules.js';
import type { TaskRow } from './rights.repository.js';
import type { RequestView, Status } from './rights.schema.js';
import type { Acting, RightsService } from './rights.service.js';
import { requestTimeline } from './timeline.js';
import type { QueueQuery } from './work.schema.js';

export const HANDLING_ROLES: readonly Role[] = ['handler', 'privacy_officer'];

export const taskViewOf = (t: TaskRow) => ({
  id: t.id,
  kind: t.kind,
  systemKey: t.system_key,
  runKind: t.run_kind,
  status: t.status,
  summary: t.summary,
  assignee: t.assignee,
  note: t.note,
  doneAt: t.done_at?.toISOString() ?? null,
  doneBy: t.done_by,
});

export class QueueService {
  constructor(
    private readonly rights: RightsService,
    private readonly answers: AnswerService,
    private readonly accounts: AccountsService,
  ) {}

  /** Earliest deadline first. Laws and kinds live in JSON arrays and are filtered here, after SQL's filters. */
  async list(
    filter: Omit<QueueQuery, 'overdue'> & { overdue?: boolean | undefined },
  ): Promise<RequestView[]> {
    const json = filter.law !== undefined || filter.aspect !== undefined || filter.overdue !== undefined;
    const rows = await this.rights.repo.queue(this.rights.db, {
      status: filter.status,
      assignee: filter.assignee,
      q: filter.q,
      limit: json ? 2000 : filter.limit,
    });
    const kept = rows.filter(
      (r) =>
        (filter.law === undefined || r.laws.includes(filter.law)) &&
        (filter.aspect === undefined || r.aspects.includes(filter.aspect)),
    );
    const views = await Promise.all(kept.map((r) => this.rights.view(r)));
    return views
      .filter((v) => filter.overdue === undefined || v.overdue === filter.overdue)
      .slice(0, filter.limit);
  }

  async detail(id: string, acting: Acting) {
    const rights = this.rights;
    const row = await rights.row(id);
    const register = await rights.register.load();
    const [transitions, tasks, exemptions, events] = await Promise.all([
      rights.repo.transitions(rights.db, id),
      rights.repo.tasks(rights.db, id),
      rights.repo.exemptions(rights.db, id),
      requestTimeline(rights.audit, id),
    ]);
    await rights.audit.recordAlone({
      actor: acting.actor,
      action: 'rights.viewed',
      object: { type: 'rights_request', id },
      origin: acting.origin,
    });
    const open = !isTerminal(row.status as Status);
    const grounds = register
      ? [...groundsFor(row.law_kinds, register.rights).keys()].map((g) => ({
          id: g,
          text: {
            ja: groundText(g, row.law_kinds, register.rights, 'ja') ?? g,
            en: groundText(g, row.law_kinds, register.rights, 'en') ?? g,
          },
        }))
      : [];
    return {
      ...(await rights.view(row)),
      timeline: transitions.map((t) => ({
        from: t.from_status,
        to: t.to_status,
        action: t.action,
        actor: t.actor,
        reason: t.reason,
        at: t.at.toISOString(),
      })),
      events,
      tasks: tasks.map(taskViewOf),
      exemptions: exemptions.map((e) => ({
        id: String(e.id),
        item: e.item,
        groundId: e.ground_id,
        reason: e.reason,
      })),
      actions: availableActions(row.status as Status, acting.who),
      extendable:
        open &&
        acting.who.type === 'staff' &&
        acting.who.roles.some((r) => HANDLING_ROLES.includes(r)) &&
        extensionProblem(row.law_kinds, row.received_at, rights.clock(), rights.laws) === null,
      grounds,
    };
  }

  /** The package as the person would receive it (exemptions applied): JSON, CSV and counts. Audited. */
  async packagePreview(id: string, acting: Acting) {
    const pkg = await this.answers.package(id);
    await this.rights.audit.recordAlone({
      actor: acting.actor,
      action: 'rights.viewed',
      object: { type: 'rights_request', id },
      origin: acting.origin,
      details: { what: 'package' },
    });
    return { json: pkg as unknown as Record<string, unknown>, csv: packageCsv(pkg), items: itemCounts(pkg) };
  }

  /** Staff who may take a request: active accounts with the handler or privacy-officer role. */
  async assignees() {
    return (await this.accounts.listUsers())
      .filter((u) => !u.disabled && u.roles.some((r) => HANDLING_ROLES.includes(r)))
      .map((u) => ({ login: u.login, displayName: u.displayName, roles: [...u.roles] }));
  }
}
