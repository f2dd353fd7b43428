import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import { allow } from '../platform/http/access.js';
import { errorBody, errorResponses } from '../platform/http/error-body.js';
import { principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import {
  Anonymization,
  AnonymizationRequest,
  Language,
  MAX_CSV_BYTES,
  Provision,
  ProvisionInput,
  Publication,
  Source,
} from './anonymization.schema.js';
import type { AnonymizationService } from './anonymization.service.js';

/**
 * The roles that make anonymised information. The configuration and report are the processing method,
 * which APPI Art. 43(2) / PPC Rules Art. 35 want kept from others, so the same roles read them.
 */
const MAKERS = allow('privacy_officer', 'engineer', 'admin');
/**
 * Auditors also read the runs, reports, publications and provisions: they are the records APPI Art. 43
 * requires, and checking them is their job. They do not download the released table.
 */
const READERS = allow('privacy_officer', 'engineer', 'admin', 'auditor');

const idParams = z.object({ id: z.uuid() });

export async function anonymizationRoutes(app: App, service: AnonymizationService): Promise<void> {
  const tags = ['anonymization'];
  const actor = (request: Parameters<typeof principalOf>[0]) => actorOf(principalOf(request));

  app.post(
    '/api/anonymizations',
    {
      config: { access: MAKERS },
      // The CSV travels as a JSON string (typed and validated with the rest of the request); the body
      // may therefore be larger than the default limit.
      bodyLimit: MAX_CSV_BYTES + 4 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Queue an anonymisation of an uploaded table or a connected table (匿名加工情報)',
        body: AnonymizationRequest,
        response: { 202: Anonymization, ...errorResponses, 413: errorBody },
      },
    },
    async (request, reply) => reply.code(202).send(await service.request(actor(request), request.body)),
  );

  app.get(
    '/api/anonymizations',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Anonymisation runs, newest first',
        response: { 200: z.array(Anonymization), ...errorResponses },
      },
    },
    () => service.list(),
  );

  app.get(
    '/api/anonymizations/sources',
    {
      config: { access: MAKERS },
      schema: {
        tags,
        summary: 'SQL connections, tables and columns a run can read (names and types only)',
        response: { 200: z.array(Source), ...errorResponses },
      },
    },
    () => service.sources(),
  );

  app.get(
    '/api/anonymizations/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Status and report of an anonymisation',
        params: idParams,
        response: { 200: Anonymization, ...errorResponses },
      },
    },
    (request) => service.get(request.params.id),
  );

  app.get(
    '/api/anonymizations/:id/result',
    {
      config: { access: MAKERS },
      schema: {
        tags,
        summary: 'Download the anonymised table (CSV; audited as an export)',
        params: idParams,
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { csv } = await service.result(actor(request), request.params.id);
      reply.header('content-disposition', `attachment; filename="anonymized-${request.params.id}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(csv);
    },
  );

  app.get(
    '/api/anonymizations/:id/publication',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Item list and provision methods to publish (APPI Art. 43(3)/(4))',
        params: idParams,
        querystring: z.object({ lang: Language.default('ja') }),
        response: { 200: Publication, ...errorResponses },
      },
    },
    (request) => service.publication(request.params.id, request.query.lang),
  );

  app.post(
    '/api/anonymizations/:id/provisions',
    {
      config: { access: MAKERS },
      schema: {
        tags,
        summary: 'Record a provision to a third party, with its publication and the notice to the recipient',
        params: idParams,
        body: ProvisionInput,
        response: { 201: Provision, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.provide(actor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/anonymizations/:id/provisions',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Provisions recorded for an anonymisation',
        params: idParams,
        response: { 200: z.array(Provision), ...errorResponses },
      },
    },
    (request) => service.provisions(request.params.id),
  );
}
