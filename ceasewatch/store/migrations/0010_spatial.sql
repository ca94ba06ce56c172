-- 0010: spatial features of the store (issue 19). SQLite has no spatial index: the `bbox`
-- filter of the event list reads `longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?`.
-- The PostgreSQL twin adds a PostGIS GiST index of event places where the server has PostGIS;
-- this one only records that the store has none, so both backends answer `Store.spatial`.
CREATE TABLE store_features (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
INSERT INTO store_features VALUES ('spatial', 'none', strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
