/**
 * The port every store sits behind. The engine speaks only this interface: rows are plain objects keyed by
 * field name, values travel as driver parameters (never spliced into statements), and every write is
 * set-based — one statement (or one pipeline) per collection and batch, never one per row.
 */
export type ConnectorType = 'postgres' | 'mysql' | 'mariadb' | 'redis' | 'http';

export type Row = Record<string, unknown>;

/** Where a collection lives inside its store. */
export interface CollectionLocation {
  /** Table name, or the collection name for key-value and HTTP stores. */
  name: string;
  /** PostgreSQL schema (fideslang `fides_meta.namespace.schema`); the search path when absent. */
  schema?: string | undefined;
  /** Redis: the key pattern with `{field}` placeholders. */
  keyPattern?: string | undefined;
}

/** Rows whose `field` value is one of the listed values, OR-ed across fields (Fides semantics). */
export interface FindQuery {
  location: CollectionLocation;
  /** Fields to return; the connector returns nothing else. */
  fields: readonly string[];
  where: Readonly<Record<string, readonly unknown[]>>;
}

/** One row's new values, addressed by its key fields. */
export interface RowUpdate {
  key: Row;
  set: Row;
}

export interface FieldDescription {
  name: string;
  dataType: string;
  primaryKey: boolean;
  nullable: boolean;
  /** Foreign keys: the referenced `collection.field` in the same store. */
  references: { collection: string; field: string }[];
}

export interface CollectionDescription {
  name: string;
  schema?: string | undefined;
  keyPattern?: string | undefined;
  fields: FieldDescription[];
}

/**
 * Retention (issue 9): rows past their retention period, found by the store itself in one set-based
 * statement. Every condition must hold; each says "the first non-null of `fields` (the trigger chain) is
 * before midnight of `beforeDay` at `utcOffset`".
 */
export interface DueQuery {
  location: CollectionLocation;
  keyField: string;
  conditions: readonly { fields: readonly string[]; beforeDay: string }[];
  /** The calendar's offset from UTC, e.g. +09:00 (Asia/Tokyo has no daylight saving). */
  utcOffset: string;
  /** Rows still to process: one of these fields holds something other than its masked value. */
  pending?: readonly { field: string; masked: string | null }[] | undefined;
  /** Rows whose field holds one of the values are left out (legal holds on a person). */
  exclude?: Readonly<Record<string, readonly string[]>> | undefined;
}

/** One page of due rows in key order (keyset pagination: `after` is the last key of the previous page). */
export interface DuePage extends DueQuery {
  after?: unknown;
  limit: number;
  /** Fields returned besides the key. */
  fields?: readonly string[] | undefined;
}

/** Discovery (issue 8): at most `limit` rows of `fields`, chosen at random as cheaply as the store allows. */
export interface SampleQuery {
  location: CollectionLocation;
  fields: readonly string[];
  limit: number;
}

export interface SampleResult {
  /** Values as text (null stays null); binary values are left out as null. */
  rows: Record<string, string | null>[];
  /** How the rows were chosen, e.g. `tablesample-system`, `random-order`, `key-ranges`, `scan`. */
  method: string;
  /** The store's own estimate of the collection's size, when it keeps one. */
  estimatedRows?: number | undefined;
}

/** Sample values as text: dates as ISO dates, binary data left out (no detector reads bytes). */
export function sampleText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (value instanceof Uint8Array) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface Connector {
  readonly key: string;
  readonly type: ConnectorType;
  /** Declared read-only in its configuration: never written to. */
  readonly readOnly: boolean;
  /** Throws a ConnectorError naming the connection when the store cannot be reached. */
  test(): Promise<void>;
  describe(): Promise<CollectionDescription[]>;
  /** The store's own key of a collection, for datasets that name none. */
  primaryKey(location: CollectionLocation): Promise<string[]>;
  find(query: FindQuery): Promise<Row[]>;
  /** The statement find would run, with placeholders, for dry runs and audits ("show the SQL"). */
  explainFind(query: FindQuery): string;
  /** Applies the updates set-based; returns the number of rows changed. Idempotent: values are absolute. */
  update(
    location: CollectionLocation,
    keyFields: readonly string[],
    updates: readonly RowUpdate[],
  ): Promise<number>;
  explainUpdate(
    location: CollectionLocation,
    keyFields: readonly string[],
    updates: readonly RowUpdate[],
  ): string;
  delete(location: CollectionLocation, keyFields: readonly string[], keys: readonly Row[]): Promise<number>;
  /**
   * Proves the credentials may write (UPDATE/DELETE privileges, not a read-only replica) without changing
   * anything; throws a ConnectorError otherwise.
   */
  checkWritable(location: CollectionLocation, fields: readonly string[], needsDelete: boolean): Promise<void>;
  /** Retention: the due rows' keys (and `fields`), one page. SQL stores only. */
  findDue?(query: DuePage): Promise<Row[]>;
  /** Retention: how many rows are due. */
  countDue?(query: DueQuery): Promise<number>;
  /** Retention: the statement findDue runs, with placeholders (dry runs, certificates). */
  explainDue?(query: DueQuery): string;
  /** Discovery (issue 8): a bounded random sample of a collection, values as text; never the whole store. */
  sample?(query: SampleQuery): Promise<SampleResult>;
  close(): Promise<void>;
}

/** A store failed or refused; the message names the connection and never quotes row values. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly connection: string,
    message: string,
  ) {
    super(`connection "${connection}": ${message}`);
  }
}

/** Splits a list into batches so that statements stay under the drivers' parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The set fields whose value is the same in every update: a statement can carry each of those once instead of
 * once per row. A masking strategy such as `null_rewrite` or `string_rewrite` makes every field uniform; `hash`
 * beside `null_rewrite` leaves only the hashed one varying.
 */
export function uniformFields(updates: readonly RowUpdate[]): Map<string, unknown> {
  const uniform = new Map<string, unknown>();
  const first = updates[0];
  if (!first) return uniform;
  for (const field of Object.keys(first.set)) {
    const value = first.set[field];
    if (updates.every((u) => sameValue(u.set[field], value))) uniform.set(field, value);
  }
  return uniform;
}

/**
 * Whether two values are written alike by the drivers: identical, both absent (null and undefined are both
 * NULL), dates of the same instant, or plain objects and arrays (JSON columns) with the same JSON. Values of
 * different kinds (a date and its ISO text, NaN and null) are never the same, even where JSON would be.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null && b == null) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return plainStructure(a) && plainStructure(b) && JSON.stringify(a) === JSON.stringify(b);
}

function plainStructure(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return Array.isArray(v) || proto === Object.prototype || proto === null;
}

export function stableJson(row: Row): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
}

/** Driver errors quote row values in `detail`; keep only the message line, which names objects. */
export function driverMessage(error: unknown): string {
  if (error instanceof Error) return (error.message.split('\n')[0] ?? '').slice(0, 300);
  return String(error);
}
