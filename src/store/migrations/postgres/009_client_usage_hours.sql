-- Tokens issued and failed client authentications at the token endpoint, per client and hour
-- (hour_start: epoch milliseconds of the whole hour). Each instance counts in memory and adds
-- its counts here in batches, so several instances sum up; rows older than 30 days are pruned.
-- The rows go with their client.
CREATE TABLE client_usage_hours (
  api_client_id            TEXT NOT NULL REFERENCES api_clients(id) ON DELETE CASCADE,
  hour_start               BIGINT NOT NULL,
  tokens_issued            BIGINT NOT NULL DEFAULT 0,
  failed_authentications   BIGINT NOT NULL DEFAULT 0,
  last_failure_time        BIGINT,
  PRIMARY KEY (api_client_id, hour_start)
);
CREATE INDEX client_usage_hours_hour ON client_usage_hours (hour_start);
