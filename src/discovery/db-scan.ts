import type { ConnectionSpec } from '../connectors/connections.schema.js';
import type {
  CollectionDescription,
  CollectionLocation,
  Connector,
  SampleResult,
} from '../connectors/connector.js';
import { driverMessage } from '../connectors/connector.js';
import type { FidesCollection, FidesDataset } from '../datasets/dataset.schema.js';
import { TYPE_CATEGORIES } from './categories.js';
import { classifyColumn, type ValueScanner } from './column.rules.js';
import type { ColumnProposal, ColumnResult, TableResult } from './db-scan.schema.js';
import type { FindingType } from './finding.schema.js';

/**
 * `scan db` orchestration (issue 8): for each table of each dataset (or, without datasets, of each
 * connection's live schema), one bounded sample through the connector, each column classified by
 * column.rules.ts. Sampled values live only inside this function's loop: results carry counts and
 * categories, never a value.
 */

export const DEFAULT_SAMPLE = 1000;
/** A proposal at least this confident counts as personal data found: content in half the values, or more. */
export const PERSONAL_CONFIDENCE = 0.5;

/**
 * The register's key for each type. My Number uses Mamori's `user.government_id.my_number`, which the taxonomy
 * classes as my-number data (番号法 Art. 2(8)); fideslang's generic national ID would read as ordinary data.
 */
export function registerCategory(type: FindingType): string | null {
  if (type === 'MY_NUMBER') return 'user.government_id.my_number';
  return TYPE_CATEGORIES[type].dataCategory ?? null;
}

export interface ScanTarget {
  dataset: string;
  /** Undefined for a scan of the live schema (no dataset given for this connection). */
  fides: FidesDataset | undefined;
}

export interface TableProgress {
  index: number;
  total: number;
  dataset: string;
  collection: string;
}

export interface DbScanOptions {
  datasets: readonly FidesDataset[];
  connections: Readonly<Record<string, ConnectionSpec>>;
  open: (key: string, spec: ConnectionSpec) => Promise<Connector>;
  scan: ValueScanner;
  /**
   * A cheaper scanner tried first (the regex stage): a column it already classifies confidently is not
   * scanned again with the name dictionary, which costs most of the time.
   */
  fastScan?: ValueScanner | undefined;
  sample: number;
  onTable?: (progress: TableProgress) => void;
}

export interface DbScanResult {
  tables: TableResult[];
  /** Live schema per connection, for drafting suggested datasets of undeclared stores. */
  described: Map<string, CollectionDescription[]>;
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function locationOf(dataset: FidesDataset | undefined, c: FidesCollection | CollectionDescription) {
  const schema = record(record(dataset?.fides_meta)?.namespace)?.schema;
  const keyPattern =
    'mamori_meta' in c ? c.mamori_meta?.redis_key_pattern : (c as CollectionDescription).keyPattern;
  const loc: CollectionLocation = { name: c.name };
  if (typeof schema === 'string') loc.schema = schema;
  else if ('schema' in c && typeof c.schema === 'string') loc.schema = c.schema;
  if (keyPattern) loc.keyPattern = keyPattern;
  return loc;
}

interface Planned {
  dataset: string;
  location: CollectionLocation;
  collection: string;
  /** Declared categories per column; a column of the store missing from the dataset is absent here. */
  declared: Map<string, string[]>;
  columns: string[];
}

// Redis shapes name their placeholders {id1}, {id2}…; a dataset names them after fields: compare the shape.
const shape = (pattern: string) => pattern.replace(/\{[^{}]+\}/g, '{}');
const sameCollection = (location: CollectionLocation, d: CollectionDescription) =>
  location.keyPattern
    ? d.keyPattern !== undefined && shape(d.keyPattern) === shape(location.keyPattern)
    : d.name === location.name;

/**
 * The dataset's collections, each with the store's columns the dataset does not list; then the store's
 * tables the dataset does not list at all (an undeclared table is the plainest drift).
 */
function plan(dataset: FidesDataset | undefined, key: string, live: CollectionDescription[]): Planned[] {
  const out: Planned[] = [];
  for (const c of dataset?.collections ?? []) {
    const location = locationOf(dataset, c);
    const inherited = c.data_categories ?? dataset?.data_categories ?? [];
    const declared = new Map(c.fields.map((f) => [f.name, f.data_categories ?? inherited]));
    const liveMatch = live.find((d) => sameCollection(location, d));
    const columns = [...declared.keys()];
    for (const f of liveMatch?.fields ?? []) if (!declared.has(f.name)) columns.push(f.name);
    out.push({ dataset: key, location, collection: c.name, declared, columns });
  }
  for (const d of live) {
    if (out.some((p) => sameCollection(p.location, d))) continue;
    out.push({
      dataset: key,
      location: locationOf(undefined, d),
      collection: d.name,
      declared: new Map(),
      columns: d.fields.map((f) => f.name),
    });
  }
  return out;
}

export interface Scanners {
  scan: ValueScanner;
  fastScan?: ValueScanner | undefined;
}

function proposalOf(name: string, values: (string | null)[], scanners: Scanners) {
  const fast = scanners.fastScan && classifyColumn({ name, values }, scanners.fastScan);
  const c =
    fast && fast.type !== undefined && fast.confidence >= PERSONAL_CONFIDENCE
      ? fast
      : classifyColumn({ name, values }, scanners.scan);
  const nonEmpty = values.filter((v) => v !== null && v.trim().length > 0).length;
  const proposal: ColumnProposal | null =
    c.type === undefined
      ? null
      : {
          type: c.type,
          dataCategory: registerCategory(c.type),
          appiClass: c.appiClass,
          confidence: c.confidence,
          contentShare: c.contentShare,
          nameHint: c.nameHint,
          evidence: c.evidence,
        };
  return { nonEmpty, proposal, personal: proposal !== null && c.confidence >= PERSONAL_CONFIDENCE };
}

/** Classifies the columns of one sample; exported so that tests can check classification without a store. */
export function classifySample(
  planned: Pick<Planned, 'declared' | 'columns'>,
  rows: SampleResult['rows'],
  scanners: Scanners,
): ColumnResult[] {
  return planned.columns.map((field) => {
    const values = rows.map((r) => r[field] ?? null);
    return {
      field,
      inDataset: planned.declared.has(field),
      declared: planned.declared.get(field) ?? [],
      ...proposalOf(field, values, scanners),
    };
  });
}

export async function scanDatabases(options: DbScanOptions): Promise<DbScanResult> {
  const targets: ScanTarget[] =
    options.datasets.length > 0
      ? options.datasets.map((d) => ({ dataset: d.fides_key, fides: d }))
      : Object.entries(options.connections)
          .filter(([, spec]) => spec.type !== 'http')
          .map(([key]) => ({ dataset: key, fides: undefined }));
  for (const t of targets) {
    if (!options.connections[t.dataset])
      throw new Error(`The connections file has no connection "${t.dataset}" for dataset ${t.dataset}.`);
  }
  const tables: TableResult[] = [];
  const described = new Map<string, CollectionDescription[]>();
  const connectors = new Map<string, Connector>();
  try {
    const plans: Planned[] = [];
    for (const t of targets) {
      const spec = options.connections[t.dataset] as ConnectionSpec;
      const connector = await options.open(t.dataset, spec);
      connectors.set(t.dataset, connector);
      const live = await connector.describe();
      described.set(t.dataset, live);
      plans.push(...plan(t.fides, t.dataset, live));
    }
    for (const [index, p] of plans.entries()) {
      options.onTable?.({ index, total: plans.length, dataset: p.dataset, collection: p.collection });
      const connector = connectors.get(p.dataset) as Connector;
      const base = { dataset: p.dataset, collection: p.collection };
      if (!connector.sample) {
        tables.push({
          ...base,
          method: 'none',
          estimatedRows: null,
          rowsRead: 0,
          error: `${connector.type} stores cannot be sampled`,
          columns: classifySample(p, [], options),
        });
        continue;
      }
      try {
        const sampled = await connector.sample({
          location: p.location,
          fields: p.columns,
          limit: options.sample,
        });
        tables.push({
          ...base,
          method: sampled.method,
          estimatedRows: sampled.estimatedRows ?? null,
          rowsRead: sampled.rows.length,
          error: null,
          columns: classifySample(p, sampled.rows, options),
        });
      } catch (error) {
        tables.push({
          ...base,
          method: 'none',
          estimatedRows: null,
          rowsRead: 0,
          error: driverMessage(error),
          columns: classifySample(p, [], options),
        });
      }
    }
  } finally {
    await Promise.all([...connectors.values()].map((c) => c.close().catch(() => {})));
  }
  return { tables, described };
}
