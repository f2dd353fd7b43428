-- Identity documents of rights requests (issue 5) and delivery bookkeeping for the outbox of messages.

-- A scan or photo of an ID document (or an agent's authority) sent with a request. The file is encrypted
-- (AES-256-GCM, bound to the document id) and its original name sealed; the content is erased after the
-- case closes (rights.documents_purge job) while the row stays as proof of what was received and deleted.
CREATE TABLE rights_documents (
  id             text PRIMARY KEY,
  request_id     text NOT NULL REFERENCES rights_requests (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('identity', 'agent_identity', 'agent_authority', 'other')),
  content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes     integer NOT NULL CHECK (size_bytes > 0),
  name_sealed    text NOT NULL,
  content_sealed bytea,
  uploaded_by    text NOT NULL,
  uploaded_at    timestamptz NOT NULL,
  deleted_at     timestamptz,
  CHECK ((content_sealed IS NULL) = (deleted_at IS NOT NULL))
);
CREATE INDEX rights_documents_request_idx ON rights_documents (request_id, uploaded_at);

-- One row per outbox message the mailer tried: attempts, back-off and the last error (never the address).
-- outbox_messages.sent_at marks the message delivered.
CREATE TABLE outbox_deliveries (
  message_id  text PRIMARY KEY REFERENCES outbox_messages (id) ON DELETE CASCADE,
  attempts    integer NOT NULL DEFAULT 0,
  next_at     timestamptz NOT NULL,
  last_error  text,
  dead        boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL
);
