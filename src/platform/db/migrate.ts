import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { fromRoot } from '../paths.js';
import type { DatabaseHandle } from './connect.js';

export const migrationsDir = fromRoot('src', 'platform', 'db', 'migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const names = (await fs.readdir(dir)).filter((n) => /^\d{4}_[a-z0-9_]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(`${dir}/${name}`, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

// Any fixed number works; it only has to be the same for every Mamori process sharing a database.
const MIGRATION_LOCK = 7_246_617_001;

/**
 * Applies pending SQL migrations in name order, all in one transaction: a failure anywhere leaves the
 * database exactly as it was. Several processes starting at once on PostgreSQL queue on an advisory lock
 * and the later ones find nothing left to do. An applied file whose text has changed is refused:
 * migrations are history, a change is a new file.
 */
export async function migrate(handle: DatabaseHandle, migrations?: Migration[]): Promise<MigrationResult> {
  const all = migrations ?? (await readMigrations());
  return handle.scriptTransaction(async (exec) => {
    await exec(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await exec(`CREATE TABLE IF NOT EXISTS mamori_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await exec('SELECT name, checksum FROM mamori_migrations');
    const byName = new Map(done.map((row) => [String(row.name), String(row.checksum)]));
    const known = new Set(all.map((m) => m.name));
    for (const name of byName.keys()) {
      if (!known.has(name)) {
        throw new Error(
          `The database has migration ${name}, which this version of Mamori does not know: it is newer.`,
        );
      }
    }
    const applied: string[] = [];
    for (const m of all) {
      const checksum = byName.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        continue;
      }
      await exec(m.sql);
      await exec(`INSERT INTO mamori_migrations (name, checksum) VALUES ('${m.name}', '${m.checksum}')`);
      applied.push(m.name);
    }
    return { applied, alreadyApplied: all.length - applied.length };
  });
}
