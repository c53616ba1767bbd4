-- RFC 8693 delegation policy of a client (JSON): whether it may act for others, for which
-- providers and subjects, up to which scope. Empty: it may not act for anyone.
ALTER TABLE api_clients ADD COLUMN delegation TEXT NOT NULL DEFAULT '';
