-- Accounts, sessions, API tokens, the hash-chained audit log and the embedded job queue.

CREATE TABLE users (
  id                  uuid PRIMARY KEY,
  login               text NOT NULL,
  display_name        text NOT NULL,
  email               text,
  password_hash       text,
  roles               text[] NOT NULL,
  language            text NOT NULL DEFAULT 'ja' CHECK (language IN ('ja', 'en')),
  disabled_at         timestamptz,
  password_changed_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_login_key ON users (lower(login));

-- The cookie carries a random token; only its SHA-256 is stored, so a database leak yields no live session.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  roles        text[] NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE setup_tokens (
  token_hash text PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);

-- Append-only. seq is assigned by the writer under the audit_head row lock, so the chain has no gaps.
CREATE TABLE audit_events (
  seq         bigint PRIMARY KEY,
  id          uuid NOT NULL UNIQUE,
  at          timestamptz NOT NULL,
  actor_type  text NOT NULL,
  actor_id    text,
  actor_label text,
  action      text NOT NULL,
  object_type text,
  object_id   text,
  ip          text,
  user_agent  text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_events_at_idx ON audit_events (at);
CREATE INDEX audit_events_action_idx ON audit_events (action, seq);
CREATE INDEX audit_events_object_idx ON audit_events (object_type, object_id, seq);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq);

-- One row: the newest event's seq and hash, with an HMAC under the instance secret. It serialises writers
-- (SELECT … FOR UPDATE) and lets verification notice a chain whose newest events were cut off.
CREATE TABLE audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint NOT NULL,
  hash text NOT NULL,
  mac  text NOT NULL
);

-- Jobs for the embedded (single-process) mode; on PostgreSQL graphile-worker keeps its own schema.
CREATE TABLE embedded_jobs (
  id           bigserial PRIMARY KEY,
  task         text NOT NULL,
  payload      jsonb NOT NULL,
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  last_error   text,
  locked_at    timestamptz,
  job_key      text UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX embedded_jobs_due_idx ON embedded_jobs (run_at) WHERE locked_at IS NULL;

CREATE TABLE embedded_schedules (
  name        text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);
