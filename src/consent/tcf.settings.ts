import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/types.js';
import { AppError, notFound } from '../platform/errors.js';
import { allow, PUBLIC } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';

export const tcfSettings = z.object({
  /** The CMP id the IAB Tech Lab registered for this deployment (TCF Policy: only a registered CMP may sign). */
  cmpId: z.number().int().min(2).max(4095),
  cmpVersion: z.number().int().min(1).max(4095),
  publisherCountryCode: z.string().regex(/^[A-Z]{2}$/),
  /** The site's vendor list: the IAB GVL JSON (v3) or the part of it the site discloses. */
  vendorList: z
    .object({
      vendorListVersion: z.number().int().positive(),
      tcfPolicyVersion: z.number().int().positive(),
      purposes: z.record(z.string(), z.unknown()),
      vendors: z.record(z.string(), z.unknown()),
    })
    .loose(),
  /** Also answer `__gpp` with a US-national (usnat) section from the sale/share purposes and GPC. */
  gpp: z.boolean().default(false),
});
export type TcfSettings = z.infer<typeof tcfSettings>;

/** The single settings row (id 1); its SQL lives here because it is the whole of this small store. */
export class TcfSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async get(): Promise<TcfSettings | undefined> {
    const row = await this.db
      .selectFrom('consent_tcf_settings')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      cmpId: row.cmp_id,
      cmpVersion: row.cmp_version,
      publisherCountryCode: row.publisher_country_code,
      vendorList: row.vendor_list as TcfSettings['vendorList'],
      gpp: row.gpp,
    };
  }

  async put(actor: Actor, s: TcfSettings, origin: Origin): Promise<void> {
    // The IAB library must accept the list, or the banner would fail on every visitor's page instead.
    const { GVL } = await import('@iabtechlabtcf/core');
    try {
      new GVL(s.vendorList as unknown as ConstructorParameters<typeof GVL>[0]);
    } catch (e) {
      throw new AppError('bad_request', 400, {
        detail: `vendorList: ${e instanceof Error ? e.message : 'invalid'}`,
      });
    }
    const values = {
      cmp_id: s.cmpId,
      cmp_version: s.cmpVersion,
      publisher_country_code: s.publisherCountryCode,
      vendor_list: JSON.stringify(s.vendorList),
      gpp: s.gpp,
      updated_at: this.clock(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('consent_tcf_settings')
        .values({ id: 1, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      await this.audit.record(trx, {
        actor,
        action: 'consent.settings_updated',
        object: { type: 'consent_tcf', id: '1' },
        origin,
        details: { cmpId: s.cmpId, vendors: Object.keys(s.vendorList.vendors).length, gpp: s.gpp },
      });
    });
  }
}

const cors = (reply: FastifyReply) =>
  reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300');

export async function tcfRoutes(app: App, store: TcfSettingsStore, cmpScript: () => Promise<string>) {
  const tags = ['consent'];
  app.put(
    '/api/consent/tcf',
    {
      config: { access: allow('privacy_officer', 'admin') },
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'IAB TCF v2.3 / GPP settings of the banner: CMP id, publisher country, disclosed vendor list',
        body: tcfSettings,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await store.put(actorOf(principalOf(request)), request.body, originOf(request));
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/public/consent/tcf',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'What the banner’s TCF/GPP script needs to build the TC string (404 when TCF is off)',
        response: { 200: tcfSettings, ...errorResponses },
      },
    },
    async (_request, reply) => {
      const s = await store.get();
      if (!s) throw notFound('TCF settings');
      cors(reply);
      return s;
    },
  );
  app.get('/consent/cmp.js', async (_request, reply) =>
    cors(reply)
      .type('application/javascript; charset=utf-8')
      .send(await cmpScript()),
  );
}
