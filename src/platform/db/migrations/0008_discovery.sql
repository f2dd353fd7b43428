-- Database scans of issue 8 (`scan db` run as a job). The report holds, per system, table and column, the
-- proposed category, confidence and counts: never a sampled value (samples live only in the scanning process).
CREATE TABLE discovery_scans (
  id           text PRIMARY KEY,
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  connections  jsonb NOT NULL,
  sample       integer NOT NULL CHECK (sample > 0),
  requested_by text,
  report       jsonb,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
CREATE INDEX discovery_scans_status_idx ON discovery_scans (status);
