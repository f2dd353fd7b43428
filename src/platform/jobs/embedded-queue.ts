import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db } from '../db/types.js';
import { redactQuoted } from '../logger.js';
import { type EnqueueOptions, type JobDefinition, type JobQueue, taskName } from './job.js';

const POLL_MS = 1000;
const DEFAULT_MAX_ATTEMPTS = 5;

/** Exponential back-off after a failed attempt, as graphile-worker does: e^attempt seconds. */
export const retryDelayMs = (attempt: number): number => Math.round(Math.exp(Math.min(attempt, 10)) * 1000);

/**
 * The job runner of the embedded mode: one process owns the database, so jobs are claimed with a plain
 * UPDATE and run in-process. Jobs live in a table, so a job enqueued before a crash still runs after it.
 */
export class EmbeddedQueue implements JobQueue {
  private readonly byTask = new Map<string, JobDefinition>();
  private crons: Cron[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly jobs: readonly JobDefinition[],
    private readonly logger: Logger,
    private readonly onFailure: (job: JobDefinition, attempts: number, error: unknown) => Promise<void>,
  ) {
    for (const job of jobs) this.byTask.set(taskName(job), job);
  }

  async enqueue<S extends z.ZodType>(
    job: JobDefinition<S>,
    payload: z.input<S>,
    options: EnqueueOptions = {},
  ) {
    const parsed = job.payload.parse(payload);
    const values = {
      task: taskName(job),
      payload: JSON.stringify(parsed ?? null),
      run_at: options.runAt ?? new Date(),
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      job_key: options.jobKey ?? null,
    };
    await this.db
      .insertInto('embedded_jobs')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('job_key')
          .doUpdateSet({ payload: values.payload, run_at: values.run_at, attempts: 0, last_error: null }),
      )
      .execute();
    this.wake?.();
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    // Only this process works the embedded queue, so anything marked running was cut off by a stop.
    await this.db
      .updateTable('embedded_jobs')
      .set({ locked_at: null })
      .where('locked_at', 'is not', null)
      .execute();
    for (const job of this.jobs) {
      if (!job.schedule) continue;
      const cron = new Cron(job.schedule, { timezone: 'UTC', protect: true }, async () => {
        const now = new Date();
        await this.enqueue(job, {}, { jobKey: `cron:${taskName(job)}` }).catch((error: unknown) =>
          this.logger.error({ err: error, job: job.id }, 'could not schedule job'),
        );
        await this.db
          .insertInto('embedded_schedules')
          .values({ name: job.id, last_run_at: now })
          .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_at: now }))
          .execute()
          .catch(() => {});
      });
      this.crons.push(cron);
    }
    this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const cron of this.crons) cron.stop();
    this.crons = [];
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.running;
  }

  /** Runs every job that is due now, one after another; resolves when none is left. For tests and CLI. */
  async drain(): Promise<number> {
    let ran = 0;
    while (await this.runOne()) ran += 1;
    return ran;
  }

  private loop(): void {
    if (this.stopped) return;
    this.running = (async () => {
      while (!this.stopped && (await this.runOne().catch(() => false))) {}
    })();
    void this.running.then(() => {
      if (this.stopped) return;
      const next = new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, POLL_MS);
      });
      void next.then(() => {
        this.wake = undefined;
        this.loop();
      });
    });
  }

  private async runOne(): Promise<boolean> {
    const claimed = await this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('embedded_jobs')
        .select(['id', 'task', 'payload', 'attempts', 'max_attempts'])
        .where('locked_at', 'is', null)
        .where('run_at', '<=', new Date())
        .whereRef('attempts', '<', 'max_attempts')
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return undefined;
      await trx
        .updateTable('embedded_jobs')
        .set({ locked_at: new Date() })
        .where('id', '=', due.id)
        .execute();
      return due;
    });
    if (!claimed) return false;
    const job = this.byTask.get(claimed.task);
    const attempt = claimed.attempts + 1;
    try {
      if (!job) throw new Error(`No handler for task ${claimed.task}`);
      const payload = job.payload.parse(claimed.payload);
      await job.handler(payload, { logger: this.logger.child({ job: job.id }), attempt });
      await this.db.deleteFrom('embedded_jobs').where('id', '=', claimed.id).execute();
    } catch (error) {
      // The message only: error details from drivers may quote the data a job was handling.
      const message = error instanceof Error ? redactQuoted(error.message).slice(0, 500) : 'failed';
      await this.db
        .updateTable('embedded_jobs')
        .set({
          attempts: attempt,
          locked_at: null,
          last_error: message,
          run_at: new Date(Date.now() + retryDelayMs(attempt)),
        })
        .where('id', '=', claimed.id)
        .execute();
      this.logger.warn({ task: claimed.task, attempt, error: message }, 'job attempt failed');
      if (job && attempt >= claimed.max_attempts) await this.onFailure(job, attempt, error).catch(() => {});
    }
    return true;
  }
}
