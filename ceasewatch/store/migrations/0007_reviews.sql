-- 0007: the analyst's review (issue 17). Every decision on an event, a claim or an alleged
-- violation is a dated row naming the analyst and their note; an item's state is its latest
-- decision (no row: "draft", the machine's reading). Decisions have no foreign key on purpose,
-- like fusion_assignments: re-fusion replaces claims and violations, and the history of who
-- decided what must outlive them (claims are keyed by their content, "cl-...", so the same
-- claim read again finds its decisions again).
CREATE TABLE review_decisions (
    id INTEGER PRIMARY KEY,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('event', 'claim', 'violation')),
    item_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'verified', 'rejected', 'needs_review')),
    analyst TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX review_decisions_item ON review_decisions(item_kind, item_id, id);
CREATE INDEX review_decisions_event ON review_decisions(event_id, id);
CREATE INDEX review_decisions_state ON review_decisions(item_kind, state);

-- the latest decision of each item
CREATE VIEW review_states AS
SELECT d.* FROM review_decisions d
WHERE d.id = (SELECT max(x.id) FROM review_decisions x
              WHERE x.item_kind = d.item_kind AND x.item_id = d.item_id);

-- the people who read and review. A token is shown once when the user is added; only its
-- salted PBKDF2 hash is kept. `token_id` (random, public) finds the row without scanning.
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('reader', 'analyst', 'editor')),
    token_id TEXT NOT NULL UNIQUE,
    token_salt TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);
