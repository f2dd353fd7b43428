import { z } from 'zod';
import { defineJob } from '../platform/jobs/job.js';
import type { RightsService } from './rights.service.js';

/** Scheduled work of rights requests. Both handlers are idempotent: running twice changes nothing more. */
export function rightsJobs(rights: RightsService) {
  return [
    defineJob({
      id: 'rights.close_unpaid',
      version: 1,
      payload: z.object({}),
      schedule: '7 * * * *',
      handler: async (_payload, { logger }) => {
        const closed = await rights.closeUnpaid();
        logger.info({ closed }, 'unpaid rights requests closed');
      },
    }),
    defineJob({
      id: 'rights.reminders',
      version: 1,
      payload: z.object({}),
      // 09:00 in Japan, before the privacy office's day starts.
      schedule: '0 0 * * *',
      handler: async (_payload, { logger }) => {
        const counts = await rights.reminders();
        if (counts.overdue > 0) logger.warn(counts, 'rights requests overdue');
        else logger.info(counts, 'rights request deadlines');
      },
    }),
  ];
}
