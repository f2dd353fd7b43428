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
import type { Register } from '../register/register.schema.js';
import { certificateHash } from './certificate.js';
import { RETENTION_TIME_ZONE } from './retention.dates.js';
import { statuteByKey } from './retention.laws.js';
import type { HoldRow, RetentionRepository, Settings, SweepRow } from './retention.repository.js';
import { type CollectionPlan, needsApproval, planCollections } from './retention.rules.js';
import {
  type Certificate,
  type CollectionReport,
  type Hold,
  HoldInput,
  HoldScope,
  type SweepSummary,
} from './retention.schema.js';
import { reportCollection, SweepError, sweepCollection, verifyCollection } from './retention.sweep.js';

const holdContext = (id: string) => `retention_hold:${id}`;
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
  constructor(private readonly deps: RetentionDeps) {}

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  today(): CalendarDate {
    return localDateOf(this.now(), RETENTION_TIME_ZONE);
  }

  // ---- holds ----

  private toHold(row: HoldRow): Hold {
    const scope = HoldScope.parse(
      row.value_sealed
        ? { ...row.scope, value: this.deps.secrets.open(row.value_sealed, holdContext(row.id)) }
        : row.scope,
    );
    return {
      id: row.id,
      scope,
      reason: row.reason as Hold['reason'],
      statute: row.statute,
      period: row.period,
      citation: row.citation,
      note: row.note,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      releasedAt: iso(row.released_at),
    };
  }

  async holds(includeReleased = false): Promise<Hold[]> {
    return (await this.deps.repo.holds(this.deps.db, includeReleased)).map((r) => this.toHold(r));
  }

  /** Holds as listed to staff: a person hold shows its identity type, never the value. */
  async holdsRedacted(includeReleased = false): Promise<Hold[]> {
    return (await this.holds(includeReleased)).map((h) =>
      h.scope.kind === 'person' ? { ...h, scope: { ...h.scope, value: '***' } } : h,
    );
  }

  async placeHold(actor: Actor, input: HoldInput): Promise<Hold> {
    const parsed = HoldInput.parse(input);
    const statute = parsed.statute ? statuteByKey(parsed.statute) : undefined;
    if (parsed.statute && !statute)
      throw new AppError('not_found', 404, { what: `statute ${parsed.statute}` });
    const id = randomUUID();
    const { scope } = parsed;
    const personValue = scope.kind === 'person' ? scope.value : null;
    const stored = scope.kind === 'person' ? { kind: scope.kind, identity: scope.identity } : scope;
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.repo.insertHold(trx, {
        id,
        scope: stored,
        value_sealed: personValue ? this.deps.secrets.seal(personValue, holdContext(id)) : null,
        reason: statute?.reason ?? parsed.reason,
        statute: statute?.key ?? null,
        period: (parsed.period ?? statute?.period ?? null) as Record<string, number> | null,
        citation: parsed.citation ?? statute?.citation ?? null,
        note: parsed.note ?? null,
        created_by: actorLabel(actor),
      });
      await this.deps.audit.record(trx, {
        actor,
        action: 'retention.hold_placed',
        object: { type: 'retention_hold', id },
        details: { scope: scope.kind, reason: parsed.reason, statute: statute?.key ?? null },
      });
    });
    const hold = (await this.holds(true)).find((h) => h.id === id);
    if (!hold) throw notFound('hold');
    return hold;
  }

  async releaseHold(actor: Actor, id: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await this.deps.repo.releaseHold(trx, id, actorLabel(actor), this.now()))) throw notFound('hold');
      await this.deps.audit.record(trx, {
        actor,
        action: 'retention.hold_released',
        object: { type: 'retention_hold', id },
      });
    });
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
    options: { checkpoint?: (label: string) => void } = {},
  ): Promise<SweepSummary> {
    const { db, repo } = this.deps;
    if (!(await repo.claim(db, id, this.now(), LEASE_MINUTES))) {
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

  async runApproved(actor: Actor): Promise<SweepSummary[]> {
    const out: SweepSummary[] = [];
    for (const s of [...(await this.sweeps('approved')), ...(await this.sweeps('running'))]) {
      try {
        out.push(await this.execute(actor, s.id));
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
