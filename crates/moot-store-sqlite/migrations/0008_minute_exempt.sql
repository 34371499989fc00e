-- A minute printed under its minutes' own exempt heading ("EXEMPT ITEMS",
-- "Part 2", after the press and public were excluded) is exempt whatever
-- the agenda of its meeting says, even when that agenda is not stored.
-- The importer says so on the minute (`exempt` in the pack); the exempt
-- rule (moot_store::ExemptItems::covers_minute) honours it.
-- Once released, this file is never edited.

ALTER TABLE minute_items ADD COLUMN exempt INTEGER NOT NULL DEFAULT 0;
