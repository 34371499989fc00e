-- Performance scorecards: indicators with their metadata, the bodies that
-- review them, thresholds over time, and values from packs or CSV loads.
-- Once released, this file is never edited.
--
-- A value comes from exactly one place: a pack (document_id with its
-- lines) or a CSV load (load_id, with lines_first = lines_last = the
-- file's 1-based line). Printed ratings are kept as printed; Moot's own
-- are computed from the thresholds when read, never stored.

ALTER TABLE indicators ADD COLUMN period_kind TEXT;
ALTER TABLE indicators ADD COLUMN unit TEXT;
ALTER TABLE indicators ADD COLUMN data_source TEXT;
ALTER TABLE indicators ADD COLUMN owner TEXT;

-- The bodies that review an indicator (a pack's body, or CSV `body`).
CREATE TABLE indicator_reviews (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    PRIMARY KEY (indicator_id, body_id)
);
INSERT INTO indicator_reviews (indicator_id, body_id)
    SELECT id, body_id FROM indicators WHERE body_id IS NOT NULL;

-- One CSV file loaded by `moot indicators load`; its SHA-256 makes
-- loading the same bytes twice change nothing.
CREATE TABLE indicator_loads (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);

-- Values: rebuilt to allow CSV values (no document) and add the period's
-- end date, numerator and denominator. Existing rows keep their ids.
CREATE TABLE indicator_values_v2 (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    document_id INTEGER REFERENCES documents(id),
    load_id INTEGER REFERENCES indicator_loads(id),
    -- The period as printed (`Q4 2023/24`, `YTD`).
    period TEXT,
    -- ISO date of the period's last day, where known.
    period_end TEXT,
    value TEXT,
    numerator TEXT,
    denominator TEXT,
    -- The printed rating.
    rag TEXT CHECK (rag IN ('RED', 'AMBER', 'GREEN')),
    -- The target printed on a pack's row.
    target TEXT,
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL,
    CHECK ((document_id IS NULL) <> (load_id IS NULL))
);
INSERT INTO indicator_values_v2
    (id, indicator_id, document_id, period, value, rag, target, lines_first, lines_last)
    SELECT id, indicator_id, document_id, period, value, rag, target, lines_first, lines_last
    FROM indicator_values;
DROP TABLE indicator_values;
ALTER TABLE indicator_values_v2 RENAME TO indicator_values;
CREATE INDEX indicator_values_by_indicator ON indicator_values (indicator_id);
CREATE UNIQUE INDEX indicator_values_by_period
    ON indicator_values (indicator_id, period_end) WHERE period_end IS NOT NULL;

-- An indicator's threshold from a period on: bands, or a target with an
-- optional minimum standard, as printed. The one in force for a value is
-- the latest whose effective_from is on or before the value's period_end.
CREATE TABLE indicator_thresholds (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    -- ISO date from which it holds.
    effective_from TEXT NOT NULL,
    target TEXT,
    minimum TEXT,
    bands TEXT,
    document_id INTEGER REFERENCES documents(id),
    load_id INTEGER REFERENCES indicator_loads(id),
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL,
    CHECK ((document_id IS NULL) <> (load_id IS NULL)),
    CHECK (target IS NOT NULL OR bands IS NOT NULL)
);
CREATE INDEX indicator_thresholds_by_indicator
    ON indicator_thresholds (indicator_id, effective_from);
