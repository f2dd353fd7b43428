import { describe, expect, it } from 'vitest';
import { StateCache } from './consent.cache.js';
import { GroupCommit } from './group-commit.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('group commit', () => {
  it('writes concurrent items together and answers each only after its batch is written', async () => {
    const batches: number[][] = [];
    const gate = deferred();
    const group = new GroupCommit<number, string>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await gate.promise;
      return items.map((i) => `done ${i}`);
    });
    const settled: number[] = [];
    const first = group.submit(0).then((r) => {
      settled.push(0);
      return r;
    });
    await new Promise((r) => setImmediate(r));
    // While the first batch is being written, the next ones gather.
    const rest = [1, 2, 3, 4].map((i) =>
      group.submit(i).then((r) => {
        settled.push(i);
        return r;
      }),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toEqual([]);
    expect(batches).toEqual([[0]]);
    gate.resolve();
    expect(await Promise.all([first, ...rest])).toEqual(['done 0', 'done 1', 'done 2', 'done 3', 'done 4']);
    expect(batches).toEqual([[0], [1, 2, 3, 4]]);
    expect(group.pending).toBe(0);
  });

  it('fails only the item that fails: a failed batch is retried one item at a time', async () => {
    const group = new GroupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('unlucky');
      return items.map((i) => i * 2);
    });
    const results = await Promise.allSettled([1, 13, 3].map((i) => group.submit(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([2, 'failed', 6]);
  });

  it('writes batches side by side, never two holding the same key', async () => {
    const holding = new Set<string>();
    let overlap = false;
    let concurrent = 0;
    let most = 0;
    const group = new GroupCommit<string, string>(
      async (items) => {
        concurrent++;
        most = Math.max(most, concurrent);
        for (const k of items) if (holding.has(k)) overlap = true;
        for (const k of items) holding.add(k);
        await new Promise((r) => setTimeout(r, 5));
        for (const k of items) holding.delete(k);
        concurrent--;
        return [...items];
      },
      { maxBatch: 4, maxInFlight: 3, keyOf: (k) => k },
    );
    const keys = Array.from({ length: 60 }, (_, i) => `k${i % 7}`);
    expect(await Promise.all(keys.map((k) => group.submit(k)))).toEqual(keys);
    expect(overlap).toBe(false);
    expect(most).toBeGreaterThan(1);
  });

  it('bounds a batch', async () => {
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(
      async (items) => {
        sizes.push(items.length);
        return [...items];
      },
      { maxBatch: 3, maxInFlight: 1 },
    );
    await Promise.all(Array.from({ length: 8 }, (_, i) => group.submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b)).toBe(8);
  });
});

const state = (canonical: string, decision: 'granted' | 'denied', key = `key-${canonical}`) => ({
  key,
  canonical,
  entries: [
    {
      purpose: 'ads',
      decision,
      recordId: 1,
      recordedAt: new Date(0),
      noticeVersion: null,
      purposeRev: null,
      gpc: false,
      expiresAt: null,
    },
  ],
});

describe('state cache', () => {
  it('serves a read from memory until a write of the subject evicts it, also through a linked key', async () => {
    const cache = new StateCache();
    let loads = 0;
    const load = (key: string) => async () => {
      loads++;
      return state('person', 'granted', key);
    };
    await cache.read('visitor-id', load('visitor'));
    await cache.read('visitor-id', load('visitor'));
    await cache.read('person-id', load('person'));
    expect(loads).toBe(2);
    // A write of the identified person evicts the linked visitor's entry too.
    cache.invalidate(['person']);
    await cache.read('visitor-id', load('visitor'));
    await cache.read('person-id', load('person'));
    expect(loads).toBe(4);
    cache.invalidate(['visitor']);
    expect(cache.get('visitor-id')).toBeUndefined();
    expect(cache.get('person-id')).toBeDefined();
  });

  it('does not keep a database read that raced with a write of the same subject', async () => {
    const cache = new StateCache();
    const gate = deferred();
    const slow = cache.read('visitor', async () => {
      await gate.promise;
      return state('person', 'granted');
    });
    cache.invalidate(['person']);
    gate.resolve();
    expect((await slow)?.entries[0]?.decision).toBe('granted');
    expect(cache.get('visitor')).toBeUndefined();
    // A read that starts after the write is kept.
    await cache.read('visitor', async () => state('person', 'denied'));
    expect(cache.get('visitor')?.entries[0]?.decision).toBe('denied');
  });

  it('stays within its bound and lets entries age out', async () => {
    let now = 0;
    const cache = new StateCache(3, 1000, () => now);
    for (const k of ['a', 'b', 'c', 'd']) await cache.read(k, async () => state(k, 'granted'));
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    now = 1001;
    expect(cache.get('d')).toBeUndefined();
  });
});
