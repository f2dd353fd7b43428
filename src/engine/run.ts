import { randomBytes } from 'node:crypto';
import {
  type CollectionDescription,
  type Connector,
  ConnectorError,
  type Row,
  stableJson,
} from '../connectors/connector.js';
import { type AccessPackage, filterToTargets, inputsFor } from './access.rules.js';
import type { RunSpec } from './engine.schema.js';
import {
  type ErasureAction,
  planErasure,
  rowKey,
  type VerificationResult,
  verifyErasure,
  verifyWrites,
} from './erasure.rules.js';
import {
  buildGraph,
  type Graph,
  GraphError,
  launchOrder,
  type Traversal,
  targetedFields,
  traverse,
} from './graph.js';
import { type MaskingContext, randomText } from './masking.js';
import { plain } from './plain.js';

/** The run's memory: completed steps with what they produced. A resumed run replays them instead of redoing. */
export interface Journal {
  completed(): Promise<Map<string, unknown>>;
  /** Records a finished step (and audits it: collection and counts only) atomically. */
  complete(
    step: string,
    node: string | null,
    payload: unknown,
    counts: Record<string, number>,
  ): Promise<void>;
}

/** A journal kept in memory: dry runs, and tests of the pure flow. */
export class MemoryJournal implements Journal {
  readonly steps = new Map<string, unknown>();
  async completed(): Promise<Map<string, unknown>> {
    return new Map(this.steps);
  }
  async complete(step: string, _node: string | null, payload: unknown): Promise<void> {
    this.steps.set(step, payload);
  }
}

export interface EngineDeps {
  /** Open connectors by dataset fides_key. */
  connectors: ReadonlyMap<string, Connector>;
  journal: Journal;
  masking: { hmacKey: Buffer; aesKey: Buffer };
  /** Test hook called after every side effect and every journal write ("kill me here"). */
  checkpoint?: ((label: string) => void) | undefined;
}

export interface CollectionOutcome {
  action: 'read' | 'mask' | 'delete' | 'rectify' | 'restrict' | 'restriction_recorded';
  rows: number;
  statement?: string;
  fields?: string[];
  strategies?: Record<string, string>;
  skippedShared?: number;
  keptKeyFields?: string[];
}

export interface RunOutcome {
  kind: RunSpec['kind'];
  dryRun: boolean;
  collections: Record<string, CollectionOutcome>;
  access?: AccessPackage;
  verification?: VerificationResult & { writesChecked: number; writesMismatched: number };
}

/** Schema reads per open connector (column types for type-aware masking), shared by the runs using it. */
const described = new WeakMap<Connector, Promise<CollectionDescription[]>>();

export class EngineRun {
  private readonly graph: Graph;
  private readonly traversal: Traversal;
  /** Reads start in this order: parents before children, the critical path first within a wave. */
  private readonly launch: string[];
  private done = new Map<string, unknown>();

  constructor(
    private readonly spec: RunSpec,
    private readonly deps: EngineDeps,
  ) {
    this.graph = buildGraph(spec.datasets);
    this.traversal = traverse(this.graph, Object.keys(spec.identities));
    this.launch = launchOrder(this.traversal);
    if (this.traversal.waves.length === 0) {
      throw new GraphError(
        `No collection has an identity field for ${Object.keys(spec.identities).join(', ')}.`,
      );
    }
    if (this.traversal.unreachable.length > 0 && !spec.skipUnreachable) {
      throw new GraphError(
        `These collections cannot be reached from the identities given: ${this.traversal.unreachable.join(', ')} (mark them fides_meta.skip_processing or pass --skip-unreachable).`,
      );
    }
    for (const node of this.traversal.waves.flat()) {
      const dataset = this.graph.nodes.get(node)?.dataset ?? '';
      if (!deps.connectors.has(dataset))
        throw new GraphError(
          `Dataset ${dataset} has no connection (in the connections file, or stored with mamori connections add).`,
        );
    }
  }

  private connector(node: string): Connector {
    return this.deps.connectors.get(this.graph.nodes.get(node)?.dataset ?? '') as Connector;
  }

  private async step<T>(
    name: string,
    node: string | null,
    fn: () => Promise<{ payload: T; counts: Record<string, number> }>,
  ): Promise<T> {
    if (this.done.has(name)) return this.done.get(name) as T;
    const { payload, counts } = await fn();
    this.deps.checkpoint?.(`${name}:applied`);
    const stored = plain(payload);
    await this.deps.journal.complete(name, node, stored, counts);
    this.done.set(name, stored);
    this.deps.checkpoint?.(`${name}:journaled`);
    return stored;
  }

  /** Reads every reachable collection, independent branches in parallel, each after the nodes feeding it. */
  private async readAll(journaled: boolean, prefix = 'access'): Promise<Map<string, Row[]>> {
    const found = new Map<string, Row[]>();
    const pending = new Map<string, Promise<Row[]>>();
    for (const id of this.launch) {
      const parents = [...new Set((this.traversal.inputs.get(id) ?? []).map((e) => e.from.node))];
      pending.set(
        id,
        (async () => {
          await Promise.all(parents.map((p) => pending.get(p)));
          const read = async () => {
            const node = this.graph.nodes.get(id);
            const where = inputsFor(id, this.traversal, this.spec.identities, found);
            const rows = await this.connector(id).find({
              location: node?.location ?? { name: id },
              fields: node?.fields.map((f) => f.name) ?? [],
              where,
            });
            return { payload: rows, counts: { rows: rows.length } };
          };
          // A journaled step stores (and returns) its payload as plain JSON; an unjournaled read is made
          // plain here, so both paths see values of the same types.
          const rows = journaled
            ? await this.step(`${prefix}:${id}`, id, read)
            : plain((await read()).payload);
          found.set(id, rows);
          return rows;
        })(),
      );
    }
    const settled = await Promise.allSettled(pending.values());
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return found;
  }

  async run(dryRun = false): Promise<RunOutcome> {
    this.done = await this.deps.journal.completed();
    const found = await this.readAll(!dryRun);
    const collections: Record<string, CollectionOutcome> = {};
    for (const [id, rows] of found) {
      const node = this.graph.nodes.get(id);
      if (!node) continue;
      collections[id] = { action: 'read', rows: rows.length };
      // Statements are shown where they help a person decide: in dry runs.
      if (dryRun) {
        const where = inputsFor(id, this.traversal, this.spec.identities, found);
        collections[id].statement = this.connector(id).explainFind({
          location: node.location,
          fields: node.fields.map((f) => f.name),
          where,
        });
      }
    }
    const outcome: RunOutcome = { kind: this.spec.kind, dryRun, collections };
    if (this.spec.kind === 'access') {
      outcome.access = filterToTargets(this.graph, found, this.spec.targets);
      return outcome;
    }
    const actions = await this.planWrites(found, dryRun);
    for (const action of actions) {
      const rows = action.kind === 'delete' ? action.keys.length : action.updates.length;
      const conn = this.connector(action.node);
      const location = this.graph.nodes.get(action.node)?.location ?? { name: action.node };
      const statement =
        action.kind === 'delete'
          ? `DELETE ${action.node} by ${action.keyFields.join(', ')}`
          : conn.explainUpdate(location, action.keyFields, action.updates);
      const label =
        this.spec.kind === 'erasure'
          ? action.kind
          : this.spec.kind === 'rectification'
            ? 'rectify'
            : 'restrict';
      collections[action.node] = {
        action: label,
        rows,
        statement,
        ...(action.kind === 'mask' && {
          fields: action.fields,
          strategies: action.strategies,
          keptKeyFields: action.keptKeyFields,
        }),
        skippedShared: action.skippedShared,
      };
    }
    if (this.spec.kind === 'restriction') {
      for (const [id, rows] of found) {
        if (rows.length > 0 && !this.graph.nodes.get(id)?.restrictionField)
          collections[id] = { action: 'restriction_recorded', rows: rows.length };
      }
    }
    if (dryRun) return outcome;
    for (const action of actions) {
      const conn = this.connector(action.node);
      const location = this.graph.nodes.get(action.node)?.location ?? { name: action.node };
      await this.step(`write:${action.node}`, action.node, async () => {
        const changed =
          action.kind === 'delete'
            ? await conn.delete(location, action.keyFields, action.keys)
            : await conn.update(location, action.keyFields, action.updates);
        return { payload: { changed }, counts: { rows: changed } };
      });
    }
    if (this.spec.kind === 'erasure') outcome.verification = await this.verify(actions, found);
    return outcome;
  }

  /** Pre-flight (writable connections), key resolution, shared-row detection and the writes, journaled as one plan. */
  private async planWrites(found: Map<string, Row[]>, dryRun: boolean): Promise<ErasureAction[]> {
    const compute = async () => {
      const keys = new Map<string, string[]>();
      for (const [id, rows] of found) {
        const node = this.graph.nodes.get(id);
        if (!node || rows.length === 0) continue;
        const declared = node.fields.filter((f) => f.primaryKey).map((f) => f.name);
        const k = declared.length > 0 ? declared : await this.connector(id).primaryKey(node.location);
        if (k.length > 0) keys.set(id, k);
      }
      const actions = this.writesFor(
        found,
        keys,
        this.spec.skipShared ? await this.sharedRows(found, keys) : undefined,
        this.spec.kind === 'erasure' ? await this.columnTypes(found) : undefined,
      );
      for (const a of actions) {
        if (a.keyFields.length === 0)
          throw new GraphError(`Collection ${a.node} has no primary key in the dataset or the database.`);
        const node = this.graph.nodes.get(a.node);
        if (!dryRun && node)
          await this.connector(a.node).checkWritable(
            node.location,
            a.kind === 'mask' ? a.fields : [],
            a.kind === 'delete',
          );
      }
      return { payload: actions, counts: { collections: actions.length } };
    };
    return dryRun ? (await compute()).payload : this.step('plan', null, compute);
  }

  /**
   * The stores' own column types of targeted fields whose dataset declares no data_type, so that masking
   * writes a value the column accepts (masking.ts). One schema read per SQL store, only when needed.
   */
  private async columnTypes(found: Map<string, Row[]>): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();

    for (const [id, rows] of found) {
      const node = this.graph.nodes.get(id);
      if (!node || rows.length === 0) continue;
      const undeclared = targetedFields(node, this.spec.targets).filter((f) => !f.dataType);
      const conn = this.connector(id);
      if (undeclared.length === 0 || !['postgres', 'mysql', 'mariadb'].includes(conn.type)) continue;
      let tables = described.get(conn);
      if (!tables) {
        tables = conn.describe();
        described.set(conn, tables);
        tables.catch(() => described.delete(conn));
      }
      const table = (await tables).find(
        (t) =>
          t.name === node.location.name &&
          (node.location.schema === undefined || t.schema === undefined || t.schema === node.location.schema),
      );
      if (table) out.set(id, new Map(table.fields.map((f) => [f.name, f.dataType])));
    }
    return out;
  }

  private writesFor(
    found: Map<string, Row[]>,
    keys: Map<string, string[]>,
    shared: Map<string, Set<string>> | undefined,
    columnTypes?: Map<string, Map<string, string>>,
  ): ErasureAction[] {
    if (this.spec.kind === 'erasure') {
      const ctx: MaskingContext = {
        salt: this.spec.salt,
        ...this.deps.masking,
        random: (n) => randomText(n, randomBytes),
      };
      return planErasure(
        this.graph,
        this.traversal,
        found,
        {
          targets: this.spec.targets,
          strategy: this.spec.strategy,
          keys,
          ...(shared && { shared }),
          ...(columnTypes && { columnTypes }),
        },
        ctx,
      );
    }
    const sets = new Map<string, Row>();
    if (this.spec.kind === 'rectification') {
      for (const r of this.spec.rectify) {
        const node = this.graph.nodes.get(r.node);
        if (!node) throw new GraphError(`Unknown collection ${r.node} in --set.`);
        const field = node.fields.find((f) => f.name === r.field);
        if (!field) throw new GraphError(`Collection ${r.node} has no field ${r.field}.`);
        if (field.primaryKey || field.readOnly || (keys.get(r.node) ?? []).includes(r.field)) {
          throw new GraphError(
            `Field ${r.node}.${r.field} is a key or read-only and cannot be corrected here.`,
          );
        }
        sets.set(r.node, { ...sets.get(r.node), [r.field]: r.value });
      }
    } else {
      for (const [id, rows] of found) {
        const flag = this.graph.nodes.get(id)?.restrictionField;
        if (flag && rows.length > 0) sets.set(id, { [flag]: true });
      }
    }
    const actions: ErasureAction[] = [];
    for (const [id, set] of sets) {
      const keyFields = keys.get(id) ?? [];
      const unique = new Map(
        (found.get(id) ?? []).map((row) => [stableJson(rowKey(row, keyFields)), rowKey(row, keyFields)]),
      );
      if (unique.size === 0) continue;
      actions.push({
        node: id,
        kind: 'mask',
        keyFields,
        fields: Object.keys(set),
        strategies: {},
        updates: [...unique.values()].map((key) => ({ key, set })),
        skippedShared: 0,
        keptKeyFields: [],
      });
    }
    return actions;
  }

  /**
   * skip_shared: a row is shared when a parent collection has rows outside this person's that point at it
   * (an address two customers live at). Such rows are left alone and counted.
   */
  private async sharedRows(
    found: Map<string, Row[]>,
    keys: Map<string, string[]>,
  ): Promise<Map<string, Set<string>>> {
    const shared = new Map<string, Set<string>>();
    for (const [id, rows] of found) {
      const node = this.graph.nodes.get(id);
      if (!node || rows.length === 0 || targetedFields(node, this.spec.targets).length === 0) continue;
      for (const edge of this.traversal.inputs.get(id) ?? []) {
        const parent = this.graph.nodes.get(edge.from.node);
        const parentKeys = keys.get(edge.from.node) ?? [];
        if (!parent || parentKeys.length === 0) continue;
        const mine = new Set((found.get(edge.from.node) ?? []).map((r) => stableJson(rowKey(r, parentKeys))));
        const values = [
          ...new Set(rows.map((r) => r[edge.to.field]).filter((v) => v !== null && v !== undefined)),
        ];
        if (values.length === 0) continue;
        const others = await this.connector(edge.from.node).find({
          location: parent.location,
          fields: [...new Set([...parentKeys, edge.from.field])],
          where: { [edge.from.field]: values },
        });
        const sharedValues = new Set(
          others
            .filter((r) => !mine.has(stableJson(rowKey(r, parentKeys))))
            .map((r) => String(r[edge.from.field])),
        );
        for (const row of rows) {
          if (sharedValues.has(String(row[edge.to.field]))) {
            if (!shared.has(id)) shared.set(id, new Set());
            shared.get(id)?.add(stableJson(rowKey(row, keys.get(id) ?? [])));
          }
        }
      }
    }
    return shared;
  }

  private async verify(
    actions: ErasureAction[],
    before: Map<string, Row[]>,
  ): Promise<NonNullable<RunOutcome['verification']>> {
    const after = await this.readAll(false);
    const result = verifyErasure(actions, before, after);
    let writesChecked = 0;
    let writesMismatched = 0;
    for (const action of actions) {
      const node = this.graph.nodes.get(action.node);
      if (!node) continue;
      const keys = action.kind === 'delete' ? action.keys : action.updates.map((u) => u.key);
      if (keys.length === 0) continue;
      // Re-read by key (single-field keys; composite keys are covered by the identity re-traversal).
      const keyField = action.keyFields[0] as string;
      const reread =
        action.keyFields.length === 1
          ? await this.connector(action.node).find({
              location: node.location,
              fields: node.fields.map((f) => f.name),
              where: { [keyField]: keys.map((k) => k[keyField]) },
            })
          : [];
      writesChecked += keys.length;
      writesMismatched += verifyWrites(action, plain(reread));
    }
    return { ...result, ok: result.ok && writesMismatched === 0, writesChecked, writesMismatched };
  }
}

export function connectorFailure(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}
