import type { paths } from '../../api/schema';
import { dictionaries, type MessageKey } from '../../i18n/dict';

/** A request as the API lists it; STATUSES is checked against it so it cannot drift from the server. */
type ApiRequest = paths['/api/requests']['get']['responses'][200]['content']['application/json'][number];
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const exact = <T extends true>() => undefined as unknown as T;

export const STATUSES = [
  'received',
  'verifying',
  'awaiting_fee',
  'in_progress',
  'review',
  'completed',
  'partially_refused',
  'refused',
  'withdrawn',
  'closed_unpaid',
] as const;
export type Status = (typeof STATUSES)[number];
exact<Exactly<Status, ApiRequest['status']>>();

export const LAWS = ['appi', 'gdpr', 'ccpa', 'pipl'] as const;

export const ASPECTS = [
  'purpose_notice',
  'access',
  'copy',
  'provision_records',
  'rectification',
  'erasure',
  'restriction',
  'stop_provision',
  'portability',
  'objection',
  'withdraw_consent',
  'opt_out_sale_share',
  'limit_sensitive',
  'explanation',
] as const;
export type Aspect = (typeof ASPECTS)[number];

/** A key built from data (an audit action, a task kind): only when the dictionary has it. */
export function keyOf(prefix: string, value: string): MessageKey | undefined {
  const key = `${prefix}${value}`;
  return key in dictionaries.ja ? (key as MessageKey) : undefined;
}

export const URGENCY_KEY = {
  overdue: 'req.overdue',
  soon: 'req.soon',
  ok: 'req.ok',
  closed: 'req.closed',
} as const satisfies Record<string, MessageKey>;
