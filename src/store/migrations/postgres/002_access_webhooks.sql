-- Workspace access grants, webhooks and their delivery outbox, and the credential expiry
-- notices already sent. Times are epoch milliseconds; JSON columns hold text; booleans are 0/1.

-- Docpier's workspace access rows: a USER (an external subject) or a CLIENT (an OAuth client id,
-- Keyward's or Keycloak's) with a role in a workspace. Granting twice finds the same row.
CREATE TABLE access_grants (
  id            TEXT PRIMARY KEY,
  org_id        TEXT NOT NULL REFERENCES organizations(id),
  workspace_id  TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  subject_type  TEXT NOT NULL CHECK (subject_type IN ('USER', 'CLIENT')),
  subject_id    TEXT NOT NULL,
  role          TEXT NOT NULL,
  -- Where an agent client lives when it is not a Keyward client (Keycloak) and its secret's hint.
  details       TEXT NOT NULL DEFAULT '{}',
  create_time   BIGINT NOT NULL,
  update_time   BIGINT NOT NULL,
  UNIQUE (workspace_id, subject_type, subject_id)
);
CREATE INDEX access_grants_org ON access_grants (org_id, workspace_id, create_time, id);

-- workspace_id NULL: the webhook hears every event of its organization.
CREATE TABLE webhooks (
  id                   TEXT PRIMARY KEY,
  org_id               TEXT NOT NULL REFERENCES organizations(id),
  workspace_id         TEXT REFERENCES workspaces(id) ON DELETE CASCADE,
  url                  TEXT NOT NULL,
  auth_type            TEXT NOT NULL CHECK (auth_type IN ('NONE', 'BEARER', 'BASIC', 'OAUTH2_CLIENT_CREDENTIALS')),
  auth_url             TEXT,
  token_request_config TEXT NOT NULL DEFAULT '{}',
  headers              TEXT NOT NULL DEFAULT '{}',
  -- AES-256-GCM (KeyEncryption, bound to the webhook id) of the receiver secrets and the
  -- Standard Webhooks signing secrets: delivery needs them in clear, so they cannot be hashes.
  secrets_encrypted    TEXT NOT NULL,
  -- Names of the receiver secrets and the signing secret's hint: what the API may show.
  secret_keys          TEXT NOT NULL DEFAULT '[]',
  signing_secret_hint  TEXT NOT NULL,
  event_types          TEXT NOT NULL DEFAULT '[]',
  enabled              SMALLINT NOT NULL DEFAULT 1,
  disabled_reason      TEXT,
  last_success_time    BIGINT,
  created_by           TEXT NOT NULL,
  updated_by           TEXT NOT NULL,
  create_time          BIGINT NOT NULL,
  update_time          BIGINT NOT NULL
);
CREATE INDEX webhooks_org ON webhooks (org_id, create_time, id);
CREATE INDEX webhooks_workspace ON webhooks (workspace_id);

-- The transactional outbox: rows are written in the transaction of the change they announce.
-- The id (msg_…) is the Standard Webhooks webhook-id, the same on every attempt.
CREATE TABLE webhook_deliveries (
  id                 TEXT PRIMARY KEY,
  org_id             TEXT NOT NULL,
  webhook_id         TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_sequence     BIGINT NOT NULL,
  event_type         TEXT NOT NULL,
  payload            TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'disabled')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_time  BIGINT,
  last_attempt_time  BIGINT,
  last_status_code   INTEGER,
  last_error         TEXT,
  -- A claim: the dispatcher that holds the row and until when. An expired claim (the process
  -- died mid-attempt) makes the row due again, so a delivery survives a crash.
  locked_until       BIGINT,
  claimed_by         TEXT,
  create_time        BIGINT NOT NULL,
  update_time        BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_time);
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, create_time, id);

-- credential.expiring and credential.expired are announced once each: the primary key makes a
-- second scheduler (another instance) find the notice already taken.
CREATE TABLE credential_notices (
  credential_id  TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
  notice         TEXT NOT NULL CHECK (notice IN ('expiring', 'expired')),
  org_id         TEXT NOT NULL,
  expire_time    BIGINT NOT NULL,
  create_time    BIGINT NOT NULL,
  PRIMARY KEY (credential_id, notice)
);
