-- An attempt whose dispatcher died or stalled past its claim is recorded as 'interrupted' when
-- another dispatcher takes the delivery over.
ALTER TABLE webhook_delivery_attempts DROP CONSTRAINT webhook_delivery_attempts_outcome_check;
ALTER TABLE webhook_delivery_attempts ADD CONSTRAINT webhook_delivery_attempts_outcome_check
  CHECK (outcome IN ('delivered', 'http_error', 'redirect_not_followed', 'timeout', 'connection', 'ssrf_refused', 'invalid_request', 'receiver_auth', 'interrupted'));
