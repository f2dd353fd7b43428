import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  type CollectionDescription,
  type CollectionLocation,
  type Connector,
  ConnectorError,
  chunks,
  type DuePage,
  type DueQuery,
  driverMessage,
  type FindQuery,
  type Row,
  type RowUpdate,
  type SampleQuery,
  type SampleResult,
  sampleText,
  uniformFields,
} from './connector.js';

/** A connection URL without its password (empty when it does not parse as a URL). */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return '';
  }
}

/** PostgreSQL identifier quoting: double quotes, inner quotes doubled. */
export const quotePg = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const table = (l: CollectionLocation): string =>
  l.schema ? `${quotePg(l.schema)}.${quotePg(l.name)}` : quotePg(l.name);

// Arrays travel as one parameter each (`= ANY($1)`, `unnest($1::t[])`), so batches are bounded by memory
// and statement time, not by the 65,535-parameter limit.
const BATCH = 20_000;

export interface PostgresOptions {
  key: string;
  url: string;
  readOnly?: boolean;
  /** Cap on pooled connections to the company's database. */
  poolSize?: number;
}

export class PostgresConnector implements Connector {
  readonly type = 'postgres' as const;
  readonly key: string;
  readonly readOnly: boolean;
  private readonly pool: pg.Pool;
  private readonly columnTypes = new Map<string, Map<string, string>>();

  constructor(options: PostgresOptions) {
    this.key = options.key;
    this.readOnly = options.readOnly ?? false;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: 5000,
    });
    this.statementScope = withoutPassword(options.url);
    // An idle client losing its server must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
  }

  private async query<R extends pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw new ConnectorError(this.key, driverMessage(error));
    }
  }

  /** Whether reads still go out as named prepared statements (see `read`). */
  private preparedReads = true;
  private readonly statementNames = new Map<string, string>();
  /** The connection as prepared statements' names include it: the URL without its password. */
  private readonly statementScope: string;

  /**
   * Reads (finds, retention pages) run as named prepared statements: parsed and planned once per pooled
   * connection instead of at every call, which takes about 0.1 ms off each lookup of an access request and
   * the same parse work off the company's database. A server may refuse one: a transaction-pooling proxy
   * (PgBouncer) lost it or holds another client's statement under the name, or the table changed since it was
   * prepared (a column's type: the cached plan no longer fits). Whatever the error, the read is sent once more
   * as a plain statement (a read has no effect); if that succeeds, the prepared form was at fault and this
   * connector sends plain statements from then on. If it fails too, its error is the one reported.
   */
  private async read(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    if (this.preparedReads) {
      let name = this.statementNames.get(text);
      if (!name) {
        // Named by a digest of the connection (without its password) and the text: a name means the same
        // statement for every client, so a session a proxy shares between clients never runs another one.
        const digest = createHash('sha256').update(this.statementScope).update('\u0000').update(text);
        name = `mamori_${digest.digest('hex').slice(0, 32)}`;
        if (this.statementNames.size < 1000) this.statementNames.set(text, name);
      }
      try {
        return await this.pool.query<Row>({ name, text, values });
      } catch {
        const result = await this.query<Row>(text, values);
        this.preparedReads = false;
        return result;
      }
    }
    return this.query<Row>(text, values);
  }

  /**
   * Runs keyed writes (one statement per batch) in one transaction: all batches commit together. The
   * statements join the table to the key list by its key. For a key list much smaller than the table the
   * planner often sorts the keys and merge-joins them against a scan of the whole key index (10k keys, 310k
   * rows: 44 ms of index scan before the first row changed), where a nested loop of index probes costs
   * O(keys × log rows) whatever the table's size; so when an index leads with a key column, hash and merge
   * joins are turned off for the transaction. Without such an index (a dataset may name any column as its
   * key) the planner's own choice stays: a nested loop would scan the whole table once per key.
   */
  private async keyedWrites(
    location: CollectionLocation,
    keyFields: readonly string[],
    statements: { text: string; values: unknown[] }[],
  ): Promise<number> {
    const probe = await this.keyIndexed(location, keyFields);
    const client = await this.pool.connect().catch((e: unknown) => {
      throw new ConnectorError(this.key, driverMessage(e));
    });
    let changed = 0;
    let broken = false;
    try {
      await client.query(
        probe ? 'BEGIN; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off' : 'BEGIN',
      );
      for (const s of statements) changed += (await client.query(s.text, s.values)).rowCount ?? 0;
      await client.query('COMMIT');
      return changed;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw new ConnectorError(this.key, driverMessage(error));
    } finally {
      // A session whose rollback failed may still be inside the transaction: it is not given back.
      client.release(broken);
    }
  }

  private readonly keyIndexes = new Map<string, boolean>();

  /** Whether a valid, non-partial index of the table has one of the key columns as its first column. */
  async keyIndexed(location: CollectionLocation, keyFields: readonly string[]): Promise<boolean> {
    const name = table(location);
    const cacheKey = `${name}\u0000${keyFields.join('\u0000')}`;
    const cached = this.keyIndexes.get(cacheKey);
    if (cached !== undefined) return cached;
    const r = await this.query<{ first: string | null }>(
      `SELECT a.attname AS first FROM pg_index i
         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = $1::regclass AND i.indisvalid AND i.indpred IS NULL`,
      [name],
    );
    const indexed = r.rows.some((row) => row.first !== null && keyFields.includes(row.first));
    this.keyIndexes.set(cacheKey, indexed);
    return indexed;
  }

  async test(): Promise<void> {
    await this.query('SELECT 1');
  }

  async describe(): Promise<CollectionDescription[]> {
    const columns = await this.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT c.table_schema, c.table_name, c.column_name, c.data_type, c.is_nullable
         FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE t.table_type = 'BASE TABLE' AND c.table_schema = ANY(current_schemas(false))
        ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    );
    const keys = await this.query<{
      table_name: string;
      column_name: string;
      kind: string;
      ref_table: string | null;
      ref_column: string | null;
    }>(
      `SELECT cl.relname AS table_name, a.attname AS column_name, con.contype AS kind,
              rcl.relname AS ref_table, ra.attname AS ref_column
         FROM pg_constraint con
         JOIN pg_class cl ON cl.oid = con.conrelid
         JOIN pg_namespace n ON n.oid = cl.relnamespace
         CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, i)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
         LEFT JOIN pg_class rcl ON rcl.oid = con.confrelid
         LEFT JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[k.i]
        WHERE con.contype IN ('p', 'f') AND n.nspname = ANY(current_schemas(false))`,
    );
    const byTable = new Map<string, CollectionDescription>();
    for (const c of columns.rows) {
      let d = byTable.get(c.table_name);
      if (!d) {
        d = { name: c.table_name, fields: [] };
        if (c.table_schema !== 'public') d.schema = c.table_schema;
        byTable.set(c.table_name, d);
      }
      d.fields.push({
        name: c.column_name,
        dataType: c.data_type,
        primaryKey: false,
        nullable: c.is_nullable === 'YES',
        references: [],
      });
    }
    for (const k of keys.rows) {
      const field = byTable.get(k.table_name)?.fields.find((f) => f.name === k.column_name);
      if (!field) continue;
      if (k.kind === 'p') field.primaryKey = true;
      else if (k.ref_table && k.ref_column)
        field.references.push({ collection: k.ref_table, field: k.ref_column });
    }
    return [...byTable.values()];
  }

  async primaryKey(location: CollectionLocation): Promise<string[]> {
    const r = await this.query<{ attname: string }>(
      `SELECT a.attname FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = $1::regclass AND i.indisprimary
        ORDER BY array_position(i.indkey, a.attnum)`,
      [table(location)],
    );
    return r.rows.map((row) => row.attname);
  }

  private findSql(query: FindQuery, fields: string[]): string {
    const where = fields.map((f, i) => `${quotePg(f)} = ANY($${i + 1})`).join(' OR ');
    return `SELECT ${query.fields.map(quotePg).join(', ')} FROM ${table(query.location)} WHERE ${where}`;
  }

  explainFind(query: FindQuery): string {
    return this.findSql(query, Object.keys(query.where));
  }

  async find(query: FindQuery): Promise<Row[]> {
    const fields = Object.keys(query.where).filter((f) => (query.where[f]?.length ?? 0) > 0);
    if (fields.length === 0) return [];
    // One statement per round: round r carries batch r of every field, so a person with few values costs
    // exactly one query per collection; rows matching in several rounds are returned once.
    const perField = fields.map((f) => chunks(query.where[f] ?? [], BATCH));
    const rounds = Math.max(...perField.map((c) => c.length));
    const text = this.findSql(query, fields);
    const seen = new Set<string>();
    const out: Row[] = [];
    for (let r = 0; r < rounds; r++) {
      const result = await this.read(
        text,
        perField.map((c) => c[r] ?? []),
      );
      if (rounds === 1) return result.rows;
      for (const row of result.rows) {
        const id = JSON.stringify(row);
        if (!seen.has(id)) {
          seen.add(id);
          out.push(row);
        }
      }
    }
    return out;
  }

  private async types(location: CollectionLocation): Promise<Map<string, string>> {
    const name = table(location);
    const cached = this.columnTypes.get(name);
    if (cached) return cached;
    const r = await this.query<{ attname: string; type: string }>(
      `SELECT attname, format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [name],
    );
    const map = new Map(r.rows.map((row) => [row.attname, row.type]));
    this.columnTypes.set(name, map);
    return map;
  }

  /**
   * One statement per batch: keys (and per-row values) arrive as typed arrays and are joined through
   * unnest, so 10,000 rows cost one round trip. A field with the same value in every row (null_rewrite,
   * string_rewrite) is sent once, as one parameter, not as an array.
   */
  private updateSql(
    location: CollectionLocation,
    keyFields: readonly string[],
    updates: readonly RowUpdate[],
    types: Map<string, string>,
  ): { text: string; values: (rows: readonly RowUpdate[]) => unknown[] } {
    const uniform = uniformFields(updates);
    const setFields = Object.keys(updates[0]?.set ?? {});
    const varying = setFields.filter((f) => !uniform.has(f));
    const typeOf = (f: string) => types.get(f) ?? 'text';
    // Parameters: the key arrays, then one array per varying field, then one value per uniform field.
    const arrays = [...keyFields, ...varying].map((f, i) => `$${i + 1}::${typeOf(f)}[]`);
    const columns = [...keyFields.map((_, i) => `k${i}`), ...varying.map((_, i) => `c${i}`)];
    let next = arrays.length;
    const assignments = setFields.map((f) =>
      uniform.has(f)
        ? `${quotePg(f)} = $${++next}::${typeOf(f)}`
        : `${quotePg(f)} = v.c${varying.indexOf(f)}`,
    );
    const join = keyFields.map((k, i) => `t.${quotePg(k)} = v.k${i}`).join(' AND ');
    const text = `UPDATE ${table(location)} AS t SET ${assignments.join(', ')} FROM unnest(${arrays.join(', ')}) AS v(${columns.join(', ')}) WHERE ${join}`;
    const values = (rows: readonly RowUpdate[]) => [
      ...keyFields.map((k) => rows.map((u) => u.key[k])),
      ...varying.map((f) => rows.map((u) => u.set[f])),
      ...setFields.filter((f) => uniform.has(f)).map((f) => uniform.get(f)),
    ];
    return { text, values };
  }

  explainUpdate(
    location: CollectionLocation,
    keyFields: readonly string[],
    updates: readonly RowUpdate[],
  ): string {
    return this.updateSql(location, keyFields, updates, new Map()).text;
  }

  async update(
    location: CollectionLocation,
    keyFields: readonly string[],
    updates: readonly RowUpdate[],
  ): Promise<number> {
    if (updates.length === 0) return 0;
    this.refuseReadOnly();
    const sql = this.updateSql(location, keyFields, updates, await this.types(location));
    return this.keyedWrites(
      location,
      keyFields,
      chunks(updates, BATCH).map((batch) => ({ text: sql.text, values: sql.values(batch) })),
    );
  }

  async delete(
    location: CollectionLocation,
    keyFields: readonly string[],
    keys: readonly Row[],
  ): Promise<number> {
    if (keys.length === 0) return 0;
    this.refuseReadOnly();
    const types = await this.types(location);
    const arrays = keyFields.map((k, i) => `$${i + 1}::${types.get(k) ?? 'text'}[]`);
    const cols = keyFields.map((_, i) => `k${i}`);
    const match = keyFields.map((k, i) => `t.${quotePg(k)} = v.k${i}`).join(' AND ');
    const text = `DELETE FROM ${table(location)} AS t USING unnest(${arrays.join(', ')}) AS v(${cols.join(', ')}) WHERE ${match}`;
    return this.keyedWrites(
      location,
      keyFields,
      chunks(keys, BATCH).map((batch) => ({
        text,
        values: keyFields.map((k) => batch.map((row) => row[k])),
      })),
    );
  }

  private refuseReadOnly(): void {
    if (this.readOnly)
      throw new ConnectorError(this.key, 'the connection is read-only and cannot be used for erasure');
  }

  async checkWritable(
    location: CollectionLocation,
    fields: readonly string[],
    needsDelete: boolean,
  ): Promise<void> {
    this.refuseReadOnly();
    const ro = await this.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
    if (ro.rows[0]?.transaction_read_only === 'on') {
      throw new ConnectorError(this.key, 'the server only accepts reads (a replica or a read-only default)');
    }
    // Privilege checks happen when the statement is planned, so a statement matching no row proves the
    // grant without touching data.
    const client = await this.pool.connect().catch((e: unknown) => {
      throw new ConnectorError(this.key, driverMessage(e));
    });
    try {
      await client.query('BEGIN');
      if (fields.length > 0) {
        const set = fields.map((f) => `${quotePg(f)} = ${quotePg(f)}`).join(', ');
        await client.query(`UPDATE ${table(location)} SET ${set} WHERE false`);
      }
      if (needsDelete) await client.query(`DELETE FROM ${table(location)} WHERE false`);
    } catch (error) {
      throw new ConnectorError(this.key, `cannot write to ${location.name}: ${driverMessage(error)}`);
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
  }

  /**
   * Retention: one statement in the store. A single-field chain is compared bare so that an index on the
   * field serves it; a chain is a COALESCE (an expression index on the same COALESCE serves that). The
   * cutoff travels untyped and takes the column's type: an instant for timestamptz, a day for date.
   */
  private dueSql(q: DueQuery, page?: DuePage): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const p = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const where = q.conditions.map((c) => {
      const expr =
        c.fields.length === 1
          ? quotePg(c.fields[0] as string)
          : `COALESCE(${c.fields.map(quotePg).join(', ')})`;
      return `${expr} < ${p(`${c.beforeDay} 00:00:00${q.utcOffset}`)}`;
    });
    if (q.pending && q.pending.length > 0) {
      const held = q.pending.map((f) =>
        f.masked === null
          ? `${quotePg(f.field)} IS NOT NULL`
          : `(${quotePg(f.field)} IS NOT NULL AND ${quotePg(f.field)} <> ${p(f.masked)})`,
      );
      where.push(`(${held.join(' OR ')})`);
    }
    for (const [field, list] of Object.entries(q.exclude ?? {})) {
      if (list.length > 0)
        where.push(`(${quotePg(field)} IS NULL OR NOT (${quotePg(field)} = ANY(${p(list)})))`);
    }
    const key = quotePg(q.keyField);
    if (!page)
      return { text: `SELECT count(*) AS n FROM ${table(q.location)} WHERE ${where.join(' AND ')}`, values };
    if (page.after !== undefined && page.after !== null) where.push(`${key} > ${p(page.after)}`);
    const fields = [q.keyField, ...(page.fields ?? []).filter((f) => f !== q.keyField)];
    return {
      text: `SELECT ${fields.map(quotePg).join(', ')} FROM ${table(q.location)} WHERE ${where.join(' AND ')} ORDER BY ${key} LIMIT ${p(page.limit)}`,
      values,
    };
  }

  explainDue(query: DueQuery): string {
    return this.dueSql(query, { ...query, limit: 0, after: 1 }).text;
  }

  async findDue(query: DuePage): Promise<Row[]> {
    const { text, values } = this.dueSql(query, query);
    return (await this.read(text, values)).rows;
  }

  async countDue(query: DueQuery): Promise<number> {
    const { text, values } = this.dueSql(query);
    return Number((await this.query<{ n: string }>(text, values)).rows[0]?.n ?? 0);
  }

  /**
   * Discovery sample (issue 8). The planner's statistics pick the method by what it costs: a table of a few
   * pages or at most 10 × limit rows is read in random order (exact, and the whole table is small); up to
   * 100 × limit rows, TABLESAMPLE BERNOULLI (row-level, reads every page once); beyond, TABLESAMPLE SYSTEM,
   * which reads only the sampled pages (about 3 × limit rows' worth), so the cost does not grow with the
   * table. A table never analysed (reltuples -1) is sized by its pages and sampled again with a larger
   * percentage when too few rows came back. Values are cast to text by the server.
   */
  async sample(query: SampleQuery): Promise<SampleResult> {
    const limit = Math.max(1, Math.floor(query.limit));
    const stats = await this.query<{ reltuples: number; pages: string }>(
      `SELECT c.reltuples::float8 AS reltuples,
              (pg_relation_size(c.oid) / current_setting('block_size')::int)::int8 AS pages
         FROM pg_class c WHERE c.oid = $1::regclass`,
      [table(query.location)],
    );
    const pages = Number(stats.rows[0]?.pages ?? 0);
    const tuples = stats.rows[0]?.reltuples ?? -1;
    const estimatedRows = tuples >= 0 ? Math.round(tuples) : undefined;
    const list = query.fields.map((f) => `${quotePg(f)}::text AS ${quotePg(f)}`).join(', ');
    const run = async (from: string, values: unknown[]) =>
      (await this.query<Row>(`SELECT ${list} FROM ${from} LIMIT ${limit}`, values)).rows.map((row) =>
        Object.fromEntries(query.fields.map((f) => [f, sampleText(row[f])])),
      );
    const small = pages <= 128 || (estimatedRows !== undefined && estimatedRows <= 10 * limit);
    if (small) {
      const rows = await run(`(SELECT * FROM ${table(query.location)} ORDER BY random()) t`, []);
      return { rows, method: 'random-order', estimatedRows };
    }
    if (estimatedRows !== undefined && estimatedRows <= 100 * limit) {
      const pct = Math.min(100, (300 * limit) / Math.max(1, estimatedRows));
      const rows = await run(`${table(query.location)} TABLESAMPLE BERNOULLI ($1)`, [pct]);
      return { rows, method: 'tablesample-bernoulli', estimatedRows };
    }
    // Without statistics assume at least ten rows a page: a first try reads about limit / 10 pages.
    let pct =
      estimatedRows !== undefined
        ? (300 * limit) / Math.max(1, estimatedRows)
        : (100 * Math.max(1, limit / 10)) / Math.max(1, pages);
    let rows: Record<string, string | null>[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      pct = Math.min(100, pct);
      rows = await run(`${table(query.location)} TABLESAMPLE SYSTEM ($1)`, [pct]);
      if (rows.length >= limit || pct >= 100) break;
      pct *= Math.max(2, (1.5 * limit) / Math.max(1, rows.length));
    }
    return { rows, method: 'tablesample-system', estimatedRows };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
