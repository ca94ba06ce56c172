-- 0005 (PostgreSQL): sqlite 0005_external_events.sql.
CREATE TABLE external_events (
    dataset TEXT NOT NULL,
    external_id TEXT NOT NULL,
    event_date TEXT NOT NULL,
    date_end TEXT,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    actor2 TEXT,
    country TEXT,
    admin1 TEXT,
    location TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    fatalities BIGINT,
    fatalities_low BIGINT,
    fatalities_high BIGINT,
    notes TEXT,
    source TEXT,
    origin TEXT NOT NULL,
    line BIGINT,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (dataset, external_id)
);
CREATE INDEX external_events_date ON external_events(dataset, event_date);
