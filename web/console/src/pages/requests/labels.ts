import { dictionaries, type MessageKey } from '../../i18n/dict';

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
