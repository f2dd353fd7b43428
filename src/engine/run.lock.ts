import { sql } from 'kysely';
import type { Db } from '../platform/db/types.js';

/*
 * One holder per run at a time: two processes (or two requests) resuming the same interrupted run take
 * turns, so no step is applied by both. The second one in finds the run completed and replays its outcome.
 *
 * - PostgreSQL: a session-level advisory lock on a connection reserved for the run's duration. The
 *   server releases it when the session ends, so a holder killed with SIGKILL frees the run at once —
 *   a lease with an expiry would make every restart after a crash wait for it. A row lock
 *   (SELECT … FOR UPDATE) would need one transaction open for the whole run, which the journal's own
 *   committed steps must not be part of.
 * - PGlite: the embedded database is one session inside one process (advisory locks are re-entrant in
 *   a session, and no second process can open the same data directory), so a queue in this process is
 *   the whole lock.
 * Both paths also queue in-process per database handle, so one process never holds two sessions for one run.
 */

/** Advisory-lock namespace of engine runs (first key of the two-key form); the second is the run id's hash. */
const RUN_LOCK_NAMESPACE = 724_661_704;

const queues = new WeakMap<Db, Map<string, Promise<void>>>();
const embedded = new WeakMap<Db, Promise<boolean>>();

function isEmbedded(db: Db): Promise<boolean> {
  let known = embedded.get(db);
  if (!known) {
    known = sql<{ v: string }>`SELECT version() AS v`
      .execute(db)
      .then((r) => /PGlite/i.test(r.rows[0]?.v ?? ''));
    embedded.set(db, known);
  }
  return known;
}

/** Runs fn while holding run `runId`'s lock; waits for a current holder to finish first. */
export async function withRunLock<T>(db: Db, runId: string, fn: () => Promise<T>): Promise<T> {
  let byRun = queues.get(db);
  if (!byRun) {
    byRun = new Map();
    queues.set(db, byRun);
  }
  const previous = byRun.get(runId) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  byRun.set(runId, tail);
  await previous;
  try {
    if (await isEmbedded(db)) return await fn();
    return await db.connection().execute(async (session) => {
      await sql`SELECT pg_advisory_lock(${RUN_LOCK_NAMESPACE}, hashtext(${runId}))`.execute(session);
      try {
        return await fn();
      } finally {
        // If the session broke, the server has dropped the lock with it.
        await sql`SELECT pg_advisory_unlock(${RUN_LOCK_NAMESPACE}, hashtext(${runId}))`
          .execute(session)
          .catch(() => {});
      }
    });
  } finally {
    release();
    if (byRun.get(runId) === tail) byRun.delete(runId);
  }
}
