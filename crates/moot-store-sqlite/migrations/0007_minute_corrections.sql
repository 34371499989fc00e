-- Corrections of confirmed minutes as the public may see them: one row
-- per earlier version of a public minute, with the day it was corrected,
-- why, and the words it replaced. Publishing the clerk's minutes writes
-- them beside the minute's row in minute_items (never for a minute on an
-- exempt item), and removes them with it when the minutes are written
-- anew. The clerk's own record of versions stays in clerk_minute_versions.
-- Once released, this file is never edited.

CREATE TABLE minute_corrections (
    id INTEGER PRIMARY KEY,
    minute_item_id INTEGER NOT NULL REFERENCES minute_items(id),
    -- The version these words were (1 is the text first confirmed).
    version INTEGER NOT NULL,
    corrected_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    -- JSON array of the resolutions' text.
    resolutions TEXT NOT NULL,
    UNIQUE (minute_item_id, version)
);
