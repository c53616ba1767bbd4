-- A federated credential's own conditions beyond its subject: exact claims, claim patterns and an
-- audience, as JSON ({"claims": {...}, "patterns": {...}, "audience": ...}); NULL: the subject alone.
ALTER TABLE credentials ADD COLUMN claim_match TEXT;
-- A provider's key set given inline (a JWKS, such as a SPIFFE trust bundle), pinned by the admin
-- and never fetched; NULL: keys come from jwks_uri or the issuer's discovery document.
ALTER TABLE providers ADD COLUMN jwks TEXT;
