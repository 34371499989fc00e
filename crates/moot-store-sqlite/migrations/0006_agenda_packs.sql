-- The two editions of a published clerk agenda's pack PDF, written in
-- the publishing transaction (built before it from the draft agenda, the
-- membership on the meeting's day and the papers). The members' edition
-- holds exempt papers: it is served to signed-in members and up only.
CREATE TABLE clerk_agenda_packs (
    meeting_id INTEGER PRIMARY KEY REFERENCES clerk_meetings(id),
    public_pdf BLOB NOT NULL,
    members_pdf BLOB NOT NULL
);
