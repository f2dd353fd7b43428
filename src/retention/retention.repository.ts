import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';

/** The only SQL retention runs against Mamori's own database. */

export interface HoldRow {
  id: string;
  scope: Record<string, unknown>;
  value_sealed: string | null;
  reason: string;
  statute: string | null;
  period: Record<string, number> | null;
  citation: { ja: string; en: string } | null;
  note: string | null;
  created_by: string | null;
  created_at: Date;
  released_at: Date | null;
}

export interface SweepRow {
  id: string;
  status: string;
  as_of: string;
  trigger: string;
  plan: unknown[];
  total_due: number;
  requested_by: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  certificate: Record<string, unknown> | null;
  certificate_sha256: string | null;
  error: string | null;
}

export interface BatchRow {
  node: string;
  batch_no: number;
  status: string;
  run_id: string | null;
  last_key: unknown;
  rows: number;
  child_rows: Record<string, number>;
}

export interface Settings {
  approvalThreshold: number;
  autoRunSmall: boolean;
  batchSize: number;
}

const SWEEP_COLUMNS = [
  'id',
  'status',
  'as_of',
  'trigger',
  'plan',
  'total_due',
  'requested_by',
  'approved_by',
  'approved_at',
  'started_at',
  'finished_at',
  'certificate',
  'certificate_sha256',
  'error',
] as const;

export class RetentionRepository {
  async insertHold(trx: Trx, row: Omit<HoldRow, 'created_at' | 'released_at'>): Promise<void> {
    await trx
      .insertInto('retention_holds')
      .values({
        ...row,
        scope: JSON.stringify(row.scope),
        period: row.period ? JSON.stringify(row.period) : null,
        citation: row.citation ? JSON.stringify(row.citation) : null,
      })
      .execute();
  }

  async releaseHold(trx: Trx, id: string, by: string | null, at: Date): Promise<boolean> {
    const r = await trx
      .updateTable('retention_holds')
      .set({ released_at: at, released_by: by })
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  holds(db: Db | Trx, includeReleased: boolean): Promise<HoldRow[]> {
    let q = db
      .selectFrom('retention_holds')
      .select([
        'id',
        'scope',
        'value_sealed',
        'reason',
        'statute',
        'period',
        'citation',
        'note',
        'created_by',
        'created_at',
        'released_at',
      ])
      .orderBy('created_at');
    if (!includeReleased) q = q.where('released_at', 'is', null);
    return q.execute();
  }

  async settings(db: Db | Trx): Promise<Settings> {
    const r = await db
      .selectFrom('retention_settings')
      .select(['approval_threshold', 'auto_run_small', 'batch_size'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return {
      approvalThreshold: Number(r.approval_threshold),
      autoRunSmall: r.auto_run_small,
      batchSize: r.batch_size,
    };
  }

  async saveSettings(trx: Trx, s: Settings): Promise<void> {
    await trx
      .updateTable('retention_settings')
      .set({
        approval_threshold: s.approvalThreshold,
        auto_run_small: s.autoRunSmall,
        batch_size: s.batchSize,
        updated_at: new Date(),
      })
      .where('id', '=', 1)
      .execute();
  }

  async insertSweep(
    trx: Trx,
    row: Pick<SweepRow, 'id' | 'status' | 'as_of' | 'trigger' | 'plan' | 'total_due' | 'requested_by'> &
      Partial<Pick<SweepRow, 'approved_by' | 'approved_at'>>,
  ): Promise<void> {
    await trx
      .insertInto('retention_sweeps')
      .values({ ...row, plan: JSON.stringify(row.plan) })
      .execute();
  }

  getSweep(db: Db | Trx, id: string): Promise<SweepRow | undefined> {
    return db.selectFrom('retention_sweeps').select(SWEEP_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  sweeps(db: Db | Trx, status: string | undefined, limit: number): Promise<SweepRow[]> {
    let q = db
      .selectFrom('retention_sweeps')
      .select(SWEEP_COLUMNS)
      .orderBy('created_at', 'desc')
      .limit(limit);
    if (status) q = q.where('status', '=', status);
    return q.execute();
  }

  async approve(trx: Trx, id: string, by: string, at: Date): Promise<boolean> {
    const r = await trx
      .updateTable('retention_sweeps')
      .set({ status: 'approved', approved_by: by, approved_at: at })
      .where('id', '=', id)
      .where('status', '=', 'awaiting_approval')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Claims a sweep for one process: approved ones, and running ones whose claim is older than the lease
   * (their process died). Two workers never run one sweep at the same time.
   */
  async claim(db: Db, id: string, at: Date, leaseMinutes: number): Promise<boolean> {
    const stale = new Date(at.getTime() - leaseMinutes * 60_000);
    const r = await db
      .updateTable('retention_sweeps')
      .set({ status: 'running', claimed_at: at, started_at: sql<Date>`COALESCE(started_at, ${at})` })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'approved'),
          eb.and([eb('status', '=', 'running'), eb('claimed_at', '<', stale)]),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Keeps a running sweep's claim fresh between batches. */
  async renewClaim(db: Db, id: string, at: Date): Promise<void> {
    await db.updateTable('retention_sweeps').set({ claimed_at: at }).where('id', '=', id).execute();
  }

  async finishSweep(
    trx: Trx,
    id: string,
    done: {
      status: 'completed' | 'failed';
      at: Date;
      certificate?: Record<string, unknown>;
      sha256?: string;
      error?: string;
    },
  ): Promise<void> {
    await trx
      .updateTable('retention_sweeps')
      .set({
        status: done.status,
        finished_at: done.at,
        certificate: done.certificate ? JSON.stringify(done.certificate) : null,
        certificate_sha256: done.sha256 ?? null,
        error: done.error ?? null,
      })
      .where('id', '=', id)
      .execute();
  }

  batches(db: Db | Trx, sweepId: string, node: string): Promise<BatchRow[]> {
    return db
      .selectFrom('retention_batches')
      .select(['node', 'batch_no', 'status', 'run_id', 'last_key', 'rows', 'child_rows'])
      .where('sweep_id', '=', sweepId)
      .where('node', '=', node)
      .orderBy('batch_no')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, rows: Number(r.rows) })));
  }

  async startBatch(db: Db, sweepId: string, b: Pick<BatchRow, 'node' | 'batch_no' | 'run_id' | 'last_key'>) {
    await db
      .insertInto('retention_batches')
      .values({ sweep_id: sweepId, ...b, status: 'running', last_key: JSON.stringify(b.last_key) })
      .execute();
  }

  async finishBatch(
    db: Db,
    sweepId: string,
    b: Pick<BatchRow, 'node' | 'batch_no' | 'rows' | 'child_rows'>,
  ): Promise<void> {
    await db
      .updateTable('retention_batches')
      .set({ status: 'done', rows: b.rows, child_rows: JSON.stringify(b.child_rows), done_at: new Date() })
      .where('sweep_id', '=', sweepId)
      .where('node', '=', b.node)
      .where('batch_no', '=', b.batch_no)
      .execute();
  }

  async dropBatch(db: Db, sweepId: string, node: string, batchNo: number): Promise<void> {
    await db
      .deleteFrom('retention_batches')
      .where('sweep_id', '=', sweepId)
      .where('node', '=', node)
      .where('batch_no', '=', batchNo)
      .execute();
  }

  /**
   * The engine journals the rows it read, sealed, so that a killed run can resume. Once a retention batch
   * is finished, that copy of the expired data is exactly what retention exists to remove: it is deleted
   * (the run row with its summary stays, so a replay still finds the run completed).
   */
  async purgeEngineSteps(db: Db, runId: string): Promise<void> {
    await db.deleteFrom('engine_steps').where('run_id', '=', runId).execute();
  }

  // ---- erasure-request certificates ----

  /** The engine's stored outcome of a run (its summary without personal data), read in the caller's transaction. */
  engineRun(trx: Trx, runId: string) {
    return trx
      .selectFrom('engine_runs')
      .select(['id', 'kind', 'status', 'result', 'created_at', 'completed_at'])
      .where('id', '=', runId)
      .executeTakeFirst();
  }

  /** The organisation as the register names it (the register's singleton row), in the caller's transaction. */
  async organisationName(trx: Trx): Promise<string | undefined> {
    const row = await trx
      .selectFrom('register_entities')
      .select('doc')
      .where('list', '=', 'organisation')
      .executeTakeFirst();
    return (row?.doc as { name?: { ja?: string; en?: string } } | undefined)?.name?.ja;
  }

  /** One certificate per request: a replayed approval finds it already there (false). */
  async insertCertificate(
    trx: Trx,
    row: { id: string; request_id: string; run_id: string; certificate: unknown; sha256: string },
  ): Promise<boolean> {
    const r = await trx
      .insertInto('retention_certificates')
      .values({ ...row, kind: 'erasure_request', certificate: JSON.stringify(row.certificate) })
      .onConflict((oc) => oc.column('request_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** By certificate id or by request id. */
  certificateOf(db: Db | Trx, id: string) {
    return db
      .selectFrom('retention_certificates')
      .select(['id', 'request_id', 'run_id', 'certificate', 'sha256', 'created_at'])
      .where((eb) => eb.or([eb('id', '=', id), eb('request_id', '=', id)]))
      .executeTakeFirst();
  }

  certificates(db: Db | Trx, limit: number) {
    return db
      .selectFrom('retention_certificates')
      .select(['id', 'request_id', 'sha256', 'created_at'])
      .select(sql<string>`certificate->>'reference'`.as('reference'))
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }
}
