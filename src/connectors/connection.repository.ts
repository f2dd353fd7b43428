import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';

export interface ConnectionRow {
  key: string;
  type: string;
  url_sealed: string;
  read_only: boolean;
  key_prefix: string | null;
}

/** Stored connections to the company's stores; the URL (credentials) is only ever held sealed. */
export class ConnectionRepository {
  async upsert(trx: Trx, row: ConnectionRow): Promise<void> {
    await trx
      .insertInto('connections')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          type: row.type,
          url_sealed: row.url_sealed,
          read_only: row.read_only,
          key_prefix: row.key_prefix,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute();
  }

  list(db: Db | Trx): Promise<ConnectionRow[]> {
    return db
      .selectFrom('connections')
      .select(['key', 'type', 'url_sealed', 'read_only', 'key_prefix'])
      .orderBy('key')
      .execute();
  }

  async remove(trx: Trx, key: string): Promise<boolean> {
    const r = await trx.deleteFrom('connections').where('key', '=', key).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
