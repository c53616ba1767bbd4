-- Core model. Times are epoch milliseconds; JSON columns hold text (the same layout as on
-- SQLite keeps one query module for both); booleans are 0/1.
CREATE TABLE organizations (
  id            TEXT PRIMARY KEY,
  display_name  TEXT NOT NULL,
  -- Where clients go when the caller names no workspace (Confidence's apiClients have none).
  default_workspace_id TEXT,
  create_time   BIGINT NOT NULL,
  update_time   BIGINT NOT NULL
);

CREATE TABLE workspaces (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organizations(id),
  display_name  TEXT NOT NULL,
  ext_ref       TEXT,
  settings      TEXT NOT NULL DEFAULT '{}',
  create_time   BIGINT NOT NULL,
  update_time   BIGINT NOT NULL
);
CREATE INDEX workspaces_org ON workspaces (org_id, create_time, id);

-- Role ids may be chosen by the caller (AIP-133), so they are unique per organization only.
CREATE TABLE roles (
  id            TEXT NOT NULL,
  org_id        TEXT NOT NULL REFERENCES organizations(id),
  display_name  TEXT NOT NULL,
  description   TEXT NOT NULL DEFAULT '',
  permissions   TEXT NOT NULL DEFAULT '[]',
  labels        TEXT NOT NULL DEFAULT '{}',
  created_by    TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  create_time   BIGINT NOT NULL,
  update_time   BIGINT NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX roles_org ON roles (org_id, create_time, id);

CREATE TABLE api_clients (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organizations(id),
  workspace_id   TEXT NOT NULL REFERENCES workspaces(id),
  client_id      TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  description    TEXT NOT NULL DEFAULT '',
  labels         TEXT NOT NULL DEFAULT '{}',
  permissions    TEXT NOT NULL DEFAULT '[]',
  roles          TEXT NOT NULL DEFAULT '[]',
  audiences      TEXT NOT NULL DEFAULT '[]',
  token_lifetime INTEGER,
  enabled        SMALLINT NOT NULL DEFAULT 1,
  created_by     TEXT NOT NULL,
  updated_by     TEXT NOT NULL,
  create_time    BIGINT NOT NULL,
  update_time    BIGINT NOT NULL
);
CREATE INDEX api_clients_org_time ON api_clients (org_id, create_time, id);
CREATE INDEX api_clients_org_name ON api_clients (org_id, display_name, id);
CREATE INDEX api_clients_workspace ON api_clients (workspace_id);

CREATE TABLE credentials (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organizations(id),
  api_client_id  TEXT NOT NULL REFERENCES api_clients(id) ON DELETE CASCADE,
  type           TEXT NOT NULL CHECK (type IN ('secret', 'public_key', 'federated')),
  display_name   TEXT NOT NULL DEFAULT '',
  secret_hash    TEXT,
  secret_hint    TEXT,
  jwks           TEXT,
  jwks_uri       TEXT,
  provider_id    TEXT,
  subject        TEXT,
  expire_time    BIGINT,
  last_use_time  BIGINT,
  created_by     TEXT NOT NULL,
  create_time    BIGINT NOT NULL
);
CREATE INDEX credentials_client ON credentials (api_client_id, create_time, id);
CREATE INDEX credentials_expiry ON credentials (expire_time) WHERE expire_time IS NOT NULL;

-- The audit log and the source of the webhook outbox. Every appending transaction takes an
-- advisory lock first (store/events), so sequences increase in commit order, not just in time.
CREATE TABLE events (
  sequence     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  org_id       TEXT NOT NULL,
  type         TEXT NOT NULL,
  resource     TEXT NOT NULL,
  actor        TEXT NOT NULL,
  time         BIGINT NOT NULL,
  data         TEXT NOT NULL
);
CREATE INDEX events_org ON events (org_id, sequence);
CREATE INDEX events_org_resource ON events (org_id, resource, sequence);

CREATE TABLE signing_keys (
  kid                   TEXT PRIMARY KEY,
  alg                   TEXT NOT NULL,
  -- next: published, not yet signing; active: signs; retired: published until retire_until.
  state                 TEXT NOT NULL CHECK (state IN ('next', 'active', 'retired')),
  private_key_encrypted TEXT NOT NULL,
  public_jwk            TEXT NOT NULL,
  create_time           BIGINT NOT NULL,
  activate_time         BIGINT,
  retire_until          BIGINT
);
-- At most one active and one next key: concurrent rotations cannot both win.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (state) WHERE state IN ('active', 'next');

CREATE TABLE revoked_tokens (
  jti          TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL,
  expire_time  BIGINT NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expire_time);
