-- Fences on credentials. allowed_cidrs: JSON array of the IPv4/IPv6 blocks a credential may
-- authenticate from ('[]': any address, as every credential did before). max_uses: how many
-- times it may authenticate (NULL: no limit); use_count: how many times it has, counted by one
-- conditional UPDATE per use, and only for credentials that set max_uses.
ALTER TABLE credentials ADD COLUMN allowed_cidrs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE credentials ADD COLUMN max_uses BIGINT;
ALTER TABLE credentials ADD COLUMN use_count BIGINT NOT NULL DEFAULT 0;
-- A workspace's rules for new credentials: JSON {"maxSecretLifetime": seconds, "requireExpiry":
-- bool, "allowSecrets": bool}. NULL: no policy, as before.
ALTER TABLE workspaces ADD COLUMN credential_policy TEXT;
