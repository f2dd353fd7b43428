import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import { allow, PUBLIC } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import { sendAsset } from '../platform/http/static-asset.js';
import type { App } from '../platform/http/types.js';
import { bannerAsset } from './banner/banner.asset.js';
import { parseConsentCsv } from './consent.import.js';
import {
  consentConfig,
  historyEntry,
  importResult,
  linkBody,
  publicRecordBody,
  recordBody,
  recordResult,
  settingsBody,
  subjectKeyParams,
  subjectRef,
  subjectState,
  withdrawBody,
} from './consent.schema.js';
import type { ConsentService } from './consent.service.js';

const CONSENT_WRITERS = allow('privacy_officer', 'handler', 'admin');
const CONSENT_READERS = allow('privacy_officer', 'handler', 'auditor', 'admin');
const SETTINGS_WRITERS = allow('privacy_officer', 'admin');

/**
 * The banner runs on the company's own sites, another origin than Mamori: the public consent endpoints
 * answer any origin, without credentials (nothing here reads a cookie of Mamori's). Methods, headers and
 * max-age matter to the browser only in the answer to a preflight, so only that answer carries them.
 */
const cors = (reply: FastifyReply) => reply.header('access-control-allow-origin', '*');
const preflight = (reply: FastifyReply) =>
  cors(reply)
    .header('access-control-allow-methods', 'GET, POST, OPTIONS')
    .header('access-control-allow-headers', 'content-type, sec-gpc')
    .header('access-control-max-age', '86400');

/**
 * The banner's hot routes answer objects built field by field from typed values (the zod type provider
 * checks them against the response schema at compile time); checking them again at run time cost about
 * 6 µs a response (bench/results/consent.md), so they are written with plain JSON.stringify.
 */
const plainJson = () => (data: unknown) => JSON.stringify(data);

// One office behind a NAT can hold many browsers: a higher ceiling than the default for the banner's calls.
const PUBLIC_WRITE_LIMIT = { max: 1200, timeWindow: 60_000 };

/** Registered in a child context so that the body parsers below apply to these routes only. */
export async function consentRoutes(app: App, consent: ConsentService): Promise<void> {
  const plugin: FastifyPluginAsync = async (scope) => {
    await routes(scope.withTypeProvider<ZodTypeProvider>(), consent);
  };
  await app.register(plugin);
}

async function routes(app: App, consent: ConsentService): Promise<void> {
  const tags = ['consent'];

  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.get('/consent/banner.js', async (request, reply) =>
    sendAsset(
      request,
      cors(reply).header('cache-control', 'public, max-age=300'),
      await bannerAsset(),
      'application/javascript; charset=utf-8',
    ),
  );

  for (const url of ['/api/public/consent', '/api/public/consent/config', '/api/public/consent/state'])
    app.options(url, { config: { access: PUBLIC }, schema: { hide: true } }, async (_request, reply) =>
      preflight(reply).code(204).send(),
    );

  app.get(
    '/api/public/consent/config',
    {
      config: { access: PUBLIC, rateLimit: PUBLIC_WRITE_LIMIT },
      serializerCompiler: plainJson,
      schema: {
        tags,
        summary: 'Purposes the banner asks about, in Japanese and English, with the notice version in force',
        response: { 200: consentConfig, ...errorResponses },
      },
    },
    async (_request, reply) => {
      cors(reply).header('cache-control', 'public, max-age=60');
      return consent.config();
    },
  );

  app.post(
    '/api/public/consent',
    {
      config: { access: PUBLIC, rateLimit: PUBLIC_WRITE_LIMIT },
      serializerCompiler: plainJson,
      schema: {
        tags,
        summary:
          'Record a visitor’s choices from the banner; `Sec-GPC: 1` opts out of the purposes flagged for GPC (CCPA Regs §7025)',
        body: publicRecordBody,
        response: { 200: recordResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      cors(reply);
      return consent.recordPublic(request.body, {
        gpcHeader: request.headers['sec-gpc'] === '1',
        origin: originOf(request),
        channel: 'banner',
      });
    },
  );

  app.get(
    '/api/public/consent/state',
    {
      config: { access: PUBLIC, rateLimit: PUBLIC_WRITE_LIMIT },
      serializerCompiler: plainJson,
      schema: {
        tags,
        summary: 'A visitor’s current choices (the visitor id is the browser’s own random id)',
        querystring: z.object({ visitorId: z.uuid() }),
        response: { 200: subjectState, ...errorResponses },
      },
    },
    async (request, reply) =>
      // Sent as built by the service (the body of a cached visitor is kept with its state).
      cors(reply)
        .type('application/json; charset=utf-8')
        .send(await consent.visitorStateJson(request.query.visitorId)),
  );

  app.post(
    '/api/consent',
    {
      config: { access: CONSENT_WRITERS },
      schema: {
        tags,
        summary: 'Record decisions for a subject (form, API or staff channel)',
        body: recordBody,
        response: { 200: subjectState, ...errorResponses },
      },
    },
    async (request) => consent.record(actorOf(principalOf(request)), request.body, originOf(request)),
  );

  app.post(
    '/api/consent/import',
    {
      config: { access: CONSENT_WRITERS },
      schema: {
        tags,
        summary: 'Import decisions from CSV (subject_kind, subject, purpose, decision, recorded_at, …)',
        consumes: ['text/csv'],
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (request) =>
      consent.importRows(
        actorOf(principalOf(request)),
        parseConsentCsv(String(request.body ?? '')),
        originOf(request),
      ),
  );

  app.post(
    '/api/consent/link',
    {
      config: { access: CONSENT_WRITERS },
      schema: {
        tags,
        summary: 'Tie a visitor id to an identified subject; both histories are kept and merged',
        body: linkBody,
        response: { 200: subjectState, ...errorResponses },
      },
    },
    async (request) =>
      consent.link(
        actorOf(principalOf(request)),
        request.body.visitorId,
        request.body.subject,
        originOf(request),
      ),
  );

  app.post(
    '/api/consent/subjects/resolve',
    {
      config: { access: CONSENT_READERS },
      schema: {
        tags,
        summary: 'The subject key of an identity (the keyed hash the ledger files it under)',
        body: subjectRef,
        response: { 200: z.object({ key: z.string() }), ...errorResponses },
      },
    },
    async (request) => ({ key: consent.keyOf(request.body.kind, request.body.value) }),
  );

  app.get(
    '/api/consent/subjects/:key/state',
    {
      config: { access: CONSENT_READERS },
      schema: {
        tags,
        summary: 'Current state per purpose (expired and needing renewal shown)',
        params: subjectKeyParams,
        response: { 200: subjectState, ...errorResponses },
      },
    },
    async (request) =>
      consent.viewState(actorOf(principalOf(request)), request.params.key, originOf(request)),
  );

  app.get(
    '/api/consent/subjects/:key/history',
    {
      config: { access: CONSENT_READERS },
      schema: {
        tags,
        summary: 'Every decision of the subject and of the ids linked to it, oldest first',
        params: subjectKeyParams,
        response: { 200: z.array(historyEntry), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await consent.history(
        actorOf(principalOf(request)),
        request.params.key,
        originOf(request),
      );
      return rows.map((r) => ({
        id: r.id,
        subjectKey: r.subjectKey,
        purpose: r.purpose,
        decision: r.decision,
        recordedAt: r.recordedAt.toISOString(),
        noticeVersion: r.noticeVersion,
        channel: r.channel,
        gpc: r.gpc,
        language: r.language,
        shown: r.shown,
        ipPrefix: r.ipPrefix,
        userAgent: r.uaSummary,
        jurisdiction: r.jurisdiction,
        expiresAt: r.expiresAt?.toISOString() ?? null,
      }));
    },
  );

  app.post(
    '/api/consent/subjects/:key/withdraw',
    {
      config: { access: CONSENT_WRITERS },
      schema: {
        tags,
        summary: 'Withdraw the given purposes, or every purpose currently granted',
        params: subjectKeyParams,
        body: withdrawBody,
        response: { 200: subjectState, ...errorResponses },
      },
    },
    async (request) =>
      consent.withdraw(actorOf(principalOf(request)), request.params.key, request.body, originOf(request)),
  );

  app.put(
    '/api/consent/purposes/:purpose',
    {
      config: { access: SETTINGS_WRITERS },
      schema: {
        tags,
        summary: 'Banner, GPC (sale / sharing / targeted advertising) and TCF settings of a register purpose',
        params: z.object({ purpose: z.string().min(1).max(200) }),
        body: settingsBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await consent.putSettings(
        actorOf(principalOf(request)),
        request.params.purpose,
        request.body,
        originOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/consent/rates',
    {
      config: { access: CONSENT_READERS },
      schema: {
        tags,
        summary: 'Subjects per purpose, decision and notice version (consent rates)',
        response: {
          200: z.array(
            z.object({
              purpose: z.string(),
              decision: z.string(),
              noticeVersion: z.number().nullable(),
              count: z.number(),
              inForce: z.boolean(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async () => consent.rates(),
  );
}
