-- A provider belongs to a workspace (a Keycard zone), and each workspace trusts an issuer once:
-- staging and production may each trust the same CI issuer, with their own conditions and
-- credentials. The federated identity becomes (workspace, issuer, subject).
--
-- SQLite cannot drop a UNIQUE constraint, so providers is rebuilt. role_bindings, which refers
-- to it, is rebuilt first against the new table: dropping a parent that rows still refer to
-- would fail, and renaming the new table carries the reference over to the final name.
CREATE TABLE providers_next (
  id                TEXT PRIMARY KEY,
  org_id            TEXT NOT NULL REFERENCES organizations(id),
  workspace_id      TEXT NOT NULL REFERENCES workspaces(id),
  identifier        TEXT NOT NULL,
  display_name      TEXT NOT NULL,
  description       TEXT NOT NULL DEFAULT '',
  issuer            TEXT NOT NULL,
  -- NULL: discovered from the issuer's /.well-known/openid-configuration.
  jwks_uri          TEXT,
  -- NULL: tokens must be addressed to Keyward's own issuer URL.
  audience          TEXT,
  claim_conditions  TEXT NOT NULL DEFAULT '{}',
  admin_sign_in     INTEGER NOT NULL DEFAULT 0,
  created_by        TEXT NOT NULL,
  updated_by        TEXT NOT NULL,
  create_time       INTEGER NOT NULL,
  update_time       INTEGER NOT NULL,
  UNIQUE (workspace_id, issuer),
  UNIQUE (workspace_id, identifier)
);
INSERT INTO providers_next (id, org_id, workspace_id, identifier, display_name, description, issuer, jwks_uri, audience, claim_conditions, admin_sign_in, created_by, updated_by, create_time, update_time)
  SELECT id, org_id, workspace_id, identifier, display_name, description, issuer, jwks_uri, audience, claim_conditions, admin_sign_in, created_by, updated_by, create_time, update_time FROM providers;
CREATE TABLE role_bindings_next (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES organizations(id),
  provider_id  TEXT NOT NULL REFERENCES providers_next(id),
  subject      TEXT NOT NULL,
  role_id      TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  create_time  INTEGER NOT NULL,
  UNIQUE (provider_id, subject, role_id),
  FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id) ON DELETE CASCADE
);
INSERT INTO role_bindings_next (id, org_id, provider_id, subject, role_id, created_by, create_time)
  SELECT id, org_id, provider_id, subject, role_id, created_by, create_time FROM role_bindings;
DROP TABLE role_bindings;
DROP TABLE providers;
ALTER TABLE providers_next RENAME TO providers;
ALTER TABLE role_bindings_next RENAME TO role_bindings;
CREATE INDEX providers_org ON providers (org_id, create_time, id);
-- The token path resolves an unknown issuer across organizations once, then caches it.
CREATE INDEX providers_issuer ON providers (issuer);
CREATE INDEX role_bindings_org ON role_bindings (org_id, create_time, id);
