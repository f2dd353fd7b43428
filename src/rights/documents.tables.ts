import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const documentKinds = ['identity', 'agent_identity', 'agent_authority', 'other'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof documentTypes)[number];

/** Tables of migration 0010 (identity documents, outbox delivery bookkeeping). */
export interface RightsDocumentsTable {
  id: string;
  request_id: string;
  kind: DocumentKind;
  content_type: DocumentType;
  size_bytes: number;
  name_sealed: string;
  content_sealed: Buffer | null;
  uploaded_by: string;
  uploaded_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface OutboxDeliveriesTable {
  message_id: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_at: Timestamp;
  last_error: string | null;
  dead: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Timestamp;
}

export interface RightsExtraTables {
  rights_documents: RightsDocumentsTable;
  outbox_deliveries: OutboxDeliveriesTable;
}
