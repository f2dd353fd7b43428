import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import { allow } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import {
  deliveryView,
  webhookCreated,
  webhookIdParams,
  webhookInput,
  webhookUpdate,
  webhookView,
} from './webhooks.schema.js';
import type { WebhooksService } from './webhooks.service.js';

// Endpoints receive every consent decision: only those who answer for the data decide where it goes.
const MANAGERS = allow('privacy_officer', 'admin');

export async function webhookRoutes(app: App, webhooks: WebhooksService): Promise<void> {
  const tags = ['consent'];

  app.get(
    '/api/consent/webhooks',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Webhook endpoints with their delivery counts (pending, delivered, dead) and last error',
        response: { 200: z.array(webhookView), ...errorResponses },
      },
    },
    async () => webhooks.list(),
  );

  app.post(
    '/api/consent/webhooks',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Register an endpoint; the signing secret (Standard Webhooks) is returned once',
        body: webhookInput,
        response: { 201: webhookCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await webhooks.create(actorOf(principalOf(request)), request.body, originOf(request));
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/consent/webhooks/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Change an endpoint’s URL, purposes or description, or turn it off and on',
        params: webhookIdParams,
        body: webhookUpdate,
        response: { 200: webhookView, ...errorResponses },
      },
    },
    async (request) =>
      webhooks.update(actorOf(principalOf(request)), request.params.id, request.body, originOf(request)),
  );

  app.get(
    '/api/consent/webhooks/:id/deliveries',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'The newest deliveries of an endpoint with their status',
        params: webhookIdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.array(deliveryView), ...errorResponses },
      },
    },
    async (request) => webhooks.deliveries(request.params.id, request.query.limit),
  );

  app.post(
    '/api/consent/webhooks/:id/deliveries/:eventId/retry',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Send a dead delivery again, with a fresh count of attempts',
        params: webhookIdParams.extend({ eventId: z.uuid() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await webhooks.retry(
        actorOf(principalOf(request)),
        request.params.id,
        request.params.eventId,
        originOf(request),
      );
      return reply.code(204).send(null);
    },
  );
}
