import { randomUUID } from 'node:crypto';
import type { ConnectionService } from '../connectors/connection.service.js';
import type { Connector } from '../connectors/connector.js';
import { openConnector } from '../connectors/factory.js';
import type { ExecuteOptions, ExecuteResult } from '../engine/run.service.js';
import type { CalendarDate } from '../laws/date.js';
import { localDateOf } from '../laws/zone.js';
import type { Actor } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { JobDefinition, JobQueue } from '../platform/jobs/job.js';
import type { Register } from '../register/register.schema.js';
import { certificateHash } from './certificate.js';
import { ErasureCertificates } from './certificates.service.js';
import { HoldsService } from './holds.service.js';
import { RETENTION_TIME_ZONE } from './retention.dates.js';
import { dueByRule } from './retention.due.js';
import type { RetentionRepository, Settings, SweepRow } from './retention.repository.js';
import { type CollectionPlan, needsApproval, planCollections } from './retention.rules.js';
import type {
  Certificate,
  CollectionReport,
  DueByRule,
  Hold,
  HoldInput,
  SweepSummary,
} from './retention.schema.js';
import { reportCollection, SweepError, sweepCollection, verifyCollection } from './retention.sweep.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const actorLabel = (a: Actor) => a.label ?? a.id ?? a.type;
/** A running sweep whose claim is older than this is taken over (its process died). */
const LEASE_MINUTES = 30;

export interface RetentionDeps {
  db: Db;
  repo: RetentionRepository;
  audit: AuditService;
  register: { load(): Promise<Register | undefined> };
  connections: Pick<ConnectionService, 'specs'>;
  engine: { execute(options: ExecuteOptions): Promise<ExecuteResult> };
  secrets: SecretBox;
  clock?: (() => Date) | undefined;
}

export interface DryRun {
  asOf: CalendarDate;
  totalDue: number;
  collections: CollectionReport[];
}

export class RetentionService {
  private queue: JobQueue | undefined;
  private executeJob: JobDefinition | undefined;

  /** Certificates of rights-request erasures (certificates.service.ts). */
  readonly erasures: ErasureCertificates;

  private readonly holdBook: HoldsService;

  constructor(private readonly deps: RetentionDeps) {
    this.erasures = new ErasureCertificates(deps.db, deps.audit);
    this.holdBook = new HoldsService({ ...deps, now: () => this.now() });
  }

  /** The job that runs approved sweeps (retention.jobs.ts names it; main.ts attaches the queue). */
  setExecuteJob(job: JobDefinition): void {
    this.executeJob = job;
  }

  attachQueue(queue: JobQueue): void {
    this.queue = queue;
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  today(): CalendarDate {
    return localDateOf(this.now(), RETENTION_TIME_ZONE);
  }

  // ---- holds (holds.service.ts) ----

  holds(includeReleased = false): Promise<Hold[]> {
    return this.holdBook.holds(includeReleased);
  }

  /** Holds as listed to staff: a person hold shows its identity type, never the value. */
  holdsRedacted(includeReleased = false): Promise<Hold[]> {
    return this.holdBook.holdsRedacted(includeReleased);
  }

  placeHold(actor: Actor, input: HoldInput): Promise<Hold> {
    return this.holdBook.placeHold(actor, input);
  }

  releaseHold(actor: Actor, id: string, reason?: string): Promise<void> {
    return this.holdBook.releaseHold(actor, id, reason);
  }

  // ---- settings ----

  settings(): Promise<Settings> {
    return this.deps.repo.settings(this.deps.db);
  }

  async saveSettings(actor: Actor, settings: Settings): Promise<Settings> {
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.saveSettings(trx, settings);
      await this.deps.audit.record(trx, {
        actor,
        action: 'retention.settings_updated',
        details: { ...settings },
      });
    });
    return settings;
  }

  // ---- planning ----

  private async loadPlans(): Promise<{ register: Register; plans: CollectionPlan[] }> {
    const register = await this.deps.register.load();
    if (!register) throw new AppError('not_found', 404, { what: 'register' });
    return { register, plans: planCollections(register, await this.holds()) };
  }

  private async withConnectors<T>(
    plans: readonly CollectionPlan[],
    fn: (
      connectors: Map<string, Connector>,
      specs: Awaited<ReturnType<ConnectionService['specs']>>,
    ) => Promise<T>,
  ): Promise<T> {
    const specs = await this.deps.connections.specs();
    const connectors = new Map<string, Connector>();
    try {
      for (const dataset of new Set(plans.filter((p) => !p.skipped).map((p) => p.dataset))) {
        const spec = specs[dataset];
        if (spec) connectors.set(dataset, await openConnector(dataset, spec));
      }
      return await fn(connectors, specs);
    } finally {
      await Promise.all([...connectors.values()].map((c) => c.close().catch(() => {})));
    }
  }

  /** Per register rule: rows due now / in 30 / in 90 days (COUNT statements in the stores). Writes nothing. */
  async dueByRule(asOf?: CalendarDate): Promise<{ asOf: CalendarDate; rules: DueByRule[] }> {
    const today = asOf ?? this.today();
    const { plans } = await this.loadPlans();
    const rules = await this.withConnectors(plans, (connectors) => dueByRule(plans, connectors, today));
    return { asOf: today, rules };
  }

  /** Per collection: rows due now / in 30 / in 90 days, what holds keep back, and the SQL. Writes nothing. */
  async dryRun(actor: Actor, asOf?: CalendarDate): Promise<DryRun> {
    const today = asOf ?? this.today();
    const { plans } = await this.loadPlans();
    const collections = await this.withConnectors(plans, async (connectors) => {
      const out: CollectionReport[] = [];
      for (const plan of plans) out.push(await reportCollection(plan, connectors.get(plan.dataset), today));
      return out;
    });
    const totalDue = collections.reduce((n, c) => n + c.due.now, 0);
    await this.deps.audit.recordAlone({
      actor,
      action: 'retention.dry_run',
      details: { asOf: today, totalDue, collections: collections.length },
    });
    return { asOf: today, totalDue, collections };
  }

  /**
   * Plans a sweep. Small ones are approved at once when the settings allow it; larger ones wait for a
   * privacy officer (issue 9). The counts are the store's, taken now.
   */
  async request(actor: Actor, options: { asOf?: CalendarDate; trigger: string }): Promise<SweepSummary> {
    const dry = await this.dryRun(actor, options.asOf);
    const settings = await this.settings();
    const automatic = settings.autoRunSmall && !needsApproval(dry.totalDue, settings.approvalThreshold);
    const id = randomUUID();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.insertSweep(trx, {
        id,
        status: automatic ? 'approved' : 'awaiting_approval',
        as_of: dry.asOf,
        trigger: options.trigger,
        plan: dry.collections,
        total_due: dry.totalDue,
        requested_by: actorLabel(actor),
        ...(automatic && { approved_by: 'automatic (below threshold)', approved_at: this.now() }),
      });
      await this.deps.audit.record(trx, {
        actor,
        action: 'retention.sweep_requested',
        object: { type: 'retention_sweep', id },
        details: { asOf: dry.asOf, totalDue: dry.totalDue, automatic },
      });
    });
    return this.sweep(id);
  }

  async approve(actor: Actor, id: string): Promise<SweepSummary> {
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.deps.repo.approve(trx, id, actorLabel(actor), this.now())))
        throw new AppError('conflict', 409, { what: `an approval of sweep ${id}` });
      await this.deps.audit.record(trx, {
        actor,
        action: 'retention.sweep_approved',
        object: { type: 'retention_sweep', id },
      });
    });
    // Started now rather than at the next ten-minute tick (which still catches it if this enqueue is lost).
    if (this.queue && this.executeJob)
      await this.queue.enqueue(this.executeJob, {}, { jobKey: 'retention.execute-approved' });
    return this.sweep(id);
  }

  private summary(row: SweepRow): SweepSummary {
    return {
      id: row.id,
      status: row.status as SweepSummary['status'],
      asOf: row.as_of,
      totalDue: Number(row.total_due),
      requestedBy: row.requested_by,
      approvedBy: row.approved_by,
      approvedAt: iso(row.approved_at),
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
      certificateSha256: row.certificate_sha256,
      error: row.error,
    };
  }

  async sweep(id: string): Promise<SweepSummary> {
    const row = await this.deps.repo.getSweep(this.deps.db, id);
    if (!row) throw notFound('sweep');
    return this.summary(row);
  }

  async sweeps(status?: string): Promise<SweepSummary[]> {
    return (await this.deps.repo.sweeps(this.deps.db, status, 200)).map((r) => this.summary(r));
  }

  async certificate(actor: Actor, id: string): Promise<{ certificate: Certificate; sha256: string }> {
    const row = await this.deps.repo.getSweep(this.deps.db, id);
    if (!row?.certificate || !row.certificate_sha256) throw notFound('certificate');
    await this.deps.audit.recordAlone({
      actor,
      action: 'retention.certificate_viewed',
      object: { type: 'retention_sweep', id },
    });
    return { certificate: row.certificate as unknown as Certificate, sha256: row.certificate_sha256 };
  }

  /**
   * Runs an approved sweep (or resumes one whose process died) to the end, then writes its certificate and
   * the certificate's hash into the audit log in one transaction. Holds are read again now: a hold placed
   * after approval still protects what it covers.
   */
  async execute(
    actor: Actor,
    id: string,
    options: { checkpoint?: (label: string) => void; takeOver?: boolean } = {},
  ): Promise<SweepSummary> {
    const { db, repo } = this.deps;
    // takeOver: the operator knows the process that ran it is dead (a killed CLI run): no lease to wait out.
    if (!(await repo.claim(db, id, this.now(), options.takeOver ? 0 : LEASE_MINUTES))) {
      const row = await repo.getSweep(db, id);
      if (!row) throw notFound('sweep');
      throw new AppError('conflict', 409, { what: `a run of sweep ${id} (status ${row.status})` });
    }
    const row = (await repo.getSweep(db, id)) as SweepRow;
    const today = row.as_of;
    const settings = await this.settings();
    try {
      const { register, plans } = await this.loadPlans();
      const runnable = plans.filter((p) => !p.skipped && p.blockedBy.length === 0);
      const certificate = await this.withConnectors(runnable, async (connectors, specs) => {
        const collections: Certificate['collections'] = [];
        for (const plan of runnable) {
          const done = await sweepCollection(id, plan, today, {
            db,
            repo,
            connectors,
            connectionSpecs: specs,
            datasets: register.datasets,
            engine: this.deps.engine,
            batchSize: settings.batchSize,
            actor,
            checkpoint: options.checkpoint,
            heartbeat: () => repo.renewClaim(db, id, this.now()),
          });
          const verification = await verifyCollection(plan, connectors.get(plan.dataset), today);
          collections.push({
            collection: plan.node,
            systems: plan.systems,
            rules: plan.rules,
            action: plan.action,
            method: methodOf(plan),
            rows: done.rows,
            childRows: done.childRows,
            verification,
          });
        }
        const cert: Certificate = {
          kind: 'mamori.retention.certificate',
          version: 1,
          sweepId: id,
          organisation: register.organisation.name.ja,
          asOf: today,
          startedAt: (row.started_at ?? this.now()).toISOString(),
          finishedAt: this.now().toISOString(),
          requestedBy: row.requested_by,
          approvedBy: row.approved_by,
          approvedAt: iso(row.approved_at),
          collections,
          totalRows: collections.reduce((n, c) => n + c.rows, 0),
          ok: collections.every((c) => c.verification.ok),
        };
        return cert;
      });
      const sha256 = certificateHash(certificate);
      await db.transaction().execute(async (trx) => {
        await repo.finishSweep(trx, id, {
          status: 'completed',
          at: this.now(),
          certificate: certificate as unknown as Record<string, unknown>,
          sha256,
        });
        await this.deps.audit.record(trx, {
          actor,
          action: 'retention.sweep_completed',
          object: { type: 'retention_sweep', id },
          details: {
            certificateSha256: sha256,
            totalRows: certificate.totalRows,
            verified: certificate.ok,
            collections: certificate.collections.map((c) => c.collection),
          },
        });
      });
    } catch (error) {
      // A failed sweep keeps its batches: executing it again after the cause is fixed resumes it.
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      await db.transaction().execute(async (trx) => {
        await repo.finishSweep(trx, id, { status: 'failed', at: this.now(), error: message });
        await this.deps.audit.record(trx, {
          actor,
          action: 'retention.sweep_failed',
          object: { type: 'retention_sweep', id },
          details: { error: error instanceof Error ? error.name : 'Error' },
        });
      });
      throw error instanceof SweepError ? new AppError('bad_request', 400, { detail: message }) : error;
    }
    return this.sweep(id);
  }

  /** Makes a failed sweep runnable again (it resumes from its batches). */
  async retry(actor: Actor, id: string): Promise<SweepSummary> {
    const row = await this.deps.repo.getSweep(this.deps.db, id);
    if (!row) throw notFound('sweep');
    if (row.status !== 'failed') throw new AppError('conflict', 409, { what: `a retry of sweep ${id}` });
    await this.deps.db
      .updateTable('retention_sweeps')
      .set({ status: 'approved', error: null })
      .where('id', '=', id)
      .execute();
    return this.execute(actor, id);
  }

  /** The scheduled sweep: plan today's, and run every approved one (including ones approved since). */
  async runScheduled(actor: Actor): Promise<SweepSummary[]> {
    await this.request(actor, { trigger: 'schedule' });
    return this.runApproved(actor);
  }

  async runApproved(actor: Actor, options: { takeOver?: boolean } = {}): Promise<SweepSummary[]> {
    const out: SweepSummary[] = [];
    for (const s of [...(await this.sweeps('approved')), ...(await this.sweeps('running'))]) {
      try {
        out.push(await this.execute(actor, s.id, options));
      } catch (error) {
        if (!(error instanceof AppError && error.status === 409)) throw error;
      }
    }
    return out;
  }
}

function methodOf(plan: CollectionPlan): string {
  if (plan.action === 'anonymise')
    return `anonymise: ${plan.generalise.map((g) => `${g.field}→${g.how}`).join(', ')}`;
  if (plan.pending.length === 0) return 'erase: rows deleted (erase_by_delete), related rows by the engine';
  return `erase: ${plan.pending.map((p) => `${p.field}→${p.masked === null ? 'NULL' : 'rewrite'}`).join(', ')}; related rows by the engine`;
}
