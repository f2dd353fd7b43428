import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service.js';
import { allow } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import type { AnswerService } from './answer.service.js';
import { QueueService } from './queue.service.js';
import { idParams, requestView, transitionBody } from './rights.schema.js';
import { type RightsService, staffActing } from './rights.service.js';
import { TaskService } from './tasks.service.js';
import {
  assignBody,
  assigneeView,
  completeTaskBody,
  eventView,
  myTaskView,
  packagePreview,
  queueQuery,
  taskParams,
  workDetailView,
  workTaskView,
} from './work.schema.js';

const STAFF = allow('handler', 'privacy_officer');
const READERS = allow('handler', 'privacy_officer', 'auditor');

/** The staff routes the console drives a request with: queue, detail, assignment, tasks, timeline, package. */
export async function workRoutes(
  app: App,
  rights: RightsService,
  answers: AnswerService,
  accounts: AccountsService,
): Promise<void> {
  const tags = ['rights'];
  const queue = new QueueService(rights, answers, accounts);
  const tasks = new TaskService(rights, queue);
  const staff = (request: Parameters<typeof principalOf>[0]) =>
    staffActing(principalOf(request), originOf(request));

  app.get(
    '/api/requests',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary:
          'The request queue, earliest deadline first (filters: state, law, kind, assignee, reference)',
        querystring: queueQuery,
        response: { 200: z.array(requestView), ...errorResponses },
      },
    },
    async (request) =>
      queue.list({
        ...request.query,
        overdue: request.query.overdue === undefined ? undefined : request.query.overdue === 'true',
      }),
  );

  app.get(
    '/api/requests/assignees',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Staff who can be given requests and tasks',
        response: { 200: z.array(assigneeView), ...errorResponses },
      },
    },
    async () => queue.assignees(),
  );

  app.get(
    '/api/requests/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'One request: timeline, tasks, exemptions, the actions open to you, grounds',
        params: idParams,
        response: { 200: workDetailView, ...errorResponses },
      },
    },
    async (request) => queue.detail(request.params.id, staff(request)),
  );

  app.get(
    '/api/requests/:id/timeline',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'What happened to a request, from the audit log',
        params: idParams,
        response: { 200: z.array(eventView), ...errorResponses },
      },
    },
    async (request) => (await queue.detail(request.params.id, staff(request))).events,
  );

  app.get(
    '/api/requests/:id/package',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Preview the answer package (JSON and CSV) as the person would receive it',
        params: idParams,
        response: { 200: packagePreview, ...errorResponses },
      },
    },
    async (request) => queue.packagePreview(request.params.id, staff(request)),
  );

  app.post(
    '/api/requests/:id/assign',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Give the request to a handler (null: back to the queue)',
        params: idParams,
        body: assignBody,
        response: { 200: requestView, ...errorResponses },
      },
    },
    async (request) => {
      await tasks.assignRequest(request.params.id, request.body.assignee, staff(request));
      return rights.view(await rights.row(request.params.id));
    },
  );

  app.post(
    '/api/requests/:id/fee-unpaid',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Close as not made: the fee was not paid by its deadline',
        params: idParams,
        body: transitionBody,
        response: { 200: requestView, ...errorResponses },
      },
    },
    async (request) =>
      rights.act(request.params.id, 'record_unpaid', staff(request), request.body.reason ?? 'fee not paid'),
  );

  app.post(
    '/api/requests/:id/tasks/:taskId/assign',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Give a manual task to a handler',
        params: taskParams,
        body: assignBody,
        response: { 200: workTaskView, ...errorResponses },
      },
    },
    async (request) =>
      tasks.assignTask(request.params.id, request.params.taskId, request.body.assignee, staff(request)),
  );

  app.post(
    '/api/requests/:id/tasks/:taskId/complete',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Close a manual task with a note of what was done',
        params: taskParams,
        body: completeTaskBody,
        response: { 200: workTaskView, ...errorResponses },
      },
    },
    async (request) =>
      tasks.completeTask(request.params.id, request.params.taskId, request.body, staff(request)),
  );

  app.get(
    '/api/tasks/mine',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'My open tasks, earliest deadline first',
        response: { 200: z.array(myTaskView), ...errorResponses },
      },
    },
    async (request) => tasks.mine(principalOf(request).login),
  );
}
