/**
 * A request's timeline for the console, read from the hash-chained audit log (the one record of what
 * happened): transitions, codes sent and failed, knowledge checks, fee, package built (the engine's
 * executions), exemptions, tasks, extensions, letters and downloads. Plain views are left out.
 */
import type { AuditRecord } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';

export interface TimelineEvent {
  at: string;
  action: string;
  actor: string;
  details: Record<string, unknown>;
}

const PAGE = 500;

/** Pure: audit records (any order) → the timeline, oldest first, without plain views. */
export function timelineOf(records: readonly AuditRecord[]): TimelineEvent[] {
  return [...records]
    .sort((a, b) => a.seq - b.seq)
    .filter(
      (r) => r.action !== 'rights.viewed' || r.details.what === 'letter' || r.details.what === 'package',
    )
    .map((r) => ({
      at: r.at,
      action: r.action,
      actor: r.actorLabel ? `${r.actorType}:${r.actorLabel}` : r.actorType,
      details: r.details,
    }));
}

export async function requestTimeline(audit: AuditService, id: string): Promise<TimelineEvent[]> {
  const records: AuditRecord[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await audit.search({ objectType: 'rights_request', objectId: id, limit: PAGE, before });
    records.push(...page);
    if (page.length < PAGE) break;
    before = page.at(-1)?.seq;
  }
  return timelineOf(records);
}
