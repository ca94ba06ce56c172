-- 0009: the ledger's date-window reads (issue 16). Settling mirrored accusations reads the
-- lines of a few days around each new report (`violations` by `event_date`); without an index
-- that read scanned the whole ledger for every document, a cost growing with the store.
CREATE INDEX violations_date ON violations(event_date);
