-- 0002 (PostgreSQL): sqlite 0002_fusion.sql, plus trigram indexes for substring search in
-- scripts written without spaces (Chinese) and Arabic-script words with attached particles,
-- where the pg_trgm extension is installed (Debian's postgresql-contrib); without it the same
-- search scans the text.
CREATE TABLE fusion_assignments (
    mention_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    manual BIGINT NOT NULL DEFAULT 0,
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
    num_perm BIGINT NOT NULL,
    signature BYTEA NOT NULL
);

CREATE INDEX events_fusion_block ON events(native_type, date_precision, country, event_date);

DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX documents_text_trgm ON documents USING gin(text gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available: substring search scans the documents';
END
$$;
