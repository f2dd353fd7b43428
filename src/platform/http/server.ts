import { existsSync, readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyRequest, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AccountsService } from '../../accounts/accounts.service.js';
import { AppError } from '../errors.js';
import { pickLanguage } from '../i18n/i18n.js';
import { fromRoot } from '../paths.js';
import { isPublic } from './access.js';
import { handleError } from './errors.js';
import type { App } from './types.js';

export const SESSION_COOKIE = 'mamori_session';
const DOCS_PREFIX = '/api/docs';

export interface ServerOptions {
  logger: Logger;
  accounts: AccountsService;
  defaultLanguage: 'ja' | 'en';
  trustProxy: boolean;
  secureCookies: boolean;
  version: string;
  /** Registers the capability routes; called once the plumbing is in place. */
  routes: (app: App) => Promise<void>;
  /** Answers 503 on the API while the server drains for shutdown. */
  isShuttingDown?: () => boolean;
}

/** Routes seen at registration with their access declaration, for the route × role test and the docs. */
export interface RouteEntry {
  method: string;
  url: string;
  access: 'public' | readonly string[];
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && value ? value.trim() : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

export async function buildServer(options: ServerOptions): Promise<{ app: App; routes: RouteEntry[] }> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    // Request lines are logged by the onResponse hook below with the route pattern, never the raw URL:
    // query strings and path parameters can hold an e-mail address or a name.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  app.decorateRequest('language', options.defaultLanguage);

  const routes: RouteEntry[] = [];
  // Runs before the rate-limit plugin's own onRoute hook, so the defaults below are what it sees.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const isApi = url.startsWith('/api/') && !url.startsWith(DOCS_PREFIX);
    const access = route.config?.access;
    if (isApi && !access) throw new Error(`Route ${methods.join(',')} ${url} declares no access rule`);
    const open = !access || isPublic(access);
    if (open) {
      route.config = {
        ...route.config,
        rateLimit: (route.config as { rateLimit?: object } | undefined)?.rateLimit ?? {
          max: 300,
          timeWindow: 60_000,
        },
      } as typeof route.config;
    }
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url, access: open ? 'public' : (access as { roles: readonly string[] }).roles });
    }
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // The limit's headers go with the 429 answer only (retry-after and x-ratelimit-*): public routes are
    // called by banners and forms, not by clients that pace themselves, and every answer carried three.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    errorResponseBuilder: () => new AppError('rate_limited', 429, { after: '1 min' }),
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    handleError(new AppError('route_not_found', 404) as never, request, reply),
  );

  app.addHook('onRequest', async (request, reply) => {
    request.language = pickLanguage(request.headers['accept-language'], options.defaultLanguage);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/api/') || request.url.startsWith(DOCS_PREFIX)) return;
    if (options.isShuttingDown?.()) throw new AppError('service_unavailable', 503);
    reply.header('cache-control', 'no-store');
    const access = request.routeOptions.config.access;
    if (!access || isPublic(access)) return;
    const token = bearer(request);
    const sessionToken = request.cookies[SESSION_COOKIE];
    const principal = token
      ? await options.accounts.authenticateToken(token)
      : sessionToken
        ? await options.accounts.authenticateSession(sessionToken)
        : undefined;
    if (!principal) throw new AppError('unauthenticated', 401);
    // Cookie sessions are SameSite=Strict; a cross-site Origin on a change is refused all the same.
    if (principal.via === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const origin = request.headers.origin;
      if (origin && hostOf(origin) !== request.headers.host) throw new AppError('forbidden', 403);
    }
    const allowed = access.roles;
    if (!principal.roles.some((r) => allowed.includes(r))) throw new AppError('forbidden', 403);
    request.principal = principal;
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(none)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        user: request.principal?.userId,
      },
      'request',
    );
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mamori API',
        version: options.version,
        description:
          'Privacy operations: register, notices, consent, rights requests, retention, anonymisation, audit. ' +
          'Authenticate with a session cookie (console) or `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await options.routes(app);

  await consoleRoutes(app);
  await app.register(fastifyStatic, {
    root: fromRoot('web', 'static', 'privacy'),
    // `/privacy` itself is the published notice (notices/notice.routes.ts); the privacy centre's files live below.
    prefix: '/privacy/assets/',
    wildcard: false,
    decorateReply: false,
  });
  app.get('/', (_request, reply) => reply.redirect('/console/'));

  return { app, routes };
}

/**
 * The console (web/console, built by `npm run build` into web/console/dist) at /console/. Its pages are
 * client routes (/console/register/purposes/x): any other path under /console/ answers index.html, except
 * under assets/, where a missing file is a real 404. Without a build the placeholder page is served.
 */
async function consoleRoutes(app: App): Promise<void> {
  const built = fromRoot('web', 'console', 'dist');
  const hasBuild = existsSync(`${built}/index.html`);
  await app.register(fastifyStatic, {
    root: hasBuild ? built : fromRoot('web', 'static', 'console'),
    prefix: '/console/',
    // One route per file, found at start: with ignoreTrailingSlash a '/console/*' wildcard misses '/console/'.
    wildcard: false,
    decorateReply: false,
    // File names under assets/ carry a content hash: cache them for good; index.html is checked each time.
    setHeaders: (reply, filePath) => {
      reply.header(
        'cache-control',
        /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  if (!hasBuild) return;
  const index = readFileSync(`${built}/index.html`);
  app.get('/console/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/console/assets/')) throw new AppError('route_not_found', 404);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  });
}
