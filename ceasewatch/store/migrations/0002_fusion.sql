-- 0002: state the fusion stage keeps beside events (issue 4).
-- fusion_assignments: which event each mention belongs to. It has no foreign key on purpose:
--   re-extracting a document deletes and re-inserts its mentions (and, by cascade, their
--   event_mentions links); the assignment survives, so the same mention ids go back to the
--   same events and manual decisions (manual = 1) are never undone by re-ingestion.
-- event_aliases: an event merged into another keeps answering under its old id.
-- document_fingerprints: MinHash signatures of documents, to tell syndicated copies apart
--   from independent reports.

CREATE TABLE fusion_assignments (
    mention_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    manual INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL
);
CREATE INDEX fusion_assignments_event ON fusion_assignments(event_id);
CREATE INDEX fusion_assignments_doc ON fusion_assignments(doc_id);

CREATE TABLE event_aliases (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE document_fingerprints (
    doc_id TEXT PRIMARY KEY,
    num_perm INTEGER NOT NULL,
    signature BLOB NOT NULL
);

-- blocking by type, date precision, place and date: a report only reads events of its country
-- (or of no country) whose span can overlap its own, however large the store grows.
CREATE INDEX events_fusion_block ON events(native_type, date_precision, country, event_date);
