-- 0012 (PostgreSQL): sqlite 0012_place_key.sql, the same column filled by the same Python
-- step (store/place_keys.py) in the migration's transaction.
ALTER TABLE events ADD COLUMN place_key TEXT;
