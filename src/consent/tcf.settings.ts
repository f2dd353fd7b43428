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
import { type StaticAsset, sendAsset } from '../platform/http/static-asset.js';
import type { App } from '../platform/http/types.js';

/** IAB ids in a vendor's declaration: a list of distinct numbers from 1 to `max`. */
const iabIds = (max: number) =>
  z
    .array(z.number().int().min(1).max(max))
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { error: 'each id only once' });

/**
 * TCF Policy v2.2 (kept by v2.3): purpose 1 (store or access information on a device) and purposes 3–6
 * (personalised advertising and content profiles) may rest on consent only, never on legitimate interest.
 */
export const CONSENT_ONLY_PURPOSES: readonly number[] = [1, 3, 4, 5, 6];

/** One disclosed vendor as the GVL v3 declares it; fields this form does not edit are kept as sent. */
const tcfVendor = z
  .object({
    id: z.number().int().min(1).max(65535),
    name: z.string().trim().min(1).max(300),
    purposes: iabIds(11),
    legIntPurposes: iabIds(11),
    specialFeatures: iabIds(2),
  })
  .loose()
  .superRefine((v, ctx) => {
    const consentOnly = v.legIntPurposes.filter((p) => CONSENT_ONLY_PURPOSES.includes(p));
    if (consentOnly.length)
      ctx.addIssue({
        code: 'custom',
        path: ['legIntPurposes'],
        message: `purposes ${consentOnly.join(', ')} may rest on consent only (TCF Policy)`,
      });
    const both = v.legIntPurposes.filter((p) => v.purposes.includes(p));
    if (both.length)
      ctx.addIssue({
        code: 'custom',
        path: ['legIntPurposes'],
        message: `purposes ${both.join(', ')} are declared for both consent and legitimate interest`,
      });
  });

export const tcfSettings = z.object({
  /** The CMP id the IAB Tech Lab registered for this deployment (TCF Policy: only a registered CMP may sign). */
  cmpId: z.number().int().min(2).max(4095),
  cmpVersion: z.number().int().min(1).max(4095),
  publisherCountryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'two capital letters (ISO 3166-1 alpha-2), e.g. JP' }),
  /** The site's vendor list: the IAB GVL JSON (v3) or the part of it the site discloses. */
  vendorList: z
    .object({
      vendorListVersion: z.number().int().positive(),
      tcfPolicyVersion: z.number().int().positive(),
      purposes: z.record(z.string(), z.unknown()),
      vendors: z.record(z.string().regex(/^\d+$/), tcfVendor),
    })
    .loose()
    .superRefine((list, ctx) => {
      // The GVL keys each vendor by its id; a mismatch would disclose a different vendor than the one named.
      for (const [key, v] of Object.entries(list.vendors))
        if (String(v.id) !== key)
          ctx.addIssue({ code: 'custom', path: ['vendors', key, 'id'], message: `must be ${key}` });
    }),
  /** Also answer `__gpp` with a US-national (usnat) section from the sale/share purposes and GPC. */
  gpp: z.boolean().default(false),
});
export type TcfSettings = z.infer<typeof tcfSettings>;

/** What the console shows: the settings in force, or none (TCF off: the banner answers no `__tcfapi`). */
export const tcfState = z.object({
  enabled: z.boolean(),
  settings: tcfSettings.nullable(),
  updatedAt: z.string().nullable(),
});
export type TcfState = z.infer<typeof tcfState>;

/** The single settings row (id 1); its SQL lives here because it is the whole of this small store. */
export class TcfSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async get(): Promise<TcfSettings | undefined> {
    return (await this.state()).settings ?? undefined;
  }

  async state(): Promise<TcfState> {
    const row = await this.db
      .selectFrom('consent_tcf_settings')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!row) return { enabled: false, settings: null, updatedAt: null };
    return {
      enabled: true,
      settings: {
        cmpId: row.cmp_id,
        cmpVersion: row.cmp_version,
        publisherCountryCode: row.publisher_country_code,
        vendorList: row.vendor_list as TcfSettings['vendorList'],
        gpp: row.gpp,
      },
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** Turns TCF off: the public settings answer 404 and the banner's IAB layer stays silent. */
  async remove(actor: Actor, origin: Origin): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('consent_tcf_settings').where('id', '=', 1).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return;
      await this.audit.record(trx, {
        actor,
        action: 'consent.settings_updated',
        object: { type: 'consent_tcf', id: '1' },
        origin,
        details: { enabled: false },
      });
    });
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

// The same roles as the other consent settings (consent.routes.ts): the banner's disclosures are policy.
const WRITERS = allow('privacy_officer', 'admin');
const READERS = allow('privacy_officer', 'handler', 'auditor', 'admin');

const cors = (reply: FastifyReply) =>
  reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300');

export async function tcfRoutes(app: App, store: TcfSettingsStore, cmpAsset: () => Promise<StaticAsset>) {
  const tags = ['consent'];
  app.get(
    '/api/consent/tcf',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'The IAB TCF v2.3 / GPP settings in force, or `enabled: false` when TCF is off',
        response: { 200: tcfState, ...errorResponses },
      },
    },
    async () => store.state(),
  );
  app.delete(
    '/api/consent/tcf',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'Turn IAB TCF / GPP off: the banner then answers no `__tcfapi` or `__gpp`',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await store.remove(actorOf(principalOf(request)), originOf(request));
      return reply.code(204).send(null);
    },
  );
  app.put(
    '/api/consent/tcf',
    {
      config: { access: WRITERS },
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
  app.get('/consent/cmp.js', async (request, reply) =>
    sendAsset(request, cors(reply), await cmpAsset(), 'application/javascript; charset=utf-8'),
  );
}
