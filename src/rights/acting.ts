import { actorOf, type Principal } from '../accounts/accounts.service.js';
import type { Actor, Origin } from '../platform/audit/audit.schema.js';
import type { Who } from './lifecycle.rules.js';

/** Who is acting, for the lifecycle table (`who`) and for the audit log (`actor`). */
export interface Acting {
  who: Who;
  actor: Actor;
  origin?: Origin | undefined;
}

export const staffActing = (p: Principal, origin: Origin = {}): Acting => ({
  who: { type: 'staff', roles: p.roles },
  actor: actorOf(p),
  origin,
});
export const SYSTEM: Acting = { who: { type: 'system' }, actor: { type: 'system', label: 'rights' } };
export const subjectActing = (origin: Origin = {}): Acting => ({
  who: { type: 'subject' },
  actor: { type: 'public' },
  origin,
});
