import { z } from 'zod';
import { actorOf } from '../../accounts/accounts.service.js';
import { AUDIT_READERS } from '../http/access.js';
import { errorResponses } from '../http/error-body.js';
import { originOf, principalOf } from '../http/origin.js';
import type { App } from '../http/types.js';
import { auditQuery, auditRecordSchema, verificationResult } from './audit.schema.js';
import type { AuditService } from './audit.service.js';

export async function auditRoutes(app: App, audit: AuditService): Promise<void> {
  const tags = ['audit'];

  app.get(
    '/api/audit/events',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags,
        summary: 'Search audit events, newest first (keyset paging with ?before=<seq>)',
        querystring: auditQuery,
        response: {
          200: z.object({ events: z.array(auditRecordSchema), next: z.number().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const events = await audit.search(request.query);
      // Reading the log is itself recorded: it names staff and the objects they touched.
      await audit.recordAlone({
        actor: actorOf(principalOf(request)),
        action: 'audit.viewed',
        origin: originOf(request),
        details: {
          filters: Object.keys(request.query).filter((k) => k !== 'limit'),
          returned: events.length,
        },
      });
      const last = events.at(-1);
      return { events, next: events.length === request.query.limit && last ? last.seq : null };
    },
  );

  app.get(
    '/api/audit/export',
    {
      config: { access: AUDIT_READERS },
      schema: { tags, summary: 'The whole log as JSON Lines, in chain order, for independent verification' },
    },
    async (request, reply) => {
      await audit.recordAlone({
        actor: actorOf(principalOf(request)),
        action: 'audit.exported',
        origin: originOf(request),
      });
      reply.header('content-disposition', 'attachment; filename="mamori-audit.jsonl"');
      reply.type('application/x-ndjson; charset=utf-8');
      const lines = async function* () {
        for await (const record of audit.all()) yield `${JSON.stringify(record)}\n`;
      };
      return reply.send(lines());
    },
  );

  app.post(
    '/api/audit/verify',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags,
        summary: 'Verify the hash chain; names the first broken link',
        response: { 200: verificationResult, ...errorResponses },
      },
    },
    async (request) => {
      const result = await audit.verify();
      await audit.recordAlone({
        actor: actorOf(principalOf(request)),
        action: 'audit.verified',
        origin: originOf(request),
        details: {
          ok: result.ok,
          checked: result.checked,
          firstProblemSeq: result.firstProblem?.seq ?? null,
        },
      });
      return result;
    },
  );
}
