import { randomUUID } from 'node:crypto';
import type { RunOutcome } from '../engine/run.js';
import type { Actor } from '../platform/audit/audit.schema.js';
import type { AuditService } from '../platform/audit/audit.service.js';
import type { Db, Trx } from '../platform/db/types.js';
import { notFound } from '../platform/errors.js';
import { certificateHash } from './certificate.js';
import { RetentionRepository } from './retention.repository.js';
import { ErasureCertificate } from './retention.schema.js';

/*
 * Deletion certificates for rights-request erasures (issue 9: "each sweep and each erasure request produces
 * a certificate"). The rights service calls certifyErasure in the transaction that records the request's
 * work, so the certificate, its row and its hash in the audit chain commit together with it.
 */

const repo = new RetentionRepository();
const actorLabel = (a: Actor) => a.label ?? a.id ?? a.type;

function methodOf(outcome: NonNullable<RunOutcome['collections'][string]>): string {
  if (outcome.action === 'delete') return 'rows deleted';
  const fields = Object.entries(outcome.strategies ?? {}).map(([f, s]) => `${f}→${s}`);
  return `fields masked: ${fields.length > 0 ? fields.join(', ') : (outcome.fields ?? []).join(', ')}`;
}

/**
 * Writes the certificate of the erasure run `runId` of request `requestId` and its hash into the audit log.
 * Nothing when the run did not complete (a failed run certifies nothing) or is not an erasure; the
 * existing certificate when one was written before (an approval replayed).
 */
export async function certifyErasure(
  trx: Trx,
  audit: AuditService,
  input: {
    requestId: string;
    reference: string;
    runId: string;
    systems: readonly string[];
    approver: Actor;
    at: Date;
  },
): Promise<{ id: string; sha256: string } | undefined> {
  const run = await repo.engineRun(trx, input.runId);
  if (run?.kind !== 'erasure' || run.status !== 'completed' || !run.result) return undefined;
  const existing = await repo.certificateOf(trx, input.requestId);
  if (existing) return { id: existing.id, sha256: existing.sha256 };
  const outcome = run.result as unknown as RunOutcome;
  const collections = Object.entries(outcome.collections)
    .filter(([, c]) => c.action === 'mask' || c.action === 'delete')
    .map(([collection, c]) => ({
      collection,
      action: c.action as 'mask' | 'delete',
      method: methodOf(c),
      rows: c.rows,
      skippedShared: c.skippedShared ?? 0,
    }));
  const v = outcome.verification;
  const certificate: ErasureCertificate = {
    kind: 'mamori.erasure.certificate',
    version: 1,
    requestId: input.requestId,
    reference: input.reference,
    runId: input.runId,
    organisation: (await repo.organisationName(trx)) ?? '',
    startedAt: run.created_at.toISOString(),
    finishedAt: (run.completed_at ?? input.at).toISOString(),
    approvedBy: actorLabel(input.approver),
    approvedAt: input.at.toISOString(),
    systems: [...input.systems],
    collections,
    totalRows: collections.reduce((n, c) => n + c.rows, 0),
    verification: {
      method: 'the same identities traversed again after erasure; every written row re-read by key',
      rowsChecked: v?.rowsChecked ?? 0,
      writesChecked: v?.writesChecked ?? 0,
      writesMismatched: v?.writesMismatched ?? 0,
      remaining: v?.remaining ?? [],
      ok: v?.ok ?? false,
    },
    ok: v?.ok ?? false,
  };
  const sha256 = certificateHash(certificate);
  const id = randomUUID();
  await repo.insertCertificate(trx, {
    id,
    request_id: input.requestId,
    run_id: input.runId,
    certificate,
    sha256,
  });
  await audit.record(trx, {
    actor: input.approver,
    action: 'retention.erasure_certified',
    object: { type: 'rights_request', id: input.requestId },
    details: {
      certificateId: id,
      certificateSha256: sha256,
      totalRows: certificate.totalRows,
      verified: certificate.ok,
    },
  });
  return { id, sha256 };
}

/** Reading certificates of erasure requests (the API); every view is audited. */
export class ErasureCertificates {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** By certificate id or request id. */
  async get(actor: Actor, id: string): Promise<{ certificate: ErasureCertificate; sha256: string }> {
    const row = await repo.certificateOf(this.db, id);
    if (!row) throw notFound('certificate');
    await this.audit.recordAlone({
      actor,
      action: 'retention.certificate_viewed',
      object: { type: 'retention_certificate', id: row.id },
      details: { requestId: row.request_id },
    });
    return { certificate: ErasureCertificate.parse(row.certificate), sha256: row.sha256 };
  }

  async list(): Promise<
    { id: string; requestId: string; reference: string; sha256: string; createdAt: string }[]
  > {
    return (await repo.certificates(this.db, 200)).map((r) => ({
      id: r.id,
      requestId: r.request_id,
      reference: r.reference,
      sha256: r.sha256,
      createdAt: r.created_at.toISOString(),
    }));
  }
}
