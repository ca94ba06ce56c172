-- 0005: events imported from external datasets (ACLED, UCDP GED downloads), kept apart from
-- the events ceasewatch extracts and fuses: they are compared with them, never fused into them.
CREATE TABLE external_events (
    dataset TEXT NOT NULL,            -- acled | ucdp
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
    latitude REAL,
    longitude REAL,
    fatalities INTEGER,
    fatalities_low INTEGER,
    fatalities_high INTEGER,
    notes TEXT,
    source TEXT,
    origin TEXT NOT NULL,
    line INTEGER,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (dataset, external_id)
);
CREATE INDEX external_events_date ON external_events(dataset, event_date);
