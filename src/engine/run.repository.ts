import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';

export interface RunRow {
  id: string;
  kind: string;
  status: string;
  spec_sealed: string;
  plan: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
}

export interface StepRow {
  step: string;
  node: string | null;
  payload_sealed: string;
  counts: Record<string, number>;
}

/** The run journal: the only SQL the engine runs against Mamori's own database. */
export class RunRepository {
  async insertRun(
    trx: Trx,
    run: { id: string; kind: string; specSealed: string; plan: Record<string, unknown> },
  ): Promise<void> {
    await trx
      .insertInto('engine_runs')
      .values({
        id: run.id,
        kind: run.kind,
        status: 'running',
        spec_sealed: run.specSealed,
        plan: JSON.stringify(run.plan),
      })
      .execute();
  }

  getRun(db: Db | Trx, id: string): Promise<RunRow | undefined> {
    return db
      .selectFrom('engine_runs')
      .select(['id', 'kind', 'status', 'spec_sealed', 'plan', 'result', 'error'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  steps(db: Db | Trx, runId: string): Promise<StepRow[]> {
    return db
      .selectFrom('engine_steps')
      .select(['step', 'node', 'payload_sealed', 'counts'])
      .where('run_id', '=', runId)
      .orderBy('done_at')
      .execute();
  }

  /** Returns false when the step was already recorded (a second process got there first). */
  async insertStep(trx: Trx, runId: string, step: StepRow): Promise<boolean> {
    const r = await trx
      .insertInto('engine_steps')
      .values({
        run_id: runId,
        step: step.step,
        node: step.node,
        payload_sealed: step.payload_sealed,
        counts: JSON.stringify(step.counts),
      })
      .onConflict((oc) => oc.columns(['run_id', 'step']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async finishRun(
    trx: Trx,
    id: string,
    status: 'completed' | 'failed',
    result: Record<string, unknown> | null,
    error: string | null,
  ): Promise<void> {
    await trx
      .updateTable('engine_runs')
      .set({
        status,
        result: result === null ? null : JSON.stringify(result),
        error,
        updated_at: sql<Date>`now()`,
        ...(status === 'completed' && { completed_at: sql<Date>`now()` }),
      })
      .where('id', '=', id)
      .execute();
  }

  async markRunning(trx: Trx, id: string): Promise<void> {
    await trx
      .updateTable('engine_runs')
      .set({ status: 'running', error: null, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }
}
