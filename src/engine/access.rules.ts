import { stringify } from 'csv-stringify/sync';
import type { Row } from '../connectors/connector.js';
import { type Graph, type Traversal, targetedFields } from './graph.js';
import { asStructure, pruneTo, targetedParts } from './nested.rules.js';

/** The values feeding one node: identities seeded into its identity fields, plus its parents' values. */
export function inputsFor(
  node: string,
  traversal: Traversal,
  identities: Readonly<Record<string, readonly string[]>>,
  found: ReadonlyMap<string, readonly Row[]>,
): Record<string, unknown[]> {
  const where = new Map<string, Map<string, unknown>>();
  const add = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    let values = where.get(field);
    if (!values) {
      values = new Map();
      where.set(field, values);
    }
    // Values are compared as text so that a PostgreSQL integer feeds a Redis key or MariaDB column alike.
    values.set(`${typeof value === 'object' ? JSON.stringify(value) : String(value)}`, value);
  };
  for (const seed of traversal.seeds.get(node) ?? [])
    for (const v of identities[seed.identity] ?? []) add(seed.field, v);
  for (const edge of traversal.inputs.get(node) ?? []) {
    for (const row of found.get(edge.from.node) ?? []) add(edge.to.field, row[edge.from.field]);
  }
  if (where.has('__proto__'))
    return Object.fromEntries([...where].map(([f, values]) => [f, [...values.values()]]));
  const out: Record<string, unknown[]> = {};
  for (const [f, values] of where) out[f] = [...values.values()];
  return out;
}

export type AccessPackage = Record<string, Row[]>;

/**
 * What the person receives: per "<dataset>:<collection>", only fields under a target category; collections
 * with no such field or no row are left out (Fides' filtered access results).
 */
export function filterToTargets(
  graph: Graph,
  found: ReadonlyMap<string, readonly Row[]>,
  targets: readonly string[],
): AccessPackage {
  const out: AccessPackage = {};
  for (const [id, rows] of [...found].sort(([a], [b]) => byLocale.compare(a, b))) {
    const node = graph.nodes.get(id);
    if (!node || rows.length === 0) continue;
    const fields = targetedFields(node, targets).map((f) => {
      const paths = targetedParts(f, targets).map((p) => p.path);
      // A JSON column with targeted sub-fields is disclosed with those parts only.
      return { name: f.name, whole: paths.some((p) => p.length === 0), paths };
    });
    if (fields.length === 0) continue;
    const value = (row: Row, f: (typeof fields)[number]): unknown =>
      f.whole ? (row[f.name] ?? null) : (pruneTo(asStructure(row[f.name]).value, f.paths) ?? null);
    // Assignment would set the prototype of a row with a "__proto__" field; fromEntries makes it a field.
    out[id] = fields.some((f) => f.name === '__proto__')
      ? rows.map((row) => Object.fromEntries(fields.map((f) => [f.name, value(row, f)])))
      : rows.map((row) => {
          const kept: Row = {};
          for (const f of fields) kept[f.name] = value(row, f);
          return kept;
        });
  }
  return out;
}

/** The order of `String.prototype.localeCompare`, without its per-call collator lookup. */
const byLocale = new Intl.Collator();

/** One CSV for the whole package: collection, row number, field, value (long form keeps any shape). */
export function accessPackageCsv(pkg: AccessPackage): string {
  const records: unknown[][] = [['collection', 'row', 'field', 'value']];
  for (const [collection, rows] of Object.entries(pkg)) {
    rows.forEach((row, i) => {
      for (const [field, value] of Object.entries(row)) {
        records.push([
          collection,
          i + 1,
          field,
          value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
        ]);
      }
    });
  }
  return stringify(records);
}
