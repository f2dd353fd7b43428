import { UserError } from '../platform/errors.js';
import { groupBy, type KeyPart, Renumberer } from './grouping.js';
import type { Hierarchy, LevelLabel } from './hierarchy.js';
import type { Table } from './table.js';

/** A quasi-identifier encoded once for every level of its hierarchy. */
export interface EncodedColumn {
  readonly name: string;
  readonly index: number;
  readonly hierarchy: string;
  /** Number of levels (level 0 = the value). */
  readonly height: number;
  /** gen[l][c]: the level-l code of level-0 code c. gen[0] is the identity. */
  readonly gen: readonly Int32Array[];
  /** Number of distinct level-l values present in the data. */
  readonly domain: readonly number[];
  /** labels[l][code]: the text of a level-l code (labels[0] are the original values). */
  readonly labels: readonly (readonly string[])[];
  /** rowsWith[l][code]: how many records carry that level-l value. */
  readonly rowsWith: readonly Float64Array[];
  /** Non-uniform entropy of the column at each level, summed over all records (bits); non-decreasing. */
  readonly entropyLoss: readonly number[];
  readonly levelLabels: readonly LevelLabel[] | undefined;
}

/**
 * Distinct combinations of level-0 quasi-identifier codes (and the sensitive code), with their record
 * counts. Every lattice node is counted from such a set instead of from the rows; any set whose items
 * are all inside one class of a node can stand in for the rows when counting that node or a
 * generalisation of it (the hierarchy being a tree, a representative's codes determine the class).
 */
export interface ItemSet {
  readonly n: number;
  /** codes[j][i]: level-0 code of quasi-identifier j of a representative record of item i. */
  readonly codes: readonly Int32Array[];
  readonly sens: Int32Array | null;
  readonly count: Int32Array;
}

export interface EncodedSensitive {
  readonly name: string;
  readonly index: number;
  readonly domain: number;
  /** Share of each sensitive value in the whole table (t-closeness reference distribution). */
  readonly globalShare: Float64Array;
}

export interface EncodedTable {
  readonly rows: number;
  readonly qi: readonly EncodedColumn[];
  readonly sensitive: EncodedSensitive | null;
  readonly snapshot: ItemSet;
  /** rowItem[r]: the snapshot item of record r. */
  readonly rowItem: Int32Array;
}

export function columnIndex(header: readonly string[], name: string): number {
  const i = header.indexOf(name);
  if (i < 0) {
    throw new UserError(
      `Unknown column "${name}": the header has ${header.map((h) => `"${h}"`).join(', ')}.`,
    );
  }
  return i;
}

function dictionaryEncode(
  table: Table,
  col: number,
): { codes: Int32Array; values: string[]; firstRow: number[] } {
  const dict = new Map<string, number>();
  const codes = new Int32Array(table.rows.length);
  const values: string[] = [];
  const firstRow: number[] = [];
  const rows = table.rows;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]![col]!;
    let c = dict.get(v);
    if (c === undefined) {
      c = values.length;
      dict.set(v, c);
      values.push(v);
      firstRow.push(r);
    }
    codes[r] = c;
  }
  return { codes, values, firstRow };
}

function encodeColumn(
  table: Table,
  name: string,
  hierarchy: Hierarchy,
): { col: EncodedColumn; codes: Int32Array } {
  const index = columnIndex(table.header, name);
  const { codes, values, firstRow } = dictionaryEncode(table, index);
  const height = hierarchy.height;
  const gen: Int32Array[] = [];
  const labels: string[][] = [];
  const levelMaps: Map<string, number>[] = [];
  for (let l = 0; l < height; l++) {
    gen.push(new Int32Array(values.length));
    labels.push([]);
    levelMaps.push(new Map());
  }
  values.forEach((value, c) => {
    const chain = hierarchy.generalize(value);
    if (chain === undefined || chain.length !== height) {
      throw new UserError(
        `Data row ${firstRow[c]! + 1}, column "${name}": the value is not in the hierarchy ${hierarchy.name}.`,
      );
    }
    for (let l = 0; l < height; l++) {
      const label = l === 0 ? value : chain[l]!;
      const m = levelMaps[l]!;
      let code = m.get(label);
      if (code === undefined) {
        code = labels[l]!.length;
        m.set(label, code);
        labels[l]!.push(label);
      }
      gen[l]![c] = code;
    }
  });
  const domain = labels.map((ls) => ls.length);
  // Full-domain generalisation is only monotone on a tree: check that each level is a function of the
  // previous one on the values present.
  for (let l = 1; l < height; l++) {
    const parent = new Int32Array(domain[l - 1]!).fill(-1);
    for (let c = 0; c < values.length; c++) {
      const p = gen[l - 1]![c]!;
      const q = gen[l]![c]!;
      if (parent[p] === -1) parent[p] = q;
      else if (parent[p] !== q) {
        throw new UserError(
          `The hierarchy ${hierarchy.name} for column "${name}" is not a tree: data row ${firstRow[c]! + 1} shares level ${l - 1} with another value but not level ${l}.`,
        );
      }
    }
  }
  const rowsWith = domain.map((d) => new Float64Array(d));
  const count0 = rowsWith[0]!;
  for (let r = 0; r < codes.length; r++) count0[codes[r]!]! += 1;
  for (let l = 1; l < height; l++) {
    for (let c = 0; c < values.length; c++) rowsWith[l]![gen[l]![c]!]! += count0[c]!;
  }
  // Non-uniform entropy (de Waal & Willenborg; ARX "non-uniform entropy"): a record whose value x is shown
  // as g loses log2(|g| / |x|) bits, with |·| the number of records carrying that value.
  const entropyLoss: number[] = [];
  for (let l = 0; l < height; l++) {
    let e = 0;
    for (let c = 0; c < values.length; c++)
      e += count0[c]! * Math.log2(rowsWith[l]![gen[l]![c]!]! / count0[c]!);
    entropyLoss.push(l === 0 ? e : Math.max(e, entropyLoss[l - 1]!));
  }
  return {
    codes,
    col: {
      name,
      index,
      hierarchy: hierarchy.name,
      height,
      gen,
      domain,
      labels,
      rowsWith,
      entropyLoss,
      levelLabels: hierarchy.levelLabels,
    },
  };
}

/**
 * Encodes the quasi-identifiers (and the sensitive column) of a table once, and collapses the records into
 * the snapshot item set that all lattice nodes are counted from.
 */
export function encodeTable(
  table: Table,
  qiNames: readonly string[],
  hierarchies: ReadonlyMap<string, Hierarchy>,
  sensitiveName?: string,
): EncodedTable {
  if (qiNames.length === 0) throw new UserError('Give at least one quasi-identifier.');
  const seen = new Set<string>();
  for (const q of qiNames) {
    columnIndex(table.header, q);
    if (seen.has(q)) throw new UserError(`The quasi-identifier "${q}" is listed twice.`);
    seen.add(q);
    if (!hierarchies.has(q)) throw new UserError(`The quasi-identifier "${q}" has no hierarchy.`);
  }
  if (sensitiveName !== undefined && seen.has(sensitiveName)) {
    throw new UserError(`The column "${sensitiveName}" cannot be both quasi-identifying and sensitive.`);
  }
  const n = table.rows.length;
  const encoded = qiNames.map((q) => encodeColumn(table, q, hierarchies.get(q)!));
  const parts: KeyPart[] = encoded.map((e) => ({ codes: e.codes, map: null, domain: e.col.domain[0]! }));
  let sensitive: EncodedSensitive | null = null;
  let sensCodes: Int32Array | null = null;
  if (sensitiveName !== undefined) {
    const index = columnIndex(table.header, sensitiveName);
    const { codes, values } = dictionaryEncode(table, index);
    const share = new Float64Array(values.length);
    for (let r = 0; r < n; r++) share[codes[r]!]! += 1;
    for (let s = 0; s < share.length; s++) share[s] = share[s]! / n;
    sensitive = { name: sensitiveName, index, domain: values.length, globalShare: share };
    sensCodes = codes;
    parts.push({ codes, map: null, domain: values.length });
  }
  const rowItem = new Int32Array(n);
  const items = groupBy(n, parts, new Renumberer(), new Float64Array(n), rowItem);
  const rep = new Int32Array(items).fill(-1);
  const count = new Int32Array(items);
  for (let r = 0; r < n; r++) {
    const it = rowItem[r]!;
    if (rep[it] === -1) rep[it] = r;
    count[it]! += 1;
  }
  const pick = (codes: Int32Array): Int32Array => {
    const out = new Int32Array(items);
    for (let i = 0; i < items; i++) out[i] = codes[rep[i]!]!;
    return out;
  };
  return {
    rows: n,
    qi: encoded.map((e) => e.col),
    sensitive,
    snapshot: {
      n: items,
      codes: encoded.map((e) => pick(e.codes)),
      sens: sensCodes === null ? null : pick(sensCodes),
      count,
    },
    rowItem,
  };
}
