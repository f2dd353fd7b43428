import { z } from 'zod';
import { actorOf } from '../accounts/accounts.service.js';
import { SourceFormatError } from '../datasets/yaml.source.js';
import { allow } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import type { App } from '../platform/http/types.js';
import { translate } from '../platform/i18n/i18n.js';
import {
  COLLECTION_SCHEMAS,
  COLLECTION_SLUGS,
  COLLECTIONS,
  SECTION_LABELS,
  SINGLETON_SCHEMAS,
  SINGLETONS,
} from './register.collections.js';
import { parseRegisterUpload, registerToYamlDocument, uploadFormat, XLSX_TYPE } from './register.io.js';
import { Register } from './register.schema.js';
import type { RegisterService } from './register.service.js';

/** Everyone who works with the register reads it; the auditor and request handlers never change it. */
export const REGISTER_READERS = allow('privacy_officer', 'engineer', 'handler', 'auditor', 'admin');
export const REGISTER_WRITERS = allow('privacy_officer', 'engineer', 'admin');

const keyParams = z.object({ key: z.string().min(1).max(200) });
const meta = {
  list: z.string(),
  key: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
};
const view = (doc: z.ZodType) => z.object({ ...meta, doc });
const historyEntry = z.object({
  version: z.number().int(),
  change: z.enum(['created', 'updated', 'deleted']),
  via: z.enum(['api', 'import']),
  changedAt: z.string(),
  changedBy: z.string(),
  doc: z.unknown(),
});
const finding = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  entity: z.string(),
  key: z.string(),
  message: z.object({ ja: z.string(), en: z.string() }),
  hint: z.object({ ja: z.string(), en: z.string() }),
});
const importSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
});

const MAX_UPLOAD = 20 * 1024 * 1024;

export async function registerRoutes(app: App, register: RegisterService): Promise<void> {
  const tags = ['register'];

  for (const collection of COLLECTIONS) {
    const base = `/api/register/${COLLECTION_SLUGS[collection]}`;
    const schema = COLLECTION_SCHEMAS[collection];
    const label = SECTION_LABELS[collection].en;
    app.get(
      base,
      {
        config: { access: REGISTER_READERS },
        schema: {
          tags,
          summary: `List ${label}`,
          response: { 200: z.array(view(schema)), ...errorResponses },
        },
      },
      () => register.list(collection),
    );
    app.get(
      `${base}/:key`,
      {
        config: { access: REGISTER_READERS },
        schema: {
          tags,
          summary: `Get one of ${label}`,
          params: keyParams,
          response: { 200: view(schema), ...errorResponses },
        },
      },
      (request) => register.get(collection, request.params.key),
    );
    app.get(
      `${base}/:key/history`,
      {
        config: { access: REGISTER_READERS },
        schema: {
          tags,
          summary: `Every version of one of ${label}, newest first`,
          params: keyParams,
          response: { 200: z.array(historyEntry), ...errorResponses },
        },
      },
      (request) => register.history(collection, request.params.key),
    );
    app.post(
      base,
      {
        config: { access: REGISTER_WRITERS },
        schema: {
          tags,
          summary: `Add to ${label}`,
          body: schema,
          response: { 201: view(schema), ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await register.create(
          actorOf(principalOf(request)),
          collection,
          request.body,
          originOf(request),
        );
        return reply.code(201).send(created);
      },
    );
    app.put(
      `${base}/:key`,
      {
        config: { access: REGISTER_WRITERS },
        schema: {
          tags,
          summary: `Replace one of ${label} (a new version)`,
          params: keyParams,
          body: schema,
          response: { 200: view(schema), ...errorResponses },
        },
      },
      (request) =>
        register.update(
          actorOf(principalOf(request)),
          collection,
          request.params.key,
          request.body,
          originOf(request),
        ),
    );
    app.delete(
      `${base}/:key`,
      {
        config: { access: REGISTER_WRITERS },
        schema: {
          tags,
          summary: `Delete one of ${label}`,
          params: keyParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await register.delete(
          actorOf(principalOf(request)),
          collection,
          request.params.key,
          originOf(request),
        );
        return reply.code(204).send(null);
      },
    );
  }

  for (const singleton of SINGLETONS) {
    const url = `/api/register/${singleton}`;
    const schema = SINGLETON_SCHEMAS[singleton];
    const label = SECTION_LABELS[singleton].en;
    app.get(
      url,
      {
        config: { access: REGISTER_READERS },
        schema: { tags, summary: `Get the ${label}`, response: { 200: view(schema), ...errorResponses } },
      },
      () => register.get(singleton, singleton),
    );
    app.get(
      `${url}/history`,
      {
        config: { access: REGISTER_READERS },
        schema: {
          tags,
          summary: `Every version of the ${label}`,
          response: { 200: z.array(historyEntry), ...errorResponses },
        },
      },
      () => register.history(singleton, singleton),
    );
    app.put(
      url,
      {
        config: { access: REGISTER_WRITERS },
        schema: {
          tags,
          summary: `Set the ${label}`,
          body: schema,
          response: { 200: view(schema), ...errorResponses },
        },
      },
      (request) =>
        register.putSingleton(actorOf(principalOf(request)), singleton, request.body, originOf(request)),
    );
  }

  app.get(
    '/api/register',
    {
      config: { access: REGISTER_READERS },
      schema: { tags, summary: 'The whole register', response: { 200: Register, ...errorResponses } },
    },
    () => register.require(),
  );

  app.get(
    '/api/register/findings',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'Lint findings (errors first) with a fix hint each',
        response: { 200: z.array(finding), ...errorResponses },
      },
    },
    () => register.findings(),
  );

  app.get(
    '/api/register/export',
    {
      config: { access: REGISTER_READERS },
      schema: {
        tags,
        summary: 'Download the register: one YAML document (sections + Fides `dataset:`) or an Excel 台帳',
        querystring: z.object({ format: z.enum(['yaml', 'xlsx']).default('yaml') }),
      },
    },
    async (request, reply) => {
      const current = await register.require();
      await register.recordExport(actorOf(principalOf(request)), request.query.format, originOf(request));
      if (request.query.format === 'xlsx') {
        const { registerToXlsx } = await import('./register.xlsx.js');
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', 'attachment; filename="register.xlsx"')
          .send(await registerToXlsx(current));
      }
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', 'attachment; filename="register.yaml"')
        .send(registerToYamlDocument(current));
    },
  );

  // Uploads in YAML or Excel need their own body parsers; kept inside this scope so no other route accepts them.
  await app.register(importScope(register));
}

/** The import route with its YAML and Excel body parsers. */
function importScope(register: RegisterService): (scope: App) => Promise<void> {
  const tags = ['register'];
  return async (scope) => {
    scope.addContentTypeParser(
      ['application/yaml', 'application/x-yaml', 'text/yaml'],
      { parseAs: 'string', bodyLimit: MAX_UPLOAD },
      (_request, body, done) => done(null, body),
    );
    scope.addContentTypeParser(
      XLSX_TYPE,
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/register/import',
      {
        config: { access: REGISTER_WRITERS },
        bodyLimit: MAX_UPLOAD,
        schema: {
          tags,
          summary:
            'Replace the whole register (application/json, application/yaml or an .xlsx workbook); all or nothing',
          response: { 200: importSummary, ...errorResponses },
        },
      },
      async (request, reply) => {
        const format = uploadFormat(String(request.headers['content-type'] ?? '')) ?? 'json';
        let parsed: Register;
        try {
          const body = request.body;
          parsed =
            format === 'json'
              ? await parseRegisterUpload(JSON.stringify(body ?? null), 'json')
              : await parseRegisterUpload(body as string | Buffer, format);
        } catch (error) {
          if (!(error instanceof SourceFormatError)) throw error;
          const issues = error.issues.map((i) => ({
            path: `${i.file}:${i.line}:${i.column}${i.path ? ` ${i.path}` : ''}`,
            message: i.message,
          }));
          const detail = issues
            .slice(0, 3)
            .map((i) => `${i.path}: ${i.message}`)
            .join('; ');
          return reply.code(400).send({
            error: {
              code: 'register_invalid',
              message: translate('register_invalid', request.language, { detail }),
              issues,
            },
          });
        }
        return register.import(actorOf(principalOf(request)), parsed, originOf(request), { format });
      },
    );
  };
}
