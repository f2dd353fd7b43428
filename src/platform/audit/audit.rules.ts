import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditRecord, VerificationProblem } from './audit.schema.js';

/** The previous-hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over the RFC 8785 (JCS) canonical JSON of every stored field but the hash itself: the same event
 * always hashes the same, whatever the key order or the engine that stored it.
 */
export function hashEvent(record: Omit<AuditRecord, 'hash'>): string {
  const canonical = canonicalize({
    v: 1,
    seq: record.seq,
    id: record.id,
    at: record.at,
    actorType: record.actorType,
    actorId: record.actorId,
    actorLabel: record.actorLabel,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId,
    ip: record.ip,
    userAgent: record.userAgent,
    details: record.details,
    prevHash: record.prevHash,
  });
  if (canonical === undefined) throw new Error('Audit event cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The head's MAC binds the newest seq and hash to the instance key, which the database does not hold. */
export function headMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`${seq}:${hash}`).digest('hex');
}

/** Details go through JSON once so that what is hashed is exactly what jsonb gives back. */
export function normaliseDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return details ? (JSON.parse(JSON.stringify(details)) as Record<string, unknown>) : {};
}

/**
 * Walks the chain in seq order and reports the first broken link. Deleting an event leaves a gap; editing
 * one changes its hash; rewriting one and its successors' hashes breaks the link to the untouched rest or,
 * if rewritten to the end, no longer matches the MAC'd head; reordering breaks the previous-hash links.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private problem: VerificationProblem | null = null;
  checked = 0;

  get failed(): boolean {
    return this.problem !== null;
  }

  push(record: AuditRecord): boolean {
    if (this.problem) return false;
    this.checked += 1;
    if (record.seq !== this.expectedSeq) {
      return this.fail(
        this.expectedSeq,
        'seq_gap',
        `Event #${this.expectedSeq} is missing (the next event found is #${record.seq}).`,
      );
    }
    if (record.prevHash !== this.prevHash) {
      return this.fail(
        record.seq,
        'prev_mismatch',
        `Event #${record.seq} does not link to event #${record.seq - 1}.`,
      );
    }
    const { hash, ...rest } = record;
    if (hashEvent(rest) !== hash) {
      return this.fail(record.seq, 'hash_mismatch', `Event #${record.seq} was altered after it was written.`);
    }
    this.expectedSeq += 1;
    this.prevHash = hash;
    return true;
  }

  finish(
    head: { seq: number; hash: string; mac: string } | undefined,
    key: Buffer,
  ): VerificationProblem | null {
    if (this.problem) return this.problem;
    const lastSeq = this.expectedSeq - 1;
    if (!head) {
      if (lastSeq === 0) return null;
      this.fail(lastSeq, 'head_missing', 'The audit head record is missing.');
    } else if (headMac(key, head.seq, head.hash) !== head.mac) {
      this.fail(head.seq, 'head_mac_invalid', 'The audit head record was altered.');
    } else if (head.seq !== lastSeq || head.hash !== this.prevHash) {
      this.fail(
        Math.min(head.seq, lastSeq) + 1,
        'head_mismatch',
        head.seq > lastSeq
          ? `Events after #${lastSeq} were removed (the log had ${head.seq}).`
          : `The chain does not end where the audit head says (head #${head.seq}, last event #${lastSeq}).`,
      );
    }
    return this.problem;
  }

  private fail(seq: number, kind: VerificationProblem['kind'], message: string): false {
    this.problem = { seq, kind, message };
    return false;
  }
}
