import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { type Role, roles } from '../../accounts/roles.js';
import type { RouteEntry } from './server.js';

let t: TestApp;
const bearer: Partial<Record<Role, string>> = {};
const SOME_ID = '00000000-0000-4000-8000-000000000000';

const concrete = (url: string) =>
  url.replace(/:id\b/g, SOME_ID).replace(/:(\w+)/g, (_m, name: string) => `x-${name}`);

beforeAll(async () => {
  t = await testApp();
  // Tokens, not sessions, for the walk: a route that ends a session must not sign the next test out.
  for (const role of roles) {
    const created = await t.mamori.accounts.createToken(
      t.principals[role],
      { name: `walk-${role}`, roles: [role] },
      {},
    );
    bearer[role] = `Bearer ${created.token}`;
  }
}, 60_000);
afterAll(() => t.close());

const apiRoutes = (): RouteEntry[] =>
  t.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));

describe('every API route × every role', () => {
  it('has declared access and at least the core routes', () => {
    const urls = apiRoutes().map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(
      expect.arrayContaining(['GET /api/health', 'POST /api/auth/login', 'GET /api/users']),
    );
  });

  it('refuses signed-out callers on every non-public route', async () => {
    for (const route of apiRoutes().filter((r) => r.access !== 'public')) {
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url) });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('allows exactly the declared roles', async () => {
    for (const route of apiRoutes().filter((r) => r.access !== 'public')) {
      for (const role of roles) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: { authorization: bearer[role] ?? '' },
          ...(['POST', 'PUT', 'PATCH'].includes(route.method) && { payload: {} }),
        });
        const allowed = (route.access as readonly string[]).includes(role);
        const label = `${route.method} ${route.url} as ${role}`;
        if (allowed) expect([401, 403], label).not.toContain(res.statusCode);
        else expect(res.statusCode, label).toBe(403);
        expect(res.statusCode, label).toBeLessThan(500);
      }
    }
  });

  it('never lets the auditor change anything', () => {
    const writes = apiRoutes().filter(
      (r) =>
        r.method !== 'GET' && r.access !== 'public' && (r.access as readonly string[]).includes('auditor'),
    );
    // Verifying the chain is a read that is POSTed because it records that it ran; resolving an identity to its
    // ledger key is a read that is POSTed so that the e-mail address stays out of URLs and logs; signing out and
    // own tokens are the person's own business.
    const allowedWrites = new Set([
      'POST /api/audit/verify',
      'POST /api/consent/subjects/resolve',
      'POST /api/auth/logout',
      'POST /api/auth/password',
      'DELETE /api/tokens/:id',
      'DELETE /api/sessions/:id',
    ]);
    expect(writes.map((r) => `${r.method} ${r.url}`).filter((w) => !allowedWrites.has(w))).toEqual([]);
  });
});

describe('bad input', () => {
  const json = { 'content-type': 'application/json' };

  it('answers malformed JSON, wrong media types, huge bodies and unknown routes with 4xx and a code', async () => {
    const admin = bearer.admin ?? '';
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...json, authorization: admin },
      payload: '{"login":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad_request');

    const media = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'text/csv', authorization: admin },
      payload: 'a,b',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('unsupported_media_type');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...json, authorization: admin },
      payload: JSON.stringify({ login: 'x'.repeat(2_000_000) }),
    });
    expect(huge.statusCode).toBe(413);

    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('route_not_found');
  });

  it('names the field in validation errors, in the request language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: bearer.admin ?? '', 'accept-language': 'en' },
      payload: {
        login: 'new-person',
        displayName: 'N',
        roles: ['superuser'],
        password: 'long enough password',
      },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json().error;
    expect(body.code).toBe('validation_failed');
    expect(body.issues.map((i: { path: string }) => i.path)).toContain('body.roles.0');
    expect(body.message).toMatch(/^The request is invalid: body\.roles\.0/);
    const ja = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: bearer.admin ?? '', 'accept-language': 'ja' },
      payload: {},
    });
    expect(ja.json().error.message).toMatch(/^入力内容に誤りがあります/);
  });

  it('survives thousands of generated requests on every route without a 5xx', async () => {
    const routes = apiRoutes().filter((r) => r.url !== '/api/auth/logout');
    const body = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom(
          'login',
          'password',
          'displayName',
          'roles',
          'email',
          'name',
          'token',
          'language',
          'disabled',
        ),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string()), fc.constant(null)),
      ),
      fc.string(),
    );
    const query = fc.dictionary(
      fc.constantFrom('all', 'limit', 'before', 'from', 'to', 'action', 'objectId'),
      fc.oneof(fc.string(), fc.integer().map(String)),
    );
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        body,
        query,
        fc.boolean(),
        async (route, payload, qs, asJson) => {
          sent += 1;
          const res = await t.app.inject({
            method: route.method as 'POST',
            url: concrete(route.url),
            query: qs,
            headers: {
              authorization: bearer.admin ?? '',
              'content-type': asJson ? 'application/json' : 'text/plain',
            },
            ...(route.method !== 'GET' && route.method !== 'DELETE' && { payload: JSON.stringify(payload) }),
          });
          expect(res.statusCode, `${route.method} ${route.url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 2500 },
    );
    expect(sent).toBeGreaterThanOrEqual(2500);
  }, 240_000);
});

describe('OpenAPI and health', () => {
  it('serves health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI 3.1 document with the schemas of the routes, and browsable docs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/users', '/api/audit/verify']),
    );
    const create = doc.paths['/api/users'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['login', 'roles', 'password']),
    );
    // Every $ref resolves: generated clients (the console's) refuse a document with a dangling one.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1] ?? '');
    const dangling = refs.filter(
      (ref) =>
        ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc) ===
        undefined,
    );
    expect(dangling).toEqual([]);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('serves the console placeholder and redirects / to it', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/' })).headers.location).toBe('/console/');
    const page = await t.app.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
