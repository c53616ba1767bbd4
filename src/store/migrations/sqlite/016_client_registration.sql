-- RFC 7591 initial access tokens: an admin issues one for one workspace; it registers at most
-- uses_remaining clients before expire_time. Only the keyed hash of the token is stored.
CREATE TABLE registration_tokens (
  id             TEXT PRIMARY KEY,
  org_id         TEXT NOT NULL REFERENCES organizations(id),
  workspace_id   TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  display_name   TEXT NOT NULL DEFAULT '',
  token_hash     TEXT NOT NULL UNIQUE,
  token_hint     TEXT NOT NULL,
  expire_time    INTEGER NOT NULL,
  uses_remaining INTEGER NOT NULL,
  created_by     TEXT NOT NULL,
  create_time    INTEGER NOT NULL
);
CREATE INDEX registration_tokens_workspace ON registration_tokens (org_id, workspace_id, create_time, id);

-- RFC 7592: a client that registered itself, and the keyed hash of its registration access token.
CREATE TABLE client_registrations (
  api_client_id       TEXT PRIMARY KEY REFERENCES api_clients(id) ON DELETE CASCADE,
  org_id              TEXT NOT NULL REFERENCES organizations(id),
  access_token_hash   TEXT NOT NULL UNIQUE,
  auth_method         TEXT NOT NULL,
  registration_token_id TEXT,
  create_time         INTEGER NOT NULL
);
