-- The consent ledger (append-only), the state derived from it, subjects and their links, outbox events.

-- A subject as the ledger knows it: `key` is HMAC-SHA256 of the identity under the instance's pseudonym key
-- (never the identity itself). When the identity is a person's e-mail it is also kept sealed (AES-256-GCM,
-- bound to the key) so that the office can answer "whose consent is this"; anonymous visitor ids are not sealed.
-- `linked_to`: a visitor id later tied to an identified subject; both histories stay, state is kept on the target.
CREATE TABLE consent_subjects (
  key             text PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('visitor', 'email', 'customer')),
  identity_sealed text,
  linked_to       text REFERENCES consent_subjects (key),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consent_subjects_linked_idx ON consent_subjects (linked_to) WHERE linked_to IS NOT NULL;

-- One decision as it was made. Never updated nor deleted (the trigger below refuses both).
-- proof: what was shown (text digest), language, IP prefix (/24 or /48, never the whole address) and a
-- user-agent summary. `event_id` makes re-sent banner reports and imports idempotent.
CREATE TABLE consent_records (
  id             bigserial PRIMARY KEY,
  event_id       uuid NOT NULL UNIQUE,
  subject_key    text NOT NULL REFERENCES consent_subjects (key),
  purpose        text NOT NULL,
  decision       text NOT NULL CHECK (decision IN ('granted', 'denied', 'withdrawn')),
  recorded_at    timestamptz NOT NULL,
  notice_version integer,
  purpose_rev    text,
  channel        text NOT NULL CHECK (channel IN ('banner', 'form', 'api', 'import', 'staff', 'gpc')),
  gpc            boolean NOT NULL DEFAULT false,
  language       text,
  shown          text,
  ip_prefix      text,
  ua_summary     text,
  jurisdiction   text,
  expires_at     timestamptz,
  actor          text
);
CREATE INDEX consent_records_subject_idx ON consent_records (subject_key, recorded_at, id);

CREATE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_records is append-only';
END;
$$;
CREATE TRIGGER consent_records_no_change BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();

-- The latest decision per (canonical) subject and purpose, written in the transaction of the record that
-- changed it; always equal to a fold over the ledger (property-tested).
CREATE TABLE consent_state (
  subject_key    text NOT NULL REFERENCES consent_subjects (key),
  purpose        text NOT NULL,
  decision       text NOT NULL,
  record_id      bigint NOT NULL REFERENCES consent_records (id),
  recorded_at    timestamptz NOT NULL,
  notice_version integer,
  purpose_rev    text,
  gpc            boolean NOT NULL,
  expires_at     timestamptz,
  PRIMARY KEY (subject_key, purpose)
);

-- Per-purpose consent settings the register does not hold: shown in the banner, opted out by GPC
-- (CCPA "sale", "sharing", targeted advertising), the IAB TCF purposes it maps to.
CREATE TABLE consent_purposes (
  purpose      text PRIMARY KEY,
  in_banner    boolean NOT NULL,
  gpc_opt_out  boolean NOT NULL,
  tcf_purposes integer[] NOT NULL DEFAULT '{}',
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Transactional outbox: one event per ledger record, delivered to downstream systems after commit.
-- The id is the record's event_id, so a receiver can drop duplicates of a retried delivery.
CREATE TABLE consent_outbox (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  delivered_at timestamptz,
  attempts     integer NOT NULL DEFAULT 0
);
CREATE INDEX consent_outbox_pending_idx ON consent_outbox (created_at) WHERE delivered_at IS NULL;
