//! The one writer of each public table that two callers fill: a pack's
//! import (`pack.rs`) and a clerk's publication (`clerk/publish.rs`).
//! Both describe a row with the structs here and insert it through the
//! function beside it, so a column, a default or a conflict rule is
//! decided once (`documents` has its one writer in
//! `pack::insert_document`). Statements are cached per connection.

use crate::db;
use moot_domain::Lines;
use moot_store::StoreError;
use rusqlite::{params, Connection};

/// The first and last line, as stored.
fn span(lines: Option<Lines>) -> (Option<i64>, Option<i64>) {
    lines
        .map(|l| (i64::from(l.first), i64::from(l.last)))
        .unzip()
}

/// A row of `meetings`.
pub(crate) struct MeetingRow<'a> {
    pub body: Option<i64>,
    pub date: Option<String>,
    pub time: Option<String>,
    pub venue: Option<&'a str>,
    pub contact: Option<&'a str>,
    /// `scheduled` or `minuted`.
    pub status: &'a str,
    pub document: i64,
    pub lines: Option<Lines>,
}

/// Adds a meeting; returns its id.
pub(crate) fn meeting(conn: &Connection, row: &MeetingRow<'_>) -> Result<i64, StoreError> {
    let (first, last) = span(row.lines);
    conn.prepare_cached(
        "INSERT INTO meetings (body_id, date, time, venue, contact, status, document_id,
         lines_first, lines_last) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.body,
            row.date,
            row.time,
            row.venue,
            row.contact,
            row.status,
            row.document,
            first,
            last
        ])
    })
    .map_err(db)?;
    Ok(conn.last_insert_rowid())
}

/// A row of `memberships`.
pub(crate) struct MembershipRow<'a> {
    pub body: i64,
    pub person: Option<i64>,
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub party: Option<&'a str>,
    pub position: Option<&'a str>,
    pub voting: Option<bool>,
    pub document: i64,
    pub lines: Lines,
}

/// Adds a membership as a document lists it.
pub(crate) fn membership(conn: &Connection, row: &MembershipRow<'_>) -> Result<(), StoreError> {
    let (first, last) = span(Some(row.lines));
    conn.prepare_cached(
        "INSERT INTO memberships (body_id, person_id, name, role, party, position, voting,
         document_id, lines_first, lines_last) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.body,
            row.person,
            row.name,
            row.role,
            row.party,
            row.position,
            row.voting,
            row.document,
            first,
            last
        ])
    })
    .map_err(db)?;
    Ok(())
}

/// A row of `agenda_items`.
pub(crate) struct AgendaItemRow<'a> {
    pub meeting: i64,
    pub position: i64,
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub pages: Option<(u32, u32)>,
    pub exempt: bool,
    pub decision: Option<&'a str>,
    pub document: i64,
    pub lines: Lines,
}

/// Adds an agenda item.
pub(crate) fn agenda_item(conn: &Connection, row: &AgendaItemRow<'_>) -> Result<(), StoreError> {
    let (first, last) = span(Some(row.lines));
    let (p1, p2) = row.pages.unzip();
    conn.prepare_cached(
        "INSERT INTO agenda_items (meeting_id, position, number, title, pages_first, pages_last,
         exempt, decision, document_id, lines_first, lines_last)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.meeting,
            row.position,
            row.number,
            row.title,
            p1,
            p2,
            row.exempt,
            row.decision,
            row.document,
            first,
            last
        ])
    })
    .map_err(db)?;
    Ok(())
}

/// A row of `reports`.
pub(crate) struct ReportRow<'a> {
    pub meeting: i64,
    pub document: i64,
    pub subject: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub classification: Option<&'a str>,
    pub decision: Option<&'a str>,
    pub lines: Lines,
}

/// Adds a report (or a clerk's paper).
pub(crate) fn report(conn: &Connection, row: &ReportRow<'_>) -> Result<(), StoreError> {
    let (first, last) = span(Some(row.lines));
    conn.prepare_cached(
        "INSERT INTO reports (meeting_id, document_id, subject, from_text, to_text,
         classification, decision, lines_first, lines_last)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.meeting,
            row.document,
            row.subject,
            row.from,
            row.to,
            row.classification,
            row.decision,
            first,
            last
        ])
    })
    .map_err(db)?;
    Ok(())
}

/// A row of `minutes`.
pub(crate) struct MinutesRow {
    pub meeting: Option<i64>,
    pub body: Option<i64>,
    pub date: Option<String>,
    pub document: i64,
    pub lines: Lines,
}

/// Adds a set of minutes; returns its id.
pub(crate) fn minutes(conn: &Connection, row: &MinutesRow) -> Result<i64, StoreError> {
    let (first, last) = span(Some(row.lines));
    conn.prepare_cached(
        "INSERT INTO minutes (meeting_id, body_id, date, document_id, lines_first, lines_last)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.meeting,
            row.body,
            row.date,
            row.document,
            first,
            last
        ])
    })
    .map_err(db)?;
    Ok(conn.last_insert_rowid())
}

/// A row of `attendance`.
pub(crate) struct AttendanceRow<'a> {
    pub minutes: i64,
    pub person: Option<i64>,
    pub name: &'a str,
    /// `present`, `apologies` or `substitute`.
    pub kind: &'a str,
    pub substitute_for: Option<(Option<i64>, &'a str)>,
    pub lines: Option<Lines>,
}

/// Adds one person's attendance.
pub(crate) fn attendance(conn: &Connection, row: &AttendanceRow<'_>) -> Result<(), StoreError> {
    let (first, last) = span(row.lines);
    let (for_person, for_name) = row.substitute_for.unzip();
    conn.prepare_cached(
        "INSERT INTO attendance (minutes_id, person_id, name, kind, substitute_for_person_id,
         substitute_for_name, lines_first, lines_last) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.minutes,
            row.person,
            row.name,
            row.kind,
            for_person.flatten(),
            for_name,
            first,
            last
        ])
    })
    .map_err(db)?;
    Ok(())
}

/// A row of `declarations`.
pub(crate) struct DeclarationRow<'a> {
    pub minutes: i64,
    pub person: Option<i64>,
    pub name: &'a str,
    pub item: Option<&'a str>,
    pub text: &'a str,
    pub lines: Lines,
}

/// Adds a declared interest.
pub(crate) fn declaration(conn: &Connection, row: &DeclarationRow<'_>) -> Result<(), StoreError> {
    let (first, last) = span(Some(row.lines));
    conn.prepare_cached(
        "INSERT INTO declarations (minutes_id, person_id, name, item, text, lines_first,
         lines_last) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.minutes,
            row.person,
            row.name,
            row.item,
            row.text,
            first,
            last
        ])
    })
    .map_err(db)?;
    Ok(())
}

/// A row of `minute_items`, with its resolutions.
pub(crate) struct MinuteItemRow<'a> {
    pub minutes: i64,
    pub position: i64,
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub agenda_ref: Option<&'a str>,
    pub resolved: bool,
    pub exempt: bool,
    pub lines: Lines,
    /// What was resolved, in order.
    pub resolutions: &'a [String],
    /// The position of the first resolution (the others follow).
    pub first_resolution: i64,
}

/// Adds a numbered minute and its resolutions; returns its id.
pub(crate) fn minute_item(conn: &Connection, row: &MinuteItemRow<'_>) -> Result<i64, StoreError> {
    let (first, last) = span(Some(row.lines));
    conn.prepare_cached(
        "INSERT INTO minute_items (minutes_id, position, number, title, agenda_ref, resolved,
         lines_first, lines_last, exempt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut s| {
        s.execute(params![
            row.minutes,
            row.position,
            row.number,
            row.title,
            row.agenda_ref,
            row.resolved,
            first,
            last,
            row.exempt
        ])
    })
    .map_err(db)?;
    let id = conn.last_insert_rowid();
    let mut insert = conn
        .prepare_cached(
            "INSERT INTO resolutions (minute_item_id, position, text) VALUES (?1, ?2, ?3)",
        )
        .map_err(db)?;
    for (at, text) in (row.first_resolution..).zip(row.resolutions) {
        insert.execute(params![id, at, text]).map_err(db)?;
    }
    Ok(id)
}

/// Adds a decision number where a document prints it, unless the
/// council's series holds it already (the first printing stays; a
/// superseded pack's is moved by the import).
pub(crate) fn decision(
    conn: &Connection,
    organisation: Option<i64>,
    number: &str,
    document: i64,
    lines: Lines,
) -> Result<(), StoreError> {
    let (first, last) = span(Some(lines));
    conn.prepare_cached(
        "INSERT OR IGNORE INTO decisions (organisation_id, number, document_id, lines_first,
         lines_last) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| s.execute(params![organisation, number, document, first, last]))
    .map_err(db)?;
    Ok(())
}
