-- The clerk's records: bodies the clerk runs, memberships with terms,
-- meetings with their agendas and papers, and what happened at them.
-- Once released, this file is never edited.
--
-- These tables are the clerk's working copy, drafts included, and the
-- public site never reads them. Publishing an agenda or minutes writes
-- what the public may see into the tables a pack import fills (meetings,
-- memberships, agenda_items, minutes, attendance, declarations,
-- minute_items, resolutions, decisions), pointing at lines of a document
-- Moot generates; the *_document_id columns here name those documents.

-- A body the clerk runs, and how its minutes are numbered
-- (moot_clerk::MinuteNumbering: 'running' or 'municipal-year:M').
CREATE TABLE clerk_bodies (
    body_id INTEGER PRIMARY KEY REFERENCES bodies(id),
    minute_numbering TEXT NOT NULL
);

CREATE TABLE clerk_members (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES clerk_bodies(body_id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('chair', 'vice-chair', 'member')),
    party TEXT,
    seat TEXT NOT NULL CHECK (seat IN ('voting', 'co-opted', 'associate')),
    starts TEXT NOT NULL,
    ends TEXT CHECK (ends IS NULL OR ends >= starts)
);
CREATE INDEX clerk_members_by_body ON clerk_members (body_id, starts);

CREATE TABLE clerk_substitutes (
    membership_id INTEGER NOT NULL REFERENCES clerk_members(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    name TEXT NOT NULL,
    PRIMARY KEY (membership_id, person_id)
);

CREATE TABLE clerk_meetings (
    id INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES clerk_bodies(body_id),
    date TEXT NOT NULL,
    time TEXT,
    venue TEXT NOT NULL,
    contact TEXT NOT NULL,
    agenda_state TEXT NOT NULL CHECK (agenda_state IN ('draft', 'published')),
    published_at TEXT,
    -- moot_clerk::NoticeCheck at publishing: 'enough', 'too-few' or
    -- 'holidays-unknown', with the clear days (or the list's last year).
    notice TEXT CHECK (notice IN ('enough', 'too-few', 'holidays-unknown')),
    notice_days INTEGER,
    -- The public meeting and agenda document, once published.
    meeting_id INTEGER REFERENCES meetings(id),
    agenda_document_id INTEGER REFERENCES documents(id),
    minutes_state TEXT NOT NULL DEFAULT 'draft'
        CHECK (minutes_state IN ('draft', 'published', 'confirmed')),
    confirmed_at_meeting INTEGER REFERENCES clerk_meetings(id),
    minutes_document_id INTEGER REFERENCES documents(id),
    CHECK ((agenda_state = 'published') = (published_at IS NOT NULL))
);
CREATE UNIQUE INDEX clerk_meetings_by_body_date ON clerk_meetings (body_id, date);

CREATE TABLE clerk_agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES clerk_meetings(id),
    position INTEGER NOT NULL,
    section TEXT,
    title TEXT NOT NULL,
    description TEXT,
    -- Schedule 12A paragraph for an exempt item.
    exempt_paragraph INTEGER CHECK (exempt_paragraph BETWEEN 1 AND 7),
    UNIQUE (meeting_id, position)
);

-- Papers are kept whole in the database (moot_clerk::MAX_PAPER_BYTES).
CREATE TABLE clerk_papers (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES clerk_agenda_items(id),
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('application/pdf', 'text/plain')),
    bytes BLOB NOT NULL,
    UNIQUE (item_id, position)
);

CREATE TABLE clerk_attendance (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES clerk_meetings(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    presence TEXT NOT NULL CHECK (presence IN ('present', 'apologies', 'substitute')),
    substitute_for INTEGER REFERENCES people(id),
    CHECK ((presence = 'substitute') = (substitute_for IS NOT NULL)),
    UNIQUE (meeting_id, person_id)
);

CREATE TABLE clerk_declarations (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES clerk_meetings(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    item_id INTEGER NOT NULL REFERENCES clerk_agenda_items(id),
    kind TEXT NOT NULL
        CHECK (kind IN ('disclosable-pecuniary', 'other-registrable', 'non-registrable')),
    text TEXT NOT NULL,
    left_room INTEGER NOT NULL
);

CREATE TABLE clerk_minutes (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES clerk_meetings(id),
    body_id INTEGER NOT NULL REFERENCES clerk_bodies(body_id),
    number INTEGER NOT NULL CHECK (number > 0),
    item_id INTEGER REFERENCES clerk_agenda_items(id),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    -- JSON array of the resolutions' text.
    resolutions TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, number)
);
CREATE INDEX clerk_minutes_by_body ON clerk_minutes (body_id, number);

-- The words a correction replaced: rows are only ever added.
CREATE TABLE clerk_minute_versions (
    id INTEGER PRIMARY KEY,
    minute_id INTEGER NOT NULL REFERENCES clerk_minutes(id),
    version INTEGER NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    resolutions TEXT NOT NULL,
    item_id INTEGER,
    UNIQUE (minute_id, version)
);

CREATE TABLE clerk_actions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES clerk_meetings(id),
    minute_id INTEGER REFERENCES clerk_minutes(id),
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    due TEXT,
    closed_at_meeting INTEGER REFERENCES clerk_meetings(id)
);

CREATE TABLE clerk_decisions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    number TEXT NOT NULL,
    minute_id INTEGER NOT NULL REFERENCES clerk_minutes(id),
    date TEXT NOT NULL,
    UNIQUE (organisation_id, number)
);
