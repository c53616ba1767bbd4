-- An attempt whose dispatcher died or stalled past its claim is recorded as 'interrupted' when
-- another dispatcher takes the delivery over. SQLite cannot alter a CHECK constraint, so the
-- table is rebuilt with the longer list of outcomes.
CREATE TABLE webhook_delivery_attempts_next (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL,
  delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  -- 1, 2, 3… per delivery, counting on across redeliveries.
  attempt      INTEGER NOT NULL,
  start_time   INTEGER NOT NULL,
  duration_ms  INTEGER NOT NULL,
  -- NULL: no HTTP answer (timeout, connection failure, SSRF refusal, no receiver token, interrupted).
  status_code  INTEGER,
  outcome      TEXT NOT NULL CHECK (outcome IN ('delivered', 'http_error', 'redirect_not_followed', 'timeout', 'connection', 'ssrf_refused', 'invalid_request', 'receiver_auth', 'interrupted')),
  message      TEXT
);
INSERT INTO webhook_delivery_attempts_next (id, org_id, delivery_id, attempt, start_time, duration_ms, status_code, outcome, message)
  SELECT id, org_id, delivery_id, attempt, start_time, duration_ms, status_code, outcome, message FROM webhook_delivery_attempts;
DROP TABLE webhook_delivery_attempts;
ALTER TABLE webhook_delivery_attempts_next RENAME TO webhook_delivery_attempts;
CREATE UNIQUE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, attempt);
