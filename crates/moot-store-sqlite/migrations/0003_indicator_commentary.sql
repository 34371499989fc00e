-- The officer's commentary on a value: the text a pack prints beside an
-- indicator's result, or a CSV file's `commentary` cell. The exception
-- report shows it beside each Red. Once released, this file is never edited.

ALTER TABLE indicator_values ADD COLUMN commentary TEXT;
