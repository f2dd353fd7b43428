import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/connect.js';
import { withAdminClient, withDatabase } from './postgres.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The URL of this test's own database (PostgreSQL mode), for child processes such as the CLI. */
  url: string | undefined;
  drop(): Promise<void>;
}

export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

/** A fresh, migrated database of the mode under test, isolated from every other test. */
export async function testDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `mamori_t_${randomBytes(6).toString('hex')}`;
    await withAdminClient(base, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`));
    const url = withDatabase(base, name);
    const handle = await openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 5 });
    return {
      handle,
      url,
      async drop() {
        await handle.close().catch(() => {});
        await withAdminClient(base, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  }
  const template = new Blob([await fs.readFile(inject('pgliteTemplate'))]);
  const handle = await openDatabase({ dataDir: 'memory://', template });
  return { handle, url: undefined, drop: () => handle.close() };
}

/** The template tarball (PGlite mode), for tests that start a server process on a data directory. */
export const pgliteTemplatePath = (): string => inject('pgliteTemplate');
