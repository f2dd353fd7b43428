import { z } from 'zod';
import type { Config } from '../../config.js';
import type { AuditService } from '../../platform/audit/audit.service.js';
import { ByteBox } from '../../platform/crypto/byte-box.js';
import type { KeyRing } from '../../platform/crypto/keys.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { Db } from '../../platform/db/types.js';
import type { App } from '../../platform/http/types.js';
import type { JobQueue } from '../../platform/jobs/job.js';
import { defineJob } from '../../platform/jobs/job.js';
import { mailJobs } from '../../platform/mail/mail.jobs.js';
import { type Mailer, smtpMailer } from '../../platform/mail/mailer.js';
import { OutboxDelivery } from '../../platform/mail/outbox.delivery.js';
import { OutboxRepository } from '../../platform/mail/outbox.repository.js';
import { DocumentsRepository } from '../documents.repository.js';
import { documentRoutes } from '../documents.routes.js';
import { DocumentsService } from '../documents.service.js';
import type { RightsService } from '../rights.service.js';
import { privacyRequestRoutes } from './request.routes.js';

/** The privacy centre's side of rights requests: identity documents, mail delivery, the public form. */
export interface RightsPublic {
  documents: DocumentsService;
  delivery: OutboxDelivery;
  jobs: ReturnType<typeof rightsPublicJobs>;
  routes(app: App, queue: JobQueue): Promise<void>;
}

export function createRightsPublic(input: {
  db: Db;
  audit: AuditService;
  secrets: SecretBox;
  keys: KeyRing;
  rights: RightsService;
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  clock?: (() => Date) | undefined;
  /** A mailer to use instead of SMTP from the configuration (tests). */
  mailer?: Mailer;
}): RightsPublic {
  const clock = input.clock ?? (() => new Date());
  const documents = new DocumentsService(
    input.db,
    new DocumentsRepository(),
    input.rights.repo,
    input.audit,
    input.secrets,
    new ByteBox(input.keys),
    clock,
  );
  const mailer =
    input.mailer ??
    (input.config.smtpUrl
      ? smtpMailer({ smtpUrl: input.config.smtpUrl, from: input.config.mailFrom })
      : undefined);
  const delivery = new OutboxDelivery(
    input.db,
    new OutboxRepository(),
    input.secrets,
    input.audit,
    mailer,
    clock,
  );
  const jobs = rightsPublicJobs(documents, delivery);
  return {
    documents,
    delivery,
    jobs,
    async routes(app, queue) {
      const deliver = jobs.find((j) => j.id === 'outbox.deliver');
      await privacyRequestRoutes(app, {
        rights: input.rights,
        documents,
        ...(mailer &&
          deliver && { deliverSoon: () => queue.enqueue(deliver, {}, { jobKey: 'outbox.deliver' }) }),
      });
      await documentRoutes(app, documents);
    },
  };
}

function rightsPublicJobs(documents: DocumentsService, delivery: OutboxDelivery) {
  return [
    ...mailJobs(delivery),
    defineJob({
      id: 'rights.documents_purge',
      version: 1,
      payload: z.object({}),
      // Daily, 03:30 in Japan.
      schedule: '30 18 * * *',
      handler: async (_payload, { logger }) => {
        const erased = await documents.purge();
        if (erased > 0) logger.info({ erased }, 'identity documents erased after their cases closed');
      },
    }),
  ];
}
