-- Writers of different organizations no longer wait for each other (store/events takes one
-- advisory lock per organization), so across organizations sequences no longer follow commit
-- order. Each event records the transaction that wrote it; the change feed reads up to
-- pg_snapshot_xmin, below which every transaction has ended, and so misses no event that
-- commits after a higher sequence. Rows written before this migration keep NULL: they are history.
ALTER TABLE events ADD COLUMN xid xid8;
ALTER TABLE events ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
CREATE INDEX events_xid ON events (xid);
