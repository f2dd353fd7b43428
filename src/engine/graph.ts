import type { CollectionLocation } from '../connectors/connector.js';
import type { FidesDataset, FidesField } from '../datasets/dataset.schema.js';

/*
 * The dataset graph (pure). One node per collection, keyed "<dataset>:<collection>" as in Fides' access
 * results. Edges come from `fides_meta.references`: `direction: from` means the referenced field feeds this
 * field, `to` means this field feeds the referenced one, and no direction means both.
 */

export interface MaskingSpec {
  strategy: string;
  configuration?: Record<string, unknown> | undefined;
}

export interface FieldInfo {
  name: string;
  categories: string[];
  identity?: string | undefined;
  primaryKey: boolean;
  readOnly: boolean;
  override?: MaskingSpec | undefined;
  /** fideslang `fides_meta.data_type` (string, integer, float, boolean, object, …), when declared. */
  dataType?: string | undefined;
  /** fideslang sub-fields: the field holds an object (a JSON/JSONB column) whose parts have their own categories. */
  children?: FieldInfo[] | undefined;
}

export interface GraphNode {
  id: string;
  dataset: string;
  collection: string;
  location: CollectionLocation;
  fields: FieldInfo[];
  eraseByDelete: boolean;
  masking?: MaskingSpec | undefined;
  restrictionField?: string | undefined;
  /** `fides_meta.skip_processing`: left out of every traversal. */
  skip: boolean;
}

export interface FieldAddress {
  node: string;
  field: string;
}

export interface Edge {
  from: FieldAddress;
  to: FieldAddress;
}

export interface Graph {
  nodes: Map<string, GraphNode>;
  edges: Edge[];
}

export class GraphError extends Error {
  override readonly name = 'GraphError';
}

export const nodeId = (dataset: string, collection: string): string => `${dataset}:${collection}`;

const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function maskingSpec(v: unknown): MaskingSpec | undefined {
  const r = record(v);
  if (!r || typeof r.strategy !== 'string') return undefined;
  const configuration = record(r.configuration);
  return configuration ? { strategy: r.strategy, configuration } : { strategy: r.strategy };
}

/** A field and, for objects (JSON/JSONB columns), its nested sub-fields. */
function fieldInfo(field: FidesField): FieldInfo {
  const meta = field.fides_meta;
  return {
    name: field.name,
    categories: field.data_categories ?? [],
    identity: meta?.identity ?? undefined,
    primaryKey: meta?.primary_key === true,
    readOnly: meta?.read_only === true,
    override: maskingSpec(meta?.masking_strategy_override),
    ...(meta?.data_type && { dataType: meta.data_type }),
    ...(field.fields && field.fields.length > 0 && { children: field.fields.map(fieldInfo) }),
  };
}

export function buildGraph(datasets: readonly FidesDataset[]): Graph {
  const nodes = new Map<string, GraphNode>();
  for (const dataset of datasets) {
    const schema = record(record(dataset.fides_meta)?.namespace)?.schema;
    for (const collection of dataset.collections) {
      const fidesMeta = record(collection.fides_meta);
      const fidesOverride = maskingSpec(fidesMeta?.masking_strategy_override);
      const mamori = collection.mamori_meta;
      const id = nodeId(dataset.fides_key, collection.name);
      nodes.set(id, {
        id,
        dataset: dataset.fides_key,
        collection: collection.name,
        location: {
          name: collection.name,
          ...(typeof schema === 'string' && { schema }),
          ...(mamori?.redis_key_pattern && { keyPattern: mamori.redis_key_pattern }),
        },
        fields: collection.fields.map(fieldInfo),
        eraseByDelete: mamori?.erase_by_delete === true || fidesOverride?.strategy === 'delete',
        masking:
          mamori?.masking_strategy ?? (fidesOverride?.strategy === 'delete' ? undefined : fidesOverride),
        restrictionField: mamori?.restriction_flag_field,
        skip: fidesMeta?.skip_processing === true,
      });
    }
  }
  const edges: Edge[] = [];
  for (const dataset of datasets) {
    for (const collection of dataset.collections) {
      const here = nodeId(dataset.fides_key, collection.name);
      for (const field of collection.fields) {
        for (const ref of field.fides_meta?.references ?? []) {
          const [refCollection, ...rest] = ref.field.split('.');
          const there = nodeId(ref.dataset, refCollection ?? '');
          const target = nodes.get(there);
          const refField = rest.join('.');
          const where = `${dataset.fides_key}.${collection.name}.${field.name}`;
          if (!target) {
            throw new GraphError(
              `Field ${where} references ${ref.dataset}.${ref.field}, a collection that is not in the datasets given.`,
            );
          }
          if (!target.fields.some((f) => f.name === refField)) {
            throw new GraphError(
              `Field ${where} references ${ref.dataset}.${ref.field}, which does not exist.`,
            );
          }
          const self = { node: here, field: field.name };
          const other = { node: there, field: refField };
          if (ref.direction !== 'to') edges.push({ from: other, to: self });
          if (ref.direction !== 'from') edges.push({ from: self, to: other });
        }
      }
    }
  }
  return { nodes, edges };
}

export interface Traversal {
  /** Layers of a topological order; every node's inputs come from earlier layers only. */
  waves: string[][];
  /** Edges feeding each reached node. */
  inputs: Map<string, Edge[]>;
  /** Identity fields seeded per node: field → identity type. */
  seeds: Map<string, { field: string; identity: string }[]>;
  unreachable: string[];
}

/**
 * Reachability is breadth-first from the collections holding one of the given identity types. Every edge
 * between reached collections then feeds its target (an address collects ids from customers, orders and
 * cards alike), except where edges form a cycle (a reference without direction is one): the cycle is cut
 * at the collection reached first, which becomes the feeding side, as in Fides' traversal.
 */
export function traverse(graph: Graph, identityTypes: readonly string[]): Traversal {
  const level = new Map<string, number>();
  const seeds = new Map<string, { field: string; identity: string }[]>();
  const wanted = new Set(identityTypes);
  for (const node of graph.nodes.values()) {
    if (node.skip) continue;
    const s = node.fields.filter((f) => f.identity && wanted.has(f.identity));
    if (s.length > 0) {
      seeds.set(
        node.id,
        s.map((f) => ({ field: f.name, identity: f.identity as string })),
      );
      level.set(node.id, 0);
    }
  }
  const edges = graph.edges.filter(
    (e) => !graph.nodes.get(e.from.node)?.skip && !graph.nodes.get(e.to.node)?.skip,
  );
  let frontier = [...level.keys()];
  for (let wave = 1; frontier.length > 0; wave++) {
    const from = new Set(frontier);
    const next = new Set<string>();
    for (const e of edges) if (from.has(e.from.node) && !level.has(e.to.node)) next.add(e.to.node);
    for (const n of next) level.set(n, wave);
    frontier = [...next];
  }
  const reached = edges.filter(
    (e) => level.has(e.from.node) && level.has(e.to.node) && e.from.node !== e.to.node,
  );
  const rank = (id: string) => [level.get(id) as number, id] as const;
  const before = (a: string, b: string) => {
    const [la, ia] = rank(a);
    const [lb, ib] = rank(b);
    return la !== lb ? la < lb : ia < ib;
  };
  // Kahn's algorithm; when only cycles remain, the earliest-reached node goes next and its incoming edges
  // from nodes still waiting are dropped.
  const remaining = new Set(level.keys());
  const kept: Edge[] = [];
  const placed = new Set<string>();
  const waves: string[][] = [];
  while (remaining.size > 0) {
    let ready = [...remaining].filter(
      (id) => !reached.some((e) => e.to.node === id && remaining.has(e.from.node)),
    );
    if (ready.length === 0) {
      const first = [...remaining].reduce((a, b) => (before(a, b) ? a : b));
      ready = [first];
    }
    for (const id of ready) remaining.delete(id);
    for (const id of ready)
      for (const e of reached) if (e.to.node === id && placed.has(e.from.node)) kept.push(e);
    for (const id of ready) placed.add(id);
    waves.push(ready.sort());
  }
  const inputs = new Map<string, Edge[]>(
    [...level.keys()].map((id) => [id, kept.filter((e) => e.to.node === id)]),
  );
  const unreachable = [...graph.nodes.values()]
    .filter((n) => !n.skip && !level.has(n.id))
    .map((n) => n.id)
    .sort();
  return { waves, inputs, seeds, unreachable };
}

/**
 * The order in which reads start: wave by wave, and within a wave the collections heading the longest chain
 * of reads that wait for them first (a customer's orders before its loyalty row when order items wait for
 * the orders), so the critical path is on the wire before the leaves. Ties by name.
 */
export function launchOrder(traversal: Traversal): string[] {
  const children = new Map<string, string[]>();
  for (const [to, edges] of traversal.inputs)
    for (const e of edges)
      if (e.from.node !== to) children.set(e.from.node, [...(children.get(e.from.node) ?? []), to]);
  const height = new Map<string, number>();
  // Inputs come from earlier waves only, so a node's children have their heights when it is reached.
  for (const wave of [...traversal.waves].reverse())
    for (const id of wave)
      height.set(id, 1 + Math.max(0, ...(children.get(id) ?? []).map((c) => height.get(c) ?? 0)));
  const h = (id: string) => height.get(id) ?? 1;
  return traversal.waves.flatMap((wave) =>
    [...wave].sort((a, b) => h(b) - h(a) || (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** Prefix match on the taxonomy: target `user` covers `user.contact.email`, not `username`. */
export function underTargets(categories: readonly string[], targets: readonly string[]): boolean {
  return categories.some((c) => targets.some((t) => c === t || c.startsWith(`${t}.`)));
}

/** Fields under a target category themselves, or holding a nested sub-field that is. */
export function targetedFields(node: GraphNode, targets: readonly string[]): FieldInfo[] {
  return node.fields.filter((f) => fieldTargeted(f, targets));
}

export function fieldTargeted(field: FieldInfo, targets: readonly string[]): boolean {
  return (
    underTargets(field.categories, targets) || (field.children ?? []).some((c) => fieldTargeted(c, targets))
  );
}
