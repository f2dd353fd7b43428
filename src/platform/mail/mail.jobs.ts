import { z } from 'zod';
import { defineJob } from '../jobs/job.js';
import type { OutboxDelivery } from './outbox.delivery.js';

/** Every minute, and queued at once when a person is waiting for a code (counts only in the log). */
export function mailJobs(delivery: OutboxDelivery) {
  return [
    defineJob({
      id: 'outbox.deliver',
      version: 1,
      payload: z.object({}),
      schedule: '* * * * *',
      handler: async (_payload, { logger }) => {
        if (!delivery.mailer) return;
        const result = await delivery.deliver();
        if (result.sent + result.failed + result.dead > 0) logger.info(result, 'outbox delivered');
      },
    }),
  ];
}
