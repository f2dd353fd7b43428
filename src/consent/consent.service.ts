import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { NoticeService } from '../notices/notice.service.js';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { RegisterService } from '../register/register.service.js';
import {
  type BatchExec,
  type BatchResult,
  type BatchWrite,
  viaKysely,
  viaPool,
  writeVisitorBatch,
} from './consent.batch.js';
import type { ImportRow } from './consent.import.js';
import { ledgerRecords } from './consent.records.js';
import type { ConsentRepository, HistoryRow } from './consent.repository.js';
import {
  addMonths,
  applyGpc,
  BANNER_CHOICE_MONTHS,
  type PurposeSettings,
  subjectKey,
} from './consent.rules.js';
import type {
  ConsentConfig,
  PublicRecordBody,
  RecordBody,
  StateEntryView,
  SubjectKind,
  SubjectRef,
} from './consent.schema.js';
import { type ConfigSnapshot, ConfigSnapshots } from './consent.snapshot.js';
import { StaffWrites } from './consent.staff-writes.js';
import { type SubjectStateView, stateView, VisitorStates } from './consent.visitor-state.js';
import { GroupCommit } from './group-commit.js';

export type { SubjectStateView } from './consent.visitor-state.js';

/**
 * The consent ledger: decisions appended with their proof, the current state per subject × purpose
 * materialised in the same transaction, an outbox event per decision for downstream systems.
 *
 * The façade the rest of Mamori uses. Its parts: the configuration snapshot (consent.snapshot.ts), the
 * visitors' cached read path (consent.visitor-state.ts), staff and API writes (consent.staff-writes.ts); the
 * visitors' own decisions, written through group commit, are here.
 */
export class ConsentService {
  /** Visitors' reports, written many to a transaction; each answered once its batch has committed. */
  private readonly visitorWrites = new GroupCommit<BatchWrite, BatchResult>(
    (writes) => writeVisitorBatch(this.batchExec, writes, this.instance),
    // Two batches at once, never two holding one visitor: measured against 4, fewer and larger batches cost
    // less CPU per report in Node and in PostgreSQL at the same throughput (bench/results/consent.md).
    { maxBatch: 256, maxInFlight: 2, keyOf: (w) => w.key },
  );
  /** This process in change notifications. */
  private readonly instance = randomUUID().slice(0, 8);
  private hmacKey: KeyObject | undefined;
  /** How the visitors' batch statement runs: through Kysely, or prepared on the PostgreSQL pool. */
  private batchExec: BatchExec;
  private readonly snapshots: ConfigSnapshots;
  private readonly visitors: VisitorStates;
  private readonly staff: StaffWrites;

  constructor(
    private readonly db: Db,
    private readonly repo: ConsentRepository,
    register: RegisterService,
    notices: NoticeService,
    private readonly audit: AuditService,
    secrets: SecretBox,
    private readonly pseudonymKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.batchExec = viaKysely(db);
    const keyOf = (kind: SubjectKind, value: string) => this.keyOf(kind, value);
    this.snapshots = new ConfigSnapshots(db, repo, register, notices);
    this.visitors = new VisitorStates(db, repo, this.snapshots, keyOf, clock);
    this.staff = new StaffWrites(
      db,
      repo,
      audit,
      secrets,
      this.snapshots,
      this.visitors,
      keyOf,
      this.instance,
      clock,
    );
  }

  /**
   * Several server processes on one PostgreSQL: listen for the others' changes to keep the state cache
   * exact (consent.notify.ts). Without it (the embedded database: one process) the cache is always used.
   * The visitors' batch statement then also runs prepared on this pool (consent.batch.ts).
   */
  listenForChanges(pool: pg.Pool): void {
    this.batchExec = viaPool(pool);
    this.visitors.listen(pool, this.instance);
  }

  /** Whether the state cache is in use: always on the embedded database, while listening on PostgreSQL. */
  get cacheInUse(): boolean {
    return this.visitors.cacheInUse;
  }

  close(): Promise<void> {
    return this.visitors.close();
  }

  keyOf(kind: SubjectKind, value: string): string {
    // A key object, imported once, rather than the raw key imported again by every keyed hash.
    this.hmacKey ??= createSecretKey(this.pseudonymKey);
    return subjectKey(this.hmacKey, kind, value);
  }

  /** Purposes as published in the notice in force (or the register before any notice), cached briefly. */
  configSnapshot(fresh = false): Promise<ConfigSnapshot> {
    return this.snapshots.get(fresh);
  }

  async config(): Promise<ConsentConfig> {
    return (await this.snapshots.get()).config;
  }

  /** A decision from the banner or the preference centre, for an anonymous visitor id. */
  async recordPublic(
    input: PublicRecordBody,
    context: { gpcHeader: boolean; origin: Origin; channel: 'banner' | 'form' },
  ): Promise<{ subjectKey: string; recorded: number; gpcHonoured: boolean; state: StateEntryView[] }> {
    const snap = await this.snapshots.get();
    const allowed = new Set(snap.config.purposes.map((p) => p.key));
    for (const c of input.choices)
      if (!allowed.has(c.purpose)) throw new AppError('consent_purpose_unknown', 400, { purpose: c.purpose });
    const gpc = context.gpcHeader || input.gpc;
    const choices = gpc
      ? applyGpc(input.choices, snap.gpcPurposes)
      : input.choices.map((c) => ({ ...c, gpc: false }));
    const now = this.clock();
    const key = this.keyOf('visitor', input.visitorId);
    const records = ledgerRecords(key, choices, snap, {
      channel: context.channel,
      recordedAt: now,
      expiresAt: addMonths(now, BANNER_CHOICE_MONTHS),
      noticeVersion: snap.config.noticeVersion,
      language: input.language ?? null,
      shown: input.shown ?? null,
      jurisdiction: input.jurisdiction ?? null,
      origin: context.origin,
      actor: null,
      reportId: input.eventId ?? randomUUID(),
    });
    const written = await this.visitorWrites.submit({ key, records });
    this.visitors.invalidate([key, written.canonical]);
    return {
      subjectKey: key,
      recorded: choices.length,
      gpcHonoured: gpc && snap.gpcPurposes.length > 0,
      state: stateView(written.state, snap, this.clock()),
    };
  }

  /** A decision recorded by staff or another system through the API. */
  async record(actor: Actor, input: RecordBody, origin: Origin): Promise<SubjectStateView> {
    return this.state(await this.staff.record(actor, input, origin));
  }

  /** Withdraws the given purposes, or every purpose currently granted (APPI Art. 35 / GDPR Art. 7(3)). */
  async withdraw(
    actor: Actor,
    key: string,
    input: { purposes?: string[] | undefined; eventId?: string | undefined },
    origin: Origin,
  ): Promise<SubjectStateView> {
    return this.state(await this.staff.withdraw(actor, key, input, origin));
  }

  /** Ties a browser's visitor id to an identified subject; both histories are kept and merged into one state. */
  async link(actor: Actor, visitorId: string, target: SubjectRef, origin: Origin): Promise<SubjectStateView> {
    return this.state(await this.staff.link(actor, visitorId, target, origin));
  }

  /** Bulk import (another CMP's export, a paper-form campaign): all rows in one transaction, or none. */
  importRows(
    actor: Actor,
    rows: ReadonlyArray<ImportRow>,
    origin: Origin,
  ): Promise<{ rows: number; recorded: number; duplicates: number }> {
    return this.staff.importRows(actor, rows, origin);
  }

  async state(key: string): Promise<SubjectStateView> {
    const found = await this.repo.stateVia(this.db, key);
    if (!found) throw notFound('consent subject');
    const snap = await this.snapshots.get();
    return {
      subjectKey: key,
      canonicalKey: found.canonical,
      purposes: stateView(found.entries, snap, this.clock()),
    };
  }

  /** Staff view of a subject's state: personal data, so the view is audited. */
  async viewState(actor: Actor, key: string, origin: Origin): Promise<SubjectStateView> {
    const result = await this.state(key);
    await this.audit.recordAlone({
      actor,
      action: 'consent.viewed',
      object: { type: 'consent_subject', id: key },
      origin,
      details: { what: 'state' },
    });
    return result;
  }

  /** Every record of the subject and of every id linked to it, oldest first. */
  async history(actor: Actor | null, key: string, origin: Origin = {}): Promise<HistoryRow[]> {
    const subject = await this.repo.subject(this.db, key);
    if (!subject) throw notFound('consent subject');
    const rows = await this.repo.history(this.db, await this.repo.group(this.db, subject.linked_to ?? key));
    if (actor)
      await this.audit.recordAlone({
        actor,
        action: 'consent.viewed',
        object: { type: 'consent_subject', id: key },
        origin,
        details: { what: 'history', records: rows.length },
      });
    return rows;
  }

  /** State of an anonymous visitor (banner, preference centre); an unknown visitor simply has none. */
  visitorState(visitorId: string): Promise<SubjectStateView> {
    return this.visitors.state(visitorId);
  }

  /** The banner's state read as the JSON body it is sent as (prebuilt for a cached visitor). */
  visitorStateJson(visitorId: string): Promise<Buffer> {
    return this.visitors.stateJson(visitorId);
  }

  async putSettings(actor: Actor, purpose: string, settings: PurposeSettings, origin: Origin): Promise<void> {
    const snap = await this.snapshots.get(true);
    if (!snap.revs.has(purpose)) throw new AppError('consent_purpose_unknown', 400, { purpose });
    await this.db.transaction().execute(async (trx) => {
      await this.repo.putSettings(trx, purpose, settings, this.clock());
      await this.audit.record(trx, {
        actor,
        action: 'consent.settings_updated',
        object: { type: 'purpose', id: purpose },
        origin,
        details: { ...settings },
      });
    });
    this.snapshots.invalidate();
  }

  /** Consent rates by purpose and notice version (the console's chart), with renewals due. */
  async rates() {
    const snap = await this.snapshots.get();
    const rows = await this.repo.rates(this.db);
    return rows.map((r) => ({
      purpose: r.purpose,
      decision: r.decision,
      noticeVersion: r.notice_version,
      count: r.n,
      inForce: snap.revs.has(r.purpose),
    }));
  }

  /** Hands undelivered outbox events to `deliver`; delivered ones are marked, failed ones retried later. */
  async deliverOutbox(
    deliver: (events: Array<{ id: string; kind: string; payload: unknown }>) => Promise<void>,
    limit = 100,
  ): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const events = await this.repo.pendingOutbox(trx, limit);
      if (events.length === 0) return 0;
      try {
        await deliver(events.map((e) => ({ id: e.id, kind: e.kind, payload: e.payload })));
      } catch {
        await this.repo.markOutbox(
          trx,
          events.map((e) => e.id),
          null,
        );
        return 0;
      }
      await this.repo.markOutbox(
        trx,
        events.map((e) => e.id),
        this.clock(),
      );
      return events.length;
    });
  }
}
