import { z } from 'zod';
import { defineJob } from '../platform/jobs/job.js';
import type { RetentionService } from './retention.service.js';

const SCHEDULER = { type: 'system', label: 'retention-scheduler' } as const;

export function retentionJobs(retention: RetentionService) {
  const executeApproved = defineJob({
    id: 'retention.execute-approved',
    version: 1,
    payload: z.object({}),
    // Sweeps a privacy officer approved start at once (approve enqueues this) or within ten minutes; a
    // sweep whose worker died is resumed.
    schedule: '*/10 * * * *',
    handler: async (_payload, { logger }) => {
      const done = await retention.runApproved(SCHEDULER);
      if (done.length > 0) logger.info({ sweeps: done.length }, 'approved retention sweeps run');
    },
  });
  retention.setExecuteJob(executeApproved);
  return [
    defineJob({
      id: 'retention.sweep',
      version: 1,
      payload: z.object({}),
      // 02:00 in Japan, after the day's last contacts are written and before the nightly audit check.
      schedule: '0 17 * * *',
      handler: async (_payload, { logger }) => {
        const done = await retention.runScheduled(SCHEDULER);
        logger.info({ sweeps: done.length }, 'retention sweeps run');
      },
    }),
    executeApproved,
  ];
}
