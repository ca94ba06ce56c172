-- 0003 (PostgreSQL): sqlite 0003_accords.sql.
CREATE TABLE accord_events (
    accord_id TEXT NOT NULL REFERENCES accords(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mediators TEXT NOT NULL DEFAULT '[]',
    commitments TEXT NOT NULL DEFAULT '[]',
    added_at TEXT NOT NULL,
    PRIMARY KEY (accord_id, event_id)
);
CREATE INDEX accord_events_event ON accord_events(event_id);

ALTER TABLE violations ADD COLUMN basis TEXT;
ALTER TABLE violations ADD COLUMN counter_event TEXT;
CREATE INDEX violations_event ON violations(event_id);
CREATE INDEX commitments_accord ON commitments(accord_id);
