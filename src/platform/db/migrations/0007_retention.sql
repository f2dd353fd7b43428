-- Retention executed (issue 9): legal holds, sweeps, their batches (the resume journal) and settings.

-- A hold keeps what it covers from the sweep. Person holds name an identity value: personal data, so the
-- value is sealed (SecretBox, bound to 'retention_hold:<id>') and only the identity type is readable.
CREATE TABLE retention_holds (
  id           text PRIMARY KEY,
  scope        jsonb NOT NULL,
  value_sealed text,
  reason       text NOT NULL,
  statute      text,
  period       jsonb,
  citation     jsonb,
  note         text,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  released_at  timestamptz,
  released_by  text
);

CREATE TABLE retention_sweeps (
  id                 text PRIMARY KEY,
  status             text NOT NULL CHECK (status IN ('awaiting_approval', 'approved', 'running', 'completed', 'failed')),
  as_of              text NOT NULL,
  trigger            text NOT NULL,
  plan               jsonb NOT NULL,
  total_due          bigint NOT NULL,
  requested_by       text,
  approved_by        text,
  approved_at        timestamptz,
  started_at         timestamptz,
  claimed_at         timestamptz,
  finished_at        timestamptz,
  certificate        jsonb,
  certificate_sha256 text,
  error              text,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retention_sweeps_status_idx ON retention_sweeps (status);

-- One row per page of due rows. 'running' rows name the engine run that erases them: a killed sweep
-- finishes that run from the engine's journal, then continues after the last finished page's key.
CREATE TABLE retention_batches (
  sweep_id   text NOT NULL REFERENCES retention_sweeps (id) ON DELETE CASCADE,
  node       text NOT NULL,
  batch_no   integer NOT NULL,
  status     text NOT NULL CHECK (status IN ('running', 'done')),
  run_id     text,
  last_key   jsonb NOT NULL,
  rows       bigint NOT NULL DEFAULT 0,
  child_rows jsonb NOT NULL DEFAULT '{}',
  done_at    timestamptz,
  PRIMARY KEY (sweep_id, node, batch_no)
);

CREATE TABLE retention_settings (
  id                 integer PRIMARY KEY CHECK (id = 1),
  approval_threshold bigint NOT NULL DEFAULT 1000,
  auto_run_small     boolean NOT NULL DEFAULT true,
  batch_size         integer NOT NULL DEFAULT 5000,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
INSERT INTO retention_settings (id) VALUES (1);
