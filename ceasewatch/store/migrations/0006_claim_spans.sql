-- 0005: claim-level evidence (issue 11). Each claim records the sentence that states its value
-- (document offsets; -1 when not located) and the value's words inside it, as a JSON list of
-- [start, end] document offsets, so pages quote the claim's own span and highlight the value.
ALTER TABLE claims ADD COLUMN evidence_start INTEGER NOT NULL DEFAULT -1;
ALTER TABLE claims ADD COLUMN evidence_end INTEGER NOT NULL DEFAULT -1;
ALTER TABLE claims ADD COLUMN marks TEXT NOT NULL DEFAULT '[]';
