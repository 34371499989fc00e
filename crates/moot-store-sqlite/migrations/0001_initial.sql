-- Moot's first schema. Once released, this file is never edited: changes
-- go in a new numbered file.
--
-- Every record extracted from a pack keeps the document it came from and
-- its source lines (lines_first, lines_last: 1-based, inclusive, in the
-- document's text). Names are kept as printed beside the person they were
-- resolved to, so a split by hand can move exactly the records printed so.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    name TEXT NOT NULL,
    slug TEXT NOT NULL
);
CREATE UNIQUE INDEX bodies_by_slug ON bodies (ifnull(organisation_id, 0), slug);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    bytes BLOB NOT NULL,
    text TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    -- The meeting the pack was issued for.
    meeting_id INTEGER REFERENCES meetings(id)
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    body_id INTEGER REFERENCES bodies(id),
    date TEXT,
    time TEXT,
    venue TEXT,
    contact TEXT,
    -- 'scheduled': known from an agenda; 'minuted': minutes are stored.
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'minuted')),
    -- Where the meeting was first read.
    document_id INTEGER NOT NULL REFERENCES documents(id),
    lines_first INTEGER,
    lines_last INTEGER
);
CREATE UNIQUE INDEX meetings_by_body_date ON meetings (body_id, date)
    WHERE body_id IS NOT NULL AND date IS NOT NULL;

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    -- The fullest printing, for lists.
    name TEXT NOT NULL
);

-- Every printing of a person's name on a body, and why it is theirs.
CREATE TABLE person_names (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    name TEXT NOT NULL,
    -- moot_people::PersonName::key: printings that differ only in dots,
    -- case or "Councillor"/"Cllr" share a key.
    key TEXT NOT NULL,
    reason TEXT NOT NULL,
    document_id INTEGER REFERENCES documents(id),
    UNIQUE (body_id, key)
);
CREATE INDEX person_names_by_person ON person_names (person_id);

-- Decisions made by hand (moot people merge / split), kept by printing
-- rather than by person id, so they hold for packs imported later.
CREATE TABLE person_overrides (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL CHECK (rule IN ('same', 'apart')),
    body_a INTEGER NOT NULL REFERENCES bodies(id),
    name_a TEXT NOT NULL,
    body_b INTEGER NOT NULL REFERENCES bodies(id),
    name_b TEXT NOT NULL,
    made_at TEXT NOT NULL,
    UNIQUE (rule, body_a, name_a, body_b, name_b)
);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES bodies(id),
    person_id INTEGER REFERENCES people(id),
    name TEXT NOT NULL,
    role TEXT,
    party TEXT,
    position TEXT,
    voting INTEGER,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);
CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    position INTEGER NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    pages_first INTEGER,
    pages_last INTEGER,
    exempt INTEGER NOT NULL,
    decision TEXT,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);
CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id);

CREATE TABLE minutes (
    id INTEGER PRIMARY KEY,
    -- NULL when the minutes name no body or no date: no meeting to attach to.
    meeting_id INTEGER REFERENCES meetings(id),
    body_id INTEGER REFERENCES bodies(id),
    date TEXT,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);
CREATE INDEX minutes_by_meeting ON minutes (meeting_id);
CREATE INDEX minutes_by_document ON minutes (document_id);

CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    minutes_id INTEGER NOT NULL REFERENCES minutes(id),
    person_id INTEGER REFERENCES people(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('present', 'apologies', 'substitute')),
    substitute_for_person_id INTEGER REFERENCES people(id),
    substitute_for_name TEXT,
    lines_first INTEGER,
    lines_last INTEGER
);
CREATE INDEX attendance_by_minutes ON attendance (minutes_id);
CREATE INDEX attendance_by_person ON attendance (person_id);

CREATE TABLE declarations (
    id INTEGER PRIMARY KEY,
    minutes_id INTEGER NOT NULL REFERENCES minutes(id),
    person_id INTEGER REFERENCES people(id),
    name TEXT NOT NULL,
    item TEXT,
    text TEXT NOT NULL,
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);
CREATE INDEX declarations_by_person ON declarations (person_id);

CREATE TABLE minute_items (
    id INTEGER PRIMARY KEY,
    minutes_id INTEGER NOT NULL REFERENCES minutes(id),
    position INTEGER NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    agenda_ref TEXT,
    resolved INTEGER NOT NULL,
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);
CREATE INDEX minute_items_by_minutes ON minute_items (minutes_id);

CREATE TABLE resolutions (
    id INTEGER PRIMARY KEY,
    minute_item_id INTEGER NOT NULL REFERENCES minute_items(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL
);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER REFERENCES meetings(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    subject TEXT NOT NULL,
    from_text TEXT,
    to_text TEXT,
    classification TEXT,
    decision TEXT,
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);

-- Decision numbers (YY/NNNNN) are a council's own; each is kept once, with
-- the document and lines where it was first met.
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    number TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);
CREATE UNIQUE INDEX decisions_by_number ON decisions (ifnull(organisation_id, 0), number);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    body_id INTEGER REFERENCES bodies(id),
    code TEXT,
    name TEXT NOT NULL,
    polarity TEXT CHECK (polarity IN ('H', 'L', 'T'))
);
CREATE UNIQUE INDEX indicators_by_code_name
    ON indicators (ifnull(organisation_id, 0), ifnull(code, ''), name);

CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    period TEXT,
    value TEXT,
    rag TEXT CHECK (rag IN ('RED', 'AMBER', 'GREEN')),
    target TEXT,
    lines_first INTEGER NOT NULL,
    lines_last INTEGER NOT NULL
);
CREATE INDEX indicator_values_by_indicator ON indicator_values (indicator_id);
