import type pg from 'pg';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import { driverMessage } from '../connectors/connector.js';
import { quoteMy } from '../connectors/mysql.js';
import { quotePg } from '../connectors/postgres.js';
import { UserError } from '../platform/errors.js';
import type { Table } from './table.js';

/**
 * Reading a whole table of a connected database for an anonymisation run. The Connector interface
 * (src/connectors) answers look-ups by key, samples and set-based writes, but has no full scan; this
 * module streams one with the connection's own driver, opened from the spec the connection service
 * unseals, read-only, in batches — values as the database prints them (the hierarchies match on text),
 * NULL as an empty field, and no row object per record.
 */
export interface ConnectionTable {
  readonly connection: string;
  readonly table: string;
  /** PostgreSQL schema; the search path when absent. */
  readonly schema?: string | undefined;
  readonly columns: readonly string[];
}

/** Largest table read in one run (the engine keeps every row in memory). */
export const MAX_CONNECTION_ROWS = 5_000_000;
const BATCH = 20_000;

const tooMany = (source: ConnectionTable): UserError =>
  new UserError(
    `The table "${source.table}" of connection "${source.connection}" has more than ${MAX_CONNECTION_ROWS.toLocaleString('en')} rows; anonymise an extract instead.`,
  );

/** Driver errors name tables and columns, never values: safe to show as the run's failure. */
const failed = (source: ConnectionTable, error: unknown): UserError =>
  error instanceof UserError
    ? error
    : new UserError(
        `Reading "${source.table}" from connection "${source.connection}" failed: ${driverMessage(error)}`,
      );

export async function readConnectionTable(spec: ConnectionSpec, source: ConnectionTable): Promise<Table> {
  switch (spec.type) {
    case 'postgres':
      return readPostgres(spec.url, source);
    case 'mysql':
    case 'mariadb':
      return readMysql(spec.url, source);
    default:
      throw new UserError(
        `The connection "${source.connection}" is a ${spec.type} store: anonymisation reads PostgreSQL, MySQL and MariaDB tables.`,
      );
  }
}

/** The header as read: the requested columns (checked against the table when it is read). */
function checkColumns(source: ConnectionTable): void {
  if (new Set(source.columns).size !== source.columns.length) {
    throw new UserError('A column is named twice in the source.');
  }
}

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return String(value);
};

/**
 * Checks at request time that the table and columns exist and can be read (a statement returning no row),
 * so that a typo is answered at once instead of failing the job later.
 */
export async function probeConnectionTable(spec: ConnectionSpec, source: ConnectionTable): Promise<void> {
  checkColumns(source);
  if (spec.type === 'postgres') {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: spec.url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query(
        `SELECT ${source.columns.map(quotePg).join(', ')} FROM ${pgRelation(source)} LIMIT 0`,
      );
    } catch (error) {
      throw failed(source, error);
    } finally {
      await client.end().catch(() => {});
    }
    return;
  }
  if (spec.type === 'mysql' || spec.type === 'mariadb') {
    const mysql = (await import('mysql2/promise')).default;
    let connection: Awaited<ReturnType<typeof mysql.createConnection>> | undefined;
    try {
      connection = await mysql.createConnection({ uri: spec.url, connectTimeout: 5000 });
      await connection.query(
        `SELECT ${source.columns.map(quoteMy).join(', ')} FROM ${quoteMy(source.table)} LIMIT 0`,
      );
    } catch (error) {
      throw failed(source, error);
    } finally {
      connection?.destroy();
    }
    return;
  }
  await readConnectionTable(spec, source);
}

const pgRelation = (source: ConnectionTable): string =>
  source.schema ? `${quotePg(source.schema)}.${quotePg(source.table)}` : quotePg(source.table);

/** A server-side cursor in a read-only transaction; every value as the server's text (no type parsing). */
async function readPostgres(url: string, source: ConnectionTable): Promise<Table> {
  checkColumns(source);
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  const relation = pgRelation(source);
  const asText = { getTypeParser: () => (value: string) => value };
  const rows: string[][] = [];
  try {
    await client.connect();
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(
      `DECLARE mamori_anonymize NO SCROLL CURSOR FOR SELECT ${source.columns.map(quotePg).join(', ')} FROM ${relation}`,
    );
    for (;;) {
      const batch = await client.query<unknown[]>({
        text: `FETCH ${BATCH} FROM mamori_anonymize`,
        rowMode: 'array',
        types: asText,
      } as pg.QueryArrayConfig);
      for (const r of batch.rows) {
        const out: string[] = new Array(r.length);
        for (let i = 0; i < r.length; i++) out[i] = text(r[i]);
        rows.push(out);
      }
      if (rows.length > MAX_CONNECTION_ROWS) throw tooMany(source);
      if (batch.rows.length < BATCH) break;
    }
    await client.query('COMMIT');
  } catch (error) {
    throw failed(source, error);
  } finally {
    await client.end().catch(() => {});
  }
  return { header: [...source.columns], rows };
}

/** A streamed query (rows arrive as the server sends them); dates and big numbers as text. */
async function readMysql(url: string, source: ConnectionTable): Promise<Table> {
  checkColumns(source);
  const mysql = (await import('mysql2')).default;
  const connection = mysql.createConnection({
    uri: url,
    connectTimeout: 5000,
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    rowsAsArray: true,
  });
  const rows: string[][] = [];
  try {
    const sql = `SELECT ${source.columns.map(quoteMy).join(', ')} FROM ${quoteMy(source.table)}`;
    const stream = connection.query(sql).stream({ highWaterMark: BATCH });
    for await (const r of stream as AsyncIterable<unknown[]>) {
      const out: string[] = new Array(r.length);
      for (let i = 0; i < r.length; i++) out[i] = text(r[i]);
      rows.push(out);
      if (rows.length > MAX_CONNECTION_ROWS) throw tooMany(source);
    }
  } catch (error) {
    throw failed(source, error);
  } finally {
    connection.destroy();
  }
  return { header: [...source.columns], rows };
}
