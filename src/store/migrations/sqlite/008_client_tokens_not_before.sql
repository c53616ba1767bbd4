-- Epoch milliseconds of the client's latest disable: tokens issued up to that second stay
-- inactive for good, so re-enabling a client (after rotating a leaked secret) does not revive
-- them. NULL: never disabled.
ALTER TABLE api_clients ADD COLUMN tokens_not_before INTEGER;
