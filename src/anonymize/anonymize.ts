import { createHmac } from 'node:crypto';
import { UserError } from '../platform/errors.js';
import type { AnonymizeReport, MetricName, PrivacyModel } from './anonymize.schema.js';
import type { Bilingual } from './appi.rules.js';
import { columnIndex, type EncodedTable, encodeTable } from './encode.js';
import { NodeEvaluator } from './evaluate.js';
import type { Hierarchy } from './hierarchy.js';
import { compileModel } from './privacy.js';
import { publicationItems } from './publication.js';
import { type SearchOptions, type SearchResult, searchOptimum } from './search.js';
import type { Table } from './table.js';

export interface AnonymizeConfig {
  readonly qi: readonly string[];
  readonly hierarchies: ReadonlyMap<string, Hierarchy>;
  readonly sensitive?: string;
  /** Identifier columns removed from the output. */
  readonly drop?: readonly string[];
  /** Identifier columns replaced by a keyed pseudonym (needs `pseudonymKey`). */
  readonly pseudonymize?: readonly string[];
  readonly pseudonymKey?: string | Uint8Array;
  readonly model: PrivacyModel;
  readonly metric: MetricName;
  readonly onProgress?: SearchOptions['onProgress'];
  /** Names of columns in published item lists (default: the column name). */
  readonly itemLabels?: ReadonlyMap<string, Bilingual>;
}

export interface AnonymizeOutcome {
  /** The released table, built on first access (large tables are better written with `output`). */
  readonly table: Table;
  /** The released table without materialising it: its header and a function filling one record. */
  readonly output: OutputRows;
  readonly report: AnonymizeReport;
  /** The items of the released table, for the publication text (APPI Art. 43(3)). */
  readonly items: Bilingual[];
}

export interface OutputRows {
  readonly header: readonly string[];
  readonly count: number;
  /** Fills `out` (length = header length) with the released fields of record r. */
  readonly row: (r: number, out: string[]) => void;
}

/** The text written for every quasi-identifier of a suppressed record. */
export const SUPPRESSED = '*';

/**
 * HMAC-SHA256 of the value under the key, 128 bits in hex. Keyed, so that nobody without the key can
 * recompute a pseudonym from a known name (a plain hash could be reversed by trying names); the key is the
 * "deleted information" APPI Art. 41(2) requires to be kept apart.
 */
export function pseudonym(key: string | Uint8Array, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 32);
}

function checkRoles(table: Table, config: AnonymizeConfig): void {
  const roles = new Map<string, string>();
  const claim = (name: string, role: string): void => {
    columnIndex(table.header, name);
    const previous = roles.get(name);
    if (previous !== undefined && previous !== role) {
      throw new UserError(`The column "${name}" cannot be both ${previous} and ${role}.`);
    }
    roles.set(name, role);
  };
  for (const q of config.qi) claim(q, 'quasi-identifying');
  if (config.sensitive !== undefined) claim(config.sensitive, 'sensitive');
  for (const d of config.drop ?? []) claim(d, 'dropped');
  for (const p of config.pseudonymize ?? []) claim(p, 'pseudonymised');
  if ((config.pseudonymize?.length ?? 0) > 0 && config.pseudonymKey === undefined) {
    throw new UserError('Pseudonymising identifiers needs a secret key.');
  }
}

/** Anonymises a table: optimal full-domain generalisation, suppression, and the report. Pure. */
export function anonymizeTable(table: Table, config: AnonymizeConfig): AnonymizeOutcome {
  checkRoles(table, config);
  const encoded = encodeTable(table, config.qi, config.hierarchies, config.sensitive);
  const model = compileModel(config.model, encoded);
  const result = searchOptimum(encoded, model, config.metric, { onProgress: config.onProgress });
  if (result === null) {
    const parts = [`k=${config.model.k}`];
    if (config.model.lDiversity)
      parts.push(`${config.model.lDiversity.variant} l=${config.model.lDiversity.l}`);
    if (config.model.tCloseness !== undefined) parts.push(`t=${config.model.tCloseness}`);
    throw new UserError(
      `No generalisation satisfies ${parts.join(', ')} with at most ${model.maxOutliers} suppressed records, not even the fully generalised table.`,
    );
  }
  const evaluator = new NodeEvaluator(encoded, model, config.metric, { rollUp: false });
  const { classOfItem, violating } = evaluator.classify(result.levels);
  const output = transform(table, encoded, result.levels, classOfItem, violating, config);
  let materialised: Table | undefined;
  return {
    get table(): Table {
      materialised ??= materialise(output);
      return materialised;
    },
    output,
    report: buildReport(encoded, config, result, classOfItem, violating),
    items: publicationItems(output.header, encoded.qi, result.levels, config.itemLabels),
  };
}

function materialise(output: OutputRows): Table {
  const rows: string[][] = new Array(output.count);
  for (let r = 0; r < output.count; r++) {
    const out: string[] = new Array(output.header.length);
    output.row(r, out);
    rows[r] = out;
  }
  return { header: output.header, rows };
}

/**
 * The released fields of each record, computed on demand: per kept column one of four sources (the input,
 * a keyed pseudonym, a quasi-identifier's label at its level, `*` when the record is suppressed). Nothing
 * per record is allocated beyond the output strings of pseudonyms.
 */
function transform(
  table: Table,
  encoded: EncodedTable,
  levels: readonly number[],
  classOfItem: Int32Array,
  violating: Uint8Array,
  config: AnonymizeConfig,
): OutputRows {
  const dropped = new Set((config.drop ?? []).map((d) => columnIndex(table.header, d)));
  const pseudo = new Set((config.pseudonymize ?? []).map((p) => columnIndex(table.header, p)));
  const keep = table.header.map((_, i) => i).filter((i) => !dropped.has(i));
  const qiAt = new Map(encoded.qi.map((col, j) => [col.index, j]));
  const snapshot = encoded.snapshot;
  // Per kept column: -1 copy, -2 pseudonym, j ≥ 0 quasi-identifier j (its labels at its level, by code).
  const source = keep.map((i) => qiAt.get(i) ?? (pseudo.has(i) ? -2 : -1));
  const labelOf = source.map((j) => {
    if (j < 0) return [] as string[];
    const col = encoded.qi[j]!;
    const l = levels[j]!;
    const gen = col.gen[l]!;
    const labels = col.labels[l]!;
    return Array.from({ length: gen.length }, (_, c) => labels[gen[c]!]!);
  });
  const codes = source.map((j) => (j < 0 ? new Int32Array(0) : snapshot.codes[j]!));
  const rowItem = encoded.rowItem;
  const key = config.pseudonymKey;
  return {
    header: keep.map((i) => table.header[i]!),
    count: table.rows.length,
    row: (r, out) => {
      const src = table.rows[r]!;
      const item = rowItem[r]!;
      const suppressed = violating[classOfItem[item]!] === 1;
      for (let o = 0; o < keep.length; o++) {
        const j = source[o]!;
        if (j >= 0) out[o] = suppressed ? SUPPRESSED : labelOf[o]![codes[o]![item]!]!;
        else if (j === -2) out[o] = pseudonym(key!, src[keep[o]!]!);
        else out[o] = src[keep[o]!]!;
      }
    },
  };
}

function buildReport(
  encoded: EncodedTable,
  config: AnonymizeConfig,
  result: SearchResult,
  classOfItem: Int32Array,
  violating: Uint8Array,
): AnonymizeReport {
  const ev = result.evaluation;
  const size = new Float64Array(violating.length);
  for (let i = 0; i < classOfItem.length; i++) size[classOfItem[i]!]! += encoded.snapshot.count[i]!;
  let atMax = 0;
  for (let c = 0; c < size.length; c++) if (!violating[c] && size[c] === ev.minClassSize) atMax += size[c]!;
  const released = encoded.rows - ev.suppressed;
  return {
    qi: [...config.qi],
    levels: result.levels,
    metric: { name: config.metric, value: ev.value },
    discernibility: ev.discernibility,
    aecs: ev.aecs,
    entropy: ev.entropy,
    classes: ev.classes,
    minClassSize: ev.minClassSize,
    suppressed: ev.suppressed,
    rows: encoded.rows,
    nodesChecked: result.nodesChecked,
    latticeSize: result.latticeSize,
    model: {
      k: config.model.k,
      ...(config.model.lDiversity ? { lDiversity: config.model.lDiversity } : {}),
      ...(config.model.tCloseness !== undefined ? { tCloseness: config.model.tCloseness } : {}),
      suppression: config.model.suppression,
    },
    // Prosecutor risk over released records; suppressed records carry no quasi-identifier to link on.
    risk: {
      maxReidentification: ev.minClassSize === 0 ? 0 : 1 / ev.minClassSize,
      avgReidentification: released === 0 ? 0 : ev.classes / released,
      recordsAtMaxRisk: atMax,
    },
  };
}
