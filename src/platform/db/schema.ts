import type { ColumnType, Generated } from 'kysely';
import type { ConsentExtraTables } from '../../consent/webhooks.tables.js';
import type { RightsExtraTables } from '../../rights/documents.tables.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  roles: string[];
  language: ColumnType<'ja' | 'en', 'ja' | 'en' | undefined, 'ja' | 'en'>;
  disabled_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  roles: string[];
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SetupTokensTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  mac: string;
}

export interface EmbeddedJobsTable {
  id: Generated<number>;
  task: string;
  payload: ColumnType<unknown, string, string>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  locked_at: Timestamp | null;
  job_key: string | null;
  created_at: CreatedAt;
}

export interface EmbeddedSchedulesTable {
  name: string;
  last_run_at: Timestamp;
}

export interface MigrationsTable {
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface RegisterEntitiesTable {
  list: string;
  key: string;
  position: number;
  doc: ColumnType<unknown, string, string>;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string;
}

export interface RegisterEntityHistoryTable {
  id: Generated<number>;
  list: string;
  key: string;
  version: number;
  change: 'created' | 'updated' | 'deleted';
  via: 'api' | 'import';
  doc: ColumnType<unknown, string | null, never>;
  changed_at: Timestamp;
  changed_by: string;
}

export interface NoticesTable {
  version: number;
  effective_on: ColumnType<Date | string, string, never>;
  published_at: Timestamp;
  published_by: string;
  note: string | null;
  register: ColumnType<unknown, string, never>;
  ja_markdown: string;
  ja_html: string;
  en_markdown: string;
  en_html: string;
}

export interface ConnectionsTable {
  key: string;
  type: string;
  url_sealed: string;
  read_only: boolean;
  key_prefix: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface EngineRunsTable {
  id: string;
  kind: string;
  status: string;
  spec_sealed: string;
  plan: ColumnType<Record<string, unknown>, string, string>;
  result: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  error: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  completed_at: Timestamp | null;
}

export interface EngineStepsTable {
  run_id: string;
  step: string;
  node: string | null;
  payload_sealed: string;
  counts: ColumnType<Record<string, number>, string, string>;
  done_at: CreatedAt;
}

export interface ConsentSubjectsTable {
  key: string;
  kind: 'visitor' | 'email' | 'customer';
  identity_sealed: string | null;
  linked_to: string | null;
  created_at: CreatedAt;
}

export interface ConsentRecordsTable {
  id: Generated<number>;
  event_id: string;
  subject_key: string;
  purpose: string;
  decision: 'granted' | 'denied' | 'withdrawn';
  recorded_at: Timestamp;
  notice_version: number | null;
  purpose_rev: string | null;
  channel: 'banner' | 'form' | 'api' | 'import' | 'staff' | 'gpc';
  gpc: ColumnType<boolean, boolean | undefined, never>;
  language: string | null;
  shown: string | null;
  ip_prefix: string | null;
  ua_summary: string | null;
  jurisdiction: string | null;
  expires_at: Timestamp | null;
  actor: string | null;
}

export interface ConsentStateTable {
  subject_key: string;
  purpose: string;
  decision: 'granted' | 'denied' | 'withdrawn';
  record_id: number;
  recorded_at: Timestamp;
  notice_version: number | null;
  purpose_rev: string | null;
  gpc: boolean;
  expires_at: Timestamp | null;
}

export interface ConsentPurposesTable {
  purpose: string;
  in_banner: boolean;
  gpc_opt_out: boolean;
  tcf_purposes: number[];
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ConsentOutboxTable {
  id: string;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
  attempts: ColumnType<number, number | undefined, number>;
}

type Jsonb<T> = ColumnType<T, string, string>;

export interface RightsRequestsTable {
  id: string;
  reference: string;
  status: string;
  channel: string;
  language: 'ja' | 'en';
  aspects: Jsonb<string[]>;
  laws: Jsonb<string[]>;
  law_kinds: Jsonb<string[]>;
  agent_kind: string | null;
  documents: Jsonb<string[]>;
  subject_sealed: string;
  received_at: Timestamp;
  due_by: string;
  governed_by: string;
  acknowledge_by: string | null;
  extension_notice_at: Timestamp | null;
  extension_reason: string | null;
  verified_at: Timestamp | null;
  verified_by: string | null;
  fee: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  fee_due_at: Timestamp | null;
  fee_paid_at: Timestamp | null;
  decision: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  assignee: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  closed_at: Timestamp | null;
}

export interface RightsTransitionsTable {
  id: Generated<number>;
  request_id: string;
  from_status: string | null;
  to_status: string;
  action: string;
  actor: string;
  reason: string | null;
  at: Timestamp;
}

export interface RightsCodesTable {
  id: string;
  request_id: string;
  code_hash: string;
  expires_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RightsTasksTable {
  id: string;
  request_id: string;
  kind: 'manual' | 'route_to_controller' | 'engine' | 'recipient_notice';
  system_key: string;
  run_kind: string;
  status: 'open' | 'done' | 'failed';
  assignee: string | null;
  run_id: string | null;
  summary: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  done_at: Timestamp | null;
  note: ColumnType<string | null, string | null | undefined, string | null>;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RightsExemptionsTable {
  id: Generated<number>;
  request_id: string;
  item: string;
  ground_id: string;
  reason: string;
  created_at: Timestamp;
}

export interface RightsPackagesTable {
  request_id: string;
  package_sealed: string;
  created_at: Timestamp;
}

export interface RightsDownloadsTable {
  token_hash: string;
  request_id: string;
  expires_at: Timestamp;
  downloads: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

export interface OutboxMessagesTable {
  id: string;
  channel: 'email' | 'sms';
  to_sealed: string;
  subject: string;
  body_sealed: string;
  related: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface RetentionHoldsTable {
  id: string;
  scope: ColumnType<Record<string, unknown>, string, string>;
  value_sealed: string | null;
  reason: string;
  statute: string | null;
  period: ColumnType<Record<string, number> | null, string | null, string | null>;
  citation: ColumnType<{ ja: string; en: string } | null, string | null, string | null>;
  note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  released_at: Timestamp | null;
  released_by: string | null;
}

export interface RetentionSweepsTable {
  id: string;
  status: string;
  as_of: string;
  trigger: string;
  plan: ColumnType<unknown[], string, string>;
  total_due: number;
  requested_by: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  started_at: Timestamp | null;
  claimed_at: Timestamp | null;
  finished_at: Timestamp | null;
  certificate: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  certificate_sha256: string | null;
  error: string | null;
  created_at: CreatedAt;
}

export interface RetentionBatchesTable {
  sweep_id: string;
  node: string;
  batch_no: number;
  status: string;
  run_id: string | null;
  last_key: ColumnType<unknown, string, string>;
  rows: ColumnType<number, number | undefined, number>;
  child_rows: ColumnType<Record<string, number>, string | undefined, string>;
  done_at: Timestamp | null;
}

export interface RetentionSettingsTable {
  id: number;
  approval_threshold: number;
  auto_run_small: boolean;
  batch_size: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RetentionCertificatesTable {
  id: string;
  kind: string;
  request_id: string;
  run_id: string;
  certificate: ColumnType<Record<string, unknown>, string, string>;
  sha256: string;
  created_at: CreatedAt;
}

export interface AnonymizationsTable {
  id: string;
  dataset: string;
  status: string;
  config: ColumnType<Record<string, unknown>, string, string>;
  input_kind: string;
  input_sealed: string | null;
  result_sealed: string | null;
  report: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  items: ColumnType<{ ja: string; en: string }[] | null, string | null, string | null>;
  error: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface AnonymizationProvisionsTable {
  id: string;
  anonymization_id: string;
  recipient: string;
  methods: Jsonb<string[]>;
  provided_on: string;
  publication: Jsonb<{ ja: string; en: string }>;
  notice: Jsonb<{ ja: string; en: string }>;
  created_by: string | null;
  created_at: CreatedAt;
}

/** Mamori's own tables. Capability folders add theirs here as they arrive. */
/** `scan db` runs (issue 8): the report holds categories and counts per column, never a sampled value. */
export interface DiscoveryScansTable {
  id: string;
  status: string;
  connections: ColumnType<string[], string, string>;
  sample: number;
  requested_by: string | null;
  report: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  error: string | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  tables_done: number | null;
  tables_total: number | null;
}

export interface Database extends ConsentExtraTables, RightsExtraTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  embedded_jobs: EmbeddedJobsTable;
  embedded_schedules: EmbeddedSchedulesTable;
  mamori_migrations: MigrationsTable;
  connections: ConnectionsTable;
  engine_runs: EngineRunsTable;
  engine_steps: EngineStepsTable;
  register_entities: RegisterEntitiesTable;
  register_entity_history: RegisterEntityHistoryTable;
  notices: NoticesTable;
  consent_subjects: ConsentSubjectsTable;
  consent_records: ConsentRecordsTable;
  consent_state: ConsentStateTable;
  consent_purposes: ConsentPurposesTable;
  consent_outbox: ConsentOutboxTable;
  rights_requests: RightsRequestsTable;
  rights_transitions: RightsTransitionsTable;
  rights_codes: RightsCodesTable;
  rights_tasks: RightsTasksTable;
  rights_exemptions: RightsExemptionsTable;
  rights_packages: RightsPackagesTable;
  rights_downloads: RightsDownloadsTable;
  outbox_messages: OutboxMessagesTable;
  retention_holds: RetentionHoldsTable;
  retention_sweeps: RetentionSweepsTable;
  retention_batches: RetentionBatchesTable;
  retention_settings: RetentionSettingsTable;
  retention_certificates: RetentionCertificatesTable;
  anonymizations: AnonymizationsTable;
  anonymization_provisions: AnonymizationProvisionsTable;
  discovery_scans: DiscoveryScansTable;
}
