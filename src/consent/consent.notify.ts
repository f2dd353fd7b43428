import { sql } from 'kysely';
import type pg from 'pg';
import type { Trx } from '../platform/db/types.js';

/**
 * Cross-process eviction of cached consent state (PostgreSQL LISTEN/NOTIFY). Every transaction that changes
 * a subject's state notifies the subject keys; PostgreSQL delivers the notification to every listening
 * process only if and when that transaction commits. A process that is not listening (not yet connected,
 * or connection lost) does not serve state from its cache at all, and empties it when it listens again,
 * so a missed notification cannot leave a stale entry behind.
 */
export const CONSENT_CHANNEL = 'mamori_consent';

/** Keys per notification: 100 × 65 bytes stays under PostgreSQL's 8,000-byte payload limit. */
const PER_NOTIFICATION = 100;

/** Queues the notification of `keys` in the caller's transaction (sent at commit). */
export async function notifyChanged(trx: Trx, origin: string, keys: Iterable<string>): Promise<void> {
  const all = [...new Set(keys)];
  for (let i = 0; i < all.length; i += PER_NOTIFICATION)
    await sql`SELECT pg_notify(${CONSENT_CHANNEL}, ${`${origin} ${all.slice(i, i + PER_NOTIFICATION).join(' ')}`})`.execute(
      trx,
    );
}

/** Parses a notification payload: the sending process's id, then the keys. */
export function parseNotification(payload: string): { origin: string; keys: string[] } {
  const [origin = '', ...keys] = payload.split(' ');
  return { origin, keys: keys.filter((k) => k.length > 0) };
}

export interface Listener {
  readonly listening: boolean;
  close(): Promise<void>;
}

/**
 * Listens on its own connection (a LISTEN holds its session, so not one of the pool's), reconnecting after
 * a loss; `onReset` runs whenever listening starts again (the cache must forget what it may have missed).
 */
export function listenForChanges(
  pool: pg.Pool,
  onKeys: (origin: string, keys: string[]) => void,
  onReset: () => void,
): Listener {
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const { default: pgModule } = await import('pg');
    const c = new pgModule.Client(pool.options);
    client = c;
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      listening = false;
      c.removeAllListeners('notification');
      c.end().catch(() => {});
      if (!closed && client === c) retry = setTimeout(() => void connect(), 1000);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel !== CONSENT_CHANNEL || !n.payload) return;
      const { origin, keys } = parseNotification(n.payload);
      onKeys(origin, keys);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CONSENT_CHANNEL}`);
      if (closed) return void (await c.end().catch(() => {}));
      onReset();
      listening = true;
    } catch {
      lost();
    }
  };
  void connect();

  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      listening = false;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
