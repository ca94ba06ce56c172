-- 0012: the name of each event's place as fusion compares it (issue 19). `place_key` is
-- `placenames.norm_name(location)` ('al qaim district' for "Al-Qaim District"), NULL when the
-- event has no named place. Fusion keeps two same-named sites as candidates however far apart
-- their coordinates are; with the key in a column, PostgreSQL with PostGIS can answer the
-- site-bound candidate lookup in SQL (EventRepository.block_places). Written with the place by
-- every write of an event (store/codec.py event_row); existing rows are filled by a Python
-- step of this migration (store/place_keys.py) in the same transaction: SQL cannot casefold
-- as Python does.
ALTER TABLE events ADD COLUMN place_key TEXT;
