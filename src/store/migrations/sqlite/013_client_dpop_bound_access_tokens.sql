-- RFC 9449 §5.2 dpop_bound_access_tokens: 1 when the client gets tokens only with a DPoP proof.
ALTER TABLE api_clients ADD COLUMN dpop_bound_access_tokens INTEGER NOT NULL DEFAULT 0;
