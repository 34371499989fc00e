//! Each clerk's write: validate the whole input (every fault under its
//! field, nothing written), check the record's state allows the step,
//! change the clerk's tables, refresh the public records when the change
//! touches something published, and say what changed for the audit log.

use super::{publish, refused, rows, valid, Change};
use crate::read::OrNotFound;
use crate::{db, pack, people};
use moot_clerk::{
    check_paper, AgendaState, BankHolidays, DecisionNumber, FieldErrors, MinutesState, MinutesStep,
    NoticeCheck, Presence,
};
use moot_people::PersonName;
use moot_store::{
    ActionId, AgendaItemId, AgendaPacks, BodyId, ClerkMeetingId, MembershipId, MinuteId,
    MinuteText, NewAction, NewAgendaItem, NewAttendance, NewBody, NewDecision, NewDeclaration,
    NewMeeting, NewMember, NewPaper, PaperId, PersonId, StoreError,
};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{json, Value};

type Written<T> = Result<(T, Change), StoreError>;

/// Adds a body, or takes on the imported body of the same name.
pub fn create_body(tx: &Transaction<'_>, body: &NewBody) -> Written<BodyId> {
    valid(body.faults())?;
    let org = pack::organisation(tx, Some(&body.organisation))?;
    let slug = pack::slug(&body.name);
    tx.execute(
        "INSERT OR IGNORE INTO bodies (organisation_id, name, slug) VALUES (?1, ?2, ?3)",
        params![org, body.name.trim(), slug],
    )
    .map_err(db)?;
    let id: i64 = tx
        .query_row(pack::BODY_BY_SLUG, params![org, slug], |r| r.get(0))
        .map_err(db)?;
    let added = tx
        .execute(
            "INSERT OR IGNORE INTO clerk_bodies (body_id, minute_numbering) VALUES (?1, ?2)",
            params![id, body.numbering.to_stored()],
        )
        .map_err(db)?;
    if added == 0 {
        return Err(StoreError::Fields(FieldErrors::one(
            "name",
            "The clerk already runs a body of this name",
        )));
    }
    let after = json!({ "organisation": body.organisation, "name": body.name,
        "minute_numbering": body.numbering.to_stored() });
    Ok((BodyId(id), Change::created(format!("body/{id}"), after)))
}

/// The council of a body.
fn body_organisation(tx: &Transaction<'_>, body: BodyId) -> Result<Option<i64>, StoreError> {
    tx.query_row(
        "SELECT organisation_id FROM bodies WHERE id = ?1",
        [body.0],
        |r| r.get(0),
    )
    .or_not_found("body", body.0)
}

/// The person printed `name` on `body`, added when there is none; the
/// printing is kept so packs imported later find them.
fn person_on_body(
    tx: &Transaction<'_>,
    body: BodyId,
    name: &str,
    known: Option<PersonId>,
) -> Result<PersonId, StoreError> {
    let name = name.trim();
    let key = PersonName::parse(name).map_or_else(|| name.to_lowercase(), |n| n.key());
    let existing: Option<i64> = tx
        .query_row(
            "SELECT person_id FROM person_names WHERE body_id = ?1 AND key = ?2",
            params![body.0, key],
            |r| r.get(0),
        )
        .optional()
        .map_err(db)?;
    let person = match (known, existing) {
        (Some(known), _) => {
            if !person_exists(tx, known)? {
                return Err(StoreError::Fields(FieldErrors::one(
                    "person",
                    "No such person",
                )));
            }
            known.0
        }
        (None, Some(existing)) => existing,
        (None, None) => people::insert_person(tx, body_organisation(tx, body)?, name)?,
    };
    people::record_name(tx, person, body.0, name, "entered by a clerk", None)?;
    Ok(PersonId(person))
}

/// Adds a membership with its named substitutes.
pub fn add_member(tx: &Transaction<'_>, body: BodyId, m: &NewMember) -> Written<MembershipId> {
    rows::numbering(tx, body)?;
    valid(m.faults())?;
    let person = person_on_body(tx, body, &m.name, m.person)?;
    tx.execute(
        "INSERT INTO clerk_members (body_id, person_id, name, role, party, seat, starts, ends)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            body.0,
            person.0,
            m.name.trim(),
            m.role.as_str(),
            m.party.as_deref().map(str::trim),
            m.seat.as_str(),
            m.term.starts.to_string(),
            m.term.ends.map(|d| d.to_string()),
        ],
    )
    .map_err(db)?;
    let id = tx.last_insert_rowid();
    for name in &m.substitutes {
        let substitute = person_on_body(tx, body, name, None)?;
        tx.execute(
            "INSERT OR IGNORE INTO clerk_substitutes (membership_id, person_id, name)
             VALUES (?1, ?2, ?3)",
            params![id, substitute.0, name.trim()],
        )
        .map_err(db)?;
    }
    let after = json!({ "body": body.0, "person": person.0, "name": m.name,
        "role": m.role.as_str(), "party": m.party, "seat": m.seat.as_str(),
        "starts": m.term.starts.to_string(), "ends": m.term.ends.map(|d| d.to_string()),
        "substitutes": m.substitutes });
    Ok((
        MembershipId(id),
        Change::created(format!("membership/{id}"), after),
    ))
}

/// Schedules a meeting.
pub fn create_meeting(
    tx: &Transaction<'_>,
    body: BodyId,
    m: &NewMeeting,
) -> Written<ClerkMeetingId> {
    rows::numbering(tx, body)?;
    let mut errors = m.faults();
    let taken = exists(
        tx,
        "SELECT 1 FROM clerk_meetings WHERE body_id = ?1 AND date = ?2",
        params![body.0, m.date.to_string()],
    )?;
    errors.check(taken, "date", "The body already meets on that day");
    valid(errors)?;
    tx.execute(
        "INSERT INTO clerk_meetings (body_id, date, time, venue, contact, agenda_state)
         VALUES (?1, ?2, ?3, ?4, ?5, 'draft')",
        params![
            body.0,
            m.date.to_string(),
            m.time.map(|t| t.to_string()),
            m.venue.trim(),
            m.contact.trim()
        ],
    )
    .map_err(db)?;
    let id = tx.last_insert_rowid();
    let after = json!({ "body": body.0, "date": m.date.to_string(),
        "time": m.time.map(|t| t.to_string()), "venue": m.venue, "contact": m.contact });
    Ok((
        ClerkMeetingId(id),
        Change::created(format!("meeting/{id}"), after),
    ))
}

/// Refuses a change to a published agenda.
fn draft_agenda(tx: &Transaction<'_>, meeting: ClerkMeetingId) -> Result<(), StoreError> {
    rows::meeting(tx, meeting)?
        .agenda
        .may_edit()
        .map_err(refused)
}

/// Adds an item at the end of a draft agenda.
pub fn add_agenda_item(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    item: &NewAgendaItem,
) -> Written<AgendaItemId> {
    draft_agenda(tx, meeting)?;
    valid(item.faults())?;
    tx.execute(
        "INSERT INTO clerk_agenda_items (meeting_id, position, section, title, description,
         exempt_paragraph) VALUES (?1, (SELECT ifnull(max(position), 0) + 1
         FROM clerk_agenda_items WHERE meeting_id = ?1), ?2, ?3, ?4, ?5)",
        params![
            meeting.0,
            item.section.as_deref().map(str::trim),
            item.title.trim(),
            item.description.as_deref().map(str::trim),
            item.exempt_paragraph
        ],
    )
    .map_err(db)?;
    let id = tx.last_insert_rowid();
    let after = json!({ "meeting": meeting.0, "section": item.section, "title": item.title,
        "description": item.description, "exempt_paragraph": item.exempt_paragraph });
    Ok((
        AgendaItemId(id),
        Change::created(format!("agenda-item/{id}"), after),
    ))
}

/// Attaches a paper to an item of a draft agenda.
pub fn attach_paper(
    tx: &Transaction<'_>,
    item: AgendaItemId,
    paper: &NewPaper,
) -> Written<PaperId> {
    let meeting: i64 = tx
        .query_row(
            "SELECT meeting_id FROM clerk_agenda_items WHERE id = ?1",
            [item.0],
            |r| r.get(0),
        )
        .or_not_found("agenda item", item.0)?;
    draft_agenda(tx, ClerkMeetingId(meeting))?;
    valid(check_paper(&paper.title, paper.format, &paper.bytes))?;
    tx.execute(
        "INSERT INTO clerk_papers (item_id, position, title, format, bytes)
         VALUES (?1, (SELECT ifnull(max(position), 0) + 1 FROM clerk_papers WHERE item_id = ?1),
         ?2, ?3, ?4)",
        params![
            item.0,
            paper.title.trim(),
            paper.format.as_str(),
            paper.bytes
        ],
    )
    .map_err(db)?;
    let id = tx.last_insert_rowid();
    // The bytes stay out of the log: it is read by admins, and a paper may
    // be exempt and large.
    let after = json!({ "item": item.0, "title": paper.title,
        "format": paper.format.as_str(), "size": paper.bytes.len() });
    Ok((PaperId(id), Change::created(format!("paper/{id}"), after)))
}

/// Publishes a draft agenda and keeps the notice check and its packs;
/// short notice needs the clerk's acceptance (`moot_clerk`'s rule).
pub fn publish_agenda(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    (published_on, holidays, accept_short_notice): (moot_domain::Date, &BankHolidays, bool),
    packs: &AgendaPacks,
) -> Written<NoticeCheck> {
    let before = rows::meeting(tx, meeting)?;
    before.agenda.publish().map_err(refused)?;
    let notice = NoticeCheck::of(published_on, before.date, holidays);
    notice
        .require_acceptance(before.date, accept_short_notice)
        .map_err(StoreError::Fields)?;
    let (word, days) = rows::notice_to(&notice);
    tx.execute(
        "UPDATE clerk_meetings SET agenda_state = ?2,
         published_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), notice = ?3, notice_days = ?4
         WHERE id = ?1",
        params![meeting.0, AgendaState::Published.as_str(), word, days],
    )
    .map_err(db)?;
    publish::agenda(tx, meeting)?;
    tx.execute(
        "INSERT INTO clerk_agenda_packs (meeting_id, public_pdf, members_pdf) VALUES (?1, ?2, ?3)",
        params![meeting.0, packs.public, packs.members],
    )
    .map_err(db)?;
    let change = Change::updated(
        format!("meeting/{}", meeting.0),
        json!({ "agenda": "draft" }),
        json!({ "agenda": "published", "published_on": published_on.to_string(),
            "notice": word, "notice_days": days }),
    );
    Ok((notice, change))
}

/// Checks that what was recorded at a meeting may still change (not once
/// its minutes are confirmed).
fn editable_minutes(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    step: MinutesStep,
) -> Result<MinutesState, StoreError> {
    let (state, _) = rows::minutes_state(tx, meeting)?;
    state.after(step).map_err(refused)?;
    Ok(state)
}

/// Rewrites the public minutes when they are published.
fn refresh(tx: &Transaction<'_>, meeting: ClerkMeetingId) -> Result<(), StoreError> {
    match rows::minutes_state(tx, meeting)?.0 {
        MinutesState::Draft => Ok(()),
        MinutesState::Published | MinutesState::Confirmed => publish::minutes(tx, meeting),
    }
}

fn person_exists(tx: &Transaction<'_>, person: PersonId) -> Result<bool, StoreError> {
    exists(tx, "SELECT 1 FROM people WHERE id = ?1", [person.0])
}

/// Whether `sql` finds a row.
fn exists<P: rusqlite::Params>(
    tx: &Transaction<'_>,
    sql: &str,
    params: P,
) -> Result<bool, StoreError> {
    Ok(tx
        .query_row(sql, params, |_| Ok(()))
        .optional()
        .map_err(db)?
        .is_some())
}

/// Records one person's attendance.
pub fn record_attendance(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    a: &NewAttendance,
) -> Written<()> {
    editable_minutes(tx, meeting, MinutesStep::Edit)?;
    let mut errors = FieldErrors::new();
    errors.check(!person_exists(tx, a.person)?, "person", "No such person");
    let substitute = a.presence == Presence::Substitute;
    errors.check(
        substitute && a.substitute_for.is_none(),
        "substitute_for",
        "Choose the member this substitute replaces",
    );
    errors.check(
        !substitute && a.substitute_for.is_some(),
        "substitute_for",
        "Only a substitute replaces a member",
    );
    errors.check(
        a.substitute_for == Some(a.person),
        "substitute_for",
        "A member cannot substitute for themselves",
    );
    if let Some(replaced) = a.substitute_for {
        errors.check(
            !person_exists(tx, replaced)?,
            "substitute_for",
            "No such person",
        );
    }
    let recorded = exists(
        tx,
        "SELECT 1 FROM clerk_attendance WHERE meeting_id = ?1 AND person_id = ?2",
        params![meeting.0, a.person.0],
    )?;
    errors.check(recorded, "person", "Their attendance is already recorded");
    valid(errors)?;
    tx.execute(
        "INSERT INTO clerk_attendance (meeting_id, person_id, presence, substitute_for)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            meeting.0,
            a.person.0,
            a.presence.as_str(),
            a.substitute_for.map(|p| p.0)
        ],
    )
    .map_err(db)?;
    refresh(tx, meeting)?;
    let after = json!({ "person": a.person.0, "presence": a.presence.as_str(),
        "substitute_for": a.substitute_for.map(|p| p.0) });
    Ok((
        (),
        Change::created(format!("meeting/{}/attendance", meeting.0), after),
    ))
}

/// The meeting an agenda item belongs to.
fn item_meeting(tx: &Transaction<'_>, item: AgendaItemId) -> Result<Option<i64>, StoreError> {
    tx.query_row(
        "SELECT meeting_id FROM clerk_agenda_items WHERE id = ?1",
        [item.0],
        |r| r.get(0),
    )
    .optional()
    .map_err(db)
}

/// Records a declared interest.
pub fn record_declaration(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    d: &NewDeclaration,
) -> Written<()> {
    editable_minutes(tx, meeting, MinutesStep::Edit)?;
    let mut errors = FieldErrors::new();
    errors.check(!person_exists(tx, d.person)?, "person", "No such person");
    errors.check(
        item_meeting(tx, d.item)? != Some(meeting.0),
        "item",
        "Choose an item on this meeting's agenda",
    );
    errors.extend(d.faults());
    valid(errors)?;
    tx.execute(
        "INSERT INTO clerk_declarations (meeting_id, person_id, item_id, kind, text, left_room)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            meeting.0,
            d.person.0,
            d.item.0,
            d.kind.as_str(),
            d.text.trim(),
            d.left_room
        ],
    )
    .map_err(db)?;
    refresh(tx, meeting)?;
    let after = json!({ "person": d.person.0, "item": d.item.0, "kind": d.kind.as_str(),
        "text": d.text, "left_room": d.left_room });
    Ok((
        (),
        Change::created(format!("meeting/{}/declarations", meeting.0), after),
    ))
}

/// Faults in a minute's words, for a minute of `meeting`.
fn check_minute(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    m: &MinuteText,
) -> Result<FieldErrors, StoreError> {
    let mut errors = m.faults();
    if let Some(item) = m.item {
        errors.check(
            item_meeting(tx, item)? != Some(meeting.0),
            "item",
            "Choose an item on this meeting's agenda",
        );
    }
    Ok(errors)
}

/// A minute's words as the audit log and the version table keep them.
fn minute_json(m: &MinuteText) -> Value {
    json!({ "item": m.item.map(|i| i.0), "title": m.title, "text": m.text,
        "resolutions": m.resolutions })
}

fn resolutions_json(m: &MinuteText) -> String {
    Value::from(m.resolutions.clone()).to_string()
}

/// Adds a minute, numbered by hand or next in the body's run.
pub fn add_minute(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    number: Option<u32>,
    m: &MinuteText,
) -> Written<MinuteId> {
    editable_minutes(tx, meeting, MinutesStep::Edit)?;
    let mut errors = check_minute(tx, meeting, m)?;
    let number = match number {
        Some(n) => n,
        None => rows::next_minute_number(tx, meeting)?,
    };
    errors.check(number == 0, "number", "Minute numbers start at 1");
    let taken = exists(
        tx,
        "SELECT 1 FROM clerk_minutes WHERE meeting_id = ?1 AND number = ?2",
        params![meeting.0, number],
    )?;
    errors.check(
        taken,
        "number",
        "This meeting already has a minute with that number",
    );
    valid(errors)?;
    let body = rows::meeting(tx, meeting)?.body;
    tx.execute(
        "INSERT INTO clerk_minutes (meeting_id, body_id, number, item_id, title, text,
         resolutions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            meeting.0,
            body.0,
            number,
            m.item.map(|i| i.0),
            m.title.trim(),
            m.text.trim(),
            resolutions_json(m)
        ],
    )
    .map_err(db)?;
    let id = tx.last_insert_rowid();
    refresh(tx, meeting)?;
    let mut after = minute_json(m);
    after["number"] = number.into();
    Ok((MinuteId(id), Change::created(format!("minute/{id}"), after)))
}

fn update_minute(tx: &Transaction<'_>, minute: MinuteId, m: &MinuteText) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE clerk_minutes SET item_id = ?2, title = ?3, text = ?4, resolutions = ?5
         WHERE id = ?1",
        params![
            minute.0,
            m.item.map(|i| i.0),
            m.title.trim(),
            m.text.trim(),
            resolutions_json(m)
        ],
    )
    .map_err(db)?;
    Ok(())
}

/// Changes a minute of minutes not yet confirmed.
pub fn edit_minute(tx: &Transaction<'_>, minute: MinuteId, m: &MinuteText) -> Written<()> {
    let (meeting, before) = rows::minute(tx, minute)?;
    editable_minutes(tx, meeting, MinutesStep::Edit)?;
    valid(check_minute(tx, meeting, m)?)?;
    update_minute(tx, minute, m)?;
    refresh(tx, meeting)?;
    let change = Change::updated(
        format!("minute/{}", minute.0),
        minute_json(&before.text),
        minute_json(m),
    );
    Ok(((), change))
}

/// Publishes draft minutes.
pub fn publish_minutes(tx: &Transaction<'_>, meeting: ClerkMeetingId) -> Written<()> {
    let state = editable_minutes(tx, meeting, MinutesStep::Publish)?;
    if rows::meeting(tx, meeting)?.agenda != AgendaState::Published {
        return Err(StoreError::Refused(
            "Publish the meeting's agenda before its minutes".into(),
        ));
    }
    set_minutes_state(tx, meeting, MinutesState::Published, None)?;
    publish::minutes(tx, meeting)?;
    let change = Change::updated(
        format!("meeting/{}", meeting.0),
        json!({ "minutes": state.as_str() }),
        json!({ "minutes": "published" }),
    );
    Ok(((), change))
}

fn set_minutes_state(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    state: MinutesState,
    confirmed_at: Option<ClerkMeetingId>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE clerk_meetings SET minutes_state = ?2, confirmed_at_meeting = ?3 WHERE id = ?1",
        params![meeting.0, state.as_str(), confirmed_at.map(|m| m.0)],
    )
    .map_err(db)?;
    Ok(())
}

/// Confirms published minutes at a later meeting of the same body.
pub fn confirm_minutes(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    at: ClerkMeetingId,
) -> Written<()> {
    editable_minutes(tx, meeting, MinutesStep::Confirm)?;
    let (minuted, confirming) = (rows::meeting(tx, meeting)?, rows::meeting(tx, at)?);
    let mut errors = FieldErrors::new();
    errors.check(
        confirming.body != minuted.body || confirming.date <= minuted.date,
        "at",
        "Choose a later meeting of the same body",
    );
    valid(errors)?;
    set_minutes_state(tx, meeting, MinutesState::Confirmed, Some(at))?;
    publish::minutes(tx, meeting)?;
    let change = Change::updated(
        format!("meeting/{}", meeting.0),
        json!({ "minutes": "published" }),
        json!({ "minutes": "confirmed", "confirmed_at": at.0 }),
    );
    Ok(((), change))
}

/// Corrects a minute of confirmed minutes, keeping the words replaced.
pub fn correct_minute(
    tx: &Transaction<'_>,
    minute: MinuteId,
    m: &MinuteText,
    reason: &str,
    by: &str,
) -> Written<()> {
    let (meeting, before) = rows::minute(tx, minute)?;
    editable_minutes(tx, meeting, MinutesStep::Correct)?;
    let mut errors = check_minute(tx, meeting, m)?;
    errors.require_text("reason", reason, moot_clerk::fields::MAX_LINE);
    valid(errors)?;
    tx.execute(
        "INSERT INTO clerk_minute_versions (minute_id, version, replaced_at, replaced_by,
         reason, item_id, title, text, resolutions)
         VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            minute.0,
            before.version,
            by,
            reason.trim(),
            before.text.item.map(|i| i.0),
            before.text.title,
            before.text.text,
            resolutions_json(&before.text)
        ],
    )
    .map_err(db)?;
    update_minute(tx, minute, m)?;
    tx.execute(
        "UPDATE clerk_minutes SET version = version + 1 WHERE id = ?1",
        [minute.0],
    )
    .map_err(db)?;
    publish::minutes(tx, meeting)?;
    let mut after = minute_json(m);
    after["reason"] = reason.into();
    let change = Change::updated(
        format!("minute/{}", minute.0),
        minute_json(&before.text),
        after,
    );
    Ok(((), change))
}

/// Records an action agreed at a meeting.
pub fn add_action(
    tx: &Transaction<'_>,
    meeting: ClerkMeetingId,
    a: &NewAction,
) -> Written<ActionId> {
    rows::meeting(tx, meeting)?;
    let mut errors = a.faults();
    if let Some(minute) = a.minute {
        let of_meeting = rows::minute(tx, minute).ok().map(|(m, _)| m);
        errors.check(
            of_meeting != Some(meeting),
            "minute",
            "Choose a minute of this meeting",
        );
    }
    valid(errors)?;
    tx.execute(
        "INSERT INTO clerk_actions (meeting_id, minute_id, text, owner, due)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            meeting.0,
            a.minute.map(|m| m.0),
            a.text.trim(),
            a.owner.trim(),
            a.due.map(|d| d.to_string())
        ],
    )
    .map_err(db)?;
    let id = tx.last_insert_rowid();
    refresh(tx, meeting)?;
    let after = json!({ "meeting": meeting.0, "minute": a.minute.map(|m| m.0),
        "text": a.text, "owner": a.owner, "due": a.due.map(|d| d.to_string()) });
    Ok((ActionId(id), Change::created(format!("action/{id}"), after)))
}

/// Closes an open action at a later meeting of its body.
pub fn close_action(tx: &Transaction<'_>, action: ActionId, at: ClerkMeetingId) -> Written<()> {
    let open = rows::action(tx, action)?;
    if open.closed_at.is_some() {
        return Err(StoreError::Refused("The action is already closed".into()));
    }
    let (raised, closing) = (rows::meeting(tx, open.raised_at)?, rows::meeting(tx, at)?);
    let mut errors = FieldErrors::new();
    errors.check(
        closing.body != raised.body || closing.date <= raised.date,
        "at",
        "Choose a later meeting of the same body",
    );
    valid(errors)?;
    tx.execute(
        "UPDATE clerk_actions SET closed_at_meeting = ?2 WHERE id = ?1",
        params![action.0, at.0],
    )
    .map_err(db)?;
    let change = Change::updated(
        format!("action/{}", action.0),
        json!({ "closed_at": null }),
        json!({ "closed_at": at.0 }),
    );
    Ok(((), change))
}

/// Numbers a decision in its council's series and records it on its
/// minute.
pub fn record_decision(tx: &Transaction<'_>, d: &NewDecision) -> Written<String> {
    let (meeting, _) = rows::minute(tx, d.minute)?;
    editable_minutes(tx, meeting, MinutesStep::Edit)?;
    let body = rows::meeting(tx, meeting)?.body;
    let org = body_organisation(tx, body)?.ok_or_else(|| {
        StoreError::Refused("The body belongs to no council, so has no decision series".into())
    })?;
    let taken: Vec<String> = crate::read::all(
        tx,
        "SELECT number FROM decisions WHERE organisation_id = ?1
         UNION SELECT number FROM clerk_decisions WHERE organisation_id = ?1",
        [org],
        |r| r.get(0),
    )?;
    let number = match &d.number {
        Some(text) => {
            let mut errors = FieldErrors::new();
            match DecisionNumber::parse(text) {
                None => errors.add("number", "Give the number as YY/NNNNN, such as 15/00068"),
                Some(n) => {
                    let shown = n.to_string();
                    errors.check(
                        taken.contains(&shown),
                        "number",
                        "That number is already taken",
                    );
                    errors.check(
                        u16::from(n.year) != d.date.year() % 100,
                        "number",
                        "The number's year must be the decision's",
                    );
                }
            }
            valid(errors)?;
            text.trim().to_owned()
        }
        None => DecisionNumber::next(d.date, taken.iter().map(String::as_str))
            .ok_or_else(|| {
                StoreError::Fields(FieldErrors::one(
                    "number",
                    "This year's series is full; give a number by hand",
                ))
            })?
            .to_string(),
    };
    tx.execute(
        "INSERT INTO clerk_decisions (organisation_id, number, minute_id, date)
         VALUES (?1, ?2, ?3, ?4)",
        params![org, number, d.minute.0, d.date.to_string()],
    )
    .map_err(db)?;
    refresh(tx, meeting)?;
    let after = json!({ "number": number, "minute": d.minute.0, "date": d.date.to_string() });
    let change = Change::created(format!("decision/{number}"), after);
    Ok((number, change))
}
