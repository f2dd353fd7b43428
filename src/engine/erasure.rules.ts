import { type Row, type RowUpdate, stableJson } from '../connectors/connector.js';
import { type Graph, type MaskingSpec, type Traversal, targetedFields } from './graph.js';
import { checkStrategy, kindOfType, type MaskingContext, maskTyped } from './masking.js';
import { asStructure, canonical, mapAt, targetedParts, valuesAt } from './nested.rules.js';

export type ErasureAction =
  | {
      node: string;
      kind: 'mask';
      keyFields: string[];
      fields: string[];
      strategies: Record<string, string>;
      updates: RowUpdate[];
      skippedShared: number;
      keptKeyFields: string[];
      /** JSON columns masked in parts: the paths (sub-field names) masked per field. */
      nested?: Record<string, string[][]>;
    }
  | { node: string; kind: 'delete'; keyFields: string[]; keys: Row[]; skippedShared: number };

export interface ErasureOptions {
  targets: readonly string[];
  /** Default strategy when neither the field nor the collection names one. */
  strategy: MaskingSpec;
  /** Key fields per node (from the dataset or, failing that, from the store). */
  keys: ReadonlyMap<string, readonly string[]>;
  /** Per node, the keys (stableJson) of rows that other people's rows also point at (skip_shared policy). */
  shared?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per node, the store's column types (for fields whose dataset declares no data_type). */
  columnTypes?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const rowKey = (row: Row, keyFields: readonly string[]): Row =>
  Object.fromEntries(keyFields.map((k) => [k, row[k]]));

/**
 * Turns the rows found into the writes that erase them (pure). Children are handled before parents
 * (reverse traversal order) so that row deletes never trip foreign keys. Key fields are never rewritten:
 * they address the row; read_only fields stay as they are.
 */
export function planErasure(
  graph: Graph,
  traversal: Traversal,
  found: ReadonlyMap<string, readonly Row[]>,
  options: ErasureOptions,
  ctx: MaskingContext,
): ErasureAction[] {
  checkStrategy(options.strategy);
  const actions: ErasureAction[] = [];
  for (const id of traversal.waves.flat().reverse()) {
    const node = graph.nodes.get(id);
    const rows = found.get(id) ?? [];
    if (!node || rows.length === 0) continue;
    const keyFields = [...(options.keys.get(id) ?? [])];
    const targeted = targetedFields(node, options.targets);
    const isKeyValue = node.location.keyPattern !== undefined;
    // A Redis key spelling a targeted value (session:{email}) can only be erased by removing the key.
    const keyTargeted = targeted.some((f) => keyFields.includes(f.name));
    const toDelete = node.eraseByDelete || (isKeyValue && keyTargeted);
    if (!toDelete && targeted.length === 0) continue;
    const shared = options.shared?.get(id);
    const unique = new Map<string, Row>();
    let skippedShared = 0;
    for (const row of rows) {
      const key = rowKey(row, keyFields);
      const k = stableJson(key);
      if (shared?.has(k)) {
        skippedShared++;
        continue;
      }
      unique.set(k, row);
    }
    if (toDelete) {
      actions.push({
        node: id,
        kind: 'delete',
        keyFields,
        keys: [...unique.values()].map((r) => rowKey(r, keyFields)),
        skippedShared,
      });
      continue;
    }
    const fields = targeted.filter((f) => !f.readOnly && !keyFields.includes(f.name));
    if (fields.length === 0) continue;
    const specOf = (override: MaskingSpec | undefined): MaskingSpec =>
      override ?? node.masking ?? options.strategy;
    const columns = options.columnTypes?.get(id);
    const plans = fields.map((f) => {
      const parts = targetedParts(f, options.targets);
      for (const p of parts) checkStrategy(specOf(p.override));
      const whole = parts.some((p) => p.path.length === 0);
      const kind = kindOfType(f.dataType) ?? kindOfType(columns?.get(f.name));
      return { f, parts, whole, kind };
    });
    // A whole field is masked as one value of its kind; a JSON column with targeted sub-fields keeps its
    // shape and only the targeted parts are masked, each valid for its own data_type.
    const masked = (row: Row, plan: (typeof plans)[number]): unknown => {
      const value = row[plan.f.name];
      if (plan.whole) {
        // A JSON document (parsed, or as text: MariaDB's JSON is LONGTEXT) is a structure whatever the column type.
        const structured = asStructure(value).wasText || (value !== null && typeof value === 'object');
        const kind = structured ? 'object' : plan.kind;
        return maskTyped(value, specOf(plan.f.override), kind, ctx);
      }
      const { value: structure, wasText } = asStructure(value);
      if (structure === null || typeof structure !== 'object') return value ?? null;
      const out = plan.parts.reduce<unknown>(
        (v, p) =>
          mapAt(v, p.path, (leaf) => maskTyped(leaf, specOf(p.override), kindOfType(p.field.dataType), ctx)),
        structure,
      );
      return wasText ? JSON.stringify(out) : out;
    };
    const updates = [...unique.values()].map((row) => ({
      key: rowKey(row, keyFields),
      set: Object.fromEntries(plans.map((plan) => [plan.f.name, masked(row, plan)])),
    }));
    const nested = Object.fromEntries(
      plans.filter((p) => !p.whole).map((p) => [p.f.name, p.parts.map((part) => [...part.path])]),
    );
    actions.push({
      node: id,
      kind: 'mask',
      keyFields,
      fields: fields.map((f) => f.name),
      strategies: Object.fromEntries(fields.map((f) => [f.name, specOf(f.override).strategy])),
      updates,
      skippedShared,
      keptKeyFields: targeted.filter((f) => keyFields.includes(f.name)).map((f) => f.name),
      ...(Object.keys(nested).length > 0 && { nested }),
    });
  }
  return actions;
}

export interface VerificationResult {
  ok: boolean;
  /** Rows re-read by key after erasure. */
  rowsChecked: number;
  /** Collections where a targeted value found before erasure is still found from the same identities. */
  remaining: { collection: string; field: string; count: number }[];
}

/**
 * Verified erasure: the same identities are traversed again and no value of a masked field (nor any row
 * of a deleted collection) found before may be found again, except values the masking itself wrote.
 */
export function verifyErasure(
  actions: readonly ErasureAction[],
  before: ReadonlyMap<string, readonly Row[]>,
  after: ReadonlyMap<string, readonly Row[]>,
): VerificationResult {
  const remaining: VerificationResult['remaining'] = [];
  let rowsChecked = 0;
  for (const action of actions) {
    const now = after.get(action.node) ?? [];
    rowsChecked += now.length;
    if (action.kind === 'delete') {
      const gone = new Set(action.keys.map((k) => stableJson(k)));
      const still = now.filter((r) => gone.has(stableJson(rowKey(r, action.keyFields)))).length;
      if (still > 0) remaining.push({ collection: action.node, field: '*', count: still });
      continue;
    }
    const erasedKeys = new Set(action.updates.map((u) => stableJson(u.key)));
    const written = new Map(action.updates.map((u) => [stableJson(u.key), u.set]));
    for (const field of action.fields) {
      // Whole fields compare whole values; JSON columns masked in parts compare the values at those parts.
      const paths = action.nested?.[field] ?? [[]];
      const leaves = (v: unknown) => paths.flatMap((p) => valuesAt(asStructure(v).value, p)).map(canonical);
      const originals = new Set(
        (before.get(action.node) ?? [])
          .filter((r) => erasedKeys.has(stableJson(rowKey(r, action.keyFields))))
          .flatMap((r) => leaves(r[field])),
      );
      const count = now.filter((r) => {
        const remainingLeaves = leaves(r[field]).filter((l) => originals.has(l));
        if (remainingLeaves.length === 0) return false;
        const expected = written.get(stableJson(rowKey(r, action.keyFields)))?.[field];
        if (expected === undefined) return true;
        const plannedLeaves = new Set(leaves(expected));
        return remainingLeaves.some((l) => !plannedLeaves.has(l));
      }).length;
      if (count > 0) remaining.push({ collection: action.node, field, count });
    }
  }
  return { ok: remaining.length === 0, rowsChecked, remaining };
}

/** Re-read by key: every masked row holds exactly the planned values, every deleted row is gone. */
export function verifyWrites(action: ErasureAction, reread: readonly Row[]): number {
  if (action.kind === 'delete') return reread.length;
  const planned = new Map(action.updates.map((u) => [stableJson(u.key), u.set]));
  let mismatched = 0;
  for (const row of reread) {
    const set = planned.get(stableJson(rowKey(row, action.keyFields)));
    if (!set) continue;
    const same = Object.entries(set).every(([f, v]) =>
      v === null ? row[f] === null || row[f] === undefined : canonical(v) === canonical(row[f]),
    );
    if (!same) mismatched++;
  }
  return mismatched;
}
