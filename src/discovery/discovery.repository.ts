import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';
import type { ScanReport } from './db-scan.schema.js';

export type ScanStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ScanRow {
  id: string;
  status: ScanStatus;
  connections: string[];
  sample: number;
  requested_by: string | null;
  report: ScanReport | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  tables_done: number | null;
  tables_total: number | null;
}

/** A scan whose worker died is taken again after this long (job retries call run again). */
const STALE_MINUTES = 15;

/** The only SQL discovery runs against Mamori's own database. */
export class DiscoveryRepository {
  async insert(
    trx: Trx,
    row: Pick<ScanRow, 'id' | 'connections' | 'sample' | 'requested_by'>,
  ): Promise<void> {
    await trx
      .insertInto('discovery_scans')
      .values({ ...row, status: 'queued', connections: JSON.stringify(row.connections) })
      .execute();
  }

  async get(db: Db | Trx, id: string): Promise<ScanRow | undefined> {
    const row = await db.selectFrom('discovery_scans').selectAll().where('id', '=', id).executeTakeFirst();
    return row as ScanRow | undefined;
  }

  /** Marks a queued (or stale running) scan as running; false when another worker has it or it is done. */
  async claim(trx: Trx, id: string, now: Date): Promise<boolean> {
    const stale = new Date(now.getTime() - STALE_MINUTES * 60_000);
    const r = await trx
      .updateTable('discovery_scans')
      .set({ status: 'running', started_at: now })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb('started_at', '<', stale)]),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async finish(
    trx: Trx,
    id: string,
    result: { status: 'completed'; report: ScanReport } | { status: 'failed'; error: string },
    now: Date,
  ): Promise<void> {
    await trx
      .updateTable('discovery_scans')
      .set({
        status: result.status,
        report: result.status === 'completed' ? JSON.stringify(result.report) : null,
        error: result.status === 'failed' ? result.error : null,
        finished_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Tables sampled so far out of those planned (counts only), written while the scan runs. */
  async progress(db: Db, id: string, done: number, total: number): Promise<void> {
    await db
      .updateTable('discovery_scans')
      .set({ tables_done: done, tables_total: total })
      .where('id', '=', id)
      .execute();
  }

  async list(db: Db | Trx, limit: number): Promise<ScanRow[]> {
    const rows = await db
      .selectFrom('discovery_scans')
      .select([
        'id',
        'status',
        'connections',
        'sample',
        'requested_by',
        sql<null>`null`.as('report'),
        'error',
        'created_at',
        'started_at',
        'finished_at',
        'tables_done',
        'tables_total',
      ])
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows as ScanRow[];
  }
}
