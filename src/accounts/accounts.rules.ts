import type { Role } from './roles.js';

// NIST SP 800-63B §3.1.1.2: length over composition rules; a password equal to the login is refused.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function passwordProblem(password: string, login: string): 'too_weak' | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) return 'too_weak';
  if (password.trim().toLowerCase() === login.trim().toLowerCase()) return 'too_weak';
  return null;
}

/** A token may carry only roles its owner holds: a token never grants more than a person could do. */
export function tokenRolesAllowed(ownerRoles: readonly Role[], requested: readonly Role[]): boolean {
  return requested.length > 0 && requested.every((r) => ownerRoles.includes(r));
}

/** Whether a change would leave the instance without an enabled administrator. */
export function removesLastAdmin(
  enabledAdminIds: readonly string[],
  target: { id: string; roles: readonly Role[]; disabled: boolean },
): boolean {
  const remaining = enabledAdminIds.filter((id) => id !== target.id);
  const targetStaysAdmin = target.roles.includes('admin') && !target.disabled;
  return remaining.length === 0 && !targetStaysAdmin;
}

/** Sliding sessions: refresh the stored last-seen time at most once a minute to spare writes. */
export function sessionNeedsTouch(lastSeen: Date, now: Date): boolean {
  return now.getTime() - lastSeen.getTime() > 60_000;
}
