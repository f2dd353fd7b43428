import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestDatabase, testDatabase } from '../../../test/db.js';
import { EmbeddedQueue, retryDelayMs } from './embedded-queue.js';
import { GraphileQueue } from './graphile-queue.js';
import { defineJob, type JobDefinition, type JobQueue } from './job.js';

const logger = pino({ level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('job queue (the one this database mode uses)', () => {
  let tdb: TestDatabase;
  let queue: JobQueue;
  const seen: string[] = [];
  const failures: string[] = [];
  let flaky = 0;

  const record = defineJob({
    id: 'test.record',
    version: 1,
    payload: z.object({ word: z.string() }),
    handler: async ({ word }) => {
      seen.push(word);
    },
  });
  const alwaysFails = defineJob({
    id: 'test.fails',
    version: 1,
    payload: z.object({}),
    maxAttempts: 1,
    handler: async () => {
      throw new Error('boom');
    },
  });
  const failsOnce = defineJob({
    id: 'test.flaky',
    version: 1,
    payload: z.object({}),
    maxAttempts: 3,
    handler: async () => {
      flaky += 1;
      if (flaky === 1) throw new Error('first attempt fails');
    },
  });
  const jobs = [record, alwaysFails, failsOnce] as JobDefinition[];

  beforeAll(async () => {
    tdb = await testDatabase();
    const onFailure = async (job: JobDefinition) => {
      failures.push(job.id);
    };
    queue = tdb.handle.pgPool
      ? new GraphileQueue(tdb.handle.pgPool, jobs, logger, onFailure)
      : new EmbeddedQueue(tdb.handle.db, jobs, logger, onFailure);
    await queue.start();
  });
  afterAll(async () => {
    await queue.stop();
    await tdb.drop();
  });

  it('runs enqueued jobs with their validated payload', async () => {
    await queue.enqueue(record, { word: 'hello' });
    await queue.enqueue(record, { word: 'world' });
    await until(() => seen.length >= 2);
    expect(seen.sort()).toEqual(['hello', 'world']);
  });

  it('refuses an invalid payload at enqueue time', async () => {
    await expect(queue.enqueue(record, { word: 42 } as never)).rejects.toThrow();
  });

  it('reports a job that used up its attempts', async () => {
    await queue.enqueue(alwaysFails, {});
    await until(() => failures.includes('test.fails'));
    expect(failures).toEqual(['test.fails']);
  });

  it('retries a failed attempt later', async () => {
    await queue.enqueue(failsOnce, {});
    await until(() => flaky >= 2, 30_000);
    expect(failures).not.toContain('test.flaky');
  }, 40_000);
});

describe('embedded queue', () => {
  it('backs off exponentially', () => {
    expect(retryDelayMs(1)).toBe(2718);
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));
    expect(retryDelayMs(50)).toBe(retryDelayMs(10));
  });
});
