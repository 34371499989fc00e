//! What minutes record of people at meetings, as [`AttendanceEntry`]s:
//! each attendance row, each member a substitute replaced, and each member
//! on the list issued for a minuted meeting whom its minutes do not
//! mention. How these count is `moot_store::attendance`'s business.

use super::{all, optional_summary, source_from, SUMMARY_COLUMNS};
use moot_store::{AttendanceEntry, AttendanceFact, AttendanceKind, BodyId, PersonId, StoreError};
use rusqlite::{Connection, Row};

/// Where each kind of row is filtered: (recorded, replaced, listed).
struct Filters<'a> {
    recorded: &'a str,
    replaced: &'a str,
    listed: &'a str,
}

/// Every entry at `body`'s meetings, oldest meeting first.
pub fn of_body(conn: &Connection, body: BodyId) -> Result<Vec<AttendanceEntry>, StoreError> {
    let filter = "m.body_id = ?1";
    let filters = Filters {
        recorded: filter,
        replaced: filter,
        listed: filter,
    };
    let mut entries = entries(conn, &filters, body.0)?;
    entries.sort_by_key(|e| e.meeting.as_ref().map(|m| (m.date, m.id)));
    Ok(entries)
}

/// Every entry about `person`, newest meeting first.
pub fn of_person(conn: &Connection, person: PersonId) -> Result<Vec<AttendanceEntry>, StoreError> {
    let filters = Filters {
        recorded: "a.person_id = ?1",
        replaced: "a.substitute_for_person_id = ?1",
        listed: "ms.person_id = ?1",
    };
    let mut entries = entries(conn, &filters, person.0)?;
    // Newest first, undated and unattached last.
    entries.sort_by_key(|e| {
        let meeting = e.meeting.as_ref();
        (
            meeting.and_then(|m| m.date).is_none(),
            std::cmp::Reverse(meeting.map(|m| (m.date, m.id))),
        )
    });
    Ok(entries)
}

/// The columns [`entry_from`] reads after the person, name, fact and
/// counterpart: the source, then the meeting.
const MEETING_AND_SOURCE: &str = "mn.document_id, coalesce(a.lines_first, mn.lines_first),
    coalesce(a.lines_last, mn.lines_first)";

const FROM_MINUTES: &str = "FROM attendance a JOIN minutes mn ON mn.id = a.minutes_id
    LEFT JOIN meetings m ON m.id = mn.meeting_id LEFT JOIN bodies b ON b.id = m.body_id";

fn entries(
    conn: &Connection,
    f: &Filters<'_>,
    id: i64,
) -> Result<Vec<AttendanceEntry>, StoreError> {
    let recorded = format!(
        "SELECT a.person_id, a.name, a.kind, a.substitute_for_person_id, a.substitute_for_name,
         {MEETING_AND_SOURCE}, {SUMMARY_COLUMNS} {FROM_MINUTES} WHERE {} ORDER BY a.id",
        f.recorded
    );
    let replaced = format!(
        "SELECT a.substitute_for_person_id, a.substitute_for_name, 'replaced', a.person_id, a.name,
         {MEETING_AND_SOURCE}, {SUMMARY_COLUMNS} {FROM_MINUTES}
         WHERE a.substitute_for_name IS NOT NULL AND {} ORDER BY a.id",
        f.replaced
    );
    let listed = format!(
        "SELECT ms.person_id, ms.name, 'listed', NULL, NULL, ms.document_id, ms.lines_first,
         ms.lines_last, {SUMMARY_COLUMNS} FROM memberships ms
         JOIN documents d ON d.id = ms.document_id
         JOIN meetings m ON m.id = d.meeting_id AND m.body_id = ms.body_id
         LEFT JOIN bodies b ON b.id = m.body_id
         WHERE ms.person_id IS NOT NULL AND {}
         AND EXISTS (SELECT 1 FROM minutes WHERE meeting_id = m.id)
         AND NOT EXISTS (SELECT 1 FROM attendance a JOIN minutes mn ON mn.id = a.minutes_id
             WHERE mn.meeting_id = m.id
             AND (a.person_id = ms.person_id OR a.substitute_for_person_id = ms.person_id))
         ORDER BY ms.id",
        f.listed
    );
    let mut out = Vec::new();
    for sql in [recorded, replaced, listed] {
        out.extend(all(conn, &sql, [id], entry_from)?);
    }
    Ok(out)
}

fn entry_from(r: &Row<'_>) -> rusqlite::Result<AttendanceEntry> {
    let fact: String = r.get(2)?;
    let fact = match fact.as_str() {
        "replaced" => AttendanceFact::Replaced,
        "listed" => AttendanceFact::Listed,
        kind => {
            AttendanceFact::Recorded(AttendanceKind::parse(kind).unwrap_or(AttendanceKind::Present))
        }
    };
    let counterpart = match r.get::<_, Option<String>>(4)? {
        Some(name) => Some((r.get::<_, Option<i64>>(3)?.map(PersonId), name)),
        None => None,
    };
    let meeting = optional_summary(r, 8)?;
    Ok(AttendanceEntry {
        meeting,
        person: r.get::<_, Option<i64>>(0)?.map(PersonId),
        name: r.get(1)?,
        fact,
        counterpart,
        source: source_from(r, 5)?,
    })
}
