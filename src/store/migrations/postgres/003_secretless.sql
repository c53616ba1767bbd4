-- Secretless credentials: trusted external issuers (providers), the admin roles bound to their
-- users, and the client assertion ids already used. Times are epoch milliseconds; JSON columns
-- hold text; booleans are 0/1.

-- One row per trusted issuer and organization: the federated identity is (org, issuer, subject),
-- so an organization names each issuer once.
CREATE TABLE providers (
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
  admin_sign_in     SMALLINT NOT NULL DEFAULT 0,
  created_by        TEXT NOT NULL,
  updated_by        TEXT NOT NULL,
  create_time       BIGINT NOT NULL,
  update_time       BIGINT NOT NULL,
  UNIQUE (org_id, issuer),
  UNIQUE (org_id, identifier)
);
CREATE INDEX providers_org ON providers (org_id, create_time, id);
-- The token path resolves an unknown issuer across organizations once, then caches it.
CREATE INDEX providers_issuer ON providers (issuer);
CREATE INDEX providers_workspace ON providers (workspace_id);

-- Admin roles of USER principals: a provider's subject (or * for all its users) holds a role.
-- Deleting the role removes what it granted.
CREATE TABLE role_bindings (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL REFERENCES organizations(id),
  provider_id  TEXT NOT NULL REFERENCES providers(id),
  subject      TEXT NOT NULL,
  role_id      TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  create_time  BIGINT NOT NULL,
  UNIQUE (provider_id, subject, role_id),
  FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id) ON DELETE CASCADE
);
CREATE INDEX role_bindings_org ON role_bindings (org_id, create_time, id);

-- private_key_jwt replay protection across instances: the token endpoint's one write is an
-- insert here, and the primary key turns a second use of the same assertion into a conflict.
-- id is a digest of (client_id, jti); rows are swept once expire_time has passed.
CREATE TABLE used_assertions (
  id           TEXT PRIMARY KEY,
  expire_time  BIGINT NOT NULL
);
CREATE INDEX used_assertions_expiry ON used_assertions (expire_time);

-- Federated credentials are found by provider (and subject) when no client_id is sent.
CREATE INDEX credentials_provider ON credentials (provider_id, subject) WHERE provider_id IS NOT NULL;
