//! Reading back: rows into the store's records and domain types. This is
//! the one place that knows how columns map to values: this module reads
//! meetings, bodies and people; `attendance` what minutes record of people
//! at meetings; `papers` agendas, reports, decisions, documents and the
//! lines of exempt business.

mod attendance;
pub(crate) mod papers;

pub use papers::{decisions, document};

use crate::db;
use moot_domain::{Date, Lines, Time};
use moot_store::{
    AttendanceKind, Attendee, BodyId, BodyMember, BodyRecord, BodySummary, Counts,
    DeclarationEntry, DocumentId, MeetingDetail, MeetingId, MeetingRecord, MeetingSummary,
    MinuteCorrection, MinuteEntry, MinutesRecord, PersonAlias, PersonDeclaration, PersonDetail,
    PersonId, PersonMembership, PersonRecord, ProgrammedMeeting, Source, StoreError,
};
use rusqlite::{params, Connection, OptionalExtension, Params, Row};
use std::collections::HashMap;

/// A query for one row that must be there.
pub trait OrNotFound<T> {
    /// The row, or [`StoreError::NotFound`] naming `what` and `id`.
    fn or_not_found(self, what: &'static str, id: i64) -> Result<T, StoreError>;
}

impl<T> OrNotFound<T> for rusqlite::Result<T> {
    fn or_not_found(self, what: &'static str, id: i64) -> Result<T, StoreError> {
        self.optional()
            .map_err(db)?
            .ok_or(StoreError::NotFound { what, id })
    }
}

/// How many rows each table holds.
pub fn counts(conn: &Connection) -> Result<Counts, StoreError> {
    let sql = each_counted(|table, _| format!("(SELECT count(*) FROM {table})"));
    conn.query_row(&sql, [], counts_from_row).map_err(db)
}

/// The tables [`Counts`] counts, in its order.
const COUNTED: [&str; 17] = [
    "organisations",
    "bodies",
    "people",
    "person_names",
    "memberships",
    "documents",
    "meetings",
    "agenda_items",
    "minutes",
    "attendance",
    "declarations",
    "minute_items",
    "resolutions",
    "reports",
    "decisions",
    "indicators",
    "indicator_values",
];

/// `SELECT` of one expression per counted table (given the table and its
/// place, from 1).
fn each_counted(expression: impl Fn(&str, usize) -> String) -> String {
    let parts: Vec<String> = COUNTED
        .iter()
        .enumerate()
        .map(|(i, table)| expression(table, i + 1))
        .collect();
    format!("SELECT {}", parts.join(", "))
}

/// The highest row id of each counted table, so that [`counts_since`] can
/// count what a change added by reading only the new rows (a count of a
/// whole table reads all of it).
pub fn highest_ids(conn: &Connection) -> Result<Vec<i64>, StoreError> {
    let sql = each_counted(|table, _| format!("(SELECT ifnull(max(id), 0) FROM {table})"));
    conn.query_row(&sql, [], |r| (0..COUNTED.len()).map(|i| r.get(i)).collect())
        .map_err(db)
}

/// The rows of each counted table with ids above `highest` (from
/// [`highest_ids`]): what was added since.
pub fn counts_since(conn: &Connection, highest: &[i64]) -> Result<Counts, StoreError> {
    let sql = each_counted(|table, n| format!("(SELECT count(*) FROM {table} WHERE id > ?{n})"));
    conn.query_row(&sql, rusqlite::params_from_iter(highest), counts_from_row)
        .map_err(db)
}

fn counts_from_row(r: &Row<'_>) -> rusqlite::Result<Counts> {
    let n = |i: usize| r.get::<_, i64>(i).map(|v| v.max(0) as u64);
    Ok(Counts {
        organisations: n(0)?,
        bodies: n(1)?,
        people: n(2)?,
        person_names: n(3)?,
        memberships: n(4)?,
        documents: n(5)?,
        meetings: n(6)?,
        agenda_items: n(7)?,
        minutes: n(8)?,
        attendance: n(9)?,
        declarations: n(10)?,
        minute_items: n(11)?,
        resolutions: n(12)?,
        reports: n(13)?,
        decisions: n(14)?,
        indicators: n(15)?,
        indicator_values: n(16)?,
    })
}

/// Every meeting, by organisation, body and date.
pub fn meetings(conn: &Connection) -> Result<Vec<MeetingRecord>, StoreError> {
    let mut stmt = conn
        .prepare(
            "SELECT m.id, o.name, b.name, m.date, m.status,
             (SELECT count(*) FROM minutes WHERE meeting_id = m.id)
             FROM meetings m LEFT JOIN bodies b ON b.id = m.body_id
             LEFT JOIN organisations o ON o.id = b.organisation_id
             ORDER BY o.name, b.name, m.date, m.id",
        )
        .map_err(db)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(MeetingRecord {
                id: MeetingId(r.get(0)?),
                organisation: r.get(1)?,
                body: r.get(2)?,
                date: r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(parse_date),
                status: r.get(4)?,
                minutes: r.get::<_, i64>(5)?.max(0) as u64,
            })
        })
        .map_err(db)?;
    rows.collect::<Result<_, _>>().map_err(db)
}

/// Reads back an ISO `YYYY-MM-DD` written by the store.
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// Every person with their printings, by id.
pub fn people(conn: &Connection) -> Result<Vec<PersonRecord>, StoreError> {
    people_where(conn, "", [])
}

/// The people matching `filter` (a SQL WHERE clause or nothing).
fn people_where<P: Params>(
    conn: &Connection,
    filter: &str,
    params: P,
) -> Result<Vec<PersonRecord>, StoreError> {
    let sql = format!(
        "SELECT p.id, o.name, p.name, b.name, n.name, n.reason FROM people p
         LEFT JOIN organisations o ON o.id = p.organisation_id
         LEFT JOIN person_names n ON n.person_id = p.id
         LEFT JOIN bodies b ON b.id = n.body_id {filter} ORDER BY p.id, n.id"
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(db)?;
    let mut rows = stmt.query(params).map_err(db)?;
    let mut out: Vec<PersonRecord> = Vec::new();
    while let Some(r) = rows.next().map_err(db)? {
        let id = PersonId(r.get(0).map_err(db)?);
        if out.last().is_none_or(|p| p.id != id) {
            out.push(PersonRecord {
                id,
                organisation: r.get(1).map_err(db)?,
                name: r.get(2).map_err(db)?,
                aliases: Vec::new(),
            });
        }
        let alias: Option<(String, String, String)> =
            match r.get::<_, Option<String>>(4).map_err(db)? {
                Some(name) => Some((r.get(3).map_err(db)?, name, r.get(5).map_err(db)?)),
                None => None,
            };
        if let (Some(person), Some((body, name, reason))) = (out.last_mut(), alias) {
            person.aliases.push(PersonAlias { body, name, reason });
        }
    }
    Ok(out)
}

/// The columns [`summary_from`] reads, from `meetings m LEFT JOIN bodies b`.
pub(crate) const SUMMARY_COLUMNS: &str = "m.id, b.id, b.name, m.date, m.time, m.status";

/// A meeting summary from the [`SUMMARY_COLUMNS`] starting at `at`.
pub(crate) fn summary_from(r: &Row<'_>, at: usize) -> rusqlite::Result<MeetingSummary> {
    let body = match (
        r.get::<_, Option<i64>>(at + 1)?,
        r.get::<_, Option<String>>(at + 2)?,
    ) {
        (Some(id), Some(name)) => Some((BodyId(id), name)),
        _ => None,
    };
    Ok(MeetingSummary {
        id: MeetingId(r.get(at)?),
        body,
        date: r
            .get::<_, Option<String>>(at + 3)?
            .as_deref()
            .and_then(parse_date),
        time: r
            .get::<_, Option<String>>(at + 4)?
            .as_deref()
            .and_then(parse_time),
        status: r.get(at + 5)?,
    })
}

/// A source from three columns starting at `at`: document id, first and
/// last line.
fn source_from(r: &Row<'_>, at: usize) -> rusqlite::Result<Source> {
    let line = |i: usize| {
        r.get::<_, i64>(at + i)
            .map(|v| u32::try_from(v).unwrap_or(0))
    };
    Ok(Source {
        document: DocumentId(r.get(at)?),
        lines: Lines::span(line(1)?, line(2)?),
    })
}

/// The meeting summary at `at`, or none when its id is null.
fn optional_summary(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<MeetingSummary>> {
    match r.get::<_, Option<i64>>(at)? {
        Some(_) => summary_from(r, at).map(Some),
        None => Ok(None),
    }
}

/// Runs `sql` and maps every row with `f`.
pub(crate) fn all<T, P: Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).map_err(db)?;
    let rows = stmt.query_map(params, f).map_err(db)?;
    rows.collect::<Result<_, _>>().map_err(db)
}

/// The meetings matching `filter` (a SQL tail: WHERE .. ORDER BY .. LIMIT).
fn summaries<P: Params>(
    conn: &Connection,
    filter: &str,
    params: P,
) -> Result<Vec<MeetingSummary>, StoreError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM meetings m LEFT JOIN bodies b ON b.id = m.body_id {filter}"
    );
    all(conn, &sql, params, |r| summary_from(r, 0))
}

/// The `limit` latest meetings before `before` (all when `None`), undated
/// last.
pub fn recent_meetings(
    conn: &Connection,
    before: Option<Date>,
    limit: u32,
) -> Result<Vec<MeetingSummary>, StoreError> {
    summaries(
        conn,
        "WHERE ?1 IS NULL OR m.date IS NULL OR m.date < ?1
         ORDER BY m.date IS NULL, m.date DESC, m.id DESC LIMIT ?2",
        params![before.map(|d| d.to_string()), limit],
    )
}

/// The first `limit` meetings on or after `from`, soonest first.
pub fn upcoming_meetings(
    conn: &Connection,
    from: Date,
    limit: u32,
) -> Result<Vec<MeetingSummary>, StoreError> {
    summaries(
        conn,
        "WHERE m.date >= ?1 ORDER BY m.date, m.time IS NULL, m.time, m.id LIMIT ?2",
        params![from.to_string(), limit],
    )
}

/// The clerk's meetings on or after `from` with no published agenda.
pub fn programme(
    conn: &Connection,
    from: Date,
    limit: u32,
) -> Result<Vec<ProgrammedMeeting>, StoreError> {
    all(
        conn,
        "SELECT b.id, b.name, c.date, c.time, c.venue FROM clerk_meetings c
         JOIN bodies b ON b.id = c.body_id
         WHERE c.meeting_id IS NULL AND c.agenda_state = 'draft' AND c.date >= ?1
         ORDER BY c.date, c.time IS NULL, c.time, c.id LIMIT ?2",
        params![from.to_string(), limit],
        |r| {
            let day: String = r.get(2)?;
            Ok(ProgrammedMeeting {
                body: (BodyId(r.get(0)?), r.get(1)?),
                date: parse_date(&day).unwrap_or(from),
                time: r
                    .get::<_, Option<String>>(3)?
                    .as_deref()
                    .and_then(parse_time),
                venue: r.get(4)?,
            })
        },
    )
}

const BODY_COLUMNS: &str = "b.id, o.name, b.name,
    (SELECT count(*) FROM meetings WHERE body_id = b.id),
    (SELECT max(date) FROM meetings WHERE body_id = b.id)
    FROM bodies b LEFT JOIN organisations o ON o.id = b.organisation_id";

fn body_from(r: &Row<'_>) -> rusqlite::Result<BodySummary> {
    Ok(BodySummary {
        id: BodyId(r.get(0)?),
        organisation: r.get(1)?,
        name: r.get(2)?,
        meetings: r.get::<_, i64>(3)?.max(0) as u64,
        latest: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(parse_date),
    })
}

/// Every body, by council and name.
pub fn bodies(conn: &Connection) -> Result<Vec<BodySummary>, StoreError> {
    let sql = format!("SELECT {BODY_COLUMNS} ORDER BY o.name, b.name, b.id");
    all(conn, &sql, [], body_from)
}

/// One body with its meetings (newest first) and members.
pub fn body(conn: &Connection, id: BodyId) -> Result<BodyRecord, StoreError> {
    let sql = format!("SELECT {BODY_COLUMNS} WHERE b.id = ?1");
    let body = conn
        .query_row(&sql, [id.0], body_from)
        .or_not_found("body", id.0)?;
    let meetings = summaries(
        conn,
        "WHERE m.body_id = ?1 ORDER BY m.date IS NULL, m.date DESC, m.id DESC",
        [id.0],
    )?;
    // One row per person (or unresolved printing): the latest list's.
    let members = all(
        conn,
        "SELECT person_id, name, role, party, position, document_id, lines_first, lines_last,
         max(id) FROM memberships
         WHERE body_id = ?1 GROUP BY coalesce(person_id, -1), CASE WHEN person_id IS NULL
         THEN name END ORDER BY role IS NULL, min(id)",
        [id.0],
        |r| {
            Ok(BodyMember {
                person: r.get::<_, Option<i64>>(0)?.map(PersonId),
                name: r.get(1)?,
                role: r.get(2)?,
                party: r.get(3)?,
                position: r.get(4)?,
                source: source_from(r, 5)?,
            })
        },
    )?;
    Ok(BodyRecord {
        body,
        meetings,
        members,
        attendance: attendance::of_body(conn, id)?,
    })
}

/// One meeting with its agenda, minutes and the body's meetings either side.
pub fn meeting(conn: &Connection, id: MeetingId) -> Result<MeetingDetail, StoreError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, o.name, m.venue FROM meetings m
         LEFT JOIN bodies b ON b.id = m.body_id
         LEFT JOIN organisations o ON o.id = b.organisation_id WHERE m.id = ?1"
    );
    let (meeting, organisation, venue) = conn
        .query_row(&sql, [id.0], |r| {
            Ok((summary_from(r, 0)?, r.get(6)?, r.get(7)?))
        })
        .or_not_found("meeting", id.0)?;
    let agenda = papers::agenda(conn, id)?;
    let reports = papers::reports(conn, "r.meeting_id = ?1", id.0, &agenda)?;
    let minutes_ids = all(
        conn,
        "SELECT id, document_id, lines_first, lines_last FROM minutes
         WHERE meeting_id = ?1 ORDER BY id",
        [id.0],
        |r| Ok((r.get::<_, i64>(0)?, source_from(r, 1)?)),
    )?;
    let minutes = minutes_ids
        .into_iter()
        .map(|(m, source)| minutes_record(conn, m, source))
        .collect::<Result<_, _>>()?;
    let (previous, next) = neighbours(conn, &meeting)?;
    Ok(MeetingDetail {
        meeting,
        organisation,
        venue,
        agenda,
        minutes,
        reports,
        previous,
        next,
        packs: papers::issued_packs(conn, id)?,
    })
}

/// The same body's meetings just before and just after `meeting`.
fn neighbours(
    conn: &Connection,
    meeting: &MeetingSummary,
) -> Result<(Option<MeetingSummary>, Option<MeetingSummary>), StoreError> {
    let (Some((body, _)), Some(date)) = (&meeting.body, meeting.date) else {
        return Ok((None, None));
    };
    let date = date.to_string();
    let previous = summaries(
        conn,
        "WHERE m.body_id = ?1 AND m.date < ?2 ORDER BY m.date DESC LIMIT 1",
        params![body.0, date],
    )?;
    let next = summaries(
        conn,
        "WHERE m.body_id = ?1 AND m.date > ?2 ORDER BY m.date LIMIT 1",
        params![body.0, date],
    )?;
    Ok((previous.into_iter().next(), next.into_iter().next()))
}

fn minutes_record(conn: &Connection, id: i64, source: Source) -> Result<MinutesRecord, StoreError> {
    let attendance = all(
        conn,
        "SELECT a.person_id, a.name, a.kind, a.substitute_for_person_id, a.substitute_for_name,
         mn.document_id, coalesce(a.lines_first, mn.lines_first),
         coalesce(a.lines_last, mn.lines_first)
         FROM attendance a JOIN minutes mn ON mn.id = a.minutes_id
         WHERE a.minutes_id = ?1 ORDER BY a.id",
        [id],
        |r| {
            let kind: String = r.get(2)?;
            let substitute_for = r
                .get::<_, Option<String>>(4)?
                .map(|name| {
                    Ok::<_, rusqlite::Error>((r.get::<_, Option<i64>>(3)?.map(PersonId), name))
                })
                .transpose()?;
            Ok(Attendee {
                person: r.get::<_, Option<i64>>(0)?.map(PersonId),
                name: r.get(1)?,
                kind: AttendanceKind::parse(&kind).unwrap_or(AttendanceKind::Present),
                substitute_for,
                source: source_from(r, 5)?,
            })
        },
    )?;
    let declarations = all(
        conn,
        "SELECT d.person_id, d.name, d.item, d.text, mn.document_id, d.lines_first, d.lines_last
         FROM declarations d JOIN minutes mn ON mn.id = d.minutes_id
         WHERE d.minutes_id = ?1 ORDER BY d.id",
        [id],
        declaration_from,
    )?;
    let items = all(
        conn,
        "SELECT i.id, i.number, i.title, i.agenda_ref, i.resolved, mn.document_id,
         i.lines_first, i.lines_last, i.exempt FROM minute_items i JOIN minutes mn ON mn.id = i.minutes_id
         WHERE i.minutes_id = ?1 ORDER BY i.position",
        [id],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                MinuteEntry {
                    number: r.get(1)?,
                    title: r.get(2)?,
                    agenda_ref: r.get(3)?,
                    resolved: r.get(4)?,
                    resolutions: Vec::new(),
                    corrections: Vec::new(),
                    exempt: r.get(8)?,
                    source: source_from(r, 5)?,
                },
            ))
        },
    )?;
    // Every resolution of the set in one query, each item's in printed order.
    let mut resolutions: HashMap<i64, Vec<String>> = HashMap::new();
    let rows = all(
        conn,
        "SELECT r.minute_item_id, r.text FROM resolutions r
         JOIN minute_items i ON i.id = r.minute_item_id
         WHERE i.minutes_id = ?1 ORDER BY r.minute_item_id, r.position",
        [id],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )?;
    for (item_id, text) in rows {
        resolutions.entry(item_id).or_default().push(text);
    }
    let mut corrections = corrections_of(conn, id)?;
    let items = items
        .into_iter()
        .map(|(item_id, mut item)| {
            item.resolutions = resolutions.remove(&item_id).unwrap_or_default();
            item.corrections = corrections.remove(&item_id).unwrap_or_default();
            item
        })
        .collect();
    Ok(MinutesRecord {
        attendance,
        declarations,
        items,
        source,
    })
}

/// The corrections of each minute of the set `minutes`, by minute row,
/// oldest first.
fn corrections_of(
    conn: &Connection,
    minutes: i64,
) -> Result<HashMap<i64, Vec<MinuteCorrection>>, StoreError> {
    let rows = all(
        conn,
        "SELECT c.minute_item_id, c.version, c.corrected_on, c.reason, c.title, c.text,
         c.resolutions FROM minute_corrections c JOIN minute_items i ON i.id = c.minute_item_id
         WHERE i.minutes_id = ?1 ORDER BY c.minute_item_id, c.version",
        [minutes],
        |r| {
            let day: String = r.get(2)?;
            let resolutions: String = r.get(6)?;
            let bad = |at: usize, text: &str| {
                rusqlite::Error::FromSqlConversionFailure(
                    at,
                    rusqlite::types::Type::Text,
                    format!("unexpected stored value {text:?}").into(),
                )
            };
            Ok((
                r.get::<_, i64>(0)?,
                MinuteCorrection {
                    version: r.get(1)?,
                    corrected_on: parse_date(&day).ok_or_else(|| bad(2, &day))?,
                    reason: r.get(3)?,
                    title: r.get(4)?,
                    text: r.get(5)?,
                    resolutions: serde_json::from_str(&resolutions)
                        .map_err(|_| bad(6, &resolutions))?,
                },
            ))
        },
    )?;
    let mut out: HashMap<i64, Vec<MinuteCorrection>> = HashMap::new();
    for (item, correction) in rows {
        out.entry(item).or_default().push(correction);
    }
    Ok(out)
}

/// A declaration from the columns person, name, item, text and a source.
fn declaration_from(r: &Row<'_>) -> rusqlite::Result<DeclarationEntry> {
    Ok(DeclarationEntry {
        person: r.get::<_, Option<i64>>(0)?.map(PersonId),
        name: r.get(1)?,
        item: r.get(2)?,
        text: r.get(3)?,
        source: source_from(r, 4)?,
    })
}

/// One person with their printings, memberships and attendance.
pub fn person(conn: &Connection, id: PersonId) -> Result<PersonDetail, StoreError> {
    let person = people_where(conn, "WHERE p.id = ?1", [id.0])?
        .into_iter()
        .next()
        .ok_or(StoreError::NotFound {
            what: "person",
            id: id.0,
        })?;
    Ok(PersonDetail {
        person,
        memberships: memberships(conn, id)?,
        attendance: attendance::of_person(conn, id)?,
        declarations: declarations(conn, id)?,
    })
}

/// A person's memberships, each with the meetings whose packs list it.
fn memberships(conn: &Connection, id: PersonId) -> Result<Vec<PersonMembership>, StoreError> {
    let sql = format!(
        "SELECT mb.id, mb.name, ms.role, ms.party, ms.position, {SUMMARY_COLUMNS}
         FROM memberships ms JOIN bodies mb ON mb.id = ms.body_id
         JOIN documents d ON d.id = ms.document_id LEFT JOIN meetings m ON m.id = d.meeting_id
         LEFT JOIN bodies b ON b.id = m.body_id WHERE ms.person_id = ?1
         ORDER BY mb.name, ms.role, m.date, m.id"
    );
    let rows = all(conn, &sql, [id.0], |r| {
        let membership = PersonMembership {
            body: (BodyId(r.get(0)?), r.get(1)?),
            role: r.get(2)?,
            party: r.get(3)?,
            position: r.get(4)?,
            listed_for: Vec::new(),
        };
        Ok((membership, optional_summary(r, 5)?))
    })?;
    let mut out: Vec<PersonMembership> = Vec::new();
    for (membership, meeting) in rows {
        let same = |m: &PersonMembership| {
            (&m.body, &m.role, &m.party, &m.position)
                == (
                    &membership.body,
                    &membership.role,
                    &membership.party,
                    &membership.position,
                )
        };
        let at = match out.iter().position(same) {
            Some(at) => at,
            None => {
                out.push(membership);
                out.len() - 1
            }
        };
        let listed = &mut out[at].listed_for;
        if let Some(meeting) = meeting.filter(|m| listed.last().is_none_or(|l| l.id != m.id)) {
            listed.push(meeting);
        }
    }
    Ok(out)
}

/// A person's declarations, newest meeting first, each marked exempt when
/// the exempt rule withholds its lines (about an exempt item, or inside an
/// exempt minute: `papers::exempt_ranges`).
fn declarations(conn: &Connection, id: PersonId) -> Result<Vec<PersonDeclaration>, StoreError> {
    let sql = format!(
        "SELECT d.person_id, d.name, d.item, d.text, mn.document_id, d.lines_first, d.lines_last,
         {SUMMARY_COLUMNS} FROM declarations d JOIN minutes mn ON mn.id = d.minutes_id
         LEFT JOIN meetings m ON m.id = mn.meeting_id LEFT JOIN bodies b ON b.id = m.body_id
         WHERE d.person_id = ?1 ORDER BY m.date IS NULL, m.date DESC, d.id"
    );
    let rows = all(conn, &sql, [id.0], |r| {
        Ok((declaration_from(r)?, optional_summary(r, 7)?))
    })?;
    let mut withheld: HashMap<DocumentId, Vec<Lines>> = HashMap::new();
    rows.into_iter()
        .map(|(declaration, meeting)| {
            let document = declaration.source.document;
            let is_exempt = papers::cached(&mut withheld, document, || {
                papers::exempt_ranges(conn, document)
            })?
            .iter()
            .any(|range| moot_store::overlaps(*range, declaration.source.lines));
            Ok(PersonDeclaration {
                meeting,
                declaration,
                exempt: is_exempt,
            })
        })
        .collect()
}

/// Reads back a `HH:MM` written by the store.
pub fn parse_time(text: &str) -> Option<Time> {
    let (h, m) = text.split_once(':')?;
    Time::new(h.parse().ok()?, m.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn stored_dates_read_back() {
        assert_eq!(
            parse_date("2013-09-18").map(|d| d.to_string()).as_deref(),
            Some("2013-09-18")
        );
        assert!(parse_date("2013-02-30").is_none());
        assert!(parse_date("nonsense").is_none());
    }
}
