import type { Logger } from 'pino';
import type { z } from 'zod';

export interface JobContext {
  logger: Logger;
  attempt: number;
}

/**
 * A job is a typed definition: a stable id, a version bumped when the payload changes shape, a zod payload
 * schema, and its handler. The same definitions run on graphile-worker (PostgreSQL) and in-process
 * (embedded). Handlers must be idempotent: a job may run again after a crash.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  version: number;
  payload: S;
  handler: (payload: z.output<S>, context: JobContext) => Promise<void>;
  /** Five-field cron expression, evaluated in UTC in both modes (graphile-worker's convention). */
  schedule?: string;
  maxAttempts?: number;
}

export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition;

/** The identifier a job is queued under: its id and version, so an old payload never meets a new handler. */
export const taskName = (job: Pick<JobDefinition, 'id' | 'version'>): string => `${job.id}@${job.version}`;

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one pending job per key: enqueuing again replaces the payload and time. */
  jobKey?: string;
}

export interface JobQueue {
  enqueue<S extends z.ZodType>(
    job: JobDefinition<S>,
    payload: z.input<S>,
    options?: EnqueueOptions,
  ): Promise<void>;
  /** Starts working (and scheduling) jobs in this process. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  stop(): Promise<void>;
}
