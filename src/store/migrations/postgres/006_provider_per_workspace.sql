-- A provider belongs to a workspace (a Keycard zone), and each workspace trusts an issuer once:
-- staging and production may each trust the same CI issuer, with their own conditions and
-- credentials. The federated identity becomes (workspace, issuer, subject).
ALTER TABLE providers DROP CONSTRAINT providers_org_id_issuer_key;
ALTER TABLE providers DROP CONSTRAINT providers_org_id_identifier_key;
ALTER TABLE providers ADD CONSTRAINT providers_workspace_issuer_key UNIQUE (workspace_id, issuer);
ALTER TABLE providers ADD CONSTRAINT providers_workspace_identifier_key UNIQUE (workspace_id, identifier);
DROP INDEX providers_workspace;
