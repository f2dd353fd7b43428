import { createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { NoticeService } from '../notices/notice.service.js';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db, Trx } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Register } from '../register/register.schema.js';
import type { RegisterService } from '../register/register.service.js';
import {
  type BatchExec,
  type BatchResult,
  type BatchWrite,
  viaKysely,
  viaPool,
  writeVisitorBatch,
} from './consent.batch.js';
import { type CachedState, StateCache } from './consent.cache.js';
import { type Listener, listenForChanges, notifyChanged } from './consent.notify.js';
import type { ConsentRepository, HistoryRow, NewRecord } from './consent.repository.js';
import {
  addMonths,
  applyGpc,
  BANNER_CHOICE_MONTHS,
  bannerPurposes,
  deriveState,
  eventIdFor,
  ipPrefix,
  needsRenewal,
  type PurposeSettings,
  purposeRev,
  type StateEntry,
  statusAt,
  statusChangeAt,
  subjectKey,
  userAgentSummary,
} from './consent.rules.js';
import type {
  Channel,
  ConsentConfig,
  Decision,
  PublicRecordBody,
  RecordBody,
  StateEntryView,
  SubjectKind,
  SubjectRef,
} from './consent.schema.js';
import { GroupCommit } from './group-commit.js';

/** The banner configuration is read on every page view; the notice in force changes at most daily. */
const CONFIG_TTL_MS = 30_000;

interface ConfigSnapshot {
  config: ConsentConfig;
  /** Digest of every purpose in force (banner or not), for re-consent checks and staff records. */
  revs: Map<string, string>;
  gpcPurposes: string[];
  at: number;
}

interface WriteMeta {
  channel: Channel;
  recordedAt: Date;
  expiresAt: Date | null;
  noticeVersion: number | null;
  language: string | null;
  shown: string | null;
  jurisdiction: string | null;
  origin: Origin;
  actor: string | null;
  reportId: string;
}

export interface SubjectStateView {
  subjectKey: string;
  canonicalKey: string;
  purposes: StateEntryView[];
}

/**
 * The consent ledger: decisions appended with their proof, the current state per subject × purpose
 * materialised in the same transaction, an outbox event per decision for downstream systems.
 */
export class ConsentService {
  private snapshot: ConfigSnapshot | undefined;
  private snapshotLoad: { generation: number; promise: Promise<ConfigSnapshot> } | undefined;
  private snapshotGeneration = 0;
  /** Visitors' reports, written many to a transaction; each answered once its batch has committed. */
  private readonly visitorWrites = new GroupCommit<BatchWrite, BatchResult>(
    (writes) => writeVisitorBatch(this.batchExec, writes, this.instance),
    // Two batches at once, never two holding one visitor: measured against 4, fewer and larger batches cost
    // less CPU per report in Node and in PostgreSQL at the same throughput (bench/results/consent.md).
    { maxBatch: 256, maxInFlight: 2, keyOf: (w) => w.key },
  );
  /** Visitors' current state for the banner's reads (exact in this process; see StateCache). */
  private readonly visitorStates = new StateCache(20_000, 600_000);
  /** On PostgreSQL: other processes' changes (LISTEN/NOTIFY); the cache is bypassed while not listening. */
  private listener: Listener | undefined;
  /** This process in change notifications. */
  private readonly instance = randomUUID().slice(0, 8);
  private hmacKey: KeyObject | undefined;
  /** How the visitors' batch statement runs: through Kysely, or prepared on the PostgreSQL pool. */
  private batchExec: BatchExec;

  constructor(
    private readonly db: Db,
    private readonly repo: ConsentRepository,
    private readonly register: RegisterService,
    private readonly notices: NoticeService,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly pseudonymKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.batchExec = viaKysely(db);
  }

  /**
   * Several server processes on one PostgreSQL: listen for the others' changes to keep the state cache
   * exact (consent.notify.ts). Without it (the embedded database: one process) the cache is always used.
   * The visitors' batch statement then also runs prepared on this pool (consent.batch.ts).
   */
  listenForChanges(pool: pg.Pool): void {
    this.batchExec = viaPool(pool);
    this.listener ??= listenForChanges(
      pool,
      (origin, keys) => {
        if (origin !== this.instance) this.visitorStates.invalidate(keys);
      },
      () => this.visitorStates.clear(),
    );
  }

  /** Whether the state cache is in use: always on the embedded database, while listening on PostgreSQL. */
  get cacheInUse(): boolean {
    return !this.listener || this.listener.listening;
  }

  async close(): Promise<void> {
    await this.listener?.close();
  }

  keyOf(kind: SubjectKind, value: string): string {
    // A key object, imported once, rather than the raw key imported again by every keyed hash.
    this.hmacKey ??= createSecretKey(this.pseudonymKey);
    return subjectKey(this.hmacKey, kind, value);
  }

  /** Purposes as published in the notice in force (or the register before any notice), cached briefly. */
  async configSnapshot(fresh = false): Promise<ConfigSnapshot> {
    const now = Date.now();
    if (!fresh && this.snapshot && now - this.snapshot.at < CONFIG_TTL_MS) return this.snapshot;
    // One reading at a time: when the snapshot ages out under load, the requests that arrive while it is
    // read again share that reading instead of each reading the notice, register and settings (measured:
    // up to 3.7 % of the banner's CPU, bench/results/consent.md). A settings change starts a new generation,
    // so no request joins, and no reading stores, what was read before it.
    if (!fresh && this.snapshotLoad?.generation === this.snapshotGeneration) return this.snapshotLoad.promise;
    const generation = this.snapshotGeneration;
    const promise = this.readSnapshot(now).then((snap) => {
      if (generation === this.snapshotGeneration) this.snapshot = snap;
      return snap;
    });
    this.snapshotLoad = { generation, promise };
    const done = () => {
      if (this.snapshotLoad?.promise === promise) this.snapshotLoad = undefined;
    };
    void promise.then(done, done);
    return promise;
  }

  private async readSnapshot(now: number): Promise<ConfigSnapshot> {
    const notice = await this.notices.current();
    const register: Pick<Register, 'purposes'> | undefined = notice
      ? (notice.register as Register)
      : await this.register.load();
    const purposes = register?.purposes ?? [];
    const settings = await this.repo.settings(this.db);
    const banner = bannerPurposes({ purposes }, settings);
    return {
      config: { noticeVersion: notice?.version ?? null, purposes: banner },
      revs: new Map(purposes.map((p) => [p.key, purposeRev(p)])),
      gpcPurposes: banner.filter((p) => p.gpcOptOut).map((p) => p.key),
      at: now,
    };
  }

  async config(): Promise<ConsentConfig> {
    return (await this.configSnapshot()).config;
  }

  /** A decision from the banner or the preference centre, for an anonymous visitor id. */
  async recordPublic(
    input: PublicRecordBody,
    context: { gpcHeader: boolean; origin: Origin; channel: 'banner' | 'form' },
  ): Promise<{ subjectKey: string; recorded: number; gpcHonoured: boolean; state: StateEntryView[] }> {
    const snap = await this.configSnapshot();
    const allowed = new Set(snap.config.purposes.map((p) => p.key));
    for (const c of input.choices)
      if (!allowed.has(c.purpose)) throw new AppError('consent_purpose_unknown', 400, { purpose: c.purpose });
    const gpc = context.gpcHeader || input.gpc;
    const choices = gpc
      ? applyGpc(input.choices, snap.gpcPurposes)
      : input.choices.map((c) => ({ ...c, gpc: false }));
    const now = this.clock();
    const key = this.keyOf('visitor', input.visitorId);
    const records = this.records(key, choices, snap, {
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
    this.visitorStates.invalidate([key, written.canonical]);
    return {
      subjectKey: key,
      recorded: choices.length,
      gpcHonoured: gpc && snap.gpcPurposes.length > 0,
      state: this.view(written.state, snap),
    };
  }

  /** A decision recorded by staff or another system through the API. */
  async record(actor: Actor, input: RecordBody, origin: Origin): Promise<SubjectStateView> {
    const snap = await this.configSnapshot();
    for (const c of input.choices)
      if (!snap.revs.has(c.purpose))
        throw new AppError('consent_purpose_unknown', 400, { purpose: c.purpose });
    const recordedAt = input.recordedAt ? new Date(input.recordedAt) : this.clock();
    const key = this.keyOf(input.subject.kind, input.subject.value);
    const canonical = await this.db.transaction().execute(async (trx) => {
      const { canonical, inserted } = await this.write(
        trx,
        { key, ...input.subject },
        input.choices.map((c) => ({ ...c, gpc: false })),
        snap,
        {
          channel: input.channel,
          recordedAt,
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          noticeVersion: input.noticeVersion ?? snap.config.noticeVersion,
          language: input.language ?? null,
          shown: input.shown ?? null,
          jurisdiction: input.jurisdiction ?? null,
          origin,
          actor: actor.label ?? actor.id ?? actor.type,
          reportId: input.eventId ?? randomUUID(),
        },
      );
      await this.audit.record(trx, {
        actor,
        action: 'consent.recorded',
        object: { type: 'consent_subject', id: key },
        origin,
        details: { purposes: input.choices.map((c) => `${c.purpose}:${c.decision}`), recorded: inserted },
      });
      await notifyChanged(trx, this.instance, [key, canonical]);
      return canonical;
    });
    this.visitorStates.invalidate([key, canonical]);
    return this.state(key);
  }

  /** Withdraws the given purposes, or every purpose currently granted (APPI Art. 35 / GDPR Art. 7(3)). */
  async withdraw(
    actor: Actor,
    key: string,
    input: { purposes?: string[] | undefined; eventId?: string | undefined },
    origin: Origin,
  ): Promise<SubjectStateView> {
    const subject = await this.repo.subject(this.db, key);
    if (!subject) throw notFound('consent subject');
    const snap = await this.configSnapshot();
    const canonical = subject.linked_to ?? key;
    const granted = (await this.repo.state(this.db, canonical)).filter((e) => e.decision === 'granted');
    const purposes = input.purposes ?? granted.map((e) => e.purpose);
    await this.db.transaction().execute(async (trx) => {
      const { inserted } = await this.write(
        trx,
        { key, kind: subject.kind, value: null },
        purposes.map((purpose) => ({ purpose, decision: 'withdrawn' as const, gpc: false })),
        snap,
        {
          channel: 'staff',
          recordedAt: this.clock(),
          expiresAt: null,
          noticeVersion: snap.config.noticeVersion,
          language: null,
          shown: null,
          jurisdiction: null,
          origin,
          actor: actor.label ?? actor.id ?? actor.type,
          reportId: input.eventId ?? randomUUID(),
        },
      );
      await this.audit.record(trx, {
        actor,
        action: 'consent.withdrawn',
        object: { type: 'consent_subject', id: key },
        origin,
        details: { purposes, recorded: inserted },
      });
      await notifyChanged(trx, this.instance, [key, canonical]);
    });
    this.visitorStates.invalidate([key, canonical]);
    return this.state(key);
  }

  /** Ties a browser's visitor id to an identified subject; both histories are kept and merged into one state. */
  async link(actor: Actor, visitorId: string, target: SubjectRef, origin: Origin): Promise<SubjectStateView> {
    const visitorKey = this.keyOf('visitor', visitorId);
    const targetKey = this.keyOf(target.kind, target.value);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.ensureSubject(trx, { key: visitorKey, kind: 'visitor', identitySealed: null });
      await this.repo.ensureSubject(trx, {
        key: targetKey,
        kind: target.kind,
        identitySealed: this.secrets.seal(target.value, `consent-subject:${targetKey}`),
      });
      const visitor = await this.repo.lockSubject(trx, visitorKey);
      const into = await this.repo.lockSubject(trx, targetKey);
      if (visitor?.linked_to === targetKey) return;
      if (visitor?.linked_to || into?.linked_to) throw new AppError('consent_link_conflict', 409);
      await this.repo.link(trx, visitorKey, targetKey);
      const group = await this.repo.group(trx, targetKey);
      const derived = deriveState(await this.repo.history(trx, group, Number.MAX_SAFE_INTEGER));
      await this.repo.replaceState(trx, targetKey, group, [...derived.values()]);
      await this.repo.insertOutbox(trx, [
        {
          id: randomUUID(),
          kind: 'consent.linked',
          payload: { from: visitorKey, to: targetKey },
          createdAt: this.clock(),
        },
      ]);
      await this.audit.record(trx, {
        actor,
        action: 'consent.linked',
        object: { type: 'consent_subject', id: targetKey },
        origin,
        details: { from: visitorKey },
      });
      await notifyChanged(trx, this.instance, [visitorKey, targetKey]);
    });
    this.visitorStates.invalidate([visitorKey, targetKey]);
    return this.state(targetKey);
  }

  async state(key: string): Promise<SubjectStateView> {
    const found = await this.repo.stateVia(this.db, key);
    if (!found) throw notFound('consent subject');
    const snap = await this.configSnapshot();
    return { subjectKey: key, canonicalKey: found.canonical, purposes: this.view(found.entries, snap) };
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
  async visitorState(visitorId: string): Promise<SubjectStateView> {
    const load = () => this.loadVisitor(visitorId);
    const found = this.cacheInUse ? await this.visitorStates.read(visitorId, load) : await load();
    const snap = await this.configSnapshot();
    const key = found?.key ?? this.keyOf('visitor', visitorId);
    return {
      subjectKey: key,
      canonicalKey: found?.canonical ?? key,
      purposes: this.view(found?.entries ?? [], snap),
    };
  }

  /**
   * The banner's state read as the JSON body it is sent as. A cached visitor's body is built once and
   * reused until a write evicts the state, the configuration snapshot changes (renewal flags) or a grant
   * expires (status): a hit then costs no view building and no serialisation.
   */
  async visitorStateJson(visitorId: string): Promise<Buffer> {
    const snap = await this.configSnapshot();
    const found = this.cacheInUse
      ? await this.visitorStates.read(visitorId, () => this.loadVisitor(visitorId))
      : await this.loadVisitor(visitorId);
    const now = this.clock().getTime();
    const rendered = found?.rendered;
    if (rendered && rendered.version === snap && now < rendered.until) return rendered.body;
    const key = found?.key ?? this.keyOf('visitor', visitorId);
    const body = Buffer.from(
      JSON.stringify({
        subjectKey: key,
        canonicalKey: found?.canonical ?? key,
        purposes: this.view(found?.entries ?? [], snap),
      } satisfies SubjectStateView),
    );
    if (found) found.rendered = { version: snap, until: statusChangeAt(found.entries, now), body };
    return body;
  }

  /**
   * A visitor who has not chosen yet is cached too (no entries, under its own key, so that its first write
   * evicts it): the banner reads the state on every page view until the visitor chooses, and those reads
   * all went to the database (bench/results/consent.md).
   */
  private async loadVisitor(visitorId: string): Promise<CachedState> {
    const key = this.keyOf('visitor', visitorId);
    const state = await this.repo.stateVia(this.db, key);
    return state ? { key, ...state } : { key, canonical: key, entries: [] };
  }

  async putSettings(actor: Actor, purpose: string, settings: PurposeSettings, origin: Origin): Promise<void> {
    const snap = await this.configSnapshot(true);
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
    this.snapshotGeneration += 1;
    this.snapshot = undefined;
  }

  /** Consent rates by purpose and notice version (the console's chart), with renewals due. */
  async rates() {
    const snap = await this.configSnapshot();
    const rows = await this.repo.rates(this.db);
    return rows.map((r) => ({
      purpose: r.purpose,
      decision: r.decision,
      noticeVersion: r.notice_version,
      count: r.n,
      inForce: snap.revs.has(r.purpose),
    }));
  }

  /** Bulk import (another CMP's export, a paper-form campaign): all rows in one transaction, or none. */
  async importRows(
    actor: Actor,
    rows: ReadonlyArray<{
      subject: SubjectRef;
      purpose: string;
      decision: Decision;
      recordedAt: Date;
      noticeVersion: number | null;
      jurisdiction: string | null;
      expiresAt: Date | null;
      eventId: string;
    }>,
    origin: Origin,
  ): Promise<{ rows: number; recorded: number; duplicates: number }> {
    const snap = await this.configSnapshot();
    let recorded = 0;
    const touched: string[] = [];
    await this.db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const key = this.keyOf(row.subject.kind, row.subject.value);
        const { canonical, inserted } = await this.write(
          trx,
          { key, ...row.subject },
          [{ purpose: row.purpose, decision: row.decision, gpc: false }],
          { ...snap, revs: new Map() },
          {
            channel: 'import',
            recordedAt: row.recordedAt,
            expiresAt: row.expiresAt,
            noticeVersion: row.noticeVersion,
            language: null,
            shown: null,
            jurisdiction: row.jurisdiction,
            origin: {},
            actor: actor.label ?? actor.id ?? actor.type,
            reportId: row.eventId,
          },
        );
        recorded += inserted;
        touched.push(key, canonical);
      }
      await this.audit.record(trx, {
        actor,
        action: 'consent.imported',
        origin,
        details: { rows: rows.length, recorded },
      });
      await notifyChanged(trx, this.instance, touched);
    });
    this.visitorStates.invalidate(touched);
    return { rows: rows.length, recorded, duplicates: rows.length - recorded };
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

  private view(entries: readonly StateEntry[], snap: ConfigSnapshot): StateEntryView[] {
    const now = this.clock();
    return entries.map((e) => ({
      purpose: e.purpose,
      decision: e.decision,
      status: statusAt(e, now),
      recordedAt: e.recordedAt.toISOString(),
      noticeVersion: e.noticeVersion,
      expiresAt: e.expiresAt?.toISOString() ?? null,
      gpc: e.gpc,
      needsRenewal: needsRenewal(e, snap.revs.get(e.purpose)),
    }));
  }

  /** Appends the decisions, updates the materialised state of the canonical subject, queues the events. */
  private async write(
    trx: Trx,
    subject: { key: string; kind: SubjectKind; value: string | null },
    choices: ReadonlyArray<{ purpose: string; decision: Decision; gpc: boolean }>,
    snap: Pick<ConfigSnapshot, 'revs'>,
    meta: WriteMeta,
  ): Promise<{ canonical: string; inserted: number }> {
    const canonical = await this.repo.ensureSubject(trx, {
      key: subject.key,
      kind: subject.kind,
      // Anonymous ids are not kept: the keyed hash is all the ledger needs to find them again.
      identitySealed:
        subject.kind !== 'visitor' && subject.value !== null
          ? this.secrets.seal(subject.value, `consent-subject:${subject.key}`)
          : null,
    });
    const inserted = await this.repo.insertRecords(trx, this.records(subject.key, choices, snap, meta));
    await this.repo.applyToState(trx, canonical, [...deriveState(inserted).values()]);
    await this.repo.insertOutbox(
      trx,
      inserted.map((r) => ({
        id: r.eventId,
        kind: 'consent.changed',
        payload: {
          subjectKey: canonical,
          purpose: r.purpose,
          decision: r.decision,
          recordedAt: r.recordedAt.toISOString(),
          noticeVersion: r.noticeVersion,
          gpc: r.gpc,
        },
        createdAt: meta.recordedAt,
      })),
    );
    return { canonical, inserted: inserted.length };
  }

  /** The ledger rows of one report: one per purpose, with the proof of how it was made. */
  private records(
    subjectKey: string,
    choices: ReadonlyArray<{ purpose: string; decision: Decision; gpc: boolean }>,
    snap: Pick<ConfigSnapshot, 'revs'>,
    meta: WriteMeta,
  ): NewRecord[] {
    const ip = ipPrefix(meta.origin.ip);
    const ua = userAgentSummary(meta.origin.userAgent);
    return choices.map((c) => ({
      eventId: eventIdFor(meta.reportId, c.purpose),
      subjectKey,
      purpose: c.purpose,
      decision: c.decision,
      recordedAt: meta.recordedAt,
      noticeVersion: meta.noticeVersion,
      purposeRev: snap.revs.get(c.purpose) ?? null,
      channel: meta.channel,
      gpc: c.gpc,
      language: meta.language,
      shown: meta.shown,
      ipPrefix: ip,
      uaSummary: ua,
      jurisdiction: meta.jurisdiction,
      expiresAt: meta.expiresAt,
      actor: meta.actor,
    }));
  }
}
