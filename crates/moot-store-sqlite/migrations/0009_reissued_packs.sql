-- Re-issued packs and minutes printed again: one current version of each
-- meeting's records. Once released, this file is never edited.
--
-- A pack imported for a meeting that already has a pack (same body and
-- date, different bytes: a corrected reprint, a supplement) replaces the
-- earlier pack's records; the earlier document is kept, superseded by the
-- new one.
ALTER TABLE documents ADD COLUMN superseded_by INTEGER REFERENCES documents(id);

-- Records removed from a document because another one replaced them (its
-- whole pack, or its printing of one meeting's minutes), so an import can
-- tell the search index which meetings changed. by_document_id may name a
-- clerk's minutes document that was later withdrawn, so it has no
-- foreign key.
CREATE TABLE retired_parts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    by_document_id INTEGER NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id)
);
CREATE INDEX retired_parts_by_replacement ON retired_parts (by_document_id);

-- The exempt line ranges a document had when records were removed from
-- it, kept so its page withholds what it withheld before.
CREATE TABLE withheld_lines (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL,
    UNIQUE (document_id, lines_first, lines_last)
);
