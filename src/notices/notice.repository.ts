import { sql } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';

export interface NoticeMeta {
  version: number;
  effectiveOn: string;
  publishedAt: Date;
  publishedBy: string;
  note: string | null;
}

export interface NoticeRecord extends NoticeMeta {
  register: unknown;
  ja: { markdown: string; html: string };
  en: { markdown: string; html: string };
}

// Shared by publishers so that two publications never take the same version number.
const NOTICE_LOCK = 7_246_617_003;

/** Dates come back as text: a `date` is a calendar day, not an instant, on both engines. */
const META = [
  'version',
  sql<string>`effective_on::text`.as('effective_on'),
  'published_at',
  'published_by',
  'note',
] as const;

type MetaRow = {
  version: number;
  effective_on: string;
  published_at: Date;
  published_by: string;
  note: string | null;
};

const toMeta = (r: MetaRow): NoticeMeta => ({
  version: r.version,
  effectiveOn: r.effective_on,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  note: r.note,
});

export class NoticeRepository {
  async lock(trx: Trx): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${sql.lit(NOTICE_LOCK)})`.execute(trx);
  }

  async nextVersion(trx: Trx): Promise<number> {
    const row = await trx
      .selectFrom('notices')
      .select(sql<number>`coalesce(max(version), 0)::int4 + 1`.as('next'))
      .executeTakeFirst();
    return row?.next ?? 1;
  }

  async insert(trx: Trx, notice: NoticeRecord): Promise<void> {
    await trx
      .insertInto('notices')
      .values({
        version: notice.version,
        effective_on: notice.effectiveOn,
        published_at: notice.publishedAt,
        published_by: notice.publishedBy,
        note: notice.note,
        register: JSON.stringify(notice.register),
        ja_markdown: notice.ja.markdown,
        ja_html: notice.ja.html,
        en_markdown: notice.en.markdown,
        en_html: notice.en.html,
      })
      .execute();
  }

  async list(db: Db | Trx): Promise<NoticeMeta[]> {
    const rows = await db.selectFrom('notices').select(META).orderBy('version', 'desc').execute();
    return rows.map((r) => toMeta(r as MetaRow));
  }

  async get(db: Db | Trx, version: number): Promise<NoticeRecord | undefined> {
    const row = await db
      .selectFrom('notices')
      .select([...META, 'register', 'ja_markdown', 'ja_html', 'en_markdown', 'en_html'])
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      ...toMeta(row as MetaRow),
      register: row.register,
      ja: { markdown: row.ja_markdown, html: row.ja_html },
      en: { markdown: row.en_markdown, html: row.en_html },
    };
  }

  /** The version in force on `day`: the newest one whose effective date has come. */
  async inForce(db: Db | Trx, day: string): Promise<number | undefined> {
    const row = await db
      .selectFrom('notices')
      .select('version')
      .where('effective_on', '<=', sql<string>`${day}::date`)
      .orderBy('effective_on', 'desc')
      .orderBy('version', 'desc')
      .executeTakeFirst();
    return row?.version;
  }
}
