import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import { allow, PUBLIC } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import { REGISTER_READERS } from '../register/register.routes.js';
import { IsoDate } from '../register/register.schema.js';
import type { NoticeService, OutputFormat } from './notice.service.js';
import { noNoticePage, privacyPage } from './privacy.page.js';

/** Publishing is a promise to the public: the privacy office decides it, not engineers. */
const PUBLISHERS = allow('privacy_officer', 'admin');

const lang = z.enum(['ja', 'en']).default('ja');
const noticeMeta = z.object({
  version: z.number().int(),
  effectiveOn: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  note: z.string().nullable(),
});
const versionParams = z.object({ version: z.coerce.number().int().positive() });
const rendered = z.object({ markdown: z.string(), html: z.string() });

const CONTENT_TYPES: Record<OutputFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

// The page holds no script; inline style only. Framing is refused so the notice cannot be dressed up elsewhere.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

const meta = (m: { publishedAt: Date } & Omit<z.infer<typeof noticeMeta>, 'publishedAt'>) => ({
  version: m.version,
  effectiveOn: m.effectiveOn,
  publishedAt: m.publishedAt.toISOString(),
  publishedBy: m.publishedBy,
  note: m.note,
});

export async function noticeRoutes(app: App, notices: NoticeService): Promise<void> {
  const tags = ['notices'];

  app.get(
    '/api/notices/preview',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'The notice the current register would publish (not stored)',
        querystring: z.object({ lang, format: z.enum(['md', 'html', 'pdf']).default('html') }),
      },
    },
    async (request, reply) => {
      const { lang: l, format } = request.query;
      return reply.type(CONTENT_TYPES[format]).send(await notices.preview(l, format));
    },
  );

  app.post(
    '/api/notices',
    {
      config: { access: PUBLISHERS },
      schema: {
        tags,
        summary: 'Publish the current register as a new notice version with its effective date',
        body: z.object({ effectiveOn: IsoDate, note: z.string().max(2000).optional() }),
        response: { 201: noticeMeta, ...errorResponses },
      },
    },
    async (request, reply) => {
      const published = await notices.publish(actorOf(principalOf(request)), request.body, originOf(request));
      return reply.code(201).send(meta(published));
    },
  );

  app.get(
    '/api/notices',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'Published versions, newest first',
        response: { 200: z.array(noticeMeta), ...errorResponses },
      },
    },
    async () => (await notices.list()).map(meta),
  );

  app.get(
    '/api/notices/diff',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'What changed between two published versions, section by section',
        querystring: z.object({
          from: z.coerce.number().int().positive(),
          to: z.coerce.number().int().positive(),
          lang,
        }),
        response: {
          200: z.object({
            changed: z.boolean(),
            text: z.string(),
            sections: z.array(
              z.object({
                path: z.string(),
                status: z.enum(['added', 'removed', 'changed', 'unchanged']),
                lines: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { diff, text } = await notices.diff(request.query.from, request.query.to, request.query.lang);
      return { ...diff, text };
    },
  );

  app.get(
    '/api/notices/:version',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'One published version: its text in both languages and the register it was rendered from',
        params: versionParams,
        response: {
          200: noticeMeta.extend({ ja: rendered, en: rendered, register: z.unknown() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const record = await notices.get(request.params.version);
      return { ...meta(record), ja: record.ja, en: record.en, register: record.register };
    },
  );

  app.get(
    '/api/notices/:version/pdf',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'One published version as a PDF',
        params: versionParams,
        querystring: z.object({ lang }),
      },
    },
    async (request, reply) => {
      const pdf = await notices.pdf(request.params.version, request.query.lang);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="notice-v${request.params.version}-${request.query.lang}.pdf"`,
        )
        .send(pdf);
    },
  );

  // Public (and so rate-limited by the server): the notice in force, as the page the privacy policy links to.
  app.get(
    '/privacy',
    {
      config: { access: PUBLIC },
      schema: { hide: true, querystring: z.object({ lang: z.enum(['ja', 'en']).optional() }) },
    },
    async (request, reply) => {
      const l = request.query.lang ?? request.language;
      const current = await notices.current();
      reply.header('content-security-policy', PAGE_CSP).header('cache-control', 'public, max-age=300');
      if (!current) return reply.code(404).type('text/html; charset=utf-8').send(noNoticePage(l));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-language', l)
        .send(
          privacyPage(current[l].html, {
            lang: l,
            version: current.version,
            effectiveOn: current.effectiveOn,
          }),
        );
    },
  );
}
