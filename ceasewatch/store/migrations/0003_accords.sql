-- 0003: the reported events each accord was detected from or attached to. A detected draft of
-- an agreement that is already known (same parties, signed within two days) attaches here
-- instead of becoming a second accord; what each report said (mediators, commitment kinds)
-- is kept for the analyst.
CREATE TABLE accord_events (
    accord_id TEXT NOT NULL REFERENCES accords(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    mediators TEXT NOT NULL DEFAULT '[]',       -- JSON list, as the reports name them
    commitments TEXT NOT NULL DEFAULT '[]',     -- JSON list of commitment kinds named
    added_at TEXT NOT NULL,
    PRIMARY KEY (accord_id, event_id)
);
CREATE INDEX accord_events_event ON accord_events(event_id);

-- the verification an event's own reports give (`basis`), before the ledger compares it with
-- mirrored accusations in other events of the same days: when Pakistan blames Afghanistan for
-- one event and Afghanistan blames Pakistan for another of the same day, both lines become
-- "disputed" and `counter_event` names the other event.
ALTER TABLE violations ADD COLUMN basis TEXT;
ALTER TABLE violations ADD COLUMN counter_event TEXT;
CREATE INDEX violations_event ON violations(event_id);
CREATE INDEX commitments_accord ON commitments(accord_id);
