-- A credential reported leaked is disabled, not deleted, so the audit trail keeps what it was:
-- disable_time is when (epoch milliseconds; NULL: enabled), disabled_reason why ('leaked').
ALTER TABLE credentials ADD COLUMN disable_time BIGINT;
ALTER TABLE credentials ADD COLUMN disabled_reason TEXT;
-- A leak report names the secret, not its client: the credential is found by the secret's keyed hash.
CREATE INDEX credentials_secret_hash ON credentials (secret_hash) WHERE secret_hash IS NOT NULL;
