import type { Connector } from '../connectors/connector.js';
import { addDays, type CalendarDate } from '../laws/date.js';
import type { CollectionPlan } from './retention.rules.js';
import type { DueByRule } from './retention.schema.js';
import { dueQuery } from './retention.sweep.js';

/*
 * The console's chart (issue 9: "per rule, rows due now / in 30 / 90 days"): per collection, three COUNT
 * statements run in the store itself (the same WHERE as the sweep, holds applied), summed per register rule.
 * A collection under two rules (an "otherwise" chain) counts once under each: its rows are due by either.
 */

export const DUE_HORIZONS = [0, 30, 90] as const;

export async function dueByRule(
  plans: readonly CollectionPlan[],
  connectors: ReadonlyMap<string, Connector>,
  today: CalendarDate,
): Promise<DueByRule[]> {
  const out = new Map<string, DueByRule>();
  for (const plan of plans) {
    let counts = { now: 0, in30: 0, in90: 0 };
    const connector = connectors.get(plan.dataset);
    const blocked = plan.skipped !== null || plan.blockedBy.length > 0;
    const count = connector?.countDue?.bind(connector);
    if (!blocked && count) {
      // One after another: a connector may hold a single session.
      const n = [0, 0, 0];
      for (const [i, days] of DUE_HORIZONS.entries())
        n[i] = await count(dueQuery(plan, addDays(today, days)));
      counts = { now: n[0] ?? 0, in30: n[1] ?? 0, in90: n[2] ?? 0 };
    }
    for (const rule of plan.rules) {
      const entry = out.get(rule) ?? {
        rule,
        action: plan.action,
        collections: [],
        now: 0,
        in30: 0,
        in90: 0,
      };
      entry.collections.push({
        collection: plan.node,
        ...counts,
        held: plan.blockedBy.length > 0,
        skipped: plan.skipped,
      });
      entry.now += counts.now;
      entry.in30 += counts.in30;
      entry.in90 += counts.in90;
      out.set(rule, entry);
    }
  }
  return [...out.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}
