import type { CollectionLocation } from '../connectors/connector.js';
import { buildGraph, type GraphNode, underTargets } from '../engine/graph.js';
import type { CalendarDate } from '../laws/date.js';
import type { Duration } from '../register/common.schema.js';
import type { Register } from '../register/register.schema.js';
import type { RetentionRule } from '../register/retention.schema.js';
import { type Generaliser, generaliserFor } from './anonymise.rules.js';
import { cutoffFor, longerPeriod } from './retention.dates.js';
import type { Hold } from './retention.schema.js';

/*
 * Which register rule governs which collection, with which trigger chain and period, and what holds keep
 * back (pure). The store then evaluates the plan set-based: see retention.sweep.ts.
 */

export interface Chain {
  rule: string;
  /** Trigger fields in the rule's order: the first non-null one starts the clock. */
  fields: string[];
  /** The rule's period, lengthened by any statutory hold with a period that covers the collection. */
  period: Duration | undefined;
}

export interface Condition {
  fields: string[];
  /** Tokyo day: a row is due under this chain when its trigger day is before this day. */
  beforeDay: CalendarDate;
}

/** A field that still holds personal data unless it equals `masked` (null: unless it is null). */
export interface PendingField {
  field: string;
  masked: string | null;
}

export interface CollectionPlan {
  node: string;
  dataset: string;
  collection: string;
  location: CollectionLocation;
  systems: string[];
  rules: string[];
  action: 'erase' | 'anonymise';
  chains: Chain[];
  keyField: string | null;
  /** Categories erased (the union of the rules' categories; `user` when a rule names none). */
  targets: string[];
  /** Person holds: rows whose field holds one of these values are left alone. */
  exclude: Record<string, string[]>;
  /** Holds that keep the whole collection (no period): nothing is swept. */
  blockedBy: Hold[];
  /** Statutory holds that lengthened a period. */
  lengthenedBy: Hold[];
  /** Rows still to process are those where one of these fields holds data (empty: every due row). */
  pending: PendingField[];
  /** Anonymise: how each field is generalised or suppressed. */
  generalise: { field: string; how: Generaliser }[];
  /** Why the collection cannot be swept (the dry run shows it; the sweep skips it). */
  skipped: string | null;
}

/** A register rule covers a collection when subject types and categories overlap and it maps a trigger. */
function covers(rule: RetentionRule, node: GraphNode, subjectTypes: readonly string[]): boolean {
  if (rule.subjectTypes.length > 0 && subjectTypes.length > 0) {
    if (!rule.subjectTypes.some((s) => subjectTypes.includes(s))) return false;
  }
  if (rule.categories.length === 0) return true;
  return node.fields.some((f) => underTargets(f.categories, rule.categories));
}

function holdCovers(hold: Hold, node: GraphNode, systems: readonly string[]): boolean {
  if (hold.releasedAt !== null) return false;
  if (hold.scope.kind === 'collection') return hold.scope.collection === node.id;
  if (hold.scope.kind === 'system') return systems.includes(hold.scope.system);
  return false;
}

// Only these strategies leave a value the store can tell from live data, so that an erased row stops
// matching the sweep's query (resumable, no double work, and the verification re-query can prove it).
const RECOGNISABLE = new Set(['null_rewrite', 'string_rewrite']);

export function planCollections(register: Register, holds: readonly Hold[]): CollectionPlan[] {
  const graph = buildGraph(register.datasets);
  const plans: CollectionPlan[] = [];
  for (const dataset of register.datasets) {
    for (const collection of dataset.collections) {
      const triggerFields = collection.mamori_meta?.retention_trigger_fields ?? {};
      if (Object.keys(triggerFields).length === 0) continue;
      const node = graph.nodes.get(`${dataset.fides_key}:${collection.name}`);
      if (!node || node.skip) continue;
      const subjectTypes = collection.mamori_meta?.subject_types ?? [];
      const systems = register.systems
        .filter((s) => s.datasets.includes(dataset.fides_key))
        .map((s) => s.key);
      const matched = register.retentionRules.filter(
        (r) => covers(r, node, subjectTypes) && r.triggers.some((t) => triggerFields[t] !== undefined),
      );
      if (matched.length === 0) continue;
      const active = holds.filter((h) => holdCovers(h, node, systems));
      const blockedBy = active.filter((h) => h.period === null);
      const lengthenedBy = active.filter((h) => h.period !== null);
      const statutory = lengthenedBy.reduce<Duration | undefined>(
        (p, h) => longerPeriod(p, h.period ?? undefined),
        undefined,
      );
      const chains: Chain[] = matched.map((r) => ({
        rule: r.key,
        fields: r.triggers.flatMap((t) => (triggerFields[t] ? [triggerFields[t]] : [])),
        // A longer period the register itself says a law or contract requires is honoured: Mamori never
        // erases earlier than the register promises to keep.
        period: longerPeriod(longerPeriod(r.period, r.longerLegalPeriod?.period), statutory),
      }));
      // Rows go only when every covering rule is past its period. Anonymising satisfies an erase rule too
      // (APPI guidelines (通則編) 3-4-1: 消去 includes making the data unidentifiable), so mixed rules
      // take the gentler action.
      const action = matched.every((r) => r.action === 'erase') ? 'erase' : 'anonymise';
      const targets = [
        ...new Set(matched.flatMap((r) => (r.categories.length > 0 ? r.categories : ['user']))),
      ];
      const keys = node.fields.filter((f) => f.primaryKey).map((f) => f.name);
      const exclude: Record<string, string[]> = {};
      for (const h of holds) {
        if (h.releasedAt !== null || h.scope.kind !== 'person') continue;
        const { identity, value } = h.scope;
        for (const f of node.fields.filter((x) => x.identity === identity))
          exclude[f.name] = [...(exclude[f.name] ?? []), value];
      }
      const plan: CollectionPlan = {
        node: node.id,
        dataset: node.dataset,
        collection: node.collection,
        location: node.location,
        systems,
        rules: matched.map((r) => r.key),
        action,
        chains,
        keyField: keys.length === 1 ? (keys[0] as string) : null,
        targets,
        exclude,
        blockedBy,
        lengthenedBy,
        pending: [],
        generalise: [],
        skipped: null,
      };
      plans.push(completePlan(plan, node));
    }
  }
  return plans;
}

function completePlan(plan: CollectionPlan, node: GraphNode): CollectionPlan {
  if (node.location.keyPattern !== undefined)
    return { ...plan, skipped: 'key-value collections are not swept by retention (no set-based date query)' };
  if (plan.keyField === null)
    return { ...plan, skipped: 'the collection needs exactly one primary_key field in its dataset' };
  const triggers = new Set(plan.chains.flatMap((c) => c.fields));
  const targeted = node.fields.filter(
    (f) =>
      underTargets(f.categories, plan.targets) &&
      !f.readOnly &&
      f.name !== plan.keyField &&
      !triggers.has(f.name),
  );
  if (plan.action === 'anonymise') {
    const generalise = node.fields
      .filter((f) => f.name !== plan.keyField && !f.readOnly && !triggers.has(f.name))
      .flatMap((f) => {
        const how = generaliserFor(f.categories);
        return how === 'keep' ? [] : [{ field: f.name, how }];
      });
    return {
      ...plan,
      generalise,
      pending: generalise.filter((g) => g.how === 'suppress').map((g) => ({ field: g.field, masked: null })),
    };
  }
  if (node.eraseByDelete) return plan;
  const pending: PendingField[] = [];
  for (const f of targeted) {
    const spec = f.override ?? node.masking ?? { strategy: 'null_rewrite' };
    if (!RECOGNISABLE.has(spec.strategy)) {
      return {
        ...plan,
        skipped: `field ${f.name} is masked with ${spec.strategy}; retention needs null_rewrite, string_rewrite or erase_by_delete so that erased rows can be told apart`,
      };
    }
    const rewrite = spec.configuration?.rewrite_value;
    pending.push({
      field: f.name,
      masked: spec.strategy === 'null_rewrite' ? null : typeof rewrite === 'string' ? rewrite : 'MASKED',
    });
  }
  if (pending.length === 0) return { ...plan, skipped: "no field of the rules' categories to erase" };
  return { ...plan, pending };
}

/** The date conditions of a plan on `today`, all of which a row must meet to be due. */
export function conditionsFor(plan: CollectionPlan, today: CalendarDate): Condition[] {
  return plan.chains.map((c) => ({ fields: c.fields, beforeDay: cutoffFor(today, c.period) }));
}

/** Size above which a sweep waits for a privacy officer (issue 9: "a sweep above a configurable size"). */
export function needsApproval(totalDue: number, threshold: number): boolean {
  return totalDue > threshold;
}
