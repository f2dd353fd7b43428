import { z } from 'zod';
import { ANY_SIGNED_IN, allow, PUBLIC } from '../platform/http/access.js';
import { errorResponses } from '../platform/http/error-body.js';
import { originOf, principalOf } from '../platform/http/origin.js';
import { SESSION_COOKIE } from '../platform/http/server.js';
import type { App } from '../platform/http/types.js';
import {
  apiToken,
  changePasswordBody,
  createTokenBody,
  createUserBody,
  idParams,
  loginBody,
  principal,
  session,
  setupBody,
  type User,
  updateUserBody,
  user,
} from './accounts.schema.js';
import type { AccountsService } from './accounts.service.js';

const ADMIN = allow('admin');
// Brute force: 10 tries a minute per address and login name together, 30 per address overall.
const LOGIN_LIMIT = {
  max: 10,
  timeWindow: 60_000,
  hook: 'preHandler',
  keyGenerator: (request: { ip: string; body?: unknown }) =>
    `${request.ip}|${String((request.body as { login?: unknown } | undefined)?.login ?? '').toLowerCase()}`,
} as const;

export async function accountsRoutes(
  app: App,
  accounts: AccountsService,
  secureCookies: boolean,
): Promise<void> {
  const tags = ['accounts'];
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies } as const;

  app.post(
    '/api/auth/login',
    {
      config: { access: PUBLIC, rateLimit: LOGIN_LIMIT },
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie',
        body: loginBody,
        response: { 200: user, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, user: signedIn } = await accounts.login(
        request.body.login,
        request.body.password,
        originOf(request),
      );
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      return signedIn;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: ANY_SIGNED_IN },
      schema: { tags, summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await accounts.logout(principalOf(request), originOf(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/setup',
    {
      config: { access: PUBLIC, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Set the first administrator password with the one-time setup token printed at first start',
        body: setupBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.completeSetup(request.body.token, request.body.password, originOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: ANY_SIGNED_IN },
      schema: { tags, summary: 'Who is signed in', response: { 200: principal, ...errorResponses } },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        userId: p.userId,
        login: p.login,
        displayName: p.displayName,
        roles: p.roles,
        language: p.language,
        via: p.via,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: ANY_SIGNED_IN, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Change my password (ends my other sessions)',
        body: changePasswordBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.changePassword(
        principalOf(request),
        request.body.currentPassword,
        request.body.newPassword,
        originOf(request),
      );
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: { tags, summary: 'List accounts', response: { 200: z.array(user), ...errorResponses } },
    },
    async (request) => accounts.viewUsers(principalOf(request), originOf(request)),
  );

  app.post(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Create an account',
        body: createUserBody,
        response: { 201: user, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.createUser(principalOf(request), request.body, originOf(request))),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: ADMIN },
      schema: { tags, summary: 'One account', params: idParams, response: { 200: user, ...errorResponses } },
    },
    async (request) =>
      (await accounts.viewUsers(principalOf(request), originOf(request), request.params.id))[0] as User,
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Change roles, name, language, or disable an account',
        params: idParams,
        body: updateUserBody,
        response: { 200: user, ...errorResponses },
      },
    },
    async (request) =>
      accounts.updateUser(principalOf(request), request.params.id, request.body, originOf(request)),
  );

  app.get(
    '/api/tokens',
    {
      config: { access: ANY_SIGNED_IN },
      schema: {
        tags,
        summary: 'My API tokens (all tokens for an admin with ?all=true)',
        querystring: z.object({ all: z.stringbool().default(false) }),
        response: { 200: z.array(apiToken), ...errorResponses },
      },
    },
    async (request) => accounts.listTokens(principalOf(request), request.query.all),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: allow('admin', 'privacy_officer', 'handler', 'engineer') },
      schema: {
        tags,
        summary: 'Create an API token; the token is shown in this answer only',
        body: createTokenBody,
        response: { 201: z.object({ token: z.string(), info: apiToken }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await accounts.createToken(principalOf(request), request.body, originOf(request))),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: ANY_SIGNED_IN },
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.revokeToken(principalOf(request), request.params.id, originOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/sessions',
    {
      config: { access: ANY_SIGNED_IN },
      schema: {
        tags,
        summary: 'My sessions (all sessions for an admin with ?all=true)',
        querystring: z.object({ all: z.stringbool().default(false) }),
        response: { 200: z.array(session), ...errorResponses },
      },
    },
    async (request) => accounts.listSessions(principalOf(request), request.query.all),
  );

  app.delete(
    '/api/sessions/:id',
    {
      config: { access: ANY_SIGNED_IN },
      schema: {
        tags,
        summary: 'End a session',
        params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await accounts.revokeSession(principalOf(request), request.params.id, originOf(request));
      return reply.code(204).send(null);
    },
  );
}
