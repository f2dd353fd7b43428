import { hkdfSync, randomUUID } from 'node:crypto';
import type { Connector } from '../connectors/connector.js';
import { openConnector } from '../connectors/factory.js';
import type { Actor } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { KeyRing } from '../platform/crypto/keys.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import { RunSpec } from './engine.schema.js';
import { EngineRun, type Journal, MemoryJournal, type RunOutcome } from './run.js';
import { withRunLock } from './run.lock.js';
import type { RunRepository } from './run.repository.js';

export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
}

export interface ExecuteOptions {
  /** A new run's spec; omitted to resume `runId`. */
  spec?: RunSpec | undefined;
  runId?: string | undefined;
  dryRun?: boolean | undefined;
  actor: Actor;
  checkpoint?: ((label: string) => void) | undefined;
}

export interface ExecuteResult extends RunOutcome {
  runId: string | null;
  /** True when the run had been interrupted and this call finished it. */
  resumed: boolean;
  /** True when the run had already completed: nothing was done again. */
  replayed: boolean;
}

const sealContext = (runId: string, what: string) => `engine_run:${runId}:${what}`;

/** Opens every connection of a spec and proves it answers, naming the one that does not. */
export async function openConnectors(spec: RunSpec): Promise<Map<string, Connector>> {
  const out = new Map<string, Connector>();
  try {
    for (const [key, conn] of Object.entries(spec.connections)) {
      if (!spec.datasets.some((d) => d.fides_key === key)) continue;
      const connector = await openConnector(key, conn);
      out.set(key, connector);
      await connector.test();
    }
    return out;
  } catch (error) {
    await Promise.all([...out.values()].map((c) => c.close().catch(() => {})));
    throw error;
  }
}

/**
 * Runs access, erasure, rectification and restriction with a journal in Mamori's database: a run killed at
 * any point continues from its last completed step when started again with the same id.
 */
export class RunService {
  private readonly masking: { hmacKey: Buffer; aesKey: Buffer };

  constructor(
    private readonly db: Db,
    private readonly repo: RunRepository,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    keys: KeyRing,
  ) {
    // Masking keys are pseudonymisation keys (hmac, aes_encrypt): derived from that purpose, one per use.
    const base = keys.derive('pseudonyms');
    const sub = (info: string) => Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), info, 32));
    this.masking = { hmacKey: sub('mamori-masking-hmac'), aesKey: sub('mamori-masking-aes') };
  }

  async execute(options: ExecuteOptions): Promise<ExecuteResult> {
    if (options.dryRun) {
      if (!options.spec) throw new RunNotFoundError('A dry run needs datasets, connections and identities.');
      return this.dryRun(options.spec, options.actor);
    }
    const runId = options.runId ?? randomUUID();
    // Read the run's state only once holding its lock: a concurrent resume may just have completed it.
    return withRunLock(this.db, runId, () => this.executeLocked(runId, options));
  }

  private async executeLocked(runId: string, options: ExecuteOptions): Promise<ExecuteResult> {
    const existing = await this.repo.getRun(this.db, runId);
    let spec: RunSpec;
    if (existing) {
      spec = RunSpec.parse(JSON.parse(this.secrets.open(existing.spec_sealed, sealContext(runId, 'spec'))));
    } else {
      if (!options.spec) throw new RunNotFoundError(`There is no run ${runId}.`);
      spec = options.spec;
      await this.db.transaction().execute(async (trx) => {
        await this.repo.insertRun(trx, {
          id: runId,
          kind: spec.kind,
          specSealed: this.secrets.seal(JSON.stringify(spec), sealContext(runId, 'spec')),
          plan: {
            datasets: spec.datasets.map((d) => d.fides_key),
            targets: spec.targets,
            identityTypes: Object.keys(spec.identities),
          },
        });
        await this.audit.record(trx, {
          actor: options.actor,
          action: 'dsr.run_started',
          object: { type: 'engine_run', id: runId },
          details: { kind: spec.kind, targets: spec.targets, identityTypes: Object.keys(spec.identities) },
        });
      });
    }
    const connectors = await openConnectors(spec);
    try {
      const engine = new EngineRun(spec, {
        connectors,
        journal: this.journal(runId, options.actor),
        masking: this.masking,
        checkpoint: options.checkpoint,
      });
      if (existing?.status === 'completed') {
        // Done before: nothing is written again; the stored summary stands, access packages are rebuilt
        // from the journal's rows.
        const stored = existing.result as unknown as RunOutcome;
        const access = spec.kind === 'access' ? (await engine.run()).access : undefined;
        return { ...stored, ...(access && { access }), runId, resumed: false, replayed: true };
      }
      let outcome: RunOutcome;
      try {
        outcome = await engine.run();
      } catch (error) {
        await this.db.transaction().execute(async (trx) => {
          await this.repo.finishRun(
            trx,
            runId,
            'failed',
            null,
            error instanceof Error ? error.message : String(error),
          );
          await this.audit.record(trx, {
            actor: options.actor,
            action: 'dsr.run_failed',
            object: { type: 'engine_run', id: runId },
            details: { kind: spec.kind },
          });
        });
        throw error;
      }
      const { access, ...summary } = outcome;
      await this.db.transaction().execute(async (trx) => {
        await this.repo.finishRun(
          trx,
          runId,
          'completed',
          summary as unknown as Record<string, unknown>,
          null,
        );
        await this.audit.record(trx, {
          actor: options.actor,
          action: 'dsr.run_completed',
          object: { type: 'engine_run', id: runId },
          details: {
            kind: spec.kind,
            collections: Object.keys(outcome.collections).length,
            verified: outcome.verification?.ok ?? null,
            ...(access && { collectionsDisclosed: Object.keys(access).length }),
          },
        });
      });
      return { ...outcome, runId, resumed: existing !== undefined, replayed: false };
    } finally {
      await Promise.all([...connectors.values()].map((c) => c.close().catch(() => {})));
    }
  }

  private journal(runId: string, actor: Actor): Journal {
    const { db, repo, audit, secrets } = this;
    return {
      async completed() {
        const steps = await repo.steps(db, runId);
        return new Map(
          steps.map((s) => [
            s.step,
            JSON.parse(secrets.open(s.payload_sealed, sealContext(runId, s.step))) as unknown,
          ]),
        );
      },
      async complete(step, node, payload, counts) {
        await db.transaction().execute(async (trx) => {
          const inserted = await repo.insertStep(trx, runId, {
            step,
            node,
            payload_sealed: secrets.seal(JSON.stringify(payload), sealContext(runId, step)),
            counts,
          });
          if (!inserted || node === null) return;
          // Collection names and counts only: the values themselves stay in the sealed payload.
          await audit.record(trx, {
            actor,
            action: step.startsWith('write:') ? 'dsr.collection_written' : 'dsr.collection_read',
            object: { type: 'engine_run', id: runId },
            details: { collection: node, step: step.split(':')[0] ?? step, ...counts },
          });
        });
      },
    };
  }

  private async dryRun(spec: RunSpec, actor: Actor): Promise<ExecuteResult> {
    const connectors = await openConnectors(spec);
    try {
      const engine = new EngineRun(spec, { connectors, journal: new MemoryJournal(), masking: this.masking });
      const outcome = await engine.run(true);
      await this.audit.recordAlone({
        actor,
        action: 'dsr.collection_read',
        details: {
          dryRun: true,
          kind: spec.kind,
          collections: Object.fromEntries(Object.entries(outcome.collections).map(([k, v]) => [k, v.rows])),
        },
      });
      return { ...outcome, runId: null, resumed: false, replayed: false };
    } finally {
      await Promise.all([...connectors.values()].map((c) => c.close().catch(() => {})));
    }
  }
}
