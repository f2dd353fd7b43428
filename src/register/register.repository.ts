import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';

export interface EntityRow {
  list: string;
  key: string;
  position: number;
  doc: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

export interface HistoryEntry {
  list: string;
  key: string;
  version: number;
  change: 'created' | 'updated' | 'deleted';
  via: 'api' | 'import';
  doc: unknown;
  changedAt: Date;
  changedBy: string;
}

// Any fixed number; every register writer takes it so that imports and single edits never interleave.
const REGISTER_LOCK = 7_246_617_002;

const COLUMNS = [
  'list',
  'key',
  'position',
  'doc',
  'version',
  'created_at',
  'updated_at',
  'updated_by',
] as const;

function toRow(r: {
  list: string;
  key: string;
  position: number;
  doc: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
  updated_by: string;
}): EntityRow {
  return {
    list: r.list,
    key: r.key,
    position: r.position,
    doc: r.doc,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** The only code that runs SQL for the register. */
export class RegisterRepository {
  /** Serialises register writers (PostgreSQL: across processes) for the rest of the transaction. */
  async lock(trx: Trx): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${sql.lit(REGISTER_LOCK)})`.execute(trx);
  }

  async all(db: Db | Trx): Promise<EntityRow[]> {
    const rows = await db
      .selectFrom('register_entities')
      .select(COLUMNS)
      .orderBy('list')
      .orderBy('position')
      .execute();
    return rows.map(toRow);
  }

  async list(db: Db | Trx, list: string): Promise<EntityRow[]> {
    const rows = await db
      .selectFrom('register_entities')
      .select(COLUMNS)
      .where('list', '=', list)
      .orderBy('position')
      .execute();
    return rows.map(toRow);
  }

  async get(db: Db | Trx, list: string, key: string): Promise<EntityRow | undefined> {
    const row = await db
      .selectFrom('register_entities')
      .select(COLUMNS)
      .where('list', '=', list)
      .where('key', '=', key)
      .executeTakeFirst();
    return row && toRow(row);
  }

  async nextPosition(trx: Trx, list: string): Promise<number> {
    const row = await trx
      .selectFrom('register_entities')
      .select(sql<number>`coalesce(max(position) + 1, 0)::int4`.as('next'))
      .where('list', '=', list)
      .executeTakeFirst();
    return row?.next ?? 0;
  }

  async insert(trx: Trx, row: EntityRow): Promise<void> {
    await trx
      .insertInto('register_entities')
      .values({
        list: row.list,
        key: row.key,
        position: row.position,
        doc: JSON.stringify(row.doc),
        version: row.version,
        created_at: row.createdAt,
        updated_at: row.updatedAt,
        updated_by: row.updatedBy,
      })
      .execute();
  }

  async update(
    trx: Trx,
    row: Pick<EntityRow, 'list' | 'key' | 'doc' | 'version' | 'updatedAt' | 'updatedBy'> & {
      position?: number;
    },
  ): Promise<void> {
    await trx
      .updateTable('register_entities')
      .set({
        doc: JSON.stringify(row.doc),
        version: row.version,
        updated_at: row.updatedAt,
        updated_by: row.updatedBy,
        ...(row.position !== undefined && { position: row.position }),
      })
      .where('list', '=', row.list)
      .where('key', '=', row.key)
      .execute();
  }

  async delete(trx: Trx, list: string, key: string): Promise<void> {
    await trx.deleteFrom('register_entities').where('list', '=', list).where('key', '=', key).execute();
  }

  async appendHistory(trx: Trx, entries: readonly HistoryEntry[]): Promise<void> {
    // Chunked: one statement per few hundred rows keeps every parameter list well under PostgreSQL's limit.
    for (let i = 0; i < entries.length; i += 500) {
      await trx
        .insertInto('register_entity_history')
        .values(
          entries.slice(i, i + 500).map((e) => ({
            list: e.list,
            key: e.key,
            version: e.version,
            change: e.change,
            via: e.via,
            doc: e.doc === undefined ? null : JSON.stringify(e.doc),
            changed_at: e.changedAt,
            changed_by: e.changedBy,
          })),
        )
        .execute();
    }
  }

  async history(db: Db | Trx, list: string, key: string): Promise<HistoryEntry[]> {
    const rows = await db
      .selectFrom('register_entity_history')
      .select(['list', 'key', 'version', 'change', 'via', 'doc', 'changed_at', 'changed_by'])
      .where('list', '=', list)
      .where('key', '=', key)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      list: r.list,
      key: r.key,
      version: r.version,
      change: r.change,
      via: r.via,
      doc: r.doc ?? undefined,
      changedAt: r.changed_at,
      changedBy: r.changed_by,
    }));
  }

  /** The highest version an entity ever had, also after deletion, so that a re-created entity continues it. */
  async lastVersion(db: Db | Trx, list: string, key: string): Promise<number> {
    const row = await db
      .selectFrom('register_entity_history')
      .select(sql<number>`coalesce(max(version), 0)::int4`.as('v'))
      .where('list', '=', list)
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.v ?? 0;
  }

  async lastVersions(db: Db | Trx): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('register_entity_history')
      .select(['list', 'key', sql<number>`max(version)::int4`.as('v')])
      .groupBy(['list', 'key'])
      .execute();
    return new Map(rows.map((r) => [`${r.list}\u0000${r.key}`, r.v]));
  }
}
