import { z } from 'zod';
import type { AgentKind as LawAgentKind, RightAspect } from '../laws/index.js';

/** What the person asks for, in the cross-law vocabulary of the law tables (`RightAspect`). */
export const aspects = [
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
] as const satisfies readonly RightAspect[];
export const aspect = z.enum(aspects);

export const statuses = [
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
export const status = z.enum(statuses);
export type Status = z.infer<typeof status>;

export const agentKinds = [
  'parent',
  'guardian',
  'proxy',
  'authorized_agent',
] as const satisfies readonly LawAgentKind[];
export const agentKind = z.enum(agentKinds);
export type AgentKind = z.infer<typeof agentKind>;

export const channel = z.enum(['web-form', 'email', 'post', 'phone', 'in-person', 'api']);

/** Free text typed by the public: bounded, no control characters (a letter and a CSV are made from it). */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), {
      message: 'must not contain control characters',
    });

export const residence = z.object({
  country: z.string().regex(/^[A-Za-z]{2}$/),
  region: z
    .string()
    .regex(/^[A-Za-z0-9]{1,3}$/)
    .optional(),
});

export const subject = z.object({
  name: line(200),
  email: z.email().max(320),
  phone: line(40).optional(),
  birthDate: z.iso.date().optional(),
});
export type Subject = z.infer<typeof subject>;

export const agent = z.object({
  kind: agentKind,
  name: line(200),
  email: z.email().max(320).optional(),
});

const requestCore = {
  aspects: z.array(aspect).min(1).max(aspects.length),
  subject,
  agent: agent.optional(),
  residence: residence.optional(),
  /** Laws the person invokes by name (`gdpr`, `ccpa` …). */
  declared: z
    .array(z.string().regex(/^[a-z]{2,10}$/))
    .max(10)
    .default([]),
  language: z.enum(['ja', 'en']).default('ja'),
  details: line(4000).optional(),
  /** APPI Art. 33(1): the person's choice of disclosure method. */
  disclosureMethod: z.enum(['electronic', 'paper', 'other']).default('electronic'),
};

export const publicRequestBody = z.object(requestCore);
export type PublicRequestBody = z.input<typeof publicRequestBody>;

export const staffRequestBody = z.object({
  ...requestCore,
  channel: channel.default('api'),
  /** A postal request counts as received when it would normally have arrived (APPI Art. 39(2)). */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  /** Names of the documents that came with the request (scans are stored by the documents feature). */
  documents: z.array(line(200)).max(20).default([]),
});
export type StaffRequestBody = z.input<typeof staffRequestBody>;

/** The public answer is the same whether or not Mamori holds anything about the person. */
export const publicAccepted = z.object({ reference: z.string(), message: z.string() });

export const verifyBody = z.object({ code: z.string().regex(/^\d{6}$/) });
export const knowledgeBody = z.object({
  phone: line(40).optional(),
  birthDate: z.iso.date().optional(),
});

export const transitionBody = z.object({
  reason: line(2000).optional(),
});

export const decideBody = z.object({
  outcome: z.enum(['completed', 'partially_refused', 'refused']),
  reason: line(2000),
  /** Ground ids from the law tables (e.g. `appi.disclosure.harm_to_person`) when anything is refused. */
  grounds: z.array(z.string().max(120)).max(20).default([]),
});

export const extendBody = z.object({ reason: line(2000) });

export const exemptionBody = z.object({
  item: line(200),
  groundId: z.string().max(120),
  reason: line(2000),
});

export const approveBody = z.object({
  reason: line(2000).optional(),
  /** APPI Art. 34 / GDPR Art. 16: corrected values, `<dataset>:<collection>.<field>`. */
  corrections: z
    .array(z.object({ node: z.string().max(200), field: z.string().max(200), value: z.string().max(2000) }))
    .max(100)
    .default([]),
});

export const idParams = z.object({ id: z.uuid() });
export const exemptionParams = z.object({
  id: z.uuid(),
  exemptionId: z.string().regex(/^[1-9][0-9]{0,14}$/),
});
export const referenceParams = z.object({ reference: z.string().regex(/^R-[A-Z0-9]{10}$/) });

export const requestView = z.object({
  id: z.string(),
  reference: z.string(),
  status,
  channel: z.string(),
  language: z.enum(['ja', 'en']),
  aspects: z.array(z.string()),
  laws: z.array(z.string()),
  lawKinds: z.array(z.string()),
  agentKind: z.string().nullable(),
  requiredDocuments: z.array(z.string()),
  documents: z.array(z.string()),
  receivedAt: z.string(),
  dueBy: z.string(),
  governedBy: z.string(),
  acknowledgeBy: z.string().nullable(),
  extended: z.boolean(),
  overdue: z.boolean(),
  fee: z
    .object({
      amount: z.number(),
      currency: z.string(),
      dueAt: z.string().nullable(),
      paidAt: z.string().nullable(),
    })
    .nullable(),
  verifiedAt: z.string().nullable(),
  decision: z.record(z.string(), z.unknown()).nullable(),
  /** The handler who has taken the request (login), if any. */
  assignee: z.string().nullable(),
  /** The queue's colour: past the deadline, due within 3 days (Tokyo), in time, or closed. */
  urgency: z.enum(['overdue', 'soon', 'ok', 'closed']),
});
export type RequestView = z.infer<typeof requestView>;

export const timelineEntry = z.object({
  from: z.string().nullable(),
  to: z.string(),
  action: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const taskView = z.object({
  id: z.string(),
  kind: z.string(),
  systemKey: z.string(),
  runKind: z.string(),
  status: z.string(),
  summary: z.record(z.string(), z.unknown()),
});

export const detailView = requestView.extend({
  timeline: z.array(timelineEntry),
  tasks: z.array(taskView),
  exemptions: z.array(z.object({ item: z.string(), groundId: z.string(), reason: z.string() })),
});

export const listQuery = z.object({
  status: status.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxView = z.object({
  id: z.string(),
  channel: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  related: z.string().nullable(),
  createdAt: z.string(),
});

export const downloadView = z.object({ token: z.string(), expiresAt: z.string() });
export const downloadParams = z.object({ token: z.string().regex(/^mmd_[A-Za-z0-9_-]{43}$/) });
export const downloadQuery = z.object({ file: z.enum(['json', 'csv', 'letter']).default('json') });
