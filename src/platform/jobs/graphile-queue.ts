import type pg from 'pg';
import type { Logger as PinoLogger } from 'pino';
import type { z } from 'zod';
import { type EnqueueOptions, type JobDefinition, type JobQueue, taskName } from './job.js';

type GraphileModule = typeof import('graphile-worker');

/**
 * PostgreSQL mode: graphile-worker claims jobs with SKIP LOCKED, so any number of `mamori worker` and
 * `mamori serve` processes on any number of machines share one queue. Loaded lazily: the embedded mode
 * never pays for it.
 */
export class GraphileQueue implements JobQueue {
  private runner: Awaited<ReturnType<GraphileModule['run']>> | undefined;
  private utils: Awaited<ReturnType<GraphileModule['makeWorkerUtils']>> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly jobs: readonly JobDefinition[],
    private readonly logger: PinoLogger,
    private readonly onFailure: (job: JobDefinition, attempts: number, error: unknown) => Promise<void>,
    private readonly concurrency = 2,
  ) {}

  private async graphile(): Promise<GraphileModule> {
    return import('graphile-worker');
  }

  private async workerLogger() {
    const { Logger } = await this.graphile();
    return new Logger((scope) => (level, message, meta) => {
      const log = this.logger.child({ scope: scope.label ?? 'worker' });
      const data = { ...(meta as object) };
      if (level === 'error') log.error(data, message);
      else if (level === 'warning') log.warn(data, message);
      else if (level === 'info') log.info(data, message);
      else log.debug(data, message);
    });
  }

  async enqueue<S extends z.ZodType>(
    job: JobDefinition<S>,
    payload: z.input<S>,
    options: EnqueueOptions = {},
  ) {
    const parsed = job.payload.parse(payload);
    if (!this.utils) {
      const { makeWorkerUtils } = await this.graphile();
      this.utils = await makeWorkerUtils({ pgPool: this.pool, logger: await this.workerLogger() });
      await this.utils.migrate();
    }
    await this.utils.addJob(taskName(job), (parsed ?? null) as never, {
      ...(options.runAt && { runAt: options.runAt }),
      ...(options.jobKey && { jobKey: options.jobKey }),
      ...(job.maxAttempts && { maxAttempts: job.maxAttempts }),
    });
  }

  async start(): Promise<void> {
    if (this.runner) return;
    const { run, parseCronItems } = await this.graphile();
    const taskList = Object.fromEntries(
      this.jobs.map((job) => [
        taskName(job),
        async (raw: unknown, helpers: { job: { attempts: number; max_attempts: number } }) => {
          const { _cron, ...rest } = (raw ?? {}) as { _cron?: unknown };
          const payload = job.payload.parse(job.schedule ? rest : raw);
          try {
            await job.handler(payload, {
              logger: this.logger.child({ job: job.id }),
              attempt: helpers.job.attempts,
            });
          } catch (error) {
            if (helpers.job.attempts >= helpers.job.max_attempts)
              await this.onFailure(job, helpers.job.attempts, error);
            throw error;
          }
        },
      ]),
    );
    const parsedCronItems = parseCronItems(
      this.jobs
        .filter((job) => job.schedule)
        .map((job) => ({
          task: taskName(job),
          identifier: job.id,
          match: job.schedule as string,
          options: { backfillPeriod: 0, ...(job.maxAttempts && { maxAttempts: job.maxAttempts }) },
        })),
    );
    this.runner = await run({
      pgPool: this.pool,
      taskList: taskList as never,
      parsedCronItems,
      concurrency: this.concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: await this.workerLogger(),
    });
  }

  async stop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    await this.utils?.release();
    this.utils = undefined;
  }
}
