import { z } from 'zod';
import { PUBLIC } from '../platform/http/access.js';
import { originOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import type { ConsentService } from './consent.service.js';
import { preferencesPage } from './preferences.page.js';

// No script at all: the page works with JavaScript off, and a form posting back to itself is all it does.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const lang = z.enum(['ja', 'en']).optional();

/** The preference centre: a visitor (by the id the banner gave their browser) sees and changes choices. */
export async function preferenceRoutes(app: App, consent: ConsentService): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get(
    '/privacy/preferences',
    {
      config: { access: PUBLIC },
      schema: {
        hide: true,
        querystring: z.object({ v: z.uuid().optional(), lang, saved: z.literal('1').optional() }),
      },
    },
    async (request, reply) => {
      const l = request.query.lang ?? request.language;
      const config = await consent.config();
      const state = request.query.v ? await consent.visitorState(request.query.v) : undefined;
      return reply
        .header('content-security-policy', PAGE_CSP)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          preferencesPage({
            lang: l,
            visitorId: request.query.v,
            purposes: config.purposes,
            state: state?.purposes ?? [],
            saved: request.query.saved === '1',
          }),
        );
    },
  );

  app.post(
    '/privacy/preferences',
    {
      config: { access: PUBLIC },
      schema: { hide: true, body: z.record(z.string(), z.string()) },
    },
    async (request, reply) => {
      const body = request.body;
      const visitorId = z.uuid().parse(body.v);
      const l = body.lang === 'en' ? 'en' : 'ja';
      const config = await consent.config();
      const choices = config.purposes.map((p) => ({
        purpose: p.key,
        decision: body[`p:${p.key}`] === 'granted' ? ('granted' as const) : ('denied' as const),
      }));
      await consent.recordPublic(
        { visitorId, choices, language: l, gpc: false, shown: 'preference-centre' },
        { gpcHeader: request.headers['sec-gpc'] === '1', origin: originOf(request), channel: 'form' },
      );
      return reply.redirect(`/privacy/preferences?v=${visitorId}&lang=${l}&saved=1`, 303);
    },
  );
}
