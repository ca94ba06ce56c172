-- 0011 (PostgreSQL): sqlite 0011_lean_store.sql. A revision may keep only its snapshot or
-- only its changes (store/revision_chain.py): `changes` NULL means "rebuilt from the
-- snapshots". Rows already stored stay whole (PostgreSQL compresses large values itself);
-- fingerprints stored from now on take 4 bytes per value when they fit, and the store widens
-- them on read, as on SQLite. The rest of the SQLite migration (WITHOUT ROWID tables, the
-- FTS5 index's detail) has no PostgreSQL counterpart.
ALTER TABLE event_revisions ALTER COLUMN changes DROP NOT NULL;
