import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';

export interface VerificationRow {
  id: string;
  subject_key: string;
  email_sealed: string;
  language: 'ja' | 'en';
  code_hash: string;
  expires_at: Date;
  attempts: number;
  used_at: Date | null;
  session_expires_at: Date | null;
}

const columns = [
  'id',
  'subject_key',
  'email_sealed',
  'language',
  'code_hash',
  'expires_at',
  'attempts',
  'used_at',
  'session_expires_at',
] as const;

/** The only SQL of the preference centre's e-mail check (and the message it queues in the outbox). */
export class PreferencesRepository {
  async issuedSince(trx: Trx, subjectKey: string, since: Date): Promise<number> {
    const row = await trx
      .selectFrom('consent_pref_verifications')
      .select(sql<number>`count(*)::int4`.as('n'))
      .where('subject_key', '=', subjectKey)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return row?.n ?? 0;
  }

  /** An earlier unused code of the same address stops working when a new one is sent. */
  async retire(trx: Trx, subjectKey: string, now: Date): Promise<void> {
    await trx
      .updateTable('consent_pref_verifications')
      .set({ used_at: now })
      .where('subject_key', '=', subjectKey)
      .where('used_at', 'is', null)
      .execute();
  }

  async insert(
    trx: Trx,
    row: {
      id: string;
      subject_key: string;
      email_sealed: string;
      language: 'ja' | 'en';
      code_hash: string;
      link_hash: string;
      expires_at: Date;
      created_at: Date;
    },
  ): Promise<void> {
    await trx.insertInto('consent_pref_verifications').values(row).execute();
  }

  lock(trx: Trx, id: string): Promise<VerificationRow | undefined> {
    return trx
      .selectFrom('consent_pref_verifications')
      .select(columns)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  }

  lockByLink(trx: Trx, linkHash: string): Promise<VerificationRow | undefined> {
    return trx
      .selectFrom('consent_pref_verifications')
      .select(columns)
      .where('link_hash', '=', linkHash)
      .forUpdate()
      .executeTakeFirst();
  }

  async countAttempt(trx: Trx, id: string): Promise<void> {
    await trx
      .updateTable('consent_pref_verifications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async succeed(trx: Trx, id: string, sessionHash: string, now: Date, sessionUntil: Date): Promise<void> {
    await trx
      .updateTable('consent_pref_verifications')
      .set((eb) => ({
        used_at: now,
        attempts: eb('attempts', '+', 1),
        session_hash: sessionHash,
        session_expires_at: sessionUntil,
      }))
      .where('id', '=', id)
      .execute();
  }

  session(db: Db | Trx, sessionHash: string, now: Date): Promise<VerificationRow | undefined> {
    return db
      .selectFrom('consent_pref_verifications')
      .select(columns)
      .where('session_hash', '=', sessionHash)
      .where('session_expires_at', '>', now)
      .executeTakeFirst();
  }

  async endSession(db: Db | Trx, sessionHash: string): Promise<void> {
    await db
      .updateTable('consent_pref_verifications')
      .set({ session_expires_at: null, session_hash: null })
      .where('session_hash', '=', sessionHash)
      .execute();
  }

  /** The rights capability's outbox of messages to people (mail delivery sends it; nothing here speaks SMTP). */
  async queueMail(
    trx: Trx,
    row: {
      id: string;
      to_sealed: string;
      subject: string;
      body_sealed: string;
      related: string;
      created_at: Date;
    },
  ): Promise<void> {
    await trx
      .insertInto('outbox_messages')
      .values({ ...row, channel: 'email', sent_at: null })
      .execute();
  }
}
