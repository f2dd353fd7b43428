/**
 * The reference graph of fideslang datasets as the engine traverses it (src/engine/graph.ts): one node per
 * collection, an edge per `fides_meta.references` entry (`from`: the referenced field feeds this one, `to`:
 * this one feeds it, none: both), identity fields as the starting points. Laid out in columns by distance from
 * an identity, so the page reads left to right in the order a rights request reaches the data; collections no
 * identity reaches are set apart, because a request can never find them.
 */

interface Reference {
  dataset: string;
  field: string;
  direction?: 'from' | 'to';
}
interface Field {
  name: string;
  fides_meta?: { identity?: string | null; references?: Reference[] | null } | null;
  fields?: Field[] | null;
}
export interface DatasetDoc {
  fides_key: string;
  collections: { name: string; fields: Field[] }[];
}

export interface GraphNode {
  id: string;
  dataset: string;
  collection: string;
  identities: string[];
  /** Columns from the identities; `null` when no identity reaches the collection. */
  level: number | null;
  x: number;
  y: number;
  height: number;
}
export interface GraphEdge {
  from: string;
  to: string;
  /** `this.field ← that.field` in words the privacy office can check against the dataset. */
  label: string;
  directed: boolean;
}

export const NODE_WIDTH = 200;
const COLUMN_GAP = 90;
const ROW_GAP = 24;
const LINE = 16;

function walk(fields: Field[], prefix: string, visit: (path: string, field: Field) => void): void {
  for (const f of fields) {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    visit(path, f);
    if (f.fields) walk(f.fields, path, visit);
  }
}

export function datasetGraph(datasets: readonly DatasetDoc[]): {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
} {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const ds of datasets) {
    for (const c of ds.collections ?? []) {
      const node: GraphNode = {
        id: `${ds.fides_key}.${c.name}`,
        dataset: ds.fides_key,
        collection: c.name,
        identities: [],
        level: null,
        x: 0,
        y: 0,
        height: 0,
      };
      walk(c.fields ?? [], '', (path, f) => {
        if (f.fides_meta?.identity) node.identities.push(`${path} = ${f.fides_meta.identity}`);
      });
      nodes.set(node.id, node);
    }
  }
  for (const ds of datasets) {
    for (const c of ds.collections ?? []) {
      const here = `${ds.fides_key}.${c.name}`;
      walk(c.fields ?? [], '', (path, f) => {
        for (const ref of f.fides_meta?.references ?? []) {
          const [collection, ...rest] = ref.field.split('.');
          const there = `${ref.dataset}.${collection}`;
          const label = `${c.name}.${path} ↔ ${collection}.${rest.join('.')}`;
          if (ref.direction === 'to') edges.push({ from: here, to: there, label, directed: true });
          else if (ref.direction === 'from') edges.push({ from: there, to: here, label, directed: true });
          else edges.push({ from: there, to: here, label, directed: false });
        }
      });
    }
  }
  // Breadth-first from every collection holding an identity; an undirected edge may be walked both ways.
  const queue = [...nodes.values()].filter((n) => n.identities.length > 0);
  for (const n of queue) n.level = 0;
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] as GraphNode;
    for (const e of edges) {
      const next = e.from === current.id ? e.to : !e.directed && e.to === current.id ? e.from : undefined;
      const node = next === undefined ? undefined : nodes.get(next);
      if (node && node.level === null) {
        node.level = (current.level ?? 0) + 1;
        queue.push(node);
      }
    }
  }
  const columns = new Map<number, GraphNode[]>();
  const lastLevel = Math.max(-1, ...[...nodes.values()].map((n) => n.level ?? -1));
  for (const n of nodes.values()) {
    const column = n.level ?? lastLevel + 1;
    columns.set(column, [...(columns.get(column) ?? []), n]);
  }
  let height = 0;
  let width = 0;
  for (const [column, list] of [...columns.entries()].sort((a, b) => a[0] - b[0])) {
    let y = ROW_GAP;
    for (const n of list.sort((a, b) => a.id.localeCompare(b.id))) {
      n.height = 2 * LINE + 12 + n.identities.length * LINE;
      n.x = ROW_GAP + column * (NODE_WIDTH + COLUMN_GAP);
      n.y = y;
      y += n.height + ROW_GAP;
    }
    height = Math.max(height, y);
    width = Math.max(width, ROW_GAP + (column + 1) * (NODE_WIDTH + COLUMN_GAP));
  }
  return {
    nodes: [...nodes.values()],
    edges: edges.filter((e) => nodes.has(e.from) && nodes.has(e.to)),
    width,
    height,
  };
}
