-- Rights requests (開示等の請求 / DSAR, issue 5): the request, its timeline, verification codes, tasks,
-- per-item exemptions, answer packages and download tokens; and the outbox of messages to people.

-- subject_sealed holds the person's name, e-mail, phone, birth date and the agent's details (SecretBox,
-- bound to 'rights_request:<id>'); nothing personal is stored in clear.
CREATE TABLE rights_requests (
  id               text PRIMARY KEY,
  reference        text NOT NULL UNIQUE,
  status           text NOT NULL CHECK (status IN ('received', 'verifying', 'awaiting_fee', 'in_progress',
                     'review', 'completed', 'partially_refused', 'refused', 'withdrawn', 'closed_unpaid')),
  channel          text NOT NULL CHECK (channel IN ('web-form', 'email', 'post', 'phone', 'in-person', 'api')),
  language         text NOT NULL CHECK (language IN ('ja', 'en')),
  aspects          jsonb NOT NULL,
  laws             jsonb NOT NULL,
  law_kinds        jsonb NOT NULL,
  agent_kind       text,
  documents        jsonb NOT NULL,
  subject_sealed   text NOT NULL,
  received_at      timestamptz NOT NULL,
  due_by           text NOT NULL,
  governed_by      text NOT NULL,
  acknowledge_by   text,
  extension_notice_at timestamptz,
  extension_reason text,
  verified_at      timestamptz,
  verified_by      text,
  fee              jsonb,
  fee_due_at       timestamptz,
  fee_paid_at      timestamptz,
  decision         jsonb,
  assignee         text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  closed_at        timestamptz
);
CREATE INDEX rights_requests_status_idx ON rights_requests (status, due_by);

-- The timeline a privacy officer shows an auditor; the audit log holds the same events hash-chained.
CREATE TABLE rights_transitions (
  id          bigserial PRIMARY KEY,
  request_id  text NOT NULL REFERENCES rights_requests (id) ON DELETE CASCADE,
  from_status text,
  to_status   text NOT NULL,
  action      text NOT NULL,
  actor       text NOT NULL,
  reason      text,
  at          timestamptz NOT NULL
);
CREATE INDEX rights_transitions_request_idx ON rights_transitions (request_id, id);

-- One-time codes: only an HMAC of the code is kept; single use, expiring, attempt-limited.
CREATE TABLE rights_codes (
  id         text PRIMARY KEY,
  request_id text NOT NULL REFERENCES rights_requests (id) ON DELETE CASCADE,
  code_hash  text NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts   integer NOT NULL DEFAULT 0,
  used_at    timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX rights_codes_request_idx ON rights_codes (request_id, created_at);

-- Work that Mamori cannot do itself: systems without a connector, entrusted data for its controller.
CREATE TABLE rights_tasks (
  id          text PRIMARY KEY,
  request_id  text NOT NULL REFERENCES rights_requests (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('manual', 'route_to_controller', 'engine')),
  system_key  text NOT NULL,
  run_kind    text NOT NULL,
  status      text NOT NULL CHECK (status IN ('open', 'done', 'failed')),
  assignee    text,
  run_id      text,
  summary     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL,
  done_at     timestamptz
);
CREATE INDEX rights_tasks_request_idx ON rights_tasks (request_id);

-- Items withheld from the answer, each with its legal ground (APPI Art. 33(2), Art. 36 reasons).
CREATE TABLE rights_exemptions (
  id         bigserial PRIMARY KEY,
  request_id text NOT NULL REFERENCES rights_requests (id) ON DELETE CASCADE,
  item       text NOT NULL,
  ground_id  text NOT NULL,
  reason     text NOT NULL,
  created_at timestamptz NOT NULL
);

-- The answer: rows found (JSON), sealed; the CSV and the letter are rebuilt from it.
CREATE TABLE rights_packages (
  request_id      text PRIMARY KEY REFERENCES rights_requests (id) ON DELETE CASCADE,
  package_sealed  text NOT NULL,
  created_at      timestamptz NOT NULL
);

-- Download links: the token is stored as SHA-256; each download is audited.
CREATE TABLE rights_downloads (
  token_hash  text PRIMARY KEY,
  request_id  text NOT NULL REFERENCES rights_requests (id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL,
  downloads   integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL
);

-- Messages to people (codes, notices). A delivery worker (SMTP) sends them; in development admins read them
-- through the API. The recipient and body are sealed: they hold an e-mail address and one-time codes.
CREATE TABLE outbox_messages (
  id          text PRIMARY KEY,
  channel     text NOT NULL CHECK (channel IN ('email', 'sms')),
  to_sealed   text NOT NULL,
  subject     text NOT NULL,
  body_sealed text NOT NULL,
  related     text,
  created_at  timestamptz NOT NULL,
  sent_at     timestamptz
);
CREATE INDEX outbox_messages_created_idx ON outbox_messages (created_at);
