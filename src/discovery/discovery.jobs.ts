import { z } from 'zod';
import { defineJob } from '../platform/jobs/job.js';
import type { DiscoveryService } from './discovery.service.js';

/** One job per requested scan; a retry after a crash finds the scan stale and takes it again. */
export function discoveryJobs(discovery: DiscoveryService) {
  const scan = defineJob({
    id: 'discovery.scan',
    version: 1,
    payload: z.object({ id: z.string() }),
    maxAttempts: 3,
    handler: async ({ id }, { logger }) => {
      await discovery.run(id);
      logger.info({ scan: id }, 'discovery scan run');
    },
  });
  return { scan, all: [scan] };
}
