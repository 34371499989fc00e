-- Indexes for every column a page or an import looks rows up by, so each
-- costs the same over five packs and over ten thousand (the test
-- moot-web/tests/query_plans.rs runs every statement of a crawl and of an
-- import through EXPLAIN QUERY PLAN and fails on a full scan). Once
-- released, this file is never edited.

CREATE INDEX resolutions_by_minute_item ON resolutions (minute_item_id, position);
CREATE INDEX declarations_by_minutes ON declarations (minutes_id);
CREATE INDEX reports_by_meeting ON reports (meeting_id, document_id);
CREATE INDEX reports_by_document ON reports (document_id, lines_first);
CREATE INDEX reports_by_decision ON reports (decision) WHERE decision IS NOT NULL;
-- The documents indexes carry the columns pages read: a document's row
-- holds its bytes and text before them, so reading them from the row
-- walks every overflow page of the file.
CREATE INDEX documents_by_meeting
    ON documents (meeting_id, id, file_name, imported_at, superseded_by);
CREATE INDEX documents_by_superseding ON documents (superseded_by, id, file_name, imported_at)
    WHERE superseded_by IS NOT NULL;
CREATE INDEX documents_by_import ON documents (imported_at, id);
CREATE INDEX meetings_by_body ON meetings (body_id, date);
CREATE INDEX meetings_by_date ON meetings (date, time);
CREATE INDEX meetings_by_recency ON meetings ((date IS NULL), date DESC, id DESC);
CREATE INDEX memberships_by_body ON memberships (body_id, person_id);
CREATE INDEX memberships_by_document ON memberships (document_id);
CREATE INDEX agenda_items_by_document ON agenda_items (document_id, position);
CREATE INDEX attendance_by_substitute_for ON attendance (substitute_for_person_id)
    WHERE substitute_for_person_id IS NOT NULL;
CREATE INDEX person_names_by_document ON person_names (document_id);
CREATE INDEX clerk_meetings_by_meeting ON clerk_meetings (meeting_id);
CREATE INDEX clerk_meetings_by_agenda ON clerk_meetings (agenda_document_id);
CREATE INDEX clerk_meetings_by_minutes ON clerk_meetings (minutes_document_id);
CREATE INDEX indicator_reviews_by_body ON indicator_reviews (body_id, indicator_id);
CREATE INDEX indicator_values_by_document ON indicator_values (document_id);
CREATE INDEX decisions_by_document ON decisions (document_id);
CREATE INDEX retired_parts_by_document ON retired_parts (document_id);

-- People are matched by candidates: the printings that share a surname
-- with a name in the pack. A printing's key (moot_people::PersonName::key)
-- ends with its folded surname, the word after the key's last space.
ALTER TABLE person_names ADD COLUMN surname_key TEXT
    GENERATED ALWAYS AS (substr(key, length(rtrim(key, replace(key, ' ', ''))) + 1)) VIRTUAL;
CREATE INDEX person_names_by_surname ON person_names (surname_key);
