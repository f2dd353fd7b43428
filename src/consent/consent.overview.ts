import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../platform/db/types.js';
import { allow } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import type { App } from '../platform/http/types.js';
import { needsRenewal } from './consent.rules.js';
import type { ConsentService } from './consent.service.js';

/** The console's overview query: grants per purpose and the purpose text (digest) they were given under. */
export class ConsentOverviewRepository {
  grantsByRev(db: Db) {
    return db
      .selectFrom('consent_state')
      .select(['purpose', 'purpose_rev', sql<number>`count(*)::int4`.as('n')])
      .where('decision', '=', 'granted')
      .groupBy(['purpose', 'purpose_rev'])
      .execute();
  }
}

export const renewalRow = z.object({ purpose: z.string(), needRenewal: z.number(), granted: z.number() });

/** Consents given under an earlier text of a purpose that has since changed: ask those people again. */
export async function renewals(db: Db, repo: ConsentOverviewRepository, consent: ConsentService) {
  const { revs } = await consent.configSnapshot();
  const out = new Map<string, { purpose: string; needRenewal: number; granted: number }>();
  for (const r of await repo.grantsByRev(db)) {
    const row = out.get(r.purpose) ?? { purpose: r.purpose, needRenewal: 0, granted: 0 };
    row.granted += r.n;
    if (needsRenewal({ decision: 'granted', purposeRev: r.purpose_rev }, revs.get(r.purpose)))
      row.needRenewal += r.n;
    out.set(r.purpose, row);
  }
  return [...out.values()].sort((a, b) => a.purpose.localeCompare(b.purpose));
}

export async function overviewRoutes(app: App, db: Db, consent: ConsentService): Promise<void> {
  const repo = new ConsentOverviewRepository();
  app.get(
    '/api/consent/renewals',
    {
      config: { access: allow('privacy_officer', 'handler', 'auditor', 'admin') },
      schema: {
        tags: ['consent'],
        summary: 'Per purpose: current grants, and those given under an earlier text (renewal needed)',
        response: { 200: z.array(renewalRow), ...errorResponses },
      },
    },
    async () => renewals(db, repo, consent),
  );
}
