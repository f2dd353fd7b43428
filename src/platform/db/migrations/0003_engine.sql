-- Connections to the company's own stores, and the journal of rights-execution runs (issue 4).

-- The URL carries credentials: sealed with SecretBox (AES-256-GCM) bound to 'connection:<key>'.
CREATE TABLE connections (
  key        text PRIMARY KEY,
  type       text NOT NULL CHECK (type IN ('postgres', 'mysql', 'mariadb', 'redis', 'http')),
  url_sealed text NOT NULL,
  read_only  boolean NOT NULL DEFAULT false,
  key_prefix text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per access / erasure / rectification / restriction run. spec_sealed holds what a resumed run
-- needs (datasets, connection URLs, identities, salt), sealed because it holds credentials and personal data.
CREATE TABLE engine_runs (
  id           text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('access', 'erasure', 'rectification', 'restriction')),
  status       text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  spec_sealed  text NOT NULL,
  plan         jsonb NOT NULL,
  result       jsonb,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX engine_runs_status_idx ON engine_runs (status);

-- A step is written once, when it is done, in the same transaction as its audit event; a resumed run
-- replays done steps from here (payload_sealed: rows read, writes planned) and redoes only the rest.
CREATE TABLE engine_steps (
  run_id         text NOT NULL REFERENCES engine_runs (id) ON DELETE CASCADE,
  step           text NOT NULL,
  node           text,
  payload_sealed text NOT NULL,
  counts         jsonb NOT NULL,
  done_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, step)
);
