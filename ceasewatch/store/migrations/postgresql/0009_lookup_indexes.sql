-- 0009 (PostgreSQL): sqlite 0009_lookup_indexes.sql. Indexes for lookups that read the whole table (issue 16). Settling mirrored
-- accusations reads the ledger lines of a few days around each new report (`violations` by
-- `event_date`); without an index that read scanned the whole ledger for every document.
CREATE INDEX violations_date ON violations(event_date);

-- a document is looked up by id or by name (`ceasewatch show`, event pages, the ledger's
-- passages): by name it read every row
CREATE INDEX documents_name ON documents(name);
