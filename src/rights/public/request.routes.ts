import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RightAspect } from '../../laws/index.js';
import { AppError } from '../../platform/errors.js';
import { PUBLIC } from '../../platform/http/access.js';
import { originOf } from '../../platform/http/origin.js';
import type { App } from '../../platform/http/types.js';
import { documentProblem } from '../documents.rules.js';
import type { DocumentsService } from '../documents.service.js';
import { lawKindsFor, requiredDocuments } from '../request.rules.js';
import { type AgentKind, agentKinds, referenceParams } from '../rights.schema.js';
import { type RightsService, SYSTEM } from '../rights.service.js';
import { MULTIPART_LIMITS, readFormBody } from './form-body.js';
import { type FieldErrors, type FormValues, one, toRequestBody } from './request.form.js';
import {
  codePage,
  donePage,
  formPage,
  notFoundPage,
  PAGE_SCRIPT,
  PAGE_SCRIPT_PATH,
  type RequiredDocs,
  tooManyPage,
} from './request.pages.js';
import type { Lang } from './request.text.js';

// One small script of our own, no inline code: the pages work the same with JavaScript off.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// A person correcting typos posts a few times; a flood from one address is cut off.
const SUBMIT_LIMIT = { max: 10, timeWindow: 60_000 } as const;
const CODE_LIMIT = { max: 10, timeWindow: 60_000 } as const;

const langOf = (...candidates: unknown[]): Lang => {
  for (const c of candidates) if (c === 'ja' || c === 'en') return c;
  return 'ja';
};
const langQuery = z.object({ lang: z.enum(['ja', 'en']).optional() });

const html = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .code(status)
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(body);

export interface PrivacyRequestDeps {
  rights: RightsService;
  documents: DocumentsService;
  /** Asks the mail job to run now (a person is waiting for a code); absent without SMTP. */
  deliverSoon?: (() => Promise<void>) | undefined;
}

/** The privacy centre's request form at /privacy/request: plain HTML, server-side validation, no script needed. */
export async function privacyRequestRoutes(app: App, deps: PrivacyRequestDeps): Promise<void> {
  const plugin: FastifyPluginAsync = async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 128 * 1024 },
      (_request, body, done) => {
        const values: Record<string, string[]> = {};
        for (const [k, v] of new URLSearchParams(String(body))) values[k] = [...(values[k] ?? []), v];
        done(null, values);
      },
    );
    await scope.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
    // A person posting the form too often gets a page in their language (the limit runs before the route, so
    // the query is not parsed yet); every other error goes on to the application's handler.
    scope.setErrorHandler((error, request, reply) => {
      if (!(error instanceof AppError && error.code === 'rate_limited')) throw error;
      const query = request.query as { lang?: unknown } | undefined;
      return html(reply, tooManyPage(langOf(query?.lang, request.language)), 429);
    });
    await routes(scope.withTypeProvider<ZodTypeProvider>(), deps);
  };
  await app.register(plugin);
}

async function routes(app: App, { rights, documents, deliverSoon }: PrivacyRequestDeps): Promise<void> {
  const kick = async () => {
    // Delivery also runs every minute: a failure to queue it now only delays the code.
    await deliverSoon?.().catch(() => undefined);
  };

  const requiredDocs = async (lang: Lang): Promise<RequiredDocs> => {
    const register = await rights.register.load();
    const agents = {} as Record<AgentKind, string[]>;
    // CCPA agents' evidence comes from the law table (§7063); any CCPA kind names it.
    const kinds = lawKindsFor(['access'] as RightAspect[], {
      residence: { country: 'US', region: 'CA' },
      declared: [],
    }).kinds;
    for (const k of agentKinds)
      agents[k] = register ? requiredDocuments(register.rights, k, kinds, lang) : [];
    return { self: register ? requiredDocuments(register.rights, undefined, kinds, lang) : [], agents };
  };

  const renderForm = async (
    reply: FastifyReply,
    lang: Lang,
    values: FormValues,
    errors: FieldErrors,
    status = 200,
  ) => html(reply, formPage({ lang, values, errors, docs: await requiredDocs(lang) }), status);

  app.get(PAGE_SCRIPT_PATH, { config: { access: PUBLIC }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .type('text/javascript; charset=utf-8')
      .send(PAGE_SCRIPT),
  );

  app.get(
    '/privacy/request',
    { config: { access: PUBLIC }, schema: { hide: true, querystring: langQuery } },
    async (request, reply) => renderForm(reply, langOf(request.query.lang, request.language), {}, {}),
  );

  app.post(
    '/privacy/request',
    { config: { access: PUBLIC, rateLimit: SUBMIT_LIMIT }, schema: { hide: true, querystring: langQuery } },
    async (request, reply) => {
      const form = await readFormBody(request);
      const lang = langOf(one(form.values, 'lang'), request.query.lang, request.language);
      const { body, errors } = toRequestBody(form.values, lang);
      for (const [field, problem] of Object.entries(form.problems)) errors[field] = problem;
      for (const f of form.files) {
        const problem = documentProblem(f.bytes);
        if (problem) errors[f.field] ??= problem;
      }
      if (form.files.length > 0 && one(form.values, 'documentsConsent') !== 'yes')
        errors.documentsConsent = 'documentsConsent';
      const tooLarge = Object.values(errors).includes('too_large');
      if (!body || Object.keys(errors).length > 0)
        return renderForm(reply, lang, form.values, errors, tooLarge ? 413 : 400);
      const checked = documents.check(form.files);
      try {
        const { reference } = await rights.submitPublic(body, originOf(request), (trx, id, acting) =>
          documents.attach(trx, id, checked, acting),
        );
        await kick();
        return reply.redirect(`/privacy/request/${reference}/verify?lang=${lang}`, 303);
      } catch (error) {
        if (error instanceof AppError && error.code === 'rights_no_kind')
          return renderForm(reply, lang, form.values, { aspects: 'noKind' }, 400);
        throw error;
      }
    },
  );

  const referenceOr404 = (request: FastifyRequest, reply: FastifyReply, lang: Lang): string | undefined => {
    const parsed = referenceParams.safeParse(request.params);
    if (parsed.success) return parsed.data.reference;
    void html(reply, notFoundPage(lang), 404);
    return undefined;
  };

  // Any well-formed reference gets the same page: whether it exists is never told.
  app.get(
    '/privacy/request/:reference/verify',
    { config: { access: PUBLIC }, schema: { hide: true, querystring: langQuery } },
    async (request, reply) => {
      const lang = langOf(request.query.lang, request.language);
      const reference = referenceOr404(request, reply, lang);
      if (!reference) return reply;
      return html(reply, codePage({ lang, reference, rejected: false, resent: false }));
    },
  );

  app.post(
    '/privacy/request/:reference/verify',
    { config: { access: PUBLIC, rateLimit: CODE_LIMIT }, schema: { hide: true, querystring: langQuery } },
    async (request, reply) => {
      const form = await readFormBody(request);
      const lang = langOf(one(form.values, 'lang'), request.query.lang, request.language);
      const reference = referenceOr404(request, reply, lang);
      if (!reference) return reply;
      const code = one(form.values, 'code').replace(/\s/g, '');
      const rejected = () => html(reply, codePage({ lang, reference, rejected: true, resent: false }), 400);
      if (!/^\d{6}$/.test(code)) return rejected();
      try {
        await rights.verifyCode(reference, code, originOf(request));
      } catch (error) {
        if (error instanceof AppError && error.code === 'rights_code_rejected') return rejected();
        throw error;
      }
      const row = await rights.repo.byReference(rights.db, reference);
      if (!row) return rejected();
      const view = await rights.view(row);
      await kick();
      return html(
        reply,
        donePage({
          lang,
          reference,
          dueBy: view.dueBy,
          awaitingFee:
            view.status === 'awaiting_fee' && view.fee
              ? { amount: view.fee.amount, currency: view.fee.currency, dueAt: view.fee.dueAt }
              : null,
          documents: row.agent_kind ? view.requiredDocuments : [],
        }),
      );
    },
  );

  app.post(
    '/privacy/request/:reference/resend',
    { config: { access: PUBLIC, rateLimit: CODE_LIMIT }, schema: { hide: true, querystring: langQuery } },
    async (request, reply) => {
      const form = await readFormBody(request);
      const lang = langOf(one(form.values, 'lang'), request.query.lang, request.language);
      const reference = referenceOr404(request, reply, lang);
      if (!reference) return reply;
      const row = await rights.repo.byReference(rights.db, reference);
      if (row?.status === 'verifying') {
        // Over the hourly limit or already verified: the same answer as for an unknown reference.
        await rights.sendCode(row.id, SYSTEM).catch(() => undefined);
        await kick();
      }
      return html(reply, codePage({ lang, reference, rejected: false, resent: true }));
    },
  );
}
