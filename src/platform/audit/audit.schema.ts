import { z } from 'zod';

/**
 * Every kind of event the audit log records. A capability adds its kinds here; the list is the vocabulary
 * auditors filter by, so names are stable once released.
 */
export const auditActions = [
  'system.initialised',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.setup_completed',
  'auth.password_changed',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.viewed',
  'session.revoked',
  'token.created',
  'token.revoked',
  'audit.viewed',
  'audit.exported',
  'audit.verified',
  'job.failed',
  'dsr.run_started',
  'dsr.collection_read',
  'dsr.collection_written',
  'dsr.run_completed',
  'dsr.run_failed',
  'connection.saved',
  'connection.deleted',
  'register.entity_created',
  'register.entity_updated',
  'register.entity_deleted',
  'register.imported',
  'register.exported',
  'notice.published',
  'rights.received',
  'rights.transitioned',
  'rights.code_sent',
  'rights.code_failed',
  'rights.knowledge_checked',
  'rights.extended',
  'rights.fee_paid',
  'rights.task_updated',
  'rights.assigned',
  'rights.exemption_recorded',
  'rights.exemption_withdrawn',
  'rights.package_built',
  'rights.download_created',
  'rights.downloaded',
  'rights.viewed',
  'outbox.viewed',
  'outbox.dead',
  'rights.document_uploaded',
  'rights.document_viewed',
  'rights.document_deleted',
  'consent.recorded',
  'consent.imported',
  'consent.withdrawn',
  'consent.linked',
  'consent.viewed',
  'consent.settings_updated',
  'consent.webhook_saved',
  'consent.webhook_retried',
  'consent.code_sent',
  'consent.code_failed',
  'retention.hold_placed',
  'retention.hold_released',
  'retention.dry_run',
  'retention.sweep_requested',
  'retention.sweep_approved',
  'retention.sweep_completed',
  'retention.sweep_failed',
  'retention.settings_updated',
  'retention.certificate_viewed',
  'retention.erasure_certified',
  'anonymization.requested',
  'anonymization.created',
  'anonymization.failed',
  'anonymization.exported',
  'anonymization.provided',
  'discovery.scan_requested',
  'discovery.scan_completed',
  'discovery.scan_failed',
  'discovery.scan_viewed',
  'discovery.suggestion_accepted',
  'discovery.text_scanned',
] as const;

export const auditAction = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditAction>;

export const actorType = z.enum(['user', 'token', 'system', 'public']);

export interface Actor {
  type: z.infer<typeof actorType>;
  id?: string | undefined;
  /** A login or token name; never a data subject's name. */
  label?: string | undefined;
}

export interface Origin {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface AuditEventInput {
  actor: Actor;
  action: AuditAction;
  object?: { type: string; id: string } | undefined;
  origin?: Origin | undefined;
  /** What changed or was seen: field names, counts, identifiers. Never the personal data itself. */
  details?: { [key: string]: Json | undefined } | undefined;
}

/** The hashed content of one event, exactly as stored. */
export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const auditRecordSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditQuery = z.object({
  action: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Keyset cursor: events with seq below this one (newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const verificationProblem = z.object({
  seq: z.number().int(),
  kind: z.enum([
    'hash_mismatch',
    'prev_mismatch',
    'seq_gap',
    'head_mismatch',
    'head_missing',
    'head_mac_invalid',
  ]),
  message: z.string(),
});
export type VerificationProblem = z.infer<typeof verificationProblem>;

export const verificationResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  firstProblem: verificationProblem.nullable(),
});
export type VerificationResult = z.infer<typeof verificationResult>;
