//! Publishing: what the public may see of a clerk's agenda or minutes,
//! written into the tables a pack import fills, so every public page,
//! search, feed and export shows clerk records with no code of its own.
//!
//! Each publication is a document Moot writes, as a council's pack would
//! be: its text is the agenda (cover, membership, items, public papers)
//! or the minutes, printed by `moot_clerk::printed` from the records
//! loaded here, and every public row points at its lines. Two rules
//! keep exempt business in: the generated text never holds it (an exempt
//! item is printed as its number and Schedule 12A paragraph, exempt papers
//! are left out, minutes and declarations on exempt items are printed
//! without their words), and the rows carry the same `exempt` flag and
//! item numbers as imported ones, so `moot_store::ExemptItems` withholds
//! them exactly as it does a pack's. Republishing minutes (an edit of a
//! published draft, a confirmation, a correction) replaces their document
//! and rows whole.

use super::rows;
use crate::{db, pack, public_rows};
use moot_clerk::printed::{
    self, ActionToPrint, AgendaToPrint, AttendeeToPrint, CorrectionToPrint, DeclarationToPrint,
    ItemToPrint, MemberToPrint, MinuteToPrint, MinutesToPrint, PaperToPrint,
};
use moot_clerk::{AgendaState, PaperFormat, Seat};
use moot_domain::Lines;
use moot_store::{
    BodyId, ClerkAction, ClerkAgenda, ClerkAgendaItem, ClerkMeetingId, MinuteId, SourceFile,
    StoreError,
};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// Stores a generated document, returning its id: `id` when given, else
/// the next free one.
fn store_document(
    tx: &Transaction<'_>,
    name: &str,
    text: &str,
    id: Option<i64>,
) -> Result<i64, StoreError> {
    let source = SourceFile {
        name,
        bytes: text.as_bytes(),
        text,
    };
    pack::insert_document(tx, &source, &source.sha256(), id)
}

/// The id a document written now must take so that it is higher than
/// every document stored before it, even once the document it replaces
/// (perhaps the highest) is removed: the store's revision (count and
/// highest id of documents) then moves, and the search index is rebuilt
/// rather than keep the replaced words.
fn fresh_document_id(tx: &Transaction<'_>) -> Result<i64, StoreError> {
    tx.query_row("SELECT ifnull(max(id), 0) + 1 FROM documents", [], |r| {
        r.get(0)
    })
    .map_err(db)
}

/// What the cover of a body's document names: council, body, slug.
fn names(tx: &Transaction<'_>, meeting: ClerkMeetingId) -> Result<(String, String), StoreError> {
    tx.query_row(
        "SELECT ifnull(o.name, ''), b.name FROM clerk_meetings cm JOIN bodies b ON b.id = cm.body_id
         LEFT JOIN organisations o ON o.id = b.organisation_id WHERE cm.id = ?1",
        [meeting.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(db)
}

/// Writes a just-published agenda into the public records: its document,
/// the meeting, the membership on the day, the items and public papers.
pub fn agenda(tx: &Transaction<'_>, id: ClerkMeetingId) -> Result<(), StoreError> {
    let agenda = rows::agenda(tx, id)?;
    let m = &agenda.meeting;
    debug_assert_eq!(m.agenda, AgendaState::Published);
    let (organisation, body_name) = names(tx, id)?;
    let members = rows::members_on(tx, m.body, m.date)?;
    let to_print = AgendaToPrint {
        organisation,
        body: body_name.clone(),
        date: m.date,
        time: m.time,
        venue: m.venue.clone(),
        contact: m.contact.clone(),
        members: members
            .iter()
            .map(|member| MemberToPrint {
                name: member.name.clone(),
                role: member.role,
                party: member.party.clone(),
                seat: member.seat,
            })
            .collect(),
        items: agenda
            .items
            .iter()
            .map(|item| item_to_print(tx, item))
            .collect::<Result<_, _>>()?,
        matters_arising: agenda.matters_arising.iter().map(action_to_print).collect(),
    };
    let printed = printed::agenda(&to_print);
    let file = format!("{}-{}-agenda.txt", pack::slug(&body_name), m.date);
    let doc = store_document(tx, &file, &printed.text, None)?;
    let meeting = public_meeting(tx, &agenda, doc, printed.cover)?;
    for (member, lines) in members.iter().zip(printed.members) {
        let role = (member.role != moot_clerk::BodyRole::Member).then(|| member.role.label());
        let position = (member.seat != Seat::Voting).then(|| member.seat.label());
        let row = public_rows::MembershipRow {
            body: m.body.0,
            person: Some(member.person.0),
            name: &member.name,
            role,
            party: member.party.as_deref(),
            position,
            voting: Some(member.seat == Seat::Voting),
            document: doc,
            lines,
        };
        public_rows::membership(tx, &row)?;
    }
    let position_base: i64 = tx
        .query_row(
            "SELECT ifnull(max(position), 0) FROM agenda_items WHERE meeting_id = ?1",
            [meeting],
            |r| r.get(0),
        )
        .map_err(db)?;
    for (position, item) in (position_base + 1..).zip(&printed.items) {
        let row = public_rows::AgendaItemRow {
            meeting,
            position,
            number: Some(&item.number),
            title: &item.title,
            pages: None,
            exempt: item.exempt,
            decision: None,
            document: doc,
            lines: item.lines,
        };
        public_rows::agenda_item(tx, &row)?;
    }
    for (subject, lines) in &printed.papers {
        let row = public_rows::ReportRow {
            meeting,
            document: doc,
            subject,
            from: None,
            to: None,
            classification: None,
            decision: None,
            lines: *lines,
        };
        public_rows::report(tx, &row)?;
    }
    tx.execute(
        "UPDATE clerk_meetings SET meeting_id = ?2, agenda_document_id = ?3 WHERE id = ?1",
        params![id.0, meeting, doc],
    )
    .map_err(db)?;
    Ok(())
}

/// An agenda item as the printer takes it; a public item's text papers
/// are read for printing (an exempt item's never are).
fn item_to_print(tx: &Transaction<'_>, item: &ClerkAgendaItem) -> Result<ItemToPrint, StoreError> {
    let papers = item
        .papers
        .iter()
        .map(|paper| {
            let text = match (item.exempt, paper.format) {
                (None, PaperFormat::Text) => {
                    let (_, bytes) = rows::paper(tx, paper.id)?;
                    Some(String::from_utf8_lossy(&bytes).into_owned())
                }
                _ => None,
            };
            Ok(PaperToPrint {
                title: paper.title.clone(),
                format: paper.format,
                text,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(ItemToPrint {
        number: item.number.clone(),
        section: item.section.clone(),
        title: item.title.clone(),
        description: item.description.clone(),
        exempt: item.exempt,
        papers,
    })
}

fn action_to_print(action: &ClerkAction) -> ActionToPrint {
    ActionToPrint {
        text: action.text.clone(),
        owner: action.owner.clone(),
        due: action.due,
    }
}

/// The public meeting for the agenda: the one already known for the body
/// and day (from a pack), else a new one; the document is issued for it.
fn public_meeting(
    tx: &Transaction<'_>,
    agenda: &ClerkAgenda,
    doc: i64,
    cover: Lines,
) -> Result<i64, StoreError> {
    let m = &agenda.meeting;
    let known: Option<i64> = tx
        .query_row(
            "SELECT id FROM meetings WHERE body_id = ?1 AND date = ?2",
            params![m.body.0, m.date.to_string()],
            |r| r.get(0),
        )
        .optional()
        .map_err(db)?;
    let id = match known {
        Some(id) => {
            tx.execute(
                "UPDATE meetings SET time = coalesce(time, ?2), venue = coalesce(venue, ?3),
                 contact = coalesce(contact, ?4) WHERE id = ?1",
                params![id, m.time.map(|t| t.to_string()), m.venue, m.contact],
            )
            .map_err(db)?;
            id
        }
        None => {
            let row = public_rows::MeetingRow {
                body: Some(m.body.0),
                date: Some(m.date.to_string()),
                time: m.time.map(|t| t.to_string()),
                venue: Some(&m.venue),
                contact: Some(&m.contact),
                status: "scheduled",
                document: doc,
                lines: Some(cover),
            };
            public_rows::meeting(tx, &row)?
        }
    };
    tx.execute(
        "UPDATE documents SET meeting_id = ?2 WHERE id = ?1",
        params![doc, id],
    )
    .map_err(db)?;
    Ok(id)
}

/// Removes the public rows and document of a meeting's earlier published
/// minutes, if any.
fn withdraw_minutes(tx: &Transaction<'_>, id: ClerkMeetingId) -> Result<(), StoreError> {
    let doc: Option<i64> = tx
        .query_row(
            "SELECT minutes_document_id FROM clerk_meetings WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .map_err(db)?;
    let Some(doc) = doc else { return Ok(()) };
    let minutes = crate::read::all(
        tx,
        "SELECT id FROM minutes WHERE document_id = ?1",
        [doc],
        |r| r.get::<_, i64>(0),
    )?;
    crate::reissue::delete_minutes(tx, &minutes)?;
    tx.execute_batch(&format!(
        "DELETE FROM decisions WHERE document_id = {doc};
         DELETE FROM withheld_lines WHERE document_id = {doc};
         DELETE FROM retired_parts WHERE document_id = {doc};
         UPDATE clerk_meetings SET minutes_document_id = NULL WHERE minutes_document_id = {doc};
         DELETE FROM documents WHERE id = {doc};"
    ))
    .map_err(db)
}

/// One person at the meeting as the minutes print them.
struct Present {
    person: i64,
    name: String,
    presence: moot_clerk::Presence,
    replaced: Option<(i64, String)>,
}

fn attendance(
    tx: &Transaction<'_>,
    id: ClerkMeetingId,
    body: i64,
) -> Result<Vec<Present>, StoreError> {
    let rows = crate::read::all(
        tx,
        "SELECT person_id, presence, substitute_for FROM clerk_attendance WHERE meeting_id = ?1
         ORDER BY id",
        [id.0],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    )?;
    rows.into_iter()
        .map(|(person, presence, replaced)| {
            Ok(Present {
                person,
                name: rows::printed_name(tx, BodyId(body), person)?,
                presence: moot_clerk::Presence::parse(&presence)
                    .unwrap_or(moot_clerk::Presence::Present),
                replaced: match replaced {
                    Some(r) => Some((r, rows::printed_name(tx, BodyId(body), r)?)),
                    None => None,
                },
            })
        })
        .collect()
}

/// (Re)writes a meeting's published minutes into the public records.
pub fn minutes(tx: &Transaction<'_>, id: ClerkMeetingId) -> Result<(), StoreError> {
    let doc_id = fresh_document_id(tx)?;
    withdraw_minutes(tx, id)?;
    let meeting = rows::meeting(tx, id)?;
    let public = meeting.public.ok_or_else(|| {
        StoreError::Refused("Publish the meeting's agenda before its minutes".into())
    })?;
    let agenda = rows::agenda(tx, id)?;
    let items: HashMap<i64, &ClerkAgendaItem> = agenda.items.iter().map(|i| (i.id.0, i)).collect();
    let (_, body_name) = names(tx, id)?;
    let body = meeting.body.0;
    let present = attendance(tx, id, body)?;
    let declarations = crate::read::all(
        tx,
        "SELECT person_id, item_id, kind, text, left_room FROM clerk_declarations
         WHERE meeting_id = ?1 ORDER BY id",
        [id.0],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        },
    )?;
    let mut declared = Vec::new();
    for (person, item, kind, words, left_room) in declarations {
        let item = items.get(&item).copied();
        let declaration = DeclarationToPrint {
            name: rows::printed_name(tx, BodyId(body), person)?,
            kind: moot_clerk::InterestKind::parse(&kind),
            item: item.map(|i| i.number.clone()).unwrap_or_default(),
            exempt: item.is_some_and(|i| i.exempt.is_some()),
            words,
            left_room,
        };
        declared.push((person, declaration));
    }
    let clerk_minutes = rows::minutes(tx, id)?;
    let decisions = decisions_by_minute(tx, id)?;
    let actions = rows::actions_raised(tx, id)?;
    let mut minute_items = Vec::new();
    let mut to_print = Vec::new();
    for minute in &clerk_minutes.items {
        let item = minute.text.item.and_then(|i| items.get(&i.0).copied());
        let exempt = item.is_some_and(|i| i.exempt.is_some());
        let corrections = if exempt {
            Vec::new()
        } else {
            rows::minute_versions(tx, MinuteId(minute.id.0))?
                .into_iter()
                .map(|v| CorrectionToPrint {
                    replaced_at: v.replaced_at,
                    replaced_by: v.replaced_by,
                    version: v.version,
                    reason: v.reason,
                })
                .collect()
        };
        to_print.push(MinuteToPrint {
            number: minute.number,
            title: minute.text.title.clone(),
            text: minute.text.text.clone(),
            resolutions: minute.text.resolutions.clone(),
            exempt,
            decisions: decisions.get(&minute.id.0).cloned().unwrap_or_default(),
            actions: actions
                .iter()
                .filter(|(m, _)| *m == Some(minute.id))
                .map(|(_, action)| action_to_print(action))
                .collect(),
            corrections,
        });
        minute_items.push((minute, item));
    }
    let confirmed_on = match clerk_minutes.confirmed_at {
        Some(at) => Some(rows::meeting(tx, at)?.date),
        None => None,
    };
    let printed = printed::minutes(&MinutesToPrint {
        body: body_name.clone(),
        date: meeting.date,
        attendance: present
            .iter()
            .map(|p| AttendeeToPrint {
                name: p.name.clone(),
                presence: p.presence,
                substitute_for: p.replaced.as_ref().map(|(_, name)| name.clone()),
            })
            .collect(),
        declarations: declared.iter().map(|(_, d)| d.clone()).collect(),
        minutes: to_print,
        confirmed_on,
    });
    let file = format!("{}-{}-minutes.txt", pack::slug(&body_name), meeting.date);
    let doc = store_document(tx, &file, &printed.text, Some(doc_id))?;
    let minutes_id = public_rows::minutes(
        tx,
        &public_rows::MinutesRow {
            meeting: Some(public.0),
            body: Some(body),
            date: Some(meeting.date.to_string()),
            document: doc,
            lines: printed.whole,
        },
    )?;
    for (p, lines) in present.iter().zip(printed.attendance) {
        let row = public_rows::AttendanceRow {
            minutes: minutes_id,
            person: Some(p.person),
            name: &p.name,
            kind: p.presence.as_str(),
            substitute_for: p
                .replaced
                .as_ref()
                .map(|(id, name)| (Some(*id), name.as_str())),
            lines: Some(lines),
        };
        public_rows::attendance(tx, &row)?;
    }
    for ((person, d), lines) in declared.iter().zip(printed.declarations) {
        let row = public_rows::DeclarationRow {
            minutes: minutes_id,
            person: Some(*person),
            name: &d.name,
            item: Some(&d.item),
            text: &d.row_text(),
            lines,
        };
        public_rows::declaration(tx, &row)?;
    }
    let organisation: Option<i64> = tx
        .query_row(
            "SELECT organisation_id FROM bodies WHERE id = ?1",
            [body],
            |r| r.get(0),
        )
        .map_err(db)?;
    let rows_and_lines = minute_items.into_iter().zip(printed.minutes);
    for (position, ((minute, item), printed)) in (1..).zip(rows_and_lines) {
        let number = minute.number.to_string();
        let row = public_rows::MinuteItemRow {
            minutes: minutes_id,
            position,
            number: Some(&number),
            title: &minute.text.title,
            agenda_ref: item.map(|i| i.number.as_str()),
            resolved: !minute.text.resolutions.is_empty(),
            exempt: false,
            lines: printed.lines,
            resolutions: &minute.text.resolutions,
            first_resolution: 1,
        };
        let item_row = public_rows::minute_item(tx, &row)?;
        if item.is_none_or(|i| i.exempt.is_none()) {
            public_corrections(tx, item_row, minute.id)?;
        }
        for (number, lines) in printed.decisions {
            public_rows::decision(tx, organisation, &number, doc, lines)?;
        }
    }
    tx.execute(
        "UPDATE meetings SET status = 'minuted' WHERE id = ?1",
        [public.0],
    )
    .map_err(db)?;
    tx.execute(
        "UPDATE clerk_meetings SET minutes_document_id = ?2 WHERE id = ?1",
        params![id.0, doc],
    )
    .map_err(db)?;
    Ok(())
}

/// Writes a public minute's earlier versions beside its row, for the
/// meeting page to show under it (never called for an exempt minute).
fn public_corrections(
    tx: &Transaction<'_>,
    item_row: i64,
    minute: MinuteId,
) -> Result<(), StoreError> {
    for version in rows::minute_versions(tx, minute)? {
        let day = version.replaced_at.get(..10).unwrap_or_default();
        tx.execute(
            "INSERT INTO minute_corrections (minute_item_id, version, corrected_on, reason,
             title, text, resolutions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                item_row,
                version.version,
                day,
                version.reason,
                version.before.title,
                version.before.text,
                serde_json::Value::from(version.before.resolutions).to_string()
            ],
        )
        .map_err(db)?;
    }
    Ok(())
}

/// The decision numbers recorded on each minute of a meeting.
fn decisions_by_minute(
    tx: &Transaction<'_>,
    id: ClerkMeetingId,
) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let rows = crate::read::all(
        tx,
        "SELECT d.minute_id, d.number FROM clerk_decisions d
         JOIN clerk_minutes m ON m.id = d.minute_id WHERE m.meeting_id = ?1 ORDER BY d.number",
        [id.0],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (minute, number) in rows {
        out.entry(minute).or_default().push(number);
    }
    Ok(out)
}
