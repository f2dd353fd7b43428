import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { templateDatabaseName, withAdminClient, withDatabase } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite mode: a tarball of a migrated data directory that every test database starts from. */
    pgliteTemplate: string;
    /** PostgreSQL mode: the migrated template database that test databases are cloned from. */
    pgTemplate: string;
  }
}

/**
 * Pays for initdb and the migrations once per run. Each test file then starts from a copy: a PGlite
 * tarball loaded in memory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL (immich's habit).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateDatabaseName();
    await withAdminClient(url, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${template}`);
    });
    const handle = await openDatabase({ databaseUrl: withDatabase(url, template), dataDir: 'unused' });
    await migrate(handle);
    await handle.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      await withAdminClient(url, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      });
    };
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mamori-test-'));
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle);
  const file = path.join(dir, 'template.tar.gz');
  const dump = await handle.dumpDataDir?.();
  if (!dump) throw new Error('The embedded database cannot be dumped');
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
  };
}
