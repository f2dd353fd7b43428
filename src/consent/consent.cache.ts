import type { StateEntry } from './consent.rules.js';

export interface CachedState {
  /** The subject key asked for, and the subject whose state it reads (itself, or the one it is linked to). */
  key: string;
  canonical: string;
  entries: StateEntry[];
  /**
   * The public response built from this state, kept with it and so dropped with it by every write. Valid
   * for one configuration snapshot (`version`) and until `until` (ms), the first expiry that changes a status.
   */
  rendered?: { version: object; until: number; body: Buffer };
}

/**
 * The visitors' current state kept in memory for the banner's reads: bounded (least recently used goes
 * first) and exact within this process — every write evicts its subject (the key written and every key
 * that reads the same canonical subject) after it commits, and a database read that raced with such a
 * write is not stored. Other processes' writes arrive as PostgreSQL notifications (consent.notify.ts), which
 * the service turns into the same evictions; `ttlMs` bounds how long an entry lives in any case.
 */
export class StateCache {
  /** By lookup: the visitor id as the banner sends it, so that a hit costs no keyed hash. */
  private readonly entries = new Map<string, CachedState & { at: number }>();
  /** Subject key (asked for, or canonical) → lookups whose cached state it decides. */
  private readonly bySubject = new Map<string, Set<string>>();
  /** Invalidations while reads are in flight: key → sequence number of its last eviction. */
  private readonly recent = new Map<string, number>();
  private seq = 0;
  /** Reads that started before this sequence number are never stored (after `recent` overflowed). */
  private floor = 0;
  private reading = 0;

  constructor(
    private readonly max = 50_000,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(lookup: string): CachedState | undefined {
    const hit = this.entries.get(lookup);
    if (!hit) return undefined;
    if (this.now() - hit.at > this.ttlMs) {
      this.drop(lookup);
      return undefined;
    }
    // Refresh recency: Map iteration order is insertion order.
    this.entries.delete(lookup);
    this.entries.set(lookup, hit);
    return hit;
  }

  /** Reads through the cache: `load` runs on a miss and its result is kept unless a write raced with it. */
  async read(lookup: string, load: () => Promise<CachedState | undefined>): Promise<CachedState | undefined> {
    const hit = this.get(lookup);
    if (hit) return hit;
    const start = this.seq;
    this.reading += 1;
    try {
      const found = await load();
      const raced =
        found !== undefined &&
        (start < this.floor ||
          (this.recent.get(found.key) ?? -1) > start ||
          (this.recent.get(found.canonical) ?? -1) > start);
      if (found && !raced) this.set(lookup, found);
      return found;
    } finally {
      this.reading -= 1;
      if (this.reading === 0) this.recent.clear();
    }
  }

  /** After a write commits: every cached state of these subjects (as key or as canonical subject) goes. */
  invalidate(keys: Iterable<string>): void {
    this.seq += 1;
    for (const key of keys) {
      for (const lookup of this.bySubject.get(key) ?? []) this.drop(lookup);
      if (this.reading > 0) this.recent.set(key, this.seq);
    }
    if (this.recent.size > this.max) this.forgetInFlight();
  }

  clear(): void {
    this.entries.clear();
    this.bySubject.clear();
    this.forgetInFlight();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Reads in flight now will not be stored. */
  private forgetInFlight(): void {
    this.recent.clear();
    this.seq += 1;
    this.floor = this.seq;
  }

  private set(lookup: string, value: CachedState): void {
    this.drop(lookup);
    this.entries.set(lookup, { ...value, at: this.now() });
    for (const subject of [value.key, value.canonical]) {
      const group = this.bySubject.get(subject) ?? new Set<string>();
      group.add(lookup);
      this.bySubject.set(subject, group);
    }
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.drop(oldest);
    }
  }

  private drop(lookup: string): void {
    const hit = this.entries.get(lookup);
    if (!hit) return;
    this.entries.delete(lookup);
    for (const subject of [hit.key, hit.canonical]) {
      const group = this.bySubject.get(subject);
      group?.delete(lookup);
      if (group?.size === 0) this.bySubject.delete(subject);
    }
  }
}
