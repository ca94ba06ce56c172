-- 0011: a leaner store (issue 16). What is kept is unchanged; what was stored twice is not.
-- - event_revisions: `changes` may be NULL, "rebuilt from the snapshots" (a row keeps its
--   snapshot or its changes, or both when neither can be rebuilt: store/revision_chain.py).
--   The table is rebuilt to drop the NOT NULL; ids, and so the order of history, are kept.
--   Existing rows are compacted by a Python step of this migration (store/lean_steps.py), in
--   the same transaction.
-- - document_fingerprints: MinHash values below 2^32 are stored in 4 bytes instead of 8 (the
--   store widens them again on read); converted by the same step.
-- - document_origins and document_fingerprints are WITHOUT ROWID: their primary key was a
--   second copy of every row.
-- - the full-text index keeps which column a word is in, not its positions (detail=column):
--   searches are words, never phrases (DocumentRepository.fts_query); snippets and ranking
--   read positions from the documents' text.

-- the trigger names the table rebuilt below: it is made again after it
DROP TRIGGER events_deleted_revision;
CREATE TABLE event_revisions_lean (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    at TEXT NOT NULL,
    cause TEXT NOT NULL,
    doc_id TEXT,
    note TEXT NOT NULL DEFAULT '',
    snapshot TEXT,                          -- JSON; NULL: deletion, baseline, or rebuilt
    changes TEXT DEFAULT '{}'               -- JSON {field: [before, after]}; NULL: rebuilt
);
INSERT INTO event_revisions_lean (id, event_id, at, cause, doc_id, note, snapshot, changes)
    SELECT id, event_id, at, cause, doc_id, note, snapshot, changes FROM event_revisions
    ORDER BY id;
DROP TABLE event_revisions;
ALTER TABLE event_revisions_lean RENAME TO event_revisions;
CREATE INDEX event_revisions_event ON event_revisions(event_id, id);
CREATE INDEX event_revisions_cause ON event_revisions(cause, at);
CREATE TRIGGER events_deleted_revision AFTER DELETE ON events BEGIN
    INSERT INTO event_revisions (event_id, at, cause, note)
    VALUES (old.id, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), 'deleted',
            coalesce((SELECT 'merged into ' || new_id FROM event_aliases
                      WHERE old_id = old.id), ''));
END;

CREATE TABLE document_origins_lean (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, origin)
) WITHOUT ROWID;
INSERT INTO document_origins_lean SELECT doc_id, origin, seen_at FROM document_origins
    ORDER BY rowid;
DROP TABLE document_origins;
ALTER TABLE document_origins_lean RENAME TO document_origins;

CREATE TABLE document_fingerprints_lean (
    doc_id TEXT PRIMARY KEY,
    num_perm INTEGER NOT NULL,
    signature BLOB NOT NULL
) WITHOUT ROWID;
INSERT INTO document_fingerprints_lean SELECT doc_id, num_perm, signature
    FROM document_fingerprints ORDER BY rowid;
DROP TABLE document_fingerprints;
ALTER TABLE document_fingerprints_lean RENAME TO document_fingerprints;

DROP TRIGGER documents_ai;
DROP TRIGGER documents_ad;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61',
    detail='column'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
