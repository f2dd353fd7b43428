import type { Db, Trx } from '../platform/db/types.js';
import type { Bilingual } from './appi.rules.js';

/** The only SQL of anonymisation runs and their Art. 43 records. */

export interface RunRow {
  id: string;
  dataset: string;
  status: string;
  config: Record<string, unknown>;
  input_kind: string;
  report: Record<string, unknown> | null;
  items: Bilingual[] | null;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ProvisionRow {
  id: string;
  anonymization_id: string;
  recipient: string;
  methods: string[];
  provided_on: string;
  publication: Bilingual;
  notice: Bilingual;
  created_by: string | null;
  created_at: Date;
}

const RUN_COLUMNS = [
  'id',
  'dataset',
  'status',
  'config',
  'input_kind',
  'report',
  'items',
  'error',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
] as const;

export class AnonymizationRepository {
  async insertRun(
    trx: Trx,
    row: {
      id: string;
      dataset: string;
      config: Record<string, unknown>;
      input_kind: string;
      input_sealed: string;
      created_by: string;
    },
  ): Promise<void> {
    await trx
      .insertInto('anonymizations')
      .values({ ...row, status: 'queued', config: JSON.stringify(row.config) })
      .execute();
  }

  /** The newest runs first. */
  async list(db: Db, limit: number): Promise<RunRow[]> {
    return db
      .selectFrom('anonymizations')
      .select(RUN_COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async run(db: Db | Trx, id: string): Promise<RunRow | undefined> {
    return db.selectFrom('anonymizations').select(RUN_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /**
   * Takes a run for processing: queued ones, and running ones whose worker died (a job runs again after a
   * crash). Returns the sealed input, or undefined when the run is finished or gone.
   */
  async claim(trx: Trx, id: string, now: Date): Promise<{ input_sealed: string } | undefined> {
    const row = await trx
      .selectFrom('anonymizations')
      .select(['status', 'input_sealed'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row || (row.status !== 'queued' && row.status !== 'running') || row.input_sealed === null) {
      return undefined;
    }
    await trx
      .updateTable('anonymizations')
      .set({ status: 'running', started_at: now })
      .where('id', '=', id)
      .execute();
    return { input_sealed: row.input_sealed };
  }

  /** Finishes a run; the input is deleted in the same statement (kept only as long as needed). */
  async complete(
    trx: Trx,
    id: string,
    result: { result_sealed: string; report: Record<string, unknown>; items: Bilingual[] },
    now: Date,
  ): Promise<void> {
    await trx
      .updateTable('anonymizations')
      .set({
        status: 'completed',
        result_sealed: result.result_sealed,
        report: JSON.stringify(result.report),
        items: JSON.stringify(result.items),
        input_sealed: null,
        finished_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async fail(trx: Trx, id: string, error: string, now: Date): Promise<void> {
    await trx
      .updateTable('anonymizations')
      .set({ status: 'failed', error, input_sealed: null, finished_at: now })
      .where('id', '=', id)
      .execute();
  }

  async resultSealed(db: Db | Trx, id: string): Promise<string | null> {
    const row = await db
      .selectFrom('anonymizations')
      .select('result_sealed')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.result_sealed ?? null;
  }

  async insertProvision(trx: Trx, row: Omit<ProvisionRow, 'created_at'>): Promise<void> {
    await trx
      .insertInto('anonymization_provisions')
      .values({
        ...row,
        methods: JSON.stringify(row.methods),
        publication: JSON.stringify(row.publication),
        notice: JSON.stringify(row.notice),
      })
      .execute();
  }

  async provisions(db: Db | Trx, anonymizationId: string): Promise<ProvisionRow[]> {
    return db
      .selectFrom('anonymization_provisions')
      .selectAll()
      .where('anonymization_id', '=', anonymizationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
