-- 0010 (PostgreSQL): sqlite 0010_spatial.sql. PostGIS where the server has it (issue 19).
-- A map's bounding box (`/api/events?bbox=…`, `ceasewatch events --bbox`) over a store of a
-- million events is a GiST lookup of event points instead of a range scan on longitude with
-- latitude checked row by row. The index is on an expression of the existing columns, so the
-- tables (and `ceasewatch migrate`'s copies and digests) are the same with or without PostGIS.
--
-- Without PostGIS (not installed on the server, no privilege to create the extension, or
-- `ALTER DATABASE … SET ceasewatch.postgis = 'off'` before the first open) this is a no-op
-- that records 'none': the bbox filter then reads the columns, with the same answers.
-- A server given PostGIS later: `CREATE EXTENSION postgis`, then create the index below and
-- update store_features by hand (or migrate into a new database).
CREATE TABLE store_features (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

DO $$
DECLARE
    wanted boolean := coalesce(nullif(current_setting('ceasewatch.postgis', true), ''), 'on')
                      <> 'off';
    found text;
BEGIN
    IF wanted AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS postgis;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'PostGIS is installed but this user may not create the extension';
        END;
    END IF;
    SELECT 'postgis ' || extversion INTO found FROM pg_extension WHERE extname = 'postgis';
    IF wanted AND found IS NOT NULL THEN
        EXECUTE 'CREATE INDEX events_point ON events USING gist '
                '((ST_SetSRID(ST_MakePoint(longitude, latitude), 4326))) '
                'WHERE longitude IS NOT NULL AND latitude IS NOT NULL';
    ELSE
        found := 'none';
    END IF;
    INSERT INTO store_features VALUES ('spatial', found,
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"'));
END
$$;
