-- Deletion certificates of rights-request erasures (issue 9: "each sweep and each erasure request produces a
-- certificate"). Sweep certificates stay on retention_sweeps; these are keyed by the request, one per
-- request: approving again replays the engine run and finds the certificate already written.
CREATE TABLE retention_certificates (
  id           text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('erasure_request')),
  request_id   text NOT NULL UNIQUE,
  run_id       text NOT NULL,
  certificate  jsonb NOT NULL,
  sha256       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
