import type { Role } from '../../accounts/roles.js';
import { roles } from '../../accounts/roles.js';

/**
 * What every API route must declare: open to anyone (and then rate-limited), or the roles that may call it.
 * A route under /api/ without a declaration refuses to register, so nothing is open by omission.
 */
export type Access = { readonly public: true } | { readonly roles: readonly Role[] };

export const PUBLIC: Access = { public: true };
export const allow = (...allowed: Role[]): Access => ({ roles: allowed });
/** Any signed-in person, whatever their role (their own profile, their own tokens). */
export const ANY_SIGNED_IN: Access = { roles };
/** Roles that may read the audit log. */
export const AUDIT_READERS: Access = allow('admin', 'privacy_officer', 'auditor');

export const isPublic = (a: Access): a is Extract<Access, { readonly public: true }> => 'public' in a;
