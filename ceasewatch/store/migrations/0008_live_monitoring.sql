-- 0008: live monitoring (issue 18): watched sources, what each has already delivered, the
-- dated revisions of every event, alert rules and the alerts they raised.

-- a watched feed or page; its politeness state (conditional GET validators, back-off) is kept
-- here so that a restarted `watch` goes on where it stopped
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'auto',      -- auto | feed | page
    language TEXT,
    every_s INTEGER NOT NULL,
    full_articles INTEGER NOT NULL DEFAULT 1,
    added_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    next_due TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last_polled TEXT,
    last_status TEXT,
    last_error TEXT,
    last_ok TEXT
);
CREATE INDEX sources_due ON sources(next_due);

-- each entry (or page) a source delivered, by its key and a digest of what it said: an entry
-- seen again unchanged is skipped before any fetch of its linked article
CREATE TABLE source_items (
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    digest TEXT NOT NULL,
    doc_id TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source_id, item_key)
);

-- the dated revisions of each event: a full snapshot and the changes from the one before.
-- `cause`: baseline (existed before history was kept) | created | report | reanalysis |
-- merge | split | review | deleted
CREATE TABLE event_revisions (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    at TEXT NOT NULL,
    cause TEXT NOT NULL,
    doc_id TEXT,
    note TEXT NOT NULL DEFAULT '',
    snapshot TEXT,                          -- JSON; NULL for a deletion and for a baseline
    changes TEXT NOT NULL DEFAULT '{}'      -- JSON {field: [before, after]}
);
CREATE INDEX event_revisions_event ON event_revisions(event_id, id);
CREATE INDEX event_revisions_cause ON event_revisions(cause, at);

INSERT INTO event_revisions (event_id, at, cause, note)
    SELECT id, updated_at, 'baseline', 'existed before revisions were recorded' FROM events;

-- every deletion of an event, whatever code path deletes it (emptied by re-extraction,
-- merged into another), is a revision: exports list deletions since a date from here
CREATE TRIGGER events_deleted_revision AFTER DELETE ON events BEGIN
    INSERT INTO event_revisions (event_id, at, cause, note)
    VALUES (old.id, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 'deleted',
            coalesce((SELECT 'merged into ' || new_id FROM event_aliases
                      WHERE old_id = old.id), ''));
END;

CREATE TABLE alert_rules (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                     -- violation | fatalities | new-type
    params TEXT NOT NULL DEFAULT '{}',      -- JSON: accord, party, min, place, theater
    webhook TEXT,
    created_at TEXT NOT NULL
);

-- one alert per key (rule + what it is about): re-ingesting never raises it twice
CREATE TABLE alerts (
    key TEXT PRIMARY KEY,
    rule_id INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    title TEXT NOT NULL,
    payload TEXT NOT NULL,                  -- JSON, as posted to the webhook
    webhook TEXT,
    delivered_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT,
    last_error TEXT
);
CREATE INDEX alerts_created ON alerts(created_at);
CREATE INDEX alerts_pending ON alerts(delivered_at, next_attempt) WHERE webhook IS NOT NULL;
