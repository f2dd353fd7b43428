import type { Insertable, Selectable } from 'kysely';
import type { Db, Trx } from '../platform/db/types.js';
import type { RightsDocumentsTable } from './documents.tables.js';

export type DocumentRow = Selectable<RightsDocumentsTable>;
export type DocumentMeta = Omit<DocumentRow, 'content_sealed'>;

const META = [
  'id',
  'request_id',
  'kind',
  'content_type',
  'size_bytes',
  'name_sealed',
  'uploaded_by',
  'uploaded_at',
  'deleted_at',
] as const;

/** The only SQL of identity documents. The file itself is read only by `content`, one at a time. */
export class DocumentsRepository {
  async insert(trx: Trx, row: Insertable<RightsDocumentsTable>): Promise<void> {
    await trx.insertInto('rights_documents').values(row).execute();
  }

  list(db: Db | Trx, requestId: string): Promise<DocumentMeta[]> {
    return db
      .selectFrom('rights_documents')
      .select(META)
      .where('request_id', '=', requestId)
      .orderBy('uploaded_at')
      .orderBy('id')
      .execute();
  }

  content(db: Db | Trx, requestId: string, id: string): Promise<DocumentRow | undefined> {
    return db
      .selectFrom('rights_documents')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Files still held whose case closed before `closedBefore`. */
  async purgeable(db: Db | Trx, closedBefore: Date): Promise<{ id: string; request_id: string }[]> {
    return db
      .selectFrom('rights_documents as d')
      .innerJoin('rights_requests as r', 'r.id', 'd.request_id')
      .select(['d.id', 'd.request_id'])
      .where('d.content_sealed', 'is not', null)
      .where('r.closed_at', '<', closedBefore)
      .orderBy('d.id')
      .execute();
  }

  /** Erases the file; returns false when another run erased it first (the purge is idempotent). */
  async erase(trx: Trx, id: string, at: Date): Promise<boolean> {
    const r = await trx
      .updateTable('rights_documents')
      .set({ content_sealed: null, deleted_at: at })
      .where('id', '=', id)
      .where('content_sealed', 'is not', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
