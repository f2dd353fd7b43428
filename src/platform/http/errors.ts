import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { translate } from '../i18n/i18n.js';
import type { MessageCode } from '../i18n/messages.js';
import type { ErrorBody } from './error-body.js';

interface ValidationEntry {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

function issuesOf(error: FastifyError): { path: string; message: string }[] {
  const context = error.validationContext ?? 'body';
  return ((error.validation ?? []) as ValidationEntry[]).map((v) => {
    const rawPath = v.params?.issue?.path?.map(String) ?? (v.instancePath ?? '').split('/').filter(Boolean);
    return {
      path: [context, ...rawPath].join('.'),
      message: v.params?.issue?.message ?? v.message ?? 'invalid',
    };
  });
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: MessageCode,
  params: Record<string, string | number> = {},
  extra: Partial<ErrorBody['error']> = {},
): FastifyReply {
  const body: ErrorBody = { error: { code, message: translate(code, request.language, params), ...extra } };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Maps every failure to a stable code and a translated message. 4xx answers explain what was wrong with the
 * request; 5xx answers say nothing about internals but carry the request id, which the log has too.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) return send(reply, request, error.status, error.code, error.params);
  if (error.validation) {
    const issues = issuesOf(error);
    const detail = issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    return send(reply, request, 400, 'validation_failed', { detail }, { issues });
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return send(reply, request, 413, 'payload_too_large');
  if (status === 415) {
    return send(reply, request, 415, 'unsupported_media_type', {
      type: String(request.headers['content-type'] ?? '').slice(0, 100) || '-',
    });
  }
  if (status === 429) return send(reply, request, 429, 'rate_limited', { after: '1 min' });
  if (status === 503) return send(reply, request, 503, 'service_unavailable');
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, empty body, bad URL): their text names no personal data.
    return send(reply, request, status, 'bad_request', { detail: error.message.slice(0, 200) });
  }
  request.log.error({ err: error }, 'request failed');
  return send(reply, request, 500, 'internal_error', { ref: request.id }, { ref: request.id });
}
