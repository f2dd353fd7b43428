import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { escapeHtml } from '../notices/notice.html.js';
import { AppError } from '../platform/errors.js';
import { PUBLIC } from '../platform/http/access.js';
import { originOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import type { ConsentService } from './consent.service.js';
import { codePage, emailPage, identifiedPage } from './preferences.identified.page.js';
import { type Lang, preferencesPage, shell, TEXT } from './preferences.page.js';
import { normaliseEmail, SESSION_TTL_MS } from './preferences.rules.js';
import type { PreferencesService } from './preferences.service.js';

// No script at all: the page works with JavaScript off, and a form posting back to itself is all it does.
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const COOKIE = 'mamori_pref';
// Per address the service allows three an hour; per network address a few more, for a shared office line.
const EMAIL_LIMIT = { max: 10, timeWindow: 60_000 } as const;
const CODE_LIMIT = { max: 10, timeWindow: 60_000 } as const;

const lang = z.enum(['ja', 'en']).optional();
const langOf = (value: unknown): Lang => (value === 'en' ? 'en' : 'ja');

const html = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .code(status)
    .header('content-security-policy', PAGE_CSP)
    .header('cache-control', 'no-store')
    // The verify link carries a token: never let it leave in a Referer.
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(body);

/** The person's choices from a posted form: only purposes the banner asks about, granted or not. */
const choicesOf = (body: Record<string, string>, purposes: ReadonlyArray<{ key: string }>) =>
  purposes.map((p) => ({
    purpose: p.key,
    decision: body[`p:${p.key}`] === 'granted' ? ('granted' as const) : ('denied' as const),
  }));

export interface PreferenceRouteOptions {
  /** Where links in messages point (MAMORI_PUBLIC_URL); without it, the address the request came to. */
  publicUrl: string | undefined;
}

/**
 * The preference centre: a browser by the id the banner gave it, or a person by an e-mail address proved
 * with a one-time code. Plain HTML forms; registered in a child context for the urlencoded parser.
 */
export async function preferenceRoutes(
  app: App,
  consent: ConsentService,
  preferences: PreferencesService,
  options: PreferenceRouteOptions,
): Promise<void> {
  const secureCookie = options.publicUrl?.startsWith('https:') ?? false;
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  const form = { hide: true, body: z.record(z.string(), z.string()) };
  const sessionOf = (request: FastifyRequest) => preferences.session(request.cookies[COOKIE]);

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
      return html(
        reply,
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

  app.post('/privacy/preferences', { config: { access: PUBLIC }, schema: form }, async (request, reply) => {
    const body = request.body;
    const visitorId = z.uuid().parse(body.v);
    const l = langOf(body.lang);
    const config = await consent.config();
    await consent.recordPublic(
      {
        visitorId,
        choices: choicesOf(body, config.purposes),
        language: l,
        gpc: false,
        shown: 'preference-centre',
      },
      { gpcHeader: request.headers['sec-gpc'] === '1', origin: originOf(request), channel: 'form' },
    );
    return reply.redirect(`/privacy/preferences?v=${visitorId}&lang=${l}&saved=1`, 303);
  });

  app.post(
    '/privacy/preferences/email',
    { config: { access: PUBLIC, rateLimit: EMAIL_LIMIT }, schema: form },
    async (request, reply) => {
      const l = langOf(request.body.lang);
      const email = normaliseEmail(request.body.email ?? '');
      if (!email) return html(reply, emailPage(l, 'invalid'), 400);
      const base = options.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
      try {
        const id = await preferences.requestCode(email, l, base, originOf(request));
        return reply.redirect(`/privacy/preferences/code?id=${id}&lang=${l}`, 303);
      } catch (e) {
        if (e instanceof AppError && e.code === 'rate_limited')
          return html(reply, emailPage(l, 'tooMany'), 429);
        throw e;
      }
    },
  );

  const idParam = z.string().regex(/^[0-9a-f]{24}$/);

  app.get(
    '/privacy/preferences/code',
    { config: { access: PUBLIC }, schema: { hide: true, querystring: z.object({ id: idParam, lang }) } },
    async (request, reply) => html(reply, codePage(request.query.lang ?? request.language, request.query.id)),
  );

  const signIn = (reply: FastifyReply, session: string, l: Lang) =>
    reply
      .setCookie(COOKIE, session, {
        path: '/privacy/preferences',
        httpOnly: true,
        // Lax: the cookie must come along when the person follows the link in the message.
        sameSite: 'lax',
        secure: secureCookie,
        maxAge: SESSION_TTL_MS / 1000,
      })
      .redirect(`/privacy/preferences/me?lang=${l}`, 303);

  app.post(
    '/privacy/preferences/code',
    { config: { access: PUBLIC, rateLimit: CODE_LIMIT }, schema: form },
    async (request, reply) => {
      const l = langOf(request.body.lang);
      const id = idParam.safeParse(request.body.id);
      if (!id.success) return html(reply, codePage(l, '', 'used'), 400);
      const { result, session } = await preferences.verifyCode(
        id.data,
        (request.body.code ?? '').trim(),
        originOf(request),
      );
      if (result === 'ok' && session) return signIn(reply, session, l);
      return html(reply, codePage(l, id.data, result === 'ok' ? 'wrong' : result), 400);
    },
  );

  // The link only shows a button: mail scanners that fetch every link must not use up the one-time token.
  app.get(
    '/privacy/preferences/verify',
    {
      config: { access: PUBLIC },
      schema: { hide: true, querystring: z.object({ t: z.string().max(100), lang }) },
    },
    async (request, reply) => {
      const l = request.query.lang ?? request.language;
      const t = TEXT[l];
      return html(
        reply,
        shell(
          l,
          '',
          `<h2>${t.codeTitle}</h2><form method="post" action="/privacy/preferences/verify">
<input type="hidden" name="t" value="${escapeHtml(request.query.t)}"><input type="hidden" name="lang" value="${l}">
<button type="submit">${t.verify}</button></form>`,
        ),
      );
    },
  );

  app.post(
    '/privacy/preferences/verify',
    { config: { access: PUBLIC, rateLimit: CODE_LIMIT }, schema: form },
    async (request, reply) => {
      const l = langOf(request.body.lang);
      const { result, session } = await preferences.verifyLink(
        (request.body.t ?? '').slice(0, 100),
        originOf(request),
      );
      if (result === 'ok' && session) return signIn(reply, session, l);
      return html(reply, codePage(l, '', result === 'wrong' || result === 'ok' ? 'used' : result), 400);
    },
  );

  app.get(
    '/privacy/preferences/me',
    {
      config: { access: PUBLIC },
      schema: { hide: true, querystring: z.object({ lang, saved: z.literal('1').optional() }) },
    },
    async (request, reply) => {
      const session = await sessionOf(request);
      const l = request.query.lang ?? session?.language ?? request.language;
      if (!session) return reply.redirect(`/privacy/preferences?lang=${l}`, 303);
      const view = await preferences.view(session);
      return html(
        reply,
        identifiedPage({ lang: l, email: session.email, ...view, saved: request.query.saved === '1' }),
      );
    },
  );

  app.post(
    '/privacy/preferences/me',
    { config: { access: PUBLIC }, schema: form },
    async (request, reply) => {
      const l = langOf(request.body.lang);
      const session = await sessionOf(request);
      if (!session) return reply.redirect(`/privacy/preferences?lang=${l}`, 303);
      const config = await consent.config();
      await preferences.save(session, choicesOf(request.body, config.purposes), l, originOf(request));
      return reply.redirect(`/privacy/preferences/me?lang=${l}&saved=1`, 303);
    },
  );

  app.post(
    '/privacy/preferences/signout',
    { config: { access: PUBLIC }, schema: form },
    async (request, reply) => {
      const token = request.cookies[COOKIE];
      if (token) await preferences.endSession(token);
      return reply
        .clearCookie(COOKIE, { path: '/privacy/preferences' })
        .redirect(`/privacy/preferences?lang=${langOf(request.body.lang)}`, 303);
    },
  );
}
