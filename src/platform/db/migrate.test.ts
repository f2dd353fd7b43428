import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/db.js';
import { type Migration, migrate, readMigrations } from './migrate.js';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await testDatabase();
});
afterAll(() => tdb.drop());

const extra = (name: string, sql: string): Migration => ({
  name,
  sql,
  checksum: `sum-${sql.length}-${name}`,
});

describe('migrations', () => {
  it('are all applied to a test database and applying again does nothing', async () => {
    const all = await readMigrations();
    expect(all.length).toBeGreaterThan(0);
    const again = await migrate(tdb.handle);
    expect(again).toEqual({ applied: [], alreadyApplied: all.length });
  });

  it('apply a new file with its statements, all or nothing', async () => {
    const all = await readMigrations();
    const broken = extra('9998_broken', 'CREATE TABLE t_ok (id int); CREATE TABLE t_bad (id nosuchtype);');
    await expect(migrate(tdb.handle, [...all, broken])).rejects.toThrow();
    const exists = await tdb.handle.db
      .selectFrom('mamori_migrations')
      .select('name')
      .where('name', '=', '9998_broken')
      .execute();
    expect(exists).toEqual([]);
    const good = extra('9999_good', 'CREATE TABLE t_good (id int); INSERT INTO t_good VALUES (1);');
    expect((await migrate(tdb.handle, [...all, good])).applied).toEqual(['9999_good']);
  });

  it('refuses a changed migration and a database from a newer version', async () => {
    const all = await readMigrations();
    const good = extra('9999_good', 'CREATE TABLE t_good (id int); INSERT INTO t_good VALUES (1);');
    const tampered = all.map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await expect(migrate(tdb.handle, [...tampered, good])).rejects.toThrow(
      /was changed after it was applied/,
    );
    await expect(migrate(tdb.handle, all)).rejects.toThrow(/9999_good.*newer/);
  });

  it('lets several processes migrate at once: exactly one applies a new file', async () => {
    const all = (await readMigrations()).concat(
      extra('9999_good', 'CREATE TABLE t_good (id int); INSERT INTO t_good VALUES (1);'),
    );
    const fresh = extra('9999_zz_conc', 'CREATE TABLE t_conc (id int);');
    // On PostgreSQL the pool runs these on separate connections, queued by the advisory lock.
    const results = await Promise.all([1, 2, 3].map(() => migrate(tdb.handle, [...all, fresh])));
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 1]);
  });
});
