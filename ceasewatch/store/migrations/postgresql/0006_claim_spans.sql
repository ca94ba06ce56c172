-- 0006 (PostgreSQL): sqlite 0006_claim_spans.sql.
ALTER TABLE claims ADD COLUMN evidence_start BIGINT NOT NULL DEFAULT -1;
ALTER TABLE claims ADD COLUMN evidence_end BIGINT NOT NULL DEFAULT -1;
ALTER TABLE claims ADD COLUMN marks TEXT NOT NULL DEFAULT '[]';
