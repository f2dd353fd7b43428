import { type Row, type RowUpdate, stableJson } from '../connectors/connector.js';
import { type Graph, type MaskingSpec, type Traversal, targetedFields } from './graph.js';
import { checkStrategy, type MaskingContext, maskValue } from './masking.js';

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
    const spec = (f: (typeof fields)[number]): MaskingSpec => f.override ?? node.masking ?? options.strategy;
    for (const f of fields) checkStrategy(spec(f));
    const updates = [...unique.values()].map((row) => ({
      key: rowKey(row, keyFields),
      set: Object.fromEntries(fields.map((f) => [f.name, maskValue(row[f.name], spec(f), ctx)])),
    }));
    actions.push({
      node: id,
      kind: 'mask',
      keyFields,
      fields: fields.map((f) => f.name),
      strategies: Object.fromEntries(fields.map((f) => [f.name, spec(f).strategy])),
      updates,
      skippedShared,
      keptKeyFields: targeted.filter((f) => keyFields.includes(f.name)).map((f) => f.name),
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
      const originals = new Set(
        (before.get(action.node) ?? [])
          .filter((r) => erasedKeys.has(stableJson(rowKey(r, action.keyFields))))
          .map((r) => r[field])
          .filter((v) => v !== null && v !== undefined)
          .map(String),
      );
      const count = now.filter((r) => {
        const v = r[field];
        if (v === null || v === undefined || !originals.has(String(v))) return false;
        const expected = written.get(stableJson(rowKey(r, action.keyFields)))?.[field];
        return expected === undefined || String(expected) !== String(v);
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
      v === null ? row[f] === null || row[f] === undefined : String(v) === String(row[f]),
    );
    if (!same) mismatched++;
  }
  return mismatched;
}
