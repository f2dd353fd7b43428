-- The register (個人情報管理台帳) and its published notices.

-- One row per entity. `list` is the register section (subjectTypes, purposes, … datasets), or for the
-- singletons organisation / rights / annexes the section name itself with key = the section name.
-- `position` keeps the order the register was written in, so YAML exports stay diff-friendly.
CREATE TABLE register_entities (
  list       text NOT NULL,
  key        text NOT NULL,
  position   integer NOT NULL,
  doc        jsonb NOT NULL,
  version    integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (list, key)
);

-- Every version an entity ever had (doc NULL: deleted), with who and when: the register's change history.
-- Append-only; the audit log records the same changes in its hash chain.
CREATE TABLE register_entity_history (
  id         bigserial PRIMARY KEY,
  list       text NOT NULL,
  key        text NOT NULL,
  version    integer NOT NULL,
  change     text NOT NULL CHECK (change IN ('created', 'updated', 'deleted')),
  via        text NOT NULL CHECK (via IN ('api', 'import')),
  doc        jsonb,
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL
);
CREATE INDEX register_entity_history_entity_idx ON register_entity_history (list, key, version);

-- A published privacy notice: the rendered text in both languages and the register it was rendered from.
CREATE TABLE notices (
  version      integer PRIMARY KEY,
  effective_on date NOT NULL,
  published_at timestamptz NOT NULL,
  published_by text NOT NULL,
  note         text,
  register     jsonb NOT NULL,
  ja_markdown  text NOT NULL,
  ja_html      text NOT NULL,
  en_markdown  text NOT NULL,
  en_html      text NOT NULL
);
CREATE INDEX notices_effective_idx ON notices (effective_on, version);
