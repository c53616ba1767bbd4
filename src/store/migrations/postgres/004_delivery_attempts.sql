-- The attempt history of webhook deliveries: when each attempt was made, how long it took and
-- how it ended, for whoever debugs a failing receiver. Times are epoch milliseconds.

-- Written in the transaction that records the attempt on its delivery, and only while the
-- dispatcher still holds the delivery's claim, so a stale dispatcher adds nothing. message is
-- that attempt's last_error: short, written by Keyward, never a header, a secret or the
-- receiver's body. Only a delivery's newest attempts are kept (as many as the retry schedule
-- makes): a redelivery restarts the schedule and would otherwise grow the history without end.
CREATE TABLE webhook_delivery_attempts (
  id           TEXT PRIMARY KEY,
  org_id       TEXT NOT NULL,
  delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  -- 1, 2, 3… per delivery, counting on across redeliveries.
  attempt      INTEGER NOT NULL,
  start_time   BIGINT NOT NULL,
  duration_ms  INTEGER NOT NULL,
  -- NULL: no HTTP answer (timeout, connection failure, SSRF refusal, no receiver token).
  status_code  INTEGER,
  outcome      TEXT NOT NULL CHECK (outcome IN ('delivered', 'http_error', 'redirect_not_followed', 'timeout', 'connection', 'ssrf_refused', 'invalid_request', 'receiver_auth')),
  message      TEXT
);
-- A delivery's attempts in order, and the next attempt number taken once.
CREATE UNIQUE INDEX webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, attempt);
