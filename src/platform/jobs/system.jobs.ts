import { z } from 'zod';
import type { AccountsService } from '../../accounts/accounts.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { defineJob } from './job.js';

/** Housekeeping every installation runs. */
export function systemJobs(deps: { accounts: AccountsService; audit: AuditService }) {
  return [
    defineJob({
      id: 'sessions.purge',
      version: 1,
      payload: z.object({}),
      schedule: '17 * * * *',
      handler: async (_payload, { logger }) => {
        const removed = await deps.accounts.purgeExpiredSessions();
        logger.info({ removed }, 'expired sessions removed');
      },
    }),
    defineJob({
      id: 'audit.verify',
      version: 1,
      payload: z.object({}),
      // 03:30 in Japan: a nightly proof that the log is intact, itself recorded in the log.
      schedule: '30 18 * * *',
      handler: async (_payload, { logger }) => {
        const result = await deps.audit.verify();
        await deps.audit.recordAlone({
          actor: { type: 'system', label: 'scheduler' },
          action: 'audit.verified',
          details: {
            ok: result.ok,
            checked: result.checked,
            firstProblemSeq: result.firstProblem?.seq ?? null,
          },
        });
        if (result.ok) logger.info({ checked: result.checked }, 'audit chain verified');
        else logger.error({ problem: result.firstProblem }, 'audit chain is broken');
      },
    }),
  ];
}
