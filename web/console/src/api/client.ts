import createClient from 'openapi-fetch';
import type { Lang } from '../i18n/dict';
import type { paths } from './schema';

/**
 * The one API client: paths, parameters and answers are typed from Mamori's own OpenAPI document
 * (`npm run build` regenerates schema.d.ts from the routes), so the console cannot drift from the server.
 * The session cookie (HttpOnly, SameSite=Strict) rides along on every same-origin call.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let language: Lang = 'ja';
/** API messages (validation, errors) come back in the console's language. */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

let onUnauthenticated: () => void = () => {};
/** Called when any answer is 401 (the session ended or expired): the shell shows the sign-in form. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

api.use({
  onRequest({ request }) {
    request.headers.set('accept-language', language);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/login')) {
      onUnauthenticated();
    }
    return response;
  },
});

export interface ApiProblem {
  status: number;
  code: string;
  message: string;
  issues: { path: string; message: string }[];
}

/** The error body every route answers with (platform/http/error-body.ts), or a generic one for network failures. */
export function problemOf(error: unknown, response: Response | undefined): ApiProblem {
  const body = (
    error as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } }
  )?.error;
  return {
    status: response?.status ?? 0,
    code: body?.code ?? 'network_error',
    message:
      body?.message ?? (error instanceof Error ? error.message : String(response?.statusText ?? error)),
    issues: body?.issues ?? [],
  };
}

export class ApiFailure extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problem.message);
  }
}

/** Unpacks an openapi-fetch answer: the typed data, or an ApiFailure carrying the server's message. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok)
    throw new ApiFailure(problemOf(result.error, result.response));
  return result.data as T;
}
