import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../platform/errors.js';
import { allow } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import type { DocumentsService } from './documents.service.js';
import { documentKinds, documentTypes } from './documents.tables.js';
import { MULTIPART_LIMITS, readFormBody } from './public/form-body.js';
import { idParams } from './rights.schema.js';
import { staffActing } from './rights.service.js';

const STAFF = allow('handler', 'privacy_officer');

export const documentView = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  contentType: z.enum(documentTypes),
  sizeBytes: z.number(),
  name: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  deletedAt: z.string().nullable(),
});

/** Staff side of identity documents: scans of postal requests, the list, and audited viewing. */
export async function documentRoutes(app: App, documents: DocumentsService): Promise<void> {
  const plugin: FastifyPluginAsync = async (scope) => {
    await scope.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
    await routes(scope.withTypeProvider<ZodTypeProvider>(), documents);
  };
  await app.register(plugin);
}

async function routes(app: App, documents: DocumentsService): Promise<void> {
  const tags = ['rights'];

  app.get(
    '/api/requests/:id/documents',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Identity documents received with a request (without their content)',
        params: idParams,
        response: { 200: z.array(documentView), ...errorResponses },
      },
    },
    async (request) =>
      documents.listFor(request.params.id, staffActing(principalOf(request), originOf(request))),
  );

  app.get(
    '/api/requests/:id/documents/:documentId',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'View one identity document (audited: who viewed which document)',
        params: idParams.extend({ documentId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const file = await documents.view(
        request.params.id,
        request.params.documentId,
        staffActing(principalOf(request), originOf(request)),
      );
      return (
        reply
          // RFC 6266: an ASCII fallback and the UTF-8 name (scans are often named in Japanese).
          .header(
            'content-disposition',
            `attachment; filename="document.${file.filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
          )
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .type(file.contentType)
          .send(file.body)
      );
    },
  );

  app.post(
    '/api/requests/:id/documents',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Add scanned documents (multipart: fields identity, agentIdentity, agentAuthority, other)',
        params: idParams,
        response: { 201: z.array(documentView), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('rights_document_rejected', 415, {
          index: 0,
          detail: 'multipart/form-data expected',
        });
      const form = await readFormBody(request);
      const problem = Object.values(form.problems)[0];
      if (problem)
        throw new AppError('rights_document_rejected', problem === 'details' ? 400 : 413, {
          index: form.files.length + 1,
          detail: problem,
        });
      if (form.files.length === 0)
        throw new AppError('rights_document_rejected', 400, { index: 1, detail: 'no file' });
      const list = await documents.upload(
        request.params.id,
        form.files,
        staffActing(principalOf(request), originOf(request)),
      );
      return reply.code(201).send(list);
    },
  );
}
