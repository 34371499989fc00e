//! The clerk's tables read back into records. Exempt business is here in
//! full: these reads serve the clerk's side (members and up), never the
//! public site.

use crate::db;
use crate::read::{all, parse_date, parse_time, OrNotFound};
use moot_clerk::{
    AgendaState, BodyRole, ExemptParagraph, InterestKind, MinuteNumbering, MinutesState,
    NoticeCheck, PaperFormat, Presence, Seat, Term,
};
use moot_domain::Date;
use moot_store::{
    ActionId, AgendaItemId, BodyId, ClerkAction, ClerkAgenda, ClerkAgendaItem, ClerkAttendance,
    ClerkBody, ClerkDeclaration, ClerkMeeting, ClerkMeetingId, ClerkMember, ClerkMinute,
    ClerkMinutes, ClerkRecord, MeetingId, MembershipId, MinuteId, MinuteText, MinuteVersion,
    PackEdition, PaperId, PaperInfo, PersonId, RaisedAction, StoreError,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// A stored date; the store writes only valid ones.
fn date_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Date> {
    let text: String = r.get(at)?;
    parse_date(&text).ok_or_else(|| bad_value(at, &text))
}

fn optional_date_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<Date>> {
    match r.get::<_, Option<String>>(at)? {
        Some(text) => parse_date(&text)
            .map(Some)
            .ok_or_else(|| bad_value(at, &text)),
        None => Ok(None),
    }
}

/// A stored word that does not read back: the database was changed by
/// hand.
fn bad_value(at: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        at,
        rusqlite::types::Type::Text,
        format!("unexpected stored value {text:?}").into(),
    )
}

/// Reads a stored word with `parse`.
fn word<T>(r: &Row<'_>, at: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = r.get(at)?;
    parse(&text).ok_or_else(|| bad_value(at, &text))
}

/// The clerk body's numbering scheme ([`StoreError::NotFound`] for a body
/// the clerk does not run).
pub fn numbering(conn: &Connection, body: BodyId) -> Result<MinuteNumbering, StoreError> {
    conn.query_row(
        "SELECT minute_numbering FROM clerk_bodies WHERE body_id = ?1",
        [body.0],
        |r| word(r, 0, MinuteNumbering::from_stored),
    )
    .or_not_found("clerk body", body.0)
}

/// The bodies the clerk runs, by name (only `only`, when given).
pub fn bodies(conn: &Connection, only: Option<BodyId>) -> Result<Vec<ClerkBody>, StoreError> {
    all(
        conn,
        "SELECT b.id, o.name, b.name, c.minute_numbering FROM clerk_bodies c
         JOIN bodies b ON b.id = c.body_id LEFT JOIN organisations o ON o.id = b.organisation_id
         WHERE ?1 IS NULL OR b.id = ?1 ORDER BY b.name, b.id",
        [only.map(|b| b.0)],
        |r| {
            Ok(ClerkBody {
                id: BodyId(r.get(0)?),
                organisation: r.get(1)?,
                name: r.get(2)?,
                numbering: word(r, 3, MinuteNumbering::from_stored)?,
            })
        },
    )
}

/// The meetings of a body the clerk runs, by date.
pub fn meetings_of(conn: &Connection, body: BodyId) -> Result<Vec<ClerkMeeting>, StoreError> {
    numbering(conn, body)?;
    let ids = all(
        conn,
        "SELECT id FROM clerk_meetings WHERE body_id = ?1 ORDER BY date, id",
        [body.0],
        |r| Ok(ClerkMeetingId(r.get(0)?)),
    )?;
    ids.into_iter().map(|id| meeting(conn, id)).collect()
}

/// The meeting whose agenda holds `item`.
pub fn item_meeting(conn: &Connection, item: AgendaItemId) -> Result<ClerkMeetingId, StoreError> {
    conn.query_row(
        "SELECT meeting_id FROM clerk_agenda_items WHERE id = ?1",
        [item.0],
        |r| Ok(ClerkMeetingId(r.get(0)?)),
    )
    .or_not_found("agenda item", item.0)
}

/// Whether the public meeting has agenda packs.
pub fn has_packs(conn: &Connection, meeting: MeetingId) -> Result<bool, StoreError> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM clerk_agenda_packs p
         JOIN clerk_meetings m ON m.id = p.meeting_id WHERE m.meeting_id = ?1)",
        [meeting.0],
        |r| r.get(0),
    )
    .map_err(db)
}

/// One edition of the public meeting's agenda pack.
pub fn pack(
    conn: &Connection,
    meeting: MeetingId,
    edition: PackEdition,
) -> Result<Option<Vec<u8>>, StoreError> {
    let column = match edition {
        PackEdition::Public => "public_pdf",
        PackEdition::Members => "members_pdf",
    };
    conn.query_row(
        &format!(
            "SELECT p.{column} FROM clerk_agenda_packs p
             JOIN clerk_meetings m ON m.id = p.meeting_id WHERE m.meeting_id = ?1"
        ),
        [meeting.0],
        |r| r.get(0),
    )
    .optional()
    .map_err(db)
}

/// Who is on `body` on `day`: chair, vice-chair, then members by name.
pub fn members_on(
    conn: &Connection,
    body: BodyId,
    day: Date,
) -> Result<Vec<ClerkMember>, StoreError> {
    numbering(conn, body)?;
    let mut members = all(
        conn,
        "SELECT id, person_id, name, role, party, seat, starts, ends FROM clerk_members
         WHERE body_id = ?1 AND starts <= ?2 AND (ends IS NULL OR ends >= ?2)
         ORDER BY CASE role WHEN 'chair' THEN 0 WHEN 'vice-chair' THEN 1 ELSE 2 END, name, id",
        params![body.0, day.to_string()],
        |r| {
            Ok(ClerkMember {
                id: MembershipId(r.get(0)?),
                person: PersonId(r.get(1)?),
                name: r.get(2)?,
                role: word(r, 3, BodyRole::parse)?,
                party: r.get(4)?,
                seat: word(r, 5, Seat::parse)?,
                term: Term {
                    starts: date_at(r, 6)?,
                    ends: optional_date_at(r, 7)?,
                },
                substitutes: Vec::new(),
            })
        },
    )?;
    for member in &mut members {
        member.substitutes = all(
            conn,
            "SELECT person_id, name FROM clerk_substitutes WHERE membership_id = ?1
             ORDER BY name",
            [member.id.0],
            |r| Ok((PersonId(r.get(0)?), r.get(1)?)),
        )?;
    }
    Ok(members)
}

/// The columns [`meeting_from`] reads, from `clerk_meetings`.
const MEETING_COLUMNS: &str = "id, body_id, date, time, venue, contact, agenda_state,
    published_at, notice, notice_days, meeting_id";

fn meeting_from(r: &Row<'_>) -> rusqlite::Result<ClerkMeeting> {
    Ok(ClerkMeeting {
        id: ClerkMeetingId(r.get(0)?),
        body: BodyId(r.get(1)?),
        date: date_at(r, 2)?,
        time: r
            .get::<_, Option<String>>(3)?
            .as_deref()
            .and_then(parse_time),
        venue: r.get(4)?,
        contact: r.get(5)?,
        agenda: word(r, 6, AgendaState::parse)?,
        published_at: r.get(7)?,
        notice: notice_from(r.get(8)?, r.get(9)?),
        public: r.get::<_, Option<i64>>(10)?.map(MeetingId),
    })
}

/// One meeting the clerk runs.
pub fn meeting(conn: &Connection, id: ClerkMeetingId) -> Result<ClerkMeeting, StoreError> {
    conn.query_row(
        &format!("SELECT {MEETING_COLUMNS} FROM clerk_meetings WHERE id = ?1"),
        [id.0],
        meeting_from,
    )
    .or_not_found("meeting", id.0)
}

/// The name a person is printed by on a body (their latest clerk
/// membership's, else their fullest name).
pub fn printed_name(conn: &Connection, body: BodyId, person: i64) -> Result<String, StoreError> {
    conn.query_row(
        "SELECT coalesce((SELECT name FROM clerk_members WHERE body_id = ?1 AND person_id = ?2
           ORDER BY starts DESC LIMIT 1), (SELECT name FROM people WHERE id = ?2))",
        params![body.0, person],
        |r| r.get(0),
    )
    .map_err(db)
}

/// What was recorded at a meeting besides its minutes, and the body's
/// later meetings.
pub fn meeting_record(conn: &Connection, id: ClerkMeetingId) -> Result<ClerkRecord, StoreError> {
    let meeting = meeting(conn, id)?;
    let body = meeting.body;
    let attendance = all(
        conn,
        "SELECT person_id, presence, substitute_for FROM clerk_attendance WHERE meeting_id = ?1
         ORDER BY id",
        [id.0],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                word(r, 1, Presence::parse)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    )?
    .into_iter()
    .map(|(person, presence, replaced)| {
        Ok(ClerkAttendance {
            person: PersonId(person),
            name: printed_name(conn, body, person)?,
            presence,
            substitute_for: match replaced {
                Some(r) => Some((PersonId(r), printed_name(conn, body, r)?)),
                None => None,
            },
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    let declarations = all(
        conn,
        "SELECT person_id, item_id, kind, text, left_room FROM clerk_declarations
         WHERE meeting_id = ?1 ORDER BY id",
        [id.0],
        |r| {
            Ok(ClerkDeclaration {
                person: PersonId(r.get(0)?),
                name: String::new(),
                item: AgendaItemId(r.get(1)?),
                kind: word(r, 2, InterestKind::parse)?,
                text: r.get(3)?,
                left_room: r.get(4)?,
            })
        },
    )?
    .into_iter()
    .map(|d| {
        Ok(ClerkDeclaration {
            name: printed_name(conn, body, d.person.0)?,
            ..d
        })
    })
    .collect::<Result<Vec<_>, StoreError>>()?;
    let actions = actions_raised(conn, id)?
        .into_iter()
        .map(|(minute, action)| RaisedAction { minute, action })
        .collect();
    let decisions = all(
        conn,
        "SELECT d.minute_id, d.number FROM clerk_decisions d
         JOIN clerk_minutes m ON m.id = d.minute_id WHERE m.meeting_id = ?1 ORDER BY d.number",
        [id.0],
        |r| Ok((MinuteId(r.get(0)?), r.get(1)?)),
    )?;
    let later_meetings = all(
        conn,
        &format!(
            "SELECT {MEETING_COLUMNS} FROM clerk_meetings WHERE body_id = ?1 AND date > ?2
             ORDER BY date"
        ),
        params![body.0, meeting.date.to_string()],
        meeting_from,
    )?;
    Ok(ClerkRecord {
        meeting,
        attendance,
        declarations,
        actions,
        decisions,
        later_meetings,
    })
}

/// The notice check as stored: its word and its number.
fn notice_from(word: Option<String>, days: Option<u32>) -> Option<NoticeCheck> {
    let days = days.unwrap_or(0);
    match word.as_deref()? {
        "enough" => Some(NoticeCheck::Enough { clear_days: days }),
        "too-few" => Some(NoticeCheck::TooFew { clear_days: days }),
        _ => Some(NoticeCheck::HolidaysUnknown {
            list_ends: u16::try_from(days).unwrap_or(0),
        }),
    }
}

/// The stored word and number of a notice check.
pub fn notice_to(check: &NoticeCheck) -> (&'static str, u32) {
    match check {
        NoticeCheck::Enough { clear_days } => ("enough", *clear_days),
        NoticeCheck::TooFew { clear_days } => ("too-few", *clear_days),
        NoticeCheck::HolidaysUnknown { list_ends } => ("holidays-unknown", u32::from(*list_ends)),
    }
}

/// The state of a meeting's minutes and the meeting that confirmed them.
pub fn minutes_state(
    conn: &Connection,
    meeting: ClerkMeetingId,
) -> Result<(MinutesState, Option<ClerkMeetingId>), StoreError> {
    conn.query_row(
        "SELECT minutes_state, confirmed_at_meeting FROM clerk_meetings WHERE id = ?1",
        [meeting.0],
        |r| {
            Ok((
                word(r, 0, MinutesState::parse)?,
                r.get::<_, Option<i64>>(1)?.map(ClerkMeetingId),
            ))
        },
    )
    .or_not_found("meeting", meeting.0)
}

/// A meeting's agenda: items with their papers, and the body's actions
/// still open on its day.
pub fn agenda(conn: &Connection, id: ClerkMeetingId) -> Result<ClerkAgenda, StoreError> {
    let meeting = meeting(conn, id)?;
    let mut items = all(
        conn,
        "SELECT id, position, section, title, description, exempt_paragraph
         FROM clerk_agenda_items WHERE meeting_id = ?1 ORDER BY position",
        [id.0],
        |r| {
            Ok(ClerkAgendaItem {
                id: AgendaItemId(r.get(0)?),
                number: r.get::<_, i64>(1)?.to_string(),
                section: r.get(2)?,
                title: r.get(3)?,
                description: r.get(4)?,
                exempt: r.get::<_, Option<u8>>(5)?.and_then(ExemptParagraph::new),
                papers: Vec::new(),
            })
        },
    )?;
    for item in &mut items {
        item.papers = all(
            conn,
            "SELECT id, title, format, length(bytes) FROM clerk_papers WHERE item_id = ?1
             ORDER BY position",
            [item.id.0],
            paper_info,
        )?;
    }
    let matters_arising = open_actions(conn, meeting.body, meeting.date)?;
    Ok(ClerkAgenda {
        meeting,
        items,
        matters_arising,
    })
}

fn paper_info(r: &Row<'_>) -> rusqlite::Result<PaperInfo> {
    Ok(PaperInfo {
        id: PaperId(r.get(0)?),
        title: r.get(1)?,
        format: word(r, 2, PaperFormat::parse)?,
        size: r.get::<_, i64>(3)?.max(0) as u64,
    })
}

/// One paper with its bytes.
pub fn paper(conn: &Connection, id: PaperId) -> Result<(PaperInfo, Vec<u8>), StoreError> {
    conn.query_row(
        "SELECT id, title, format, length(bytes), bytes FROM clerk_papers WHERE id = ?1",
        [id.0],
        |r| Ok((paper_info(r)?, r.get(4)?)),
    )
    .or_not_found("paper", id.0)
}

/// The body's actions raised before `day` and not closed before it: a
/// meeting's matters arising (an action closed at a meeting is still
/// reported at it).
pub fn open_actions(
    conn: &Connection,
    body: BodyId,
    day: Date,
) -> Result<Vec<ClerkAction>, StoreError> {
    all(
        conn,
        "SELECT a.id, a.meeting_id, a.text, a.owner, a.due, a.closed_at_meeting
         FROM clerk_actions a JOIN clerk_meetings raised ON raised.id = a.meeting_id
         LEFT JOIN clerk_meetings closed ON closed.id = a.closed_at_meeting
         WHERE raised.body_id = ?1 AND raised.date < ?2
         AND (closed.id IS NULL OR closed.date >= ?2) ORDER BY raised.date, a.id",
        params![body.0, day.to_string()],
        action_from,
    )
}

/// The actions raised at a meeting.
pub fn actions_raised(
    conn: &Connection,
    meeting: ClerkMeetingId,
) -> Result<Vec<(Option<MinuteId>, ClerkAction)>, StoreError> {
    all(
        conn,
        "SELECT id, meeting_id, text, owner, due, closed_at_meeting, minute_id
         FROM clerk_actions WHERE meeting_id = ?1 ORDER BY id",
        [meeting.0],
        |r| Ok((r.get::<_, Option<i64>>(6)?.map(MinuteId), action_from(r)?)),
    )
}

fn action_from(r: &Row<'_>) -> rusqlite::Result<ClerkAction> {
    Ok(ClerkAction {
        id: ActionId(r.get(0)?),
        raised_at: ClerkMeetingId(r.get(1)?),
        text: r.get(2)?,
        owner: r.get(3)?,
        due: optional_date_at(r, 4)?,
        closed_at: r.get::<_, Option<i64>>(5)?.map(ClerkMeetingId),
    })
}

/// One action.
pub fn action(conn: &Connection, id: ActionId) -> Result<ClerkAction, StoreError> {
    conn.query_row(
        "SELECT id, meeting_id, text, owner, due, closed_at_meeting FROM clerk_actions
         WHERE id = ?1",
        [id.0],
        action_from,
    )
    .or_not_found("action", id.0)
}

/// The number a meeting's next minute takes: one past its own highest,
/// else run on from the body's latest earlier minutes (the clerk's or a
/// pack's, numbers read as whole numbers) by the body's scheme.
pub fn next_minute_number(conn: &Connection, id: ClerkMeetingId) -> Result<u32, StoreError> {
    let meeting = meeting(conn, id)?;
    let own: Option<u32> = conn
        .query_row(
            "SELECT max(number) FROM clerk_minutes WHERE meeting_id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .map_err(db)?;
    if let Some(own) = own {
        return Ok(own + 1);
    }
    let previous = conn
        .query_row(
            "SELECT date, number FROM (
               SELECT cm.date AS date, max(m.number) AS number FROM clerk_minutes m
               JOIN clerk_meetings cm ON cm.id = m.meeting_id
               WHERE cm.body_id = ?1 AND cm.date < ?2 GROUP BY cm.id
               UNION ALL
               SELECT mt.date, max(CAST(i.number AS INTEGER)) FROM minute_items i
               JOIN minutes mn ON mn.id = i.minutes_id JOIN meetings mt ON mt.id = mn.meeting_id
               WHERE mt.body_id = ?1 AND mt.date < ?2 AND i.number GLOB '[0-9]*'
               AND i.number NOT GLOB '*[^0-9]*'
               AND mn.document_id NOT IN (SELECT minutes_document_id FROM clerk_meetings
                                          WHERE minutes_document_id IS NOT NULL)
               GROUP BY mn.id)
             ORDER BY date DESC, number DESC LIMIT 1",
            params![meeting.body.0, meeting.date.to_string()],
            |r| Ok((date_at(r, 0)?, r.get::<_, u32>(1)?)),
        )
        .optional()
        .map_err(db)?;
    Ok(numbering(conn, meeting.body)?.next(previous, meeting.date))
}

/// The words of a minute from columns item, title, text, resolutions.
fn text_from(r: &Row<'_>, at: usize) -> rusqlite::Result<MinuteText> {
    let resolutions: String = r.get(at + 3)?;
    Ok(MinuteText {
        item: r.get::<_, Option<i64>>(at)?.map(AgendaItemId),
        title: r.get(at + 1)?,
        text: r.get(at + 2)?,
        resolutions: serde_json::from_str(&resolutions)
            .map_err(|_| bad_value(at + 3, &resolutions))?,
    })
}

/// A meeting's minutes.
pub fn minutes(conn: &Connection, id: ClerkMeetingId) -> Result<ClerkMinutes, StoreError> {
    let (state, confirmed_at) = minutes_state(conn, id)?;
    let items = all(
        conn,
        "SELECT id, number, version, item_id, title, text, resolutions FROM clerk_minutes
         WHERE meeting_id = ?1 ORDER BY number",
        [id.0],
        |r| {
            Ok(ClerkMinute {
                id: MinuteId(r.get(0)?),
                number: r.get(1)?,
                version: r.get(2)?,
                text: text_from(r, 3)?,
            })
        },
    )?;
    Ok(ClerkMinutes {
        state,
        confirmed_at,
        items,
    })
}

/// One minute and the meeting it belongs to.
pub fn minute(
    conn: &Connection,
    id: MinuteId,
) -> Result<(ClerkMeetingId, ClerkMinute), StoreError> {
    conn.query_row(
        "SELECT meeting_id, id, number, version, item_id, title, text, resolutions
         FROM clerk_minutes WHERE id = ?1",
        [id.0],
        |r| {
            Ok((
                ClerkMeetingId(r.get(0)?),
                ClerkMinute {
                    id: MinuteId(r.get(1)?),
                    number: r.get(2)?,
                    version: r.get(3)?,
                    text: text_from(r, 4)?,
                },
            ))
        },
    )
    .or_not_found("minute", id.0)
}

/// A minute's earlier versions, oldest first.
pub fn minute_versions(conn: &Connection, id: MinuteId) -> Result<Vec<MinuteVersion>, StoreError> {
    minute(conn, id)?;
    all(
        conn,
        "SELECT version, replaced_at, replaced_by, reason, item_id, title, text, resolutions
         FROM clerk_minute_versions WHERE minute_id = ?1 ORDER BY version",
        [id.0],
        |r| {
            Ok(MinuteVersion {
                version: r.get(0)?,
                replaced_at: r.get(1)?,
                replaced_by: r.get(2)?,
                reason: r.get(3)?,
                before: text_from(r, 4)?,
            })
        },
    )
}
