/**
 * Group commit: concurrent callers' items are written together, one transaction per batch, and each caller's
 * promise settles only when its batch has committed (or failed) — nothing is acknowledged before it is
 * durable. No timer: the first item of an idle queue is flushed on the next turn of the event loop (so items
 * that arrive in the same turn share it); while a batch is being written the next one gathers, so batches grow
 * with the load and latency stays one transaction when idle.
 *
 * Up to `maxInFlight` batches are written at once (on as many pooled connections); an item whose `keyOf`
 * is in a batch being written waits for the next one, so concurrent batches never touch the same subject
 * and cannot deadlock on each other. A batch that fails is retried item by item, so one bad item (or a
 * deadlock with another writer) fails only its own caller.
 */
export interface GroupCommitOptions<I> {
  maxBatch: number;
  maxInFlight: number;
  keyOf?: (item: I) => string;
}

export class GroupCommit<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly busy = new Set<string>();

  constructor(
    /** Writes the items in one transaction; returns one result per item, in order. */
    private readonly write: (items: readonly I[]) => Promise<O[]>,
    private readonly options: GroupCommitOptions<I> = { maxBatch: 256, maxInFlight: 1 },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting or being written (for tests and metrics). */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    const batch = this.take();
    if (batch.length === 0) return;
    const keys = this.options.keyOf ? new Set(batch.map((b) => this.options.keyOf?.(b.item) ?? '')) : [];
    for (const k of keys) this.busy.add(k);
    this.inFlight += 1;
    // Another batch may start beside this one (on the next turn, with what has gathered by then).
    this.schedule();
    try {
      const results = await this.write(batch.map((b) => b.item));
      for (const [i, b] of batch.entries()) b.resolve(results[i] as O);
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else
        for (const b of batch)
          await this.write([b.item]).then(
            (r) => b.resolve(r[0] as O),
            (e: unknown) => b.reject(e),
          );
    } finally {
      this.inFlight -= 1;
      for (const k of keys) this.busy.delete(k);
      this.schedule();
    }
  }

  /** The next batch: queued items in order, leaving those whose key a batch in flight holds. */
  private take(): Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> {
    const { keyOf, maxBatch } = this.options;
    if (!keyOf || this.busy.size === 0) return this.queue.splice(0, maxBatch);
    const batch: typeof this.queue = [];
    const rest: typeof this.queue = [];
    for (const q of this.queue)
      (batch.length < maxBatch && !this.busy.has(keyOf(q.item)) ? batch : rest).push(q);
    this.queue = rest;
    return batch;
  }
}
