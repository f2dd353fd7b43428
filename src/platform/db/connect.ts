import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

/** Runs SQL text, possibly several statements; resolves to the rows of the last statement. */
export type ScriptExec = (sql: string) => Promise<Record<string, unknown>[]>;
/** Runs multi-statement SQL (migration files) inside one transaction on one session. */
export type ScriptTransaction = <T>(fn: (exec: ScriptExec) => Promise<T>) => Promise<T>;

export interface DatabaseHandle {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Kysely<Database>;
  readonly scriptTransaction: ScriptTransaction;
  /** Present only on PostgreSQL: the pool that graphile-worker shares. */
  readonly pgPool: pg.Pool | undefined;
  /** Where the embedded database keeps its files (PGlite only). */
  readonly dataDir: string | undefined;
  /** PGlite only: a gzipped tarball of the data directory (test templates, backups). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

// Both engines return int8 (counts, sequence numbers) as JavaScript numbers; they stay below 2^53 here.
const INT8_OID = 20;
const parseInt8 = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
};

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `memory://` for a throw-away database. */
  dataDir: string;
  /** A tarball of an initialised PGlite data directory to start a new one from (skips initdb). */
  template?: Blob | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options);
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  // Loaded only in this mode: the embedded mode's resident memory matters (idle RSS target).
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const client = await pool.connect();
  client.release();
  return {
    kind: 'postgres',
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    pgPool: pool,
    dataDir: undefined,
    async scriptTransaction(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn(async (sql) => {
          const res: pg.QueryResult | pg.QueryResult[] = await conn.query(sql);
          return Array.isArray(res) ? (res.at(-1)?.rows ?? []) : res.rows;
        });
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        conn.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(options: OpenOptions): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const inMemory = options.dataDir.startsWith('memory://');
  const loadDataDir = inMemory ? options.template : undefined;
  if (!inMemory) {
    await fs.mkdir(options.dataDir, { recursive: true });
    const initialised = await exists(path.join(options.dataDir, 'PG_VERSION'));
    if (!initialised && options.template) await unpackTemplate(options.template, options.dataDir);
  }
  const client: PGlite = await PGlite.create({
    dataDir: options.dataDir,
    ...(loadDataDir && { loadDataDir }),
    parsers: { [INT8_OID]: parseInt8 },
    // PostgreSQL's default 128 MB of shared buffers is most of PGlite's resident memory; a privacy office's
    // register and logs are served well by 16 MB (measured: 321 → 194 MB RSS for the database alone).
    postgresqlconf: ['shared_buffers=16MB'],
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    pgPool: undefined,
    dataDir: inMemory ? undefined : options.dataDir,
    async scriptTransaction(fn) {
      // Through Kysely's connection so that the script waits its turn on the single embedded session.
      return db
        .connection()
        .execute(async () =>
          client.transaction(async (tx) =>
            fn(async (sql) => ((await tx.exec(sql)).at(-1)?.rows ?? []) as Record<string, unknown>[]),
          ),
        );
    },
    async dumpDataDir() {
      return db.connection().execute(async () => client.dumpDataDir('gzip'));
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Unpacks an initialised data directory into `dir`. Done here rather than through PGlite's loadDataDir, which
 * keeps ~120 MB more resident for the life of the process. PG_VERSION, the mark of an initialised directory, is
 * moved in last, so a crash half-way leaves a directory that the next start unpacks again.
 */
async function unpackTemplate(template: Blob, dir: string): Promise<void> {
  const { x } = await import('tar');
  const staging = path.join(dir, `.template-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging);
  await pipeline(Readable.from(Buffer.from(await template.arrayBuffer())), x({ cwd: staging, gzip: true }));
  const entries = (await fs.readdir(staging)).sort(
    (a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'),
  );
  for (const entry of entries) {
    await fs.rm(path.join(dir, entry), { recursive: true, force: true });
    await fs.rename(path.join(staging, entry), path.join(dir, entry));
  }
  await fs.rm(staging, { recursive: true, force: true });
}

async function exists(file: string): Promise<boolean> {
  return fs
    .stat(file)
    .then(() => true)
    .catch(() => false);
}
