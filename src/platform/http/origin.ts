import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../accounts/accounts.service.js';
import type { Origin } from '../audit/audit.schema.js';
import { AppError } from '../errors.js';

export const originOf = (request: FastifyRequest): Origin => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/** The signed-in person on a route that declared roles (the access hook has already checked). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated', 401);
  return request.principal;
}
