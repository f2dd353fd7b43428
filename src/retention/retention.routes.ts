import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import { allow } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import { certificatePdf, erasureCertificatePdf } from './certificate.js';
import { STATUTES } from './retention.laws.js';
import {
  Certificate,
  CollectionReport,
  DueByRule,
  ErasureCertificate,
  Hold,
  HoldInput,
  ReleaseHold,
  StatuteView,
  SweepRequest,
  SweepStatus,
  SweepSummary,
} from './retention.schema.js';
import type { RetentionService } from './retention.service.js';

const READERS = allow('admin', 'privacy_officer', 'auditor');
/** Holds and sweeps change what the company keeps: the privacy office decides (APPI Art. 23 safeguards). */
const OFFICERS = allow('admin', 'privacy_officer');
/** Approving a large sweep is the privacy officer's own decision (issue 9), not an administrator's. */
const APPROVERS = allow('privacy_officer');

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const idParams = z.object({ id: z.string().min(1).max(100) });
const Settings = z.strictObject({
  approvalThreshold: z.number().int().min(0),
  autoRunSmall: z.boolean(),
  batchSize: z.number().int().min(100).max(100_000),
});
const DryRunBody = z.object({
  asOf: z.string(),
  totalDue: z.number(),
  collections: z.array(CollectionReport),
});

export async function retentionRoutes(app: App, retention: RetentionService): Promise<void> {
  const tags = ['retention'];
  const actor = (request: Parameters<typeof principalOf>[0]) => actorOf(principalOf(request));

  app.get(
    '/api/retention/statutes',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Statutory minimum periods (holds with citations)',
        response: { 200: z.array(StatuteView), ...errorResponses },
      },
    },
    () => [...STATUTES],
  );
  app.get(
    '/api/retention/holds',
    {
      config: { access: READERS },
      schema: { tags, summary: 'Legal holds in force', response: { 200: z.array(Hold), ...errorResponses } },
    },
    () => retention.holdsRedacted(),
  );
  app.post(
    '/api/retention/holds',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Place a legal hold',
        body: HoldInput,
        response: { 201: Hold, ...errorResponses },
      },
    },
    async (request, reply) => {
      const hold = await retention.placeHold(actor(request), request.body);
      const shown = hold.scope.kind === 'person' ? { ...hold, scope: { ...hold.scope, value: '***' } } : hold;
      return reply.code(201).send(shown);
    },
  );
  app.post(
    '/api/retention/holds/:id/release',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Release a legal hold (the reason is written to the audit log)',
        params: idParams,
        body: ReleaseHold,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await retention.releaseHold(actor(request), request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/retention/due',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Per rule: rows due now / within 30 / within 90 days (counted in the stores, holds applied)',
        querystring: z.object({ asOf: Day.optional() }),
        response: {
          200: z.object({ asOf: z.string(), rules: z.array(DueByRule) }),
          ...errorResponses,
        },
      },
    },
    (request) => retention.dueByRule(request.query.asOf),
  );
  app.get(
    '/api/retention/settings',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Approval threshold and batch size',
        response: { 200: Settings, ...errorResponses },
      },
    },
    () => retention.settings(),
  );
  app.put(
    '/api/retention/settings',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Change retention settings',
        body: Settings,
        response: { 200: Settings, ...errorResponses },
      },
    },
    (request) => retention.saveSettings(actor(request), request.body),
  );
  app.post(
    '/api/retention/dry-run',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Rows due now / in 30 / in 90 days per collection, and what holds keep back',
        body: SweepRequest,
        response: { 200: DryRunBody, ...errorResponses },
      },
    },
    (request) => retention.dryRun(actor(request), request.body.asOf),
  );
  app.post(
    '/api/retention/sweeps',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Plan a sweep (runs at once when small, else waits for approval)',
        body: SweepRequest,
        response: { 201: SweepSummary, ...errorResponses },
      },
    },
    async (request, reply) => {
      const who = actor(request);
      let sweep = await retention.request(who, {
        trigger: 'api',
        ...(request.body.asOf && { asOf: request.body.asOf }),
      });
      if (sweep.status === 'approved') sweep = await retention.execute(who, sweep.id);
      return reply.code(201).send(sweep);
    },
  );
  app.get(
    '/api/retention/sweeps',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Sweeps, newest first (status=awaiting_approval lists the pending ones)',
        querystring: z.object({ status: SweepStatus.optional() }),
        response: { 200: z.array(SweepSummary), ...errorResponses },
      },
    },
    (request) => retention.sweeps(request.query.status),
  );
  app.post(
    '/api/retention/sweeps/:id/approve',
    {
      config: { access: APPROVERS },
      schema: {
        tags,
        summary: 'Approve a sweep waiting for a privacy officer (it runs within ten minutes)',
        params: idParams,
        response: { 200: SweepSummary, ...errorResponses },
      },
    },
    (request) => retention.approve(actor(request), request.params.id),
  );
  app.get(
    '/api/retention/sweeps/:id/certificate',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Deletion certificate (JSON, or PDF with format=pdf)',
        params: idParams,
        querystring: z.object({
          format: z.enum(['json', 'pdf']).default('json'),
          lang: z.enum(['ja', 'en']).default('ja'),
        }),
        response: {
          200: z.union([z.object({ certificate: Certificate, sha256: z.string() }), z.any()]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { certificate, sha256 } = await retention.certificate(actor(request), request.params.id);
      if (request.query.format === 'json') return { certificate, sha256 };
      const pdf = await certificatePdf(certificate, sha256, request.query.lang);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${certificate.sweepId}.pdf"`)
        .send(pdf);
    },
  );
  app.get(
    '/api/retention/certificates',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Deletion certificates of rights-request erasures, newest first',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              requestId: z.string(),
              /** The request's reference (R-…), as the person and the letter know it. */
              reference: z.string(),
              sha256: z.string(),
              createdAt: z.string(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    () => retention.erasures.list(),
  );
  app.get(
    '/api/retention/certificates/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary:
          "Deletion certificate of a rights request's erasure, by certificate or request id (JSON, or PDF with format=pdf)",
        params: idParams,
        querystring: z.object({
          format: z.enum(['json', 'pdf']).default('json'),
          lang: z.enum(['ja', 'en']).default('ja'),
        }),
        response: {
          200: z.union([z.object({ certificate: ErasureCertificate, sha256: z.string() }), z.any()]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { certificate, sha256 } = await retention.erasures.get(actor(request), request.params.id);
      if (request.query.format === 'json') return { certificate, sha256 };
      const pdf = await erasureCertificatePdf(certificate, sha256, request.query.lang);
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="erasure-certificate-${certificate.reference.replace(/[^A-Za-z0-9-]/g, '_')}.pdf"`,
        )
        .send(pdf);
    },
  );
}
