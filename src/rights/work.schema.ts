/** Shapes of the staff routes that drive a request through the console (queue, tasks, timeline, package). */
import { z } from 'zod';
import { aspect, requestView, status, taskView, timelineEntry } from './rights.schema.js';

const login = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._@+-]+$/u);

export const queueQuery = z.object({
  status: status.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  law: z
    .string()
    .regex(/^[a-z]{2,10}$/)
    .optional(),
  aspect: aspect.optional(),
  /** A login, or `none` for requests nobody has taken yet. */
  assignee: login.optional(),
  /** Part of the reference (R-…), case-insensitive. */
  q: z
    .string()
    .trim()
    .max(20)
    .regex(/^[A-Za-z0-9-]*$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const assignBody = z.object({ assignee: login.nullable() });
export const completeTaskBody = z.object({
  outcome: z.enum(['done', 'failed']).default('done'),
  note: z.string().trim().min(1).max(2000),
});
export const taskParams = z.object({ id: z.uuid(), taskId: z.uuid() });

export const workTaskView = taskView.extend({
  assignee: z.string().nullable(),
  note: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});

export const myTaskView = workTaskView.extend({
  requestId: z.string(),
  reference: z.string(),
  dueBy: z.string(),
});

export const eventView = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const workDetailView = requestView.extend({
  timeline: z.array(timelineEntry),
  events: z.array(eventView),
  tasks: z.array(workTaskView),
  exemptions: z.array(
    z.object({ id: z.string(), item: z.string(), groundId: z.string(), reason: z.string() }),
  ),
  /** Lifecycle actions the signed-in staff member may take now. */
  actions: z.array(z.string()),
  extendable: z.boolean(),
  grounds: z.array(z.object({ id: z.string(), text: z.object({ ja: z.string(), en: z.string() }) })),
});

export const assigneeView = z.object({
  login: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
});

export const packagePreview = z.object({
  json: z.record(z.string(), z.unknown()),
  csv: z.string(),
  items: z.array(z.object({ collection: z.string(), rows: z.number() })),
});
