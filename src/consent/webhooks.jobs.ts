import { z } from 'zod';
import { defineJob } from '../platform/jobs/job.js';
import type { WebhooksService } from './webhooks.service.js';

/** Every minute: fan the outbox out to the endpoints, then send what is due (retries wait their backoff). */
export function webhookJobs(webhooks: WebhooksService) {
  return [
    defineJob({
      id: 'consent.webhooks',
      version: 1,
      payload: z.object({}),
      schedule: '* * * * *',
      handler: async (_payload, { logger }) => {
        const r = await webhooks.run();
        if (r.events + r.delivered + r.failed + r.dead > 0) logger.info(r, 'consent webhooks');
        if (r.dead > 0) logger.warn({ dead: r.dead }, 'consent webhook deliveries given up');
      },
    }),
  ];
}
