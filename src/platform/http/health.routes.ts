import { z } from 'zod';
import { PUBLIC } from './access.js';
import type { App } from './types.js';

export async function healthRoutes(app: App, check: () => Promise<void>): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { access: PUBLIC, rateLimit: { max: 1200, timeWindow: 60_000 } },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({ status: z.literal('ok') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await check();
        return { status: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const });
      }
    },
  );
}
