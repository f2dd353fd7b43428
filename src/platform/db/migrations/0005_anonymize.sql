-- Anonymisation runs (issue 7) and the records of APPI Art. 43: each creation (items published without
-- delay, Art. 43(3)) and each provision to a third party (items and method published beforehand, the
-- recipient told that the data is anonymised information, Art. 43(4)).

-- The input table is personal data: kept sealed (SecretBox, bound to 'anonymization_input:<id>') only until
-- the run has finished, then deleted. The configuration is the processing method, which Art. 43(2) and
-- PPC Rules Art. 35 require to be kept from others: only the roles that run anonymisations read it.
CREATE TABLE anonymizations (
  id            text PRIMARY KEY,
  dataset       text NOT NULL,
  status        text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
  config        jsonb NOT NULL,
  input_kind    text NOT NULL,
  input_sealed  text,
  result_sealed text,
  report        jsonb,
  items         jsonb,
  error         text,
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz
);
CREATE INDEX anonymizations_created_idx ON anonymizations (created_at);

-- One row per provision; the texts are stored as they were generated, as evidence of what was published
-- and told to the recipient.
CREATE TABLE anonymization_provisions (
  id               text PRIMARY KEY,
  anonymization_id text NOT NULL REFERENCES anonymizations (id),
  recipient        text NOT NULL,
  methods          jsonb NOT NULL,
  provided_on      text NOT NULL,
  publication      jsonb NOT NULL,
  notice           jsonb NOT NULL,
  created_by       text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX anonymization_provisions_run_idx ON anonymization_provisions (anonymization_id);
