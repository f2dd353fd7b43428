import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import { allow } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import { ScanReport } from './db-scan.schema.js';
import type { DiscoveryService } from './discovery.service.js';
import { findingsSchema } from './finding.schema.js';

/**
 * Scans read the company's stores and change the register: the privacy office and engineers (who keep the
 * register's datasets) run them and accept suggestions; auditors read.
 */
const OFFICERS = allow('admin', 'privacy_officer', 'engineer');
const READERS = allow('admin', 'privacy_officer', 'engineer', 'auditor');

const idParams = z.object({ id: z.uuid() });
const ScanView = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  connections: z.array(z.string()),
  sample: z.number().int(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  report: ScanReport.nullable(),
});
const Source = z.object({ key: z.string(), type: z.string() });
const TextRequest = z.strictObject({
  /** Up to 200,000 characters (a pasted document); never stored. */
  text: z.string().min(1).max(200_000),
  redact: z.enum(['mask', 'tag']).optional(),
  minScore: z.number().min(0).max(1).optional(),
});
const TextResult = z.object({ findings: findingsSchema, redacted: z.string() });
const ScanRequest = z.strictObject({
  /** Keys of connections stored in Mamori (`mamori connections`); each is also its dataset's fides_key. */
  connections: z.array(z.string().min(1)).min(1).max(50),
  sample: z.number().int().min(1).max(100_000).optional(),
});
const AcceptRequest = z.strictObject({
  dataset: z.string().min(1),
  collection: z.string().min(1).optional(),
  field: z.string().min(1).optional(),
});
const Accepted = z.object({
  fides_key: z.string(),
  collections: z.array(z.looseObject({ name: z.string() })),
});

export async function discoveryRoutes(app: App, discovery: DiscoveryService): Promise<void> {
  const tags = ['discovery'];
  const actor = (request: Parameters<typeof principalOf>[0]) => actorOf(principalOf(request));

  app.post(
    '/api/discovery/scans',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Scan stored connections for personal data (a job: sampled, classified, drift reported)',
        body: ScanRequest,
        response: { 202: ScanView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await discovery.request(actor(request), request.body, originOf(request))),
  );
  app.get(
    '/api/discovery/sources',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Stored connections a scan can sample (keys and store types only)',
        response: { 200: z.array(Source), ...errorResponses },
      },
    },
    () => discovery.sources(),
  );
  app.post(
    '/api/discovery/text',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary:
          'Find personal data in a pasted text, with a redacted preview (audited; the text is not stored)',
        body: TextRequest,
        response: { 200: TextResult, ...errorResponses },
      },
    },
    (request) => discovery.scanPasted(actor(request), request.body, originOf(request)),
  );
  app.get(
    '/api/discovery/scans',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Recent scans (without reports)',
        response: { 200: z.array(ScanView), ...errorResponses },
      },
    },
    () => discovery.list(),
  );
  app.get(
    '/api/discovery/scans/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'A scan: findings per system, table and column, and drift (no sampled values)',
        params: idParams,
        response: { 200: ScanView, ...errorResponses },
      },
    },
    (request) => discovery.get(actor(request), request.params.id, originOf(request)),
  );
  app.post(
    '/api/discovery/scans/:id/accept',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: "Write a scan's proposed categories into the register's dataset (declared ones are kept)",
        params: idParams,
        body: AcceptRequest,
        response: { 200: Accepted, ...errorResponses },
      },
    },
    (request) => discovery.accept(actor(request), request.params.id, request.body, originOf(request)),
  );
}
