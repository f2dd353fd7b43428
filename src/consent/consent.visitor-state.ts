import type pg from 'pg';
import type { Db } from '../platform/db/types.js';
import { type CachedState, StateCache } from './consent.cache.js';
import { type Listener, listenForChanges } from './consent.notify.js';
import type { ConsentRepository } from './consent.repository.js';
import { needsRenewal, type StateEntry, statusAt, statusChangeAt } from './consent.rules.js';
import type { StateEntryView, SubjectKind } from './consent.schema.js';
import type { ConfigSnapshot, ConfigSnapshots } from './consent.snapshot.js';

export interface SubjectStateView {
  subjectKey: string;
  canonicalKey: string;
  purposes: StateEntryView[];
}

/** A subject's state as shown: status at `now`, renewal due against the purposes of the snapshot. */
export function stateView(
  entries: readonly StateEntry[],
  snap: Pick<ConfigSnapshot, 'revs'>,
  now: Date,
): StateEntryView[] {
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

/**
 * The banner's read path: anonymous visitors' current state, through a cache kept exact by every write
 * (the ledger evicts what it writes; other processes' writes arrive as notifications).
 */
export class VisitorStates {
  /** Visitors' current state for the banner's reads (exact in this process; see StateCache). */
  private readonly cache = new StateCache(20_000, 600_000);
  /** On PostgreSQL: other processes' changes (LISTEN/NOTIFY); the cache is bypassed while not listening. */
  private listener: Listener | undefined;

  constructor(
    private readonly db: Db,
    private readonly repo: ConsentRepository,
    private readonly snapshots: ConfigSnapshots,
    private readonly keyOf: (kind: SubjectKind, value: string) => string,
    private readonly clock: () => Date,
  ) {}

  /**
   * Listens for the other processes' changes to keep the cache exact (consent.notify.ts); `instance` is this
   * process in the notifications, whose own changes are already evicted.
   */
  listen(pool: pg.Pool, instance: string): void {
    this.listener ??= listenForChanges(
      pool,
      (origin, keys) => {
        if (origin !== instance) this.cache.invalidate(keys);
      },
      () => this.cache.clear(),
    );
  }

  /** Whether the state cache is in use: always on the embedded database, while listening on PostgreSQL. */
  get cacheInUse(): boolean {
    return !this.listener || this.listener.listening;
  }

  async close(): Promise<void> {
    await this.listener?.close();
  }

  /** After a write commits: the cached state of these subjects (as key or as canonical subject) goes. */
  invalidate(keys: Iterable<string>): void {
    this.cache.invalidate(keys);
  }

  /** State of an anonymous visitor (banner, preference centre); an unknown visitor simply has none. */
  async state(visitorId: string): Promise<SubjectStateView> {
    const load = () => this.load(visitorId);
    const found = this.cacheInUse ? await this.cache.read(visitorId, load) : await load();
    const snap = await this.snapshots.get();
    const key = found?.key ?? this.keyOf('visitor', visitorId);
    return {
      subjectKey: key,
      canonicalKey: found?.canonical ?? key,
      purposes: stateView(found?.entries ?? [], snap, this.clock()),
    };
  }

  /**
   * The banner's state read as the JSON body it is sent as. A cached visitor's body is built once and
   * reused until a write evicts the state, the configuration snapshot changes (renewal flags) or a grant
   * expires (status): a hit then costs no view building and no serialisation.
   */
  async stateJson(visitorId: string): Promise<Buffer> {
    const snap = await this.snapshots.get();
    const found = this.cacheInUse
      ? await this.cache.read(visitorId, () => this.load(visitorId))
      : await this.load(visitorId);
    const now = this.clock().getTime();
    const rendered = found?.rendered;
    if (rendered && rendered.version === snap && now < rendered.until) return rendered.body;
    const key = found?.key ?? this.keyOf('visitor', visitorId);
    const body = Buffer.from(
      JSON.stringify({
        subjectKey: key,
        canonicalKey: found?.canonical ?? key,
        purposes: stateView(found?.entries ?? [], snap, this.clock()),
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
  private async load(visitorId: string): Promise<CachedState> {
    const key = this.keyOf('visitor', visitorId);
    const state = await this.repo.stateVia(this.db, key);
    return state ? { key, ...state } : { key, canonical: key, entries: [] };
  }
}
