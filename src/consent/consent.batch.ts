import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db } from '../platform/db/types.js';
import { CONSENT_CHANNEL } from './consent.notify.js';
import type { NewRecord } from './consent.repository.js';
import type { StateEntry } from './consent.rules.js';

/** One visitor's decisions from one banner or preference-page report. */
export interface BatchWrite {
  key: string;
  records: readonly NewRecord[];
}

export interface BatchResult {
  canonical: string;
  inserted: number;
  /** The canonical subject's whole state as committed with this batch. */
  state: StateEntry[];
}

/** A state row as json_agg writes it (timestamps as text). */
type StateJson = {
  subject_key: string;
  purpose: string;
  decision: StateEntry['decision'];
  record_id: number;
  recorded_at: string;
  notice_version: number | null;
  purpose_rev: string | null;
  gpc: boolean;
  expires_at: string | null;
};

/** The batch statement's result row (json columns parsed by the driver). */
interface BatchRow {
  subjects: Array<{ key: string; canonical: string }>;
  inserted: string[] | null;
  state: StateJson[] | null;
}

/** Runs the batch statement (text with $1…$4) and returns its rows. */
type BatchQuery = (text: string, values: readonly unknown[]) => Promise<BatchRow[]>;

/**
 * Runs `fn` in one transaction: committed if it returns, rolled back if it throws (the batch's own check
 * that every subject was seen must undo the statement, so the statement never runs on its own).
 */
export type BatchExec = <T>(fn: (query: BatchQuery) => Promise<T>) => Promise<T>;

/** Through Kysely (the embedded database, tests). */
export const viaKysely =
  (db: Db): BatchExec =>
  (fn) =>
    db
      .transaction()
      .execute((trx) =>
        fn(
          async (text, values) =>
            (await trx.executeQuery<BatchRow>(CompiledQuery.raw(text, [...values]))).rows,
        ),
      );

/**
 * On PostgreSQL, as a named prepared statement: parsed and planned once per pooled connection instead of
 * once per batch. Planning this statement cost about 3 ms of PostgreSQL CPU per batch, more than the rows
 * of a 4-report batch themselves (bench/results/consent.md).
 */
export const viaPool =
  (pool: pg.Pool): BatchExec =>
  async (fn) => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(
        async (text, values) =>
          (await client.query<BatchRow>({ name: 'consent_visitor_batch', text, values: [...values] })).rows,
      );
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  };

/**
 * The statement: $1 the records (JSON array), $2 the subject keys (JSON array, sorted), $3 the change
 * notification channel, $4 this process's id in it. A stable text, so that it can be prepared once.
 */
const BATCH_SQL = `WITH inp AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(ord integer, event_id uuid, subject_key text,
        purpose text, decision text, recorded_at timestamptz, at_iso text, notice_version integer,
        purpose_rev text, channel text, gpc boolean, language text, shown text, ip_prefix text,
        ua_summary text, jurisdiction text, expires_at timestamptz, actor text)
    ), new_subjects AS (
      INSERT INTO consent_subjects (key, kind)
      SELECT k, 'visitor' FROM jsonb_array_elements_text($2::jsonb) AS k ORDER BY k
      ON CONFLICT (key) DO NOTHING RETURNING key, linked_to
    ), old_subjects AS (
      SELECT key, linked_to FROM consent_subjects
      WHERE key = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb))) ORDER BY key FOR KEY SHARE
    ), subjects AS (
      SELECT key, coalesce(linked_to, key) AS canonical FROM new_subjects
      UNION ALL SELECT key, coalesce(linked_to, key) FROM old_subjects
    ), rec AS (
      INSERT INTO consent_records (event_id, subject_key, purpose, decision, recorded_at, notice_version,
        purpose_rev, channel, gpc, language, shown, ip_prefix, ua_summary, jurisdiction, expires_at, actor)
      SELECT event_id, subject_key, purpose, decision, recorded_at, notice_version, purpose_rev, channel,
        gpc, language, shown, ip_prefix, ua_summary, jurisdiction, expires_at, actor FROM inp ORDER BY ord
      ON CONFLICT (event_id) DO NOTHING
      RETURNING id, event_id, subject_key, purpose, decision, recorded_at, notice_version, purpose_rev, gpc,
        expires_at
    ), outbox AS (
      INSERT INTO consent_outbox (id, kind, payload, created_at)
      SELECT rec.event_id, 'consent.changed', jsonb_build_object('subjectKey', s.canonical,
          'purpose', rec.purpose, 'decision', rec.decision, 'recordedAt', inp.at_iso,
          'noticeVersion', rec.notice_version, 'gpc', rec.gpc), rec.recorded_at
      FROM rec JOIN inp USING (event_id) JOIN subjects s ON s.key = rec.subject_key ORDER BY inp.ord
      ON CONFLICT (id) DO NOTHING
    ), newest AS (
      SELECT DISTINCT ON (s.canonical, rec.purpose) s.canonical, rec.purpose, rec.decision, rec.id,
        rec.recorded_at, rec.notice_version, rec.purpose_rev, rec.gpc, rec.expires_at
      FROM rec JOIN subjects s ON s.key = rec.subject_key
      ORDER BY s.canonical, rec.purpose, rec.recorded_at DESC, rec.id DESC
    ), up AS (
      INSERT INTO consent_state (subject_key, purpose, decision, record_id, recorded_at, notice_version,
        purpose_rev, gpc, expires_at)
      SELECT * FROM newest ORDER BY canonical, purpose
      ON CONFLICT (subject_key, purpose) DO UPDATE SET decision = excluded.decision,
        record_id = excluded.record_id, recorded_at = excluded.recorded_at,
        notice_version = excluded.notice_version, purpose_rev = excluded.purpose_rev, gpc = excluded.gpc,
        expires_at = excluded.expires_at
      WHERE (consent_state.recorded_at, consent_state.record_id) < (excluded.recorded_at, excluded.record_id)
      RETURNING subject_key, purpose, decision, record_id, recorded_at, notice_version, purpose_rev, gpc,
        expires_at
    ), state AS (
      SELECT * FROM up
      UNION ALL
      SELECT st.subject_key, st.purpose, st.decision, st.record_id, st.recorded_at, st.notice_version,
        st.purpose_rev, st.gpc, st.expires_at
      FROM consent_state st
      WHERE st.subject_key = ANY (ARRAY(SELECT canonical FROM subjects))
        AND NOT EXISTS (SELECT 1 FROM up WHERE up.subject_key = st.subject_key AND up.purpose = st.purpose)
    ), notes AS (
      SELECT pg_notify($3::text, $4::text || ' ' || string_agg(k, ' '))
      FROM (SELECT k, (row_number() OVER ()) / 100 AS chunk
        FROM (SELECT key AS k FROM subjects UNION SELECT canonical FROM subjects) AS u) AS c
      GROUP BY chunk
    )
    SELECT (SELECT count(*) FROM notes) AS notified, coalesce((SELECT json_agg(json_build_object('key', key, 'canonical', canonical)) FROM subjects),
        '[]') AS subjects,
      (SELECT json_agg(event_id) FROM rec) AS inserted,
      (SELECT json_agg(state ORDER BY subject_key, purpose) FROM state) AS state`;

/**
 * Writes many visitors' reports in one transaction and ONE statement, whatever the batch size:
 * subjects filed, ledger rows appended, outbox events queued, the materialised state updated and read back.
 * The rules are those of the one-by-one path: a record already in the ledger (same event id) is skipped; a
 * state row changes only for a newer decision (time, then ledger id — the fold of consent.rules, taken first
 * among the batch's own records so that a subject × purpose written twice is one upsert row). Subjects are
 * share-locked (KEY SHARE): a link being made (FOR UPDATE of the subject) waits for this batch, or this
 * batch sees it. A subject created by another transaction during the statement is invisible to it: the
 * batch then fails and is retried (group-commit.ts), instead of filing state under the wrong subject.
 * Other processes are told which subjects changed when the transaction commits (consent.notify.ts).
 * Keys are matched with `= ANY (ARRAY(…))` so that the planner, which cannot know how many rows a JSON
 * function yields, still reads subjects and state by index rather than whole tables.
 */
export async function writeVisitorBatch(
  exec: BatchExec,
  writes: readonly BatchWrite[],
  /** This process's id in the change notification (consent.notify.ts), so that it skips its own. */
  origin: string,
): Promise<BatchResult[]> {
  const keys = [...new Set(writes.map((w) => w.key))].sort();
  const seen = new Set<string>();
  const records = writes
    .flatMap((w) => w.records)
    .filter((r) => !seen.has(r.eventId) && seen.add(r.eventId))
    .map(recordJson);
  return exec(async (query) => {
    const rows = await query(BATCH_SQL, [
      JSON.stringify(records),
      JSON.stringify(keys),
      CONSENT_CHANNEL,
      origin,
    ]);
    return results(writes, keys, rows[0]);
  });
}

function results(
  writes: readonly BatchWrite[],
  keys: readonly string[],
  result: BatchRow | undefined,
): BatchResult[] {
  const canonicalOf = new Map((result?.subjects ?? []).map((s) => [s.key, s.canonical]));
  if (canonicalOf.size !== keys.length)
    throw new Error('a consent subject was filed by another transaction during the batch');
  const inserted = new Set(result?.inserted ?? []);
  const stateOf = new Map<string, StateEntry[]>();
  for (const s of result?.state ?? []) {
    const list = stateOf.get(s.subject_key) ?? [];
    list.push(toState(s));
    stateOf.set(s.subject_key, list);
  }
  return writes.map((w) => {
    const canonical = canonicalOf.get(w.key) ?? w.key;
    return {
      canonical,
      inserted: w.records.filter((r) => inserted.has(r.eventId)).length,
      state: stateOf.get(canonical) ?? [],
    };
  });
}

const recordJson = (r: NewRecord, ord: number) => ({
  ord,
  event_id: r.eventId,
  subject_key: r.subjectKey,
  purpose: r.purpose,
  decision: r.decision,
  recorded_at: r.recordedAt.toISOString(),
  at_iso: r.recordedAt.toISOString(),
  notice_version: r.noticeVersion,
  purpose_rev: r.purposeRev,
  channel: r.channel,
  gpc: r.gpc,
  language: r.language,
  shown: r.shown,
  ip_prefix: r.ipPrefix,
  ua_summary: r.uaSummary,
  jurisdiction: r.jurisdiction,
  expires_at: r.expiresAt?.toISOString() ?? null,
  actor: r.actor,
});

const toState = (s: StateJson): StateEntry => ({
  purpose: s.purpose,
  decision: s.decision,
  recordId: s.record_id,
  recordedAt: new Date(s.recorded_at),
  noticeVersion: s.notice_version,
  purposeRev: s.purpose_rev,
  gpc: s.gpc,
  expiresAt: s.expires_at === null ? null : new Date(s.expires_at),
});
