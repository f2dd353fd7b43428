import { createHmac } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { KeyRing } from '../platform/crypto/keys.js';
import type { SecretBox } from '../platform/crypto/secret-box.js';
import type { Db } from '../platform/db/types.js';
import type { App } from '../platform/http/types.js';
import type { JobDefinition } from '../platform/jobs/job.js';
import { cmpAsset } from './banner/cmp.asset.js';
import { overviewRoutes } from './consent.overview.js';
import type { ConsentService } from './consent.service.js';
import { PreferencesRepository } from './preferences.repository.js';
import { preferenceRoutes } from './preferences.routes.js';
import { PreferencesService } from './preferences.service.js';
import { TcfSettingsStore, tcfRoutes } from './tcf.settings.js';
import { webhookJobs } from './webhooks.jobs.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { webhookRoutes } from './webhooks.routes.js';
import { WebhooksService } from './webhooks.service.js';

export interface ConsentExtras {
  webhooks: WebhooksService;
  preferences: PreferencesService;
  jobs: readonly JobDefinition[];
  routes(app: App): Promise<void>;
}

/** Webhooks and the e-mail preference centre around the ledger (main.ts calls this once). */
export function createConsentExtras(deps: {
  db: Db;
  consent: ConsentService;
  audit: AuditService;
  secrets: SecretBox;
  keys: KeyRing;
  publicUrl: string | undefined;
  clock?: (() => Date) | undefined;
}): ConsentExtras {
  const webhooks = new WebhooksService(
    deps.db,
    new WebhooksRepository(),
    deps.audit,
    deps.secrets,
    async (purpose) => (await deps.consent.configSnapshot()).revs.has(purpose),
    { clock: deps.clock },
  );
  const preferences = new PreferencesService(
    deps.db,
    new PreferencesRepository(),
    deps.consent,
    deps.audit,
    deps.secrets,
    // Its own key, derived from the pseudonym key, so code and session MACs never match a subject key.
    createHmac('sha256', deps.keys.derive('pseudonyms')).update('consent-preferences').digest(),
    deps.clock,
  );
  return {
    webhooks,
    preferences,
    jobs: webhookJobs(webhooks),
    async routes(app) {
      // A child context: the form parser below applies to the preference pages only.
      const plugin: FastifyPluginAsync = async (scope) => {
        const typed = scope.withTypeProvider<ZodTypeProvider>();
        await webhookRoutes(typed, webhooks);
        await overviewRoutes(typed, deps.db, deps.consent);
        await tcfRoutes(typed, new TcfSettingsStore(deps.db, deps.audit, deps.clock), cmpAsset);
        await preferenceRoutes(typed, deps.consent, preferences, { publicUrl: deps.publicUrl });
      };
      await app.register(plugin);
    },
  };
}
