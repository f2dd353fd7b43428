import { randomBytes } from 'node:crypto';
import type { ConnectionSpec } from '../connectors/connections.schema.js';
import type { Connector, DueQuery, Row } from '../connectors/connector.js';
import type { FidesDataset, FidesField } from '../datasets/dataset.schema.js';
import type { RunSpec } from '../engine/engine.schema.js';
import type { ExecuteOptions, ExecuteResult } from '../engine/run.service.js';
import { addDays, type CalendarDate } from '../laws/date.js';
import type { Actor } from '../platform/audit/audit.schema.js';
import type { Db } from '../platform/db/types.js';
import { generaliseValue } from './anonymise.rules.js';
import { RETENTION_UTC_OFFSET } from './retention.dates.js';
import type { RetentionRepository } from './retention.repository.js';
import { type CollectionPlan, conditionsFor } from './retention.rules.js';
import type { CollectionReport } from './retention.schema.js';

/*
 * Executes a sweep's plan against the company's stores. The store finds the due rows itself (one keyset-
 * paged statement per collection); erasure goes through the engine (masking settings, children reached by
 * references, its journal and verification); anonymisation writes generalised values set-based per page.
 */

/** The identity type that seeds the engine at the expired collection's key: the "person" is the row. */
export const RETENTION_IDENTITY = 'mamori_retention_key';

export class SweepError extends Error {
  override readonly name = 'SweepError';
}

export function dueQuery(
  plan: CollectionPlan,
  today: CalendarDate,
  options: { holds?: boolean; pending?: boolean } = {},
): DueQuery {
  return {
    location: plan.location,
    keyField: plan.keyField ?? '',
    conditions: conditionsFor(plan, today),
    utcOffset: RETENTION_UTC_OFFSET,
    ...(options.pending !== false && plan.pending.length > 0 && { pending: plan.pending }),
    ...(options.holds !== false && { exclude: plan.exclude }),
  };
}

function sqlPort(connector: Connector | undefined, plan: CollectionPlan) {
  if (!connector) throw new SweepError(`Dataset ${plan.dataset} has no connection.`);
  const { findDue, countDue, explainDue } = connector;
  if (!findDue || !countDue || !explainDue)
    throw new SweepError(
      `Connection ${connector.key} (${connector.type}) cannot evaluate retention in the store.`,
    );
  return {
    findDue: findDue.bind(connector),
    countDue: countDue.bind(connector),
    explainDue: explainDue.bind(connector),
  };
}

/** The dry run's view of one collection: due now / in 30 / in 90 days, and what holds keep back. */
export async function reportCollection(
  plan: CollectionPlan,
  connector: Connector | undefined,
  today: CalendarDate,
): Promise<CollectionReport> {
  const holds = [
    ...plan.blockedBy.map((h) => ({
      id: h.id,
      reason: h.reason,
      effect: 'blocks the collection',
      kind: 'blocks' as const,
    })),
    ...plan.lengthenedBy.map((h) => ({
      id: h.id,
      reason: h.reason,
      effect: `keeps rows at least ${JSON.stringify(h.period)}`,
      kind: 'lengthens' as const,
      period: h.period ?? undefined,
    })),
    ...Object.keys(plan.exclude).map((field) => ({
      id: `person:${field}`,
      reason: 'litigation' as const,
      effect: `keeps ${plan.exclude[field]?.length ?? 0} person(s) by ${field}`,
      kind: 'persons' as const,
      field,
      persons: plan.exclude[field]?.length ?? 0,
    })),
  ];
  const base = {
    collection: plan.node,
    system: plan.systems,
    rules: plan.rules,
    action: plan.action,
    chains: plan.chains.map((c) => c.fields),
    cutoffs: conditionsFor(plan, today).map((c) => c.beforeDay),
    holds,
  };
  if (plan.skipped) {
    return { ...base, due: { now: 0, in30: 0, in90: 0 }, heldRows: 0, statement: '', skipped: plan.skipped };
  }
  const port = sqlPort(connector, plan);
  const now = await port.countDue(dueQuery(plan, today));
  const in30 = await port.countDue(dueQuery(plan, addDays(today, 30)));
  const in90 = await port.countDue(dueQuery(plan, addDays(today, 90)));
  const unheld = await port.countDue(dueQuery(plan, today, { holds: false }));
  const blocked = plan.blockedBy.length > 0;
  return {
    ...base,
    due: blocked ? { now: 0, in30: 0, in90: 0 } : { now, in30, in90 },
    heldRows: blocked ? unheld : unheld - now,
    statement: port.explainDue(dueQuery(plan, today)),
    skipped: blocked ? 'held' : null,
  };
}

const stripIdentity = (f: FidesField, seed: boolean, downward: boolean): FidesField => {
  const meta = f.fides_meta ? { ...f.fides_meta } : undefined;
  if (meta) delete meta.identity;
  // References declared on the expired collection point at its parents: with no direction they would be
  // followed both ways and erase the parent (the customer of an expired order). Followed downward only.
  if (meta?.references && downward)
    meta.references = meta.references.map((r) => (r.direction ? r : { ...r, direction: 'from' }));
  const next: FidesField = { ...f, ...(meta && { fides_meta: meta }) };
  if (seed) next.fides_meta = { ...(meta ?? {}), identity: RETENTION_IDENTITY };
  return next;
};

/** The register's datasets as the engine must see them for one expired collection: seeded at its key. */
export function engineDatasets(datasets: readonly FidesDataset[], plan: CollectionPlan): FidesDataset[] {
  return datasets.map((d) => ({
    ...d,
    collections: d.collections.map((c) => {
      const root = d.fides_key === plan.dataset && c.name === plan.collection;
      return { ...c, fields: c.fields.map((f) => stripIdentity(f, root && f.name === plan.keyField, root)) };
    }),
  }));
}

export interface SweepDeps {
  db: Db;
  repo: RetentionRepository;
  connectors: ReadonlyMap<string, Connector>;
  connectionSpecs: Record<string, ConnectionSpec>;
  datasets: readonly FidesDataset[];
  engine: { execute(options: ExecuteOptions): Promise<ExecuteResult> };
  batchSize: number;
  actor: Actor;
  /** Test hook after every side effect ("kill me here"). */
  checkpoint?: ((label: string) => void) | undefined;
  /** Called between pages (keeps the sweep's claim fresh). */
  heartbeat?: (() => Promise<void>) | undefined;
}

export interface SweptCollection {
  rows: number;
  childRows: Record<string, number>;
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

function engineCounts(result: ExecuteResult, root: string): SweptCollection {
  const childRows: Record<string, number> = {};
  let rows = 0;
  for (const [node, c] of Object.entries(result.collections)) {
    if (c.action !== 'mask' && c.action !== 'delete') continue;
    if (node === root) rows = c.rows;
    else childRows[node] = c.rows;
  }
  return { rows, childRows };
}

/** Sweeps one collection, resuming after the last finished page of an earlier, interrupted attempt. */
export async function sweepCollection(
  sweepId: string,
  plan: CollectionPlan,
  today: CalendarDate,
  deps: SweepDeps,
): Promise<SweptCollection> {
  const port = sqlPort(deps.connectors.get(plan.dataset), plan);
  const key = plan.keyField as string;
  const total: SweptCollection = { rows: 0, childRows: {} };
  let cursor: unknown;
  let batchNo = 0;
  for (const b of await deps.repo.batches(deps.db, sweepId, plan.node)) {
    if (b.status === 'running') {
      const finished = await finishInterrupted(sweepId, plan, b.batch_no, b.run_id, deps);
      if (!finished) break;
      Object.assign(b, { rows: finished.rows, child_rows: finished.childRows });
    } else if (b.run_id !== null) {
      // Killed between finishing the page and purging the engine's sealed copy of its rows: purge now.
      await deps.repo.purgeEngineSteps(deps.db, b.run_id);
    }
    total.rows += b.rows;
    add(total.childRows, b.child_rows);
    cursor = b.last_key;
    batchNo = b.batch_no + 1;
  }
  const query = dueQuery(plan, today);
  for (;;) {
    await deps.heartbeat?.();
    const page = await port.findDue({
      ...query,
      after: cursor,
      limit: deps.batchSize,
      fields: plan.generalise.map((g) => g.field),
    });
    if (page.length === 0) break;
    const last = (page[page.length - 1] as Row)[key];
    const runId = plan.action === 'erase' ? `retention-${sweepId}-${plan.node}-${batchNo}` : null;
    await deps.repo.startBatch(deps.db, sweepId, {
      node: plan.node,
      batch_no: batchNo,
      run_id: runId,
      last_key: last,
    });
    deps.checkpoint?.(`batch:${batchNo}:started`);
    const done =
      runId !== null ? await eraseBatch(plan, page, runId, deps) : await anonymiseBatch(plan, page, deps);
    deps.checkpoint?.(`batch:${batchNo}:applied`);
    await deps.repo.finishBatch(deps.db, sweepId, {
      node: plan.node,
      batch_no: batchNo,
      rows: done.rows,
      child_rows: done.childRows,
    });
    if (runId !== null) await deps.repo.purgeEngineSteps(deps.db, runId);
    deps.checkpoint?.(`batch:${batchNo}:journaled`);
    total.rows += done.rows;
    add(total.childRows, done.childRows);
    cursor = last;
    batchNo += 1;
  }
  return total;
}

/**
 * A page that was started and not finished. Erasure: the engine finishes its run from its own journal
 * (or, if the run never began, the page is dropped and found again). Anonymisation: dropped and found again
 * (values already written are final and no longer pending).
 */
async function finishInterrupted(
  sweepId: string,
  plan: CollectionPlan,
  batchNo: number,
  runId: string | null,
  deps: SweepDeps,
): Promise<SweptCollection | undefined> {
  if (runId !== null) {
    try {
      const result = await deps.engine.execute({ runId, actor: deps.actor, checkpoint: deps.checkpoint });
      const done = engineCounts(result, plan.node);
      await deps.repo.finishBatch(deps.db, sweepId, {
        node: plan.node,
        batch_no: batchNo,
        rows: done.rows,
        child_rows: done.childRows,
      });
      await deps.repo.purgeEngineSteps(deps.db, runId);
      return done;
    } catch (error) {
      if (!(error instanceof Error && error.name === 'RunNotFoundError')) throw error;
    }
  }
  await deps.repo.dropBatch(deps.db, sweepId, plan.node, batchNo);
  return undefined;
}

async function eraseBatch(
  plan: CollectionPlan,
  page: readonly Row[],
  runId: string,
  deps: SweepDeps,
): Promise<SweptCollection> {
  const key = plan.keyField as string;
  const spec: RunSpec = {
    kind: 'erasure',
    datasets: engineDatasets(deps.datasets, plan),
    connections: deps.connectionSpecs,
    identities: { [RETENTION_IDENTITY]: page.map((r) => String(r[key])) },
    targets: plan.targets,
    strategy: { strategy: 'null_rewrite' },
    // A child row another, unexpired parent also points at (a shared address) stays.
    skipShared: true,
    skipUnreachable: true,
    rectify: [],
    salt: randomBytes(16).toString('hex'),
  };
  const result = await deps.engine.execute({ spec, runId, actor: deps.actor, checkpoint: deps.checkpoint });
  if (result.verification && !result.verification.ok)
    throw new SweepError(`The engine could not verify the erasure of ${plan.node} (run ${runId}).`);
  return engineCounts(result, plan.node);
}

async function anonymiseBatch(
  plan: CollectionPlan,
  page: readonly Row[],
  deps: SweepDeps,
): Promise<SweptCollection> {
  const connector = deps.connectors.get(plan.dataset) as Connector;
  const key = plan.keyField as string;
  const updates = page.map((row) => ({
    key: { [key]: row[key] },
    set: Object.fromEntries(plan.generalise.map((g) => [g.field, generaliseValue(row[g.field], g.how)])),
  }));
  const rows = updates.length > 0 ? await connector.update(plan.location, [key], updates) : 0;
  return { rows, childRows: {} };
}

/** The proof for the certificate: re-run the due query; nothing not held may still match. */
export async function verifyCollection(
  plan: CollectionPlan,
  connector: Connector | undefined,
  today: CalendarDate,
): Promise<{ query: string; remaining: number; heldRows: number; ok: boolean }> {
  const port = sqlPort(connector, plan);
  const query = dueQuery(plan, today);
  const unheld = await port.countDue(dueQuery(plan, today, { holds: false }));
  if (plan.action === 'anonymise' && plan.pending.length === 0) {
    return {
      query: 'not applicable: only generalised fields, re-generalising is idempotent',
      remaining: 0,
      heldRows: 0,
      ok: true,
    };
  }
  const remaining = await port.countDue(query);
  return { query: port.explainDue(query), remaining, heldRows: unheld - remaining, ok: remaining === 0 };
}
