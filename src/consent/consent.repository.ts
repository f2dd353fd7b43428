import { type CompiledQuery, sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';
import type { LedgerRecord, PurposeSettings, StateEntry } from './consent.rules.js';
import type { Channel, Decision, SubjectKind } from './consent.schema.js';

export interface NewRecord {
  eventId: string;
  subjectKey: string;
  purpose: string;
  decision: Decision;
  recordedAt: Date;
  noticeVersion: number | null;
  purposeRev: string | null;
  channel: Channel;
  gpc: boolean;
  language: string | null;
  shown: string | null;
  ipPrefix: string | null;
  uaSummary: string | null;
  jurisdiction: string | null;
  expiresAt: Date | null;
  actor: string | null;
}

export interface HistoryRow extends LedgerRecord {
  eventId: string;
  subjectKey: string;
  channel: Channel;
  language: string | null;
  shown: string | null;
  ipPrefix: string | null;
  uaSummary: string | null;
  jurisdiction: string | null;
}

const recordColumns = [
  'id',
  'event_id',
  'subject_key',
  'purpose',
  'decision',
  'recorded_at',
  'notice_version',
  'purpose_rev',
  'channel',
  'gpc',
  'language',
  'shown',
  'ip_prefix',
  'ua_summary',
  'jurisdiction',
  'expires_at',
] as const;

type RecordRow = {
  id: number;
  event_id: string;
  subject_key: string;
  purpose: string;
  decision: Decision;
  recorded_at: Date;
  notice_version: number | null;
  purpose_rev: string | null;
  channel: Channel;
  gpc: boolean;
  language: string | null;
  shown: string | null;
  ip_prefix: string | null;
  ua_summary: string | null;
  jurisdiction: string | null;
  expires_at: Date | null;
};

const toHistory = (r: RecordRow): HistoryRow => ({
  id: r.id,
  eventId: r.event_id,
  subjectKey: r.subject_key,
  purpose: r.purpose,
  decision: r.decision,
  recordedAt: r.recorded_at,
  noticeVersion: r.notice_version,
  purposeRev: r.purpose_rev,
  channel: r.channel,
  gpc: r.gpc,
  language: r.language,
  shown: r.shown,
  ipPrefix: r.ip_prefix,
  uaSummary: r.ua_summary,
  jurisdiction: r.jurisdiction,
  expiresAt: r.expires_at,
});

const stateValues = (subjectKey: string, e: StateEntry) => ({
  subject_key: subjectKey,
  purpose: e.purpose,
  decision: e.decision,
  record_id: e.recordId,
  recorded_at: e.recordedAt,
  notice_version: e.noticeVersion,
  purpose_rev: e.purposeRev,
  gpc: e.gpc,
  expires_at: e.expiresAt,
});

/** The state read's SQL, compiled once: the banner's state read is the hottest query (a miss of the cache). */
const stateViaQuery = (db: Db | Trx, key: string) =>
  db
    .selectFrom('consent_subjects as sub')
    .leftJoin('consent_state as s', (join) =>
      join.on((eb) => eb('s.subject_key', '=', eb.fn.coalesce('sub.linked_to', 'sub.key'))),
    )
    .select([
      sql<string>`coalesce(sub.linked_to, sub.key)`.as('canonical'),
      's.purpose',
      's.decision',
      's.record_id',
      's.recorded_at',
      's.notice_version',
      's.purpose_rev',
      's.gpc',
      's.expires_at',
    ])
    .where('sub.key', '=', key)
    .orderBy('s.purpose');
type StateViaRow = Awaited<ReturnType<ReturnType<typeof stateViaQuery>['execute']>>[number];

export class ConsentRepository {
  /**
   * Files the subject if new and returns the subject whose state its decisions update (itself, or the
   * identified subject it was linked to). The no-op update locks the row: a link being made at the same
   * moment waits for this record, or this record sees the link. One round trip on the hot banner path.
   */
  async ensureSubject(
    trx: Trx,
    s: { key: string; kind: SubjectKind; identitySealed: string | null },
  ): Promise<string> {
    const row = await trx
      .insertInto('consent_subjects')
      .values({ key: s.key, kind: s.kind, identity_sealed: s.identitySealed })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          identity_sealed: eb.fn.coalesce('consent_subjects.identity_sealed', 'excluded.identity_sealed'),
        })),
      )
      .returning('linked_to')
      .executeTakeFirstOrThrow();
    return row.linked_to ?? s.key;
  }

  private stateViaCompiled: CompiledQuery<StateViaRow> | undefined;

  /** The state a key reads (its own, or its identified subject's) in one query; undefined for an unknown key. */
  async stateVia(
    db: Db | Trx,
    key: string,
  ): Promise<{ canonical: string; entries: StateEntry[] } | undefined> {
    this.stateViaCompiled ??= stateViaQuery(db, '').compile();
    const subject = (await db.executeQuery<StateViaRow>({ ...this.stateViaCompiled, parameters: [key] }))
      .rows;
    const first = subject[0];
    if (!first) return undefined;
    return {
      canonical: first.canonical,
      entries: subject
        .filter((r) => r.purpose !== null)
        .map((r) => ({
          purpose: r.purpose as string,
          decision: r.decision as StateEntry['decision'],
          recordId: r.record_id as number,
          recordedAt: r.recorded_at as Date,
          noticeVersion: r.notice_version,
          purposeRev: r.purpose_rev,
          gpc: r.gpc as boolean,
          expiresAt: r.expires_at,
        })),
    };
  }

  async subject(db: Db | Trx, key: string) {
    return db
      .selectFrom('consent_subjects')
      .select(['key', 'kind', 'identity_sealed', 'linked_to'])
      .where('key', '=', key)
      .executeTakeFirst();
  }

  lockSubject(trx: Trx, key: string) {
    return trx
      .selectFrom('consent_subjects')
      .select(['key', 'kind', 'linked_to'])
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Appends records; a record whose event id is already in the ledger is skipped (idempotent retries). */
  async insertRecords(trx: Trx, records: readonly NewRecord[]): Promise<HistoryRow[]> {
    if (records.length === 0) return [];
    const rows = await trx
      .insertInto('consent_records')
      .values(
        records.map((r) => ({
          event_id: r.eventId,
          subject_key: r.subjectKey,
          purpose: r.purpose,
          decision: r.decision,
          recorded_at: r.recordedAt,
          notice_version: r.noticeVersion,
          purpose_rev: r.purposeRev,
          channel: r.channel,
          gpc: r.gpc,
          language: r.language,
          shown: r.shown,
          ip_prefix: r.ipPrefix,
          ua_summary: r.uaSummary,
          jurisdiction: r.jurisdiction,
          expires_at: r.expiresAt,
          actor: r.actor,
        })),
      )
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning(recordColumns)
      .execute();
    return rows.map((r) => toHistory(r as RecordRow));
  }

  /**
   * Materialises the records just appended: a row changes only when the record is newer (time, then id),
   * the same comparison `applyRecord` makes, evaluated by the database against the locked current row.
   */
  async applyToState(trx: Trx, subjectKey: string, entries: readonly StateEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await trx
      .insertInto('consent_state')
      .values(entries.map((e) => stateValues(subjectKey, e)))
      .onConflict((oc) =>
        oc
          .columns(['subject_key', 'purpose'])
          .doUpdateSet((eb) => ({
            decision: eb.ref('excluded.decision'),
            record_id: eb.ref('excluded.record_id'),
            recorded_at: eb.ref('excluded.recorded_at'),
            notice_version: eb.ref('excluded.notice_version'),
            purpose_rev: eb.ref('excluded.purpose_rev'),
            gpc: eb.ref('excluded.gpc'),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where(
            sql<boolean>`(consent_state.recorded_at, consent_state.record_id) < (excluded.recorded_at, excluded.record_id)`,
          ),
      )
      .execute();
  }

  /** Rebuilds a subject's state from scratch (after a link merged two histories). */
  async replaceState(
    trx: Trx,
    subjectKey: string,
    removeFor: readonly string[],
    entries: readonly StateEntry[],
  ): Promise<void> {
    await trx
      .deleteFrom('consent_state')
      .where('subject_key', 'in', [...removeFor])
      .execute();
    if (entries.length > 0)
      await trx
        .insertInto('consent_state')
        .values(entries.map((e) => stateValues(subjectKey, e)))
        .execute();
  }

  async state(db: Db | Trx, subjectKey: string): Promise<StateEntry[]> {
    const rows = await db
      .selectFrom('consent_state')
      .selectAll()
      .where('subject_key', '=', subjectKey)
      .orderBy('purpose')
      .execute();
    return rows.map((r) => ({
      purpose: r.purpose,
      decision: r.decision,
      recordId: r.record_id,
      recordedAt: r.recorded_at,
      noticeVersion: r.notice_version,
      purposeRev: r.purpose_rev,
      gpc: r.gpc,
      expiresAt: r.expires_at,
    }));
  }

  /** The key itself and every key linked to it: one person's whole history. */
  async group(db: Db | Trx, canonicalKey: string): Promise<string[]> {
    const rows = await db
      .selectFrom('consent_subjects')
      .select('key')
      .where('linked_to', '=', canonicalKey)
      .execute();
    return [canonicalKey, ...rows.map((r) => r.key)];
  }

  async history(db: Db | Trx, keys: readonly string[], limit = 10_000): Promise<HistoryRow[]> {
    const rows = await db
      .selectFrom('consent_records')
      .select(recordColumns)
      .where('subject_key', 'in', [...keys])
      .orderBy('recorded_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => toHistory(r as RecordRow));
  }

  async link(trx: Trx, visitorKey: string, targetKey: string): Promise<void> {
    await trx
      .updateTable('consent_subjects')
      .set({ linked_to: targetKey })
      .where('key', '=', visitorKey)
      .execute();
  }

  async settings(db: Db | Trx): Promise<Map<string, PurposeSettings>> {
    const rows = await db.selectFrom('consent_purposes').selectAll().execute();
    return new Map(
      rows.map((r) => [
        r.purpose,
        { inBanner: r.in_banner, gpcOptOut: r.gpc_opt_out, tcfPurposes: r.tcf_purposes },
      ]),
    );
  }

  async putSettings(trx: Trx, purpose: string, s: PurposeSettings, now: Date): Promise<void> {
    const values = {
      in_banner: s.inBanner,
      gpc_opt_out: s.gpcOptOut,
      tcf_purposes: s.tcfPurposes,
      updated_at: now,
    };
    await trx
      .insertInto('consent_purposes')
      .values({ purpose, ...values })
      .onConflict((oc) => oc.column('purpose').doUpdateSet(values))
      .execute();
  }

  async insertOutbox(
    trx: Trx,
    events: ReadonlyArray<{ id: string; kind: string; payload: Record<string, unknown>; createdAt: Date }>,
  ): Promise<void> {
    if (events.length === 0) return;
    await trx
      .insertInto('consent_outbox')
      .values(
        events.map((e) => ({
          id: e.id,
          kind: e.kind,
          payload: JSON.stringify(e.payload),
          created_at: e.createdAt,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** Claims a page of undelivered events; SKIP LOCKED lets several workers deliver side by side. */
  pendingOutbox(trx: Trx, limit: number) {
    return trx
      .selectFrom('consent_outbox')
      .select(['id', 'kind', 'payload', 'created_at', 'attempts'])
      .where('delivered_at', 'is', null)
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
  }

  async markOutbox(trx: Trx, ids: readonly string[], delivered: Date | null): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .updateTable('consent_outbox')
      .set((eb) => ({ delivered_at: delivered, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', [...ids])
      .execute();
  }

  /** Counts per purpose and status for the console's consent-rate view. */
  rates(db: Db | Trx) {
    return db
      .selectFrom('consent_state')
      .select(['purpose', 'decision', 'notice_version', sql<number>`count(*)::int8`.as('n')])
      .groupBy(['purpose', 'decision', 'notice_version'])
      .orderBy('purpose')
      .execute();
  }
}
