-- 0001: the schema for the whole product: documents and their full-text index, rejections,
-- mentions (extraction), events/claims/fusion log (fusion), accords/commitments/violations.
-- Released migrations are never edited: add 0002_... instead.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,              -- content hash
    name TEXT NOT NULL,
    origin TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    url TEXT,
    published TEXT,
    published_precision TEXT,
    published_source TEXT,
    language TEXT,
    note TEXT,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);

-- every origin a document was seen under (same article under two names, syndicated copies)
CREATE TABLE document_origins (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, origin)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    stage TEXT NOT NULL,
    line INTEGER,
    field TEXT,
    at TEXT NOT NULL
);

CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc_name TEXT NOT NULL,
    native_type TEXT NOT NULL,
    event_type TEXT,
    sub_event_type TEXT,
    cameo TEXT,
    plover TEXT,
    event_date TEXT,
    event_end TEXT,
    date_precision TEXT,
    actor1 TEXT,                      -- JSON Actor
    actor2 TEXT,
    location TEXT,
    country TEXT,
    admin1 TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision TEXT,
    place_source TEXT,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    injuries_low INTEGER,
    injuries_best INTEGER,
    injuries_high INTEGER,
    claimed_by TEXT NOT NULL DEFAULT '[]',
    initiator_disputed INTEGER NOT NULL DEFAULT 0,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    language TEXT,
    confidence REAL NOT NULL DEFAULT 1.0,
    attributes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_date ON mentions(event_date);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    native_type TEXT NOT NULL,
    event_type TEXT,
    sub_event_type TEXT,
    cameo TEXT,
    plover TEXT,
    event_date TEXT,
    event_end TEXT,
    date_precision TEXT,
    actor1 TEXT,
    actor2 TEXT,
    location TEXT,
    country TEXT,
    admin1 TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision TEXT,
    place_source TEXT,
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    injuries_low INTEGER,
    injuries_best INTEGER,
    injuries_high INTEGER,
    sources TEXT NOT NULL DEFAULT '[]',
    independent_sources INTEGER NOT NULL DEFAULT 0,
    disputed_fields TEXT NOT NULL DEFAULT '[]',
    initiator_disputed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- blocking index for fusion candidates: same native type, nearby dates
CREATE INDEX events_type_date ON events(native_type, event_date);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_place ON events(country, admin1);

CREATE TABLE event_mentions (
    mention_id TEXT PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_mentions_event ON event_mentions(event_id);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value TEXT NOT NULL,              -- JSON
    claimant TEXT,
    doc_id TEXT NOT NULL,
    mention_id TEXT NOT NULL,
    evidence TEXT NOT NULL
);
CREATE INDEX claims_event ON claims(event_id, field);

-- why reports were joined or separated; manual decisions survive re-ingestion
CREATE TABLE fusion_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,             -- create | attach | merge | split
    event_id TEXT NOT NULL,
    other_event_id TEXT,
    mention_id TEXT,
    reason TEXT NOT NULL,
    manual INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fusion_log_event ON fusion_log(event_id);

CREATE TABLE accords (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parties TEXT NOT NULL,            -- JSON list of side keys
    mediators TEXT NOT NULL DEFAULT '[]',
    signed_date TEXT,
    in_force_date TEXT,
    place TEXT,                       -- JSON Place
    source TEXT NOT NULL,
    provenance TEXT
);

CREATE TABLE commitments (
    id TEXT PRIMARY KEY,
    accord_id TEXT NOT NULL REFERENCES accords(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    parties TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE violations (
    id TEXT PRIMARY KEY,
    accord_id TEXT NOT NULL REFERENCES accords(id) ON DELETE CASCADE,
    commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    alleged_violator TEXT,
    accuser TEXT,
    verification TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    event_date TEXT
);
CREATE INDEX violations_accord ON violations(accord_id);
