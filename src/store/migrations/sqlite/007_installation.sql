-- The issuers (KEYWARD_ISSUER) that instances of this installation have used. A token is the
-- installation's when one of its published keys signed it and its `iss` is listed here, so an
-- instance accepts what another instance issued under another URL (each registers its own at
-- start).
CREATE TABLE token_issuers (
  issuer      TEXT PRIMARY KEY,
  first_seen  INTEGER NOT NULL
);
-- Facts every instance of the installation must agree on, written by the first instance to start
-- (e.g. a check value of the pepper, so an instance with another pepper refuses to start).
CREATE TABLE installation (
  name         TEXT PRIMARY KEY,
  value        TEXT NOT NULL,
  create_time  INTEGER NOT NULL
);
