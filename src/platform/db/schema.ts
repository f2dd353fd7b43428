import type { ColumnType, Generated } from 'kysely';

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

/** Mamori's own tables. Capability folders add theirs here as they arrive. */
export interface Database {
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
}
