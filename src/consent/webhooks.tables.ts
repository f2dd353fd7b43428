import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Tables of migration 0011 (webhook endpoints and deliveries, preference-centre e-mail checks). */
export interface ConsentWebhooksTable {
  id: string;
  url: string;
  secret_sealed: string;
  purposes: ColumnType<string[], string, string>;
  description: string | null;
  active: boolean;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsentWebhookDeliveriesTable {
  webhook_id: string;
  event_id: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  event_at: Timestamp;
  status: 'pending' | 'delivered' | 'dead';
  attempts: ColumnType<number, number | undefined, number>;
  next_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ConsentPrefVerificationsTable {
  id: string;
  subject_key: string;
  email_sealed: string;
  language: 'ja' | 'en';
  code_hash: string;
  link_hash: string;
  expires_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  used_at: Timestamp | null;
  session_hash: string | null;
  session_expires_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ConsentTcfSettingsTable {
  id: number;
  cmp_id: number;
  cmp_version: number;
  publisher_country_code: string;
  vendor_list: ColumnType<Record<string, unknown>, string, string>;
  gpp: boolean;
  updated_at: Timestamp;
}

export interface ConsentExtraTables {
  consent_tcf_settings: ConsentTcfSettingsTable;
  consent_webhooks: ConsentWebhooksTable;
  consent_webhook_deliveries: ConsentWebhookDeliveriesTable;
  consent_pref_verifications: ConsentPrefVerificationsTable;
}
