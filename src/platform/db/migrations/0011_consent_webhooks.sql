-- Consent: webhook endpoints with their deliveries, and e-mail verification for the preference centre.

-- An endpoint downstream systems registered. The signing secret is sealed (AES-256-GCM bound to the row);
-- `purposes` empty means every purpose. Endpoints are disabled, never deleted, so deliveries keep their target.
CREATE TABLE consent_webhooks (
  id            text PRIMARY KEY,
  url           text NOT NULL,
  secret_sealed text NOT NULL,
  purposes      jsonb NOT NULL DEFAULT '[]',
  description   text,
  active        boolean NOT NULL DEFAULT true,
  created_by    text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

-- One outbox event for one endpoint. The primary key makes fan-out idempotent; the event id travels in the
-- `webhook-id` header so the receiver can drop a retried delivery it already handled.
-- status: pending (next_at is when it is tried next, or the end of a claim), delivered, dead (gave up).
CREATE TABLE consent_webhook_deliveries (
  webhook_id   text NOT NULL REFERENCES consent_webhooks (id),
  event_id     uuid NOT NULL,
  kind         text NOT NULL,
  payload      jsonb NOT NULL,
  event_at     timestamptz NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts     integer NOT NULL DEFAULT 0,
  next_at      timestamptz NOT NULL,
  last_status  integer,
  last_error   text,
  delivered_at timestamptz,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (webhook_id, event_id)
);
CREATE INDEX consent_webhook_deliveries_due_idx ON consent_webhook_deliveries (next_at) WHERE status = 'pending';

-- Fan-out reads consent_outbox rows with delivered_at NULL (its partial index) and sets delivered_at when
-- each event has a delivery row per matching endpoint: "delivered" there means handed to the endpoints.

-- The preference centre's e-mail check: a six-digit code and a link token (both stored as HMACs), single use,
-- short-lived, a few tries. After success `session_hash` is the cookie that lets the person change consents.
CREATE TABLE consent_pref_verifications (
  id                 text PRIMARY KEY,
  subject_key        text NOT NULL,
  email_sealed       text NOT NULL,
  language           text NOT NULL CHECK (language IN ('ja', 'en')),
  code_hash          text NOT NULL,
  link_hash          text NOT NULL UNIQUE,
  expires_at         timestamptz NOT NULL,
  attempts           integer NOT NULL DEFAULT 0,
  used_at            timestamptz,
  session_hash       text UNIQUE,
  session_expires_at timestamptz,
  created_at         timestamptz NOT NULL
);
CREATE INDEX consent_pref_verifications_subject_idx ON consent_pref_verifications (subject_key, created_at);

-- IAB TCF / GPP for the banner (one row, id 1): the CMP id the IAB registered, the publisher's country and
-- the vendor list the site discloses (GVL JSON). Absent row: the banner offers neither.
CREATE TABLE consent_tcf_settings (
  id                      integer PRIMARY KEY CHECK (id = 1),
  cmp_id                  integer NOT NULL,
  cmp_version             integer NOT NULL,
  publisher_country_code  text NOT NULL,
  vendor_list             jsonb NOT NULL,
  gpp                     boolean NOT NULL,
  updated_at              timestamptz NOT NULL
);
