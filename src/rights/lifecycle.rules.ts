/**
 * The life of a rights request as a table: which action moves it from which state to which, and who may
 * take it. Pure; the service looks every change up here and audits it with its reason.
 */
import type { Role } from '../accounts/roles.js';
import type { Status } from './rights.schema.js';

/** Who acts: a staff member with roles, the person (or agent) through the public API, or a scheduled job. */
export type Who = { type: 'staff'; roles: readonly Role[] } | { type: 'subject' } | { type: 'system' };

export const actions = [
  'start_verification',
  'verified',
  'require_fee',
  'fee_paid',
  'close_unpaid',
  'record_unpaid',
  'approve',
  'return_to_work',
  'complete',
  'partially_refuse',
  'refuse',
  'withdraw',
] as const;
export type Action = (typeof actions)[number];

type Actor = 'subject' | 'system' | Role;

interface Rule {
  from: readonly Status[];
  to: Status;
  by: readonly Actor[];
}

export const TERMINAL: readonly Status[] = [
  'completed',
  'partially_refused',
  'refused',
  'withdrawn',
  'closed_unpaid',
];
const OPEN: readonly Status[] = ['received', 'verifying', 'awaiting_fee', 'in_progress', 'review'];
// Handlers do the work; the privacy officer (個人情報保護管理者) owns the decision to refuse or answer. Admins
// manage accounts, auditors and engineers only read: none of them appear here (least privilege).
const STAFF: readonly Actor[] = ['handler', 'privacy_officer'];

export const RULES: Readonly<Record<Action, Rule>> = {
  // The code is sent automatically on a public request; staff start it for postal and phone requests.
  start_verification: { from: ['received'], to: 'verifying', by: ['system', ...STAFF] },
  // Identity proven by code or knowledge match (the person) or by document review (staff).
  verified: { from: ['verifying'], to: 'in_progress', by: ['subject', 'system', ...STAFF] },
  // APPI Art. 38: a fee for notice of purpose or disclosure is due before the work starts.
  require_fee: { from: ['verifying'], to: 'awaiting_fee', by: ['subject', 'system', ...STAFF] },
  fee_paid: { from: ['awaiting_fee'], to: 'in_progress', by: STAFF },
  // 002 seed: unpaid past the set period, the request is treated as not made. Only the job decides that.
  close_unpaid: { from: ['awaiting_fee'], to: 'closed_unpaid', by: ['system'] },
  // A handler may record it the same way once the payment deadline has passed (the service checks the date).
  record_unpaid: { from: ['awaiting_fee'], to: 'closed_unpaid', by: STAFF },
  // Approval runs the engine; the outcome then waits for the officer's review.
  approve: { from: ['in_progress'], to: 'review', by: STAFF },
  return_to_work: { from: ['review'], to: 'in_progress', by: STAFF },
  complete: { from: ['review'], to: 'completed', by: ['privacy_officer'] },
  partially_refuse: { from: ['review'], to: 'partially_refused', by: ['privacy_officer'] },
  // APPI Art. 33(2)/36: a refusal at any point before the answer, with ground and reasons.
  refuse: {
    from: ['verifying', 'awaiting_fee', 'in_progress', 'review'],
    to: 'refused',
    by: ['privacy_officer'],
  },
  withdraw: { from: OPEN, to: 'withdrawn', by: ['subject', ...STAFF] },
};

export type TransitionResult =
  | { ok: true; to: Status }
  | { ok: false; problem: 'not_from_here' | 'not_allowed' };

function mayAct(rule: Rule, who: Who): boolean {
  if (who.type === 'staff') return who.roles.some((r) => rule.by.includes(r));
  return rule.by.includes(who.type);
}

export function transition(from: Status, action: Action, who: Who): TransitionResult {
  const rule = RULES[action];
  if (!rule.from.includes(from)) return { ok: false, problem: 'not_from_here' };
  if (!mayAct(rule, who)) return { ok: false, problem: 'not_allowed' };
  return { ok: true, to: rule.to };
}

export const isTerminal = (s: Status): boolean => TERMINAL.includes(s);

/** Actions the given actor may take now (for the console's buttons). */
export function availableActions(from: Status, who: Who): Action[] {
  return actions.filter((a) => transition(from, a, who).ok);
}
