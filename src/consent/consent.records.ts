import type { Origin } from '../platform/audit/audit.schema.js';
import type { NewRecord } from './consent.repository.js';
import { eventIdFor, ipPrefix, userAgentSummary } from './consent.rules.js';
import type { Channel, Decision } from './consent.schema.js';
import type { ConfigSnapshot } from './consent.snapshot.js';

/** How a report was made: the proof kept on each of its ledger rows. */
export interface WriteMeta {
  channel: Channel;
  recordedAt: Date;
  expiresAt: Date | null;
  noticeVersion: number | null;
  language: string | null;
  shown: string | null;
  jurisdiction: string | null;
  origin: Origin;
  actor: string | null;
  reportId: string;
}

export type Choice = { purpose: string; decision: Decision; gpc: boolean };

/** The ledger rows of one report: one per purpose, with the proof of how it was made. */
export function ledgerRecords(
  subjectKey: string,
  choices: ReadonlyArray<Choice>,
  snap: Pick<ConfigSnapshot, 'revs'>,
  meta: WriteMeta,
): NewRecord[] {
  const ip = ipPrefix(meta.origin.ip);
  const ua = userAgentSummary(meta.origin.userAgent);
  return choices.map((c) => ({
    eventId: eventIdFor(meta.reportId, c.purpose),
    subjectKey,
    purpose: c.purpose,
    decision: c.decision,
    recordedAt: meta.recordedAt,
    noticeVersion: meta.noticeVersion,
    purposeRev: snap.revs.get(c.purpose) ?? null,
    channel: meta.channel,
    gpc: c.gpc,
    language: meta.language,
    shown: meta.shown,
    ipPrefix: ip,
    uaSummary: ua,
    jurisdiction: meta.jurisdiction,
    expiresAt: meta.expiresAt,
    actor: meta.actor,
  }));
}
