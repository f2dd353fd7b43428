import { z } from 'zod';
import type { AccountsService } from '../accounts/accounts.service.js';
import { allow, PUBLIC } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import type { AnswerService } from './answer.service.js';
import type { Action } from './lifecycle.rules.js';
import {
  approveBody,
  decideBody,
  downloadParams,
  downloadQuery,
  downloadView,
  exemptionBody,
  exemptionParams,
  extendBody,
  idParams,
  knowledgeBody,
  outboxView,
  publicAccepted,
  publicRequestBody,
  referenceParams,
  requestView,
  staffRequestBody,
  transitionBody,
  verifyBody,
} from './rights.schema.js';
import { type RightsService, staffActing, subjectActing } from './rights.service.js';
import { workRoutes } from './work.routes.js';

const STAFF = allow('handler', 'privacy_officer');
const READERS = allow('handler', 'privacy_officer', 'auditor');
// The form is public: a few requests a minute per address is plenty for a person, too few to flood.
const SUBMIT_LIMIT = { max: 5, timeWindow: 60_000 } as const;
const CODE_LIMIT = { max: 10, timeWindow: 60_000 } as const;

const ACCEPTED = {
  ja: 'ご請求を受け付けました。ご入力のメールアドレスに確認コードをお送りしました。',
  en: 'We have received your request and sent a confirmation code to the e-mail address you gave.',
} as const;

export async function rightsRoutes(
  app: App,
  rights: RightsService,
  answers: AnswerService,
  accounts: AccountsService,
): Promise<void> {
  const tags = ['rights'];
  await workRoutes(app, rights, answers, accounts);
  const staff = (request: Parameters<typeof principalOf>[0]) =>
    staffActing(principalOf(request), originOf(request));

  app.post(
    '/api/public/requests',
    {
      config: { access: PUBLIC, rateLimit: SUBMIT_LIMIT },
      schema: {
        tags,
        summary: 'Make a rights request (the answer never says whether we hold data about you)',
        body: publicRequestBody,
        response: { 202: publicAccepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { reference } = await rights.submitPublic(request.body, originOf(request));
      return reply.code(202).send({ reference, message: ACCEPTED[request.language] });
    },
  );

  app.post(
    '/api/public/requests/:reference/verify',
    {
      config: { access: PUBLIC, rateLimit: CODE_LIMIT },
      schema: {
        tags,
        summary: 'Confirm the e-mail address with the one-time code',
        params: referenceParams,
        body: verifyBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await rights.verifyCode(request.params.reference, request.body.code, originOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/public/requests/:reference/withdraw',
    {
      config: { access: PUBLIC, rateLimit: CODE_LIMIT },
      schema: {
        tags,
        summary: 'Withdraw a request',
        params: referenceParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await rights.withdrawPublic(request.params.reference, originOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/public/downloads/:token',
    {
      config: { access: PUBLIC, rateLimit: CODE_LIMIT },
      schema: {
        tags,
        summary: 'Download the answer (JSON, CSV or the letter)',
        params: downloadParams,
        querystring: downloadQuery,
      },
    },
    async (request, reply) => {
      const file = await answers.download(
        request.params.token,
        request.query.file,
        subjectActing(originOf(request)),
      );
      reply.header('content-disposition', `attachment; filename="${file.filename}"`);
      reply.header('cache-control', 'no-store');
      return reply.type(file.contentType).send(file.body);
    },
  );

  app.post(
    '/api/requests',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Enter a request (web, e-mail, post, phone, in person)',
        body: staffRequestBody,
        response: { 201: requestView, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await rights.submitStaff(request.body, staff(request))),
  );

  app.post(
    '/api/requests/:id/send-code',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Start verification by e-mail code',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await rights.sendCode(request.params.id, staff(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/requests/:id/verify-documents',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Accept the identity (and agent) documents',
        params: idParams,
        body: transitionBody,
        response: { 200: requestView, ...errorResponses },
      },
    },
    async (request) => rights.documentsVerified(request.params.id, staff(request), request.body.reason),
  );

  app.post(
    '/api/requests/:id/knowledge',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Check phone / birth date against the records found for the e-mail',
        params: idParams,
        body: knowledgeBody,
        response: { 200: z.object({ ok: z.boolean(), status: z.string() }), ...errorResponses },
      },
    },
    async (request) => answers.knowledgeCheck(request.params.id, request.body, staff(request)),
  );

  const simple: [string, Action, string][] = [
    ['fee-paid', 'fee_paid', 'Record that the fee was paid'],
    ['return', 'return_to_work', 'Send a reviewed request back to work'],
    ['withdraw', 'withdraw', 'Record a withdrawal'],
  ];
  for (const [path, action, summary] of simple) {
    app.post(
      `/api/requests/:id/${path}`,
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary,
          params: idParams,
          body: transitionBody,
          response: { 200: requestView, ...errorResponses },
        },
      },
      async (request) => rights.act(request.params.id, action, staff(request), request.body.reason),
    );
  }

  app.post(
    '/api/requests/:id/approve',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Approve: run the engine, open manual and controller tasks, build the package',
        params: idParams,
        body: approveBody,
        response: { 200: requestView, ...errorResponses },
      },
    },
    async (request) => answers.approve(request.params.id, staff(request), request.body),
  );

  app.post(
    '/api/requests/:id/extend',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Extend the deadline with notice to the person',
        params: idParams,
        body: extendBody,
        response: { 200: requestView, ...errorResponses },
      },
    },
    async (request) => rights.extend(request.params.id, staff(request), request.body.reason),
  );

  app.post(
    '/api/requests/:id/exemptions',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Withhold an item with its legal ground',
        params: idParams,
        body: exemptionBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await answers.addExemption(request.params.id, staff(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/requests/:id/exemptions/:exemptionId',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Take back an exemption before the decision: the item is answered again',
        params: exemptionParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await answers.removeExemption(request.params.id, staff(request), request.params.exemptionId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/requests/:id/decide',
    {
      config: { access: allow('privacy_officer') },
      schema: {
        tags,
        summary: 'Decide: complete, partially refuse or refuse (with grounds)',
        params: idParams,
        body: decideBody,
        response: { 200: requestView, ...errorResponses },
      },
    },
    async (request) => answers.decide(request.params.id, staff(request), request.body),
  );

  app.get(
    '/api/requests/:id/letter',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Preview the answer letter (PDF)',
        params: idParams,
        querystring: z.object({ lang: z.enum(['ja', 'en']).optional() }),
      },
    },
    async (request, reply) => {
      const pdf = await answers.letter(request.params.id, request.query.lang);
      await rights.audit.recordAlone({
        actor: staff(request).actor,
        action: 'rights.viewed',
        object: { type: 'rights_request', id: request.params.id },
        details: { what: 'letter' },
      });
      return reply.type('application/pdf').send(pdf);
    },
  );

  app.post(
    '/api/requests/:id/download',
    {
      config: { access: STAFF },
      schema: {
        tags,
        summary: 'Create an expiring download link for the person',
        params: idParams,
        response: { 201: downloadView, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await answers.createDownload(request.params.id, staff(request))),
  );

  app.get(
    '/api/outbox',
    {
      config: { access: allow('admin') },
      schema: {
        tags,
        summary: 'Messages waiting for or sent by the mailer (development: read codes here)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.array(outboxView), ...errorResponses },
      },
    },
    async (request) => rights.outboxList(staff(request), request.query.limit),
  );
}
