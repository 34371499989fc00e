//! `/meetings/{id}`: a meeting's agenda and the minutes recorded for it
//! (attendance, substitutes, declarations, minutes and resolutions), with
//! links to the same body's meetings either side.
//!
//! Exempt (confidential) business is redacted in one place, [`redact`],
//! before either the page or the JSON is built: an exempt agenda item is
//! shown as "Exempt item" with its number only, and so are the minutes and
//! declarations that refer to it.

use super::meeting_json;
use crate::error::{Failure, Format, Id};
use crate::html::{date_markup, meeting_link, meeting_name, page, scroll_table};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{
    AgendaEntry, AttendanceKind, Attendee, MeetingDetail, MeetingId, MinutesRecord, PersonId, Store,
};
use serde_json::{json, Value};

/// What the public sees instead of a confidential title.
const EXEMPT: &str = "Exempt item";

/// `/meetings/{id}` and `/api/meetings/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}", get(meeting_page))
        .route("/api/meetings/{id}", get(meeting_api))
}

async fn load(state: &AppState, Id(id): Id, format: Format) -> Result<MeetingDetail, Failure> {
    let id = MeetingId(id);
    let mut detail = state.read(format, move |s| s.meeting(id)).await?;
    redact(&mut detail);
    Ok(detail)
}

/// Removes every confidential text: exempt agenda titles, and the minutes
/// and declarations that refer to an exempt item by its number.
fn redact(detail: &mut MeetingDetail) {
    let exempt: Vec<String> = detail
        .agenda
        .iter()
        .filter(|a| a.public_title().is_none())
        .filter_map(|a| a.number.clone())
        .collect();
    let is_exempt = |number: &Option<String>| number.as_ref().is_some_and(|n| exempt.contains(n));
    for item in &mut detail.agenda {
        if item.public_title().is_none() {
            item.title = EXEMPT.to_owned();
        }
    }
    for minutes in &mut detail.minutes {
        for item in minutes
            .items
            .iter_mut()
            .filter(|i| is_exempt(&i.agenda_ref))
        {
            item.title = EXEMPT.to_owned();
            item.resolutions.clear();
        }
        for declaration in minutes
            .declarations
            .iter_mut()
            .filter(|d| is_exempt(&d.item))
        {
            declaration.text = "An interest in an exempt item.".to_owned();
        }
    }
}

fn person_link(person: Option<PersonId>, name: &str) -> Markup {
    html! {
        @if let Some(p) = person { a href={ "/people/" (p.0) } { (name) } } @else { (name) }
    }
}

fn agenda_markup(agenda: &[AgendaEntry]) -> Markup {
    html! {
        h2 { "Agenda" }
        @if agenda.is_empty() {
            p { "No agenda is stored for this meeting." }
        } @else {
            (scroll_table("Agenda", html! { table {
                caption class="meta" { "Agenda items in order" }
                thead { tr { th scope="col" { "Item" } th scope="col" { "Title" } th scope="col" { "Pages" } } }
                tbody {
                    @for a in agenda {
                        tr {
                            td { (a.number.as_deref().unwrap_or("")) }
                            td { (a.title) }
                            td { @if let Some((first, last)) = a.pages { (first) "–" (last) } }
                        }
                    }
                }
            } }))
        }
    }
}

fn people_list(heading: &str, people: &[&Attendee]) -> Markup {
    html! {
        @if !people.is_empty() {
            h4 { (heading) }
            ul {
                @for a in people {
                    li {
                        (person_link(a.person, &a.name))
                        @if let Some((for_person, for_name)) = &a.substitute_for {
                            " (substitute for " (person_link(*for_person, for_name)) ")"
                        }
                    }
                }
            }
        }
    }
}

fn minutes_markup(minutes: &MinutesRecord) -> Markup {
    let of = |kind: AttendanceKind| -> Vec<&Attendee> {
        minutes
            .attendance
            .iter()
            .filter(|a| a.kind == kind)
            .collect()
    };
    html! {
        h3 { "Attendance" }
        (people_list("Present", &of(AttendanceKind::Present)))
        (people_list("Substitutes", &of(AttendanceKind::Substitute)))
        (people_list("Apologies", &of(AttendanceKind::Apologies)))
        @if !minutes.declarations.is_empty() {
            h3 { "Declarations of interest" }
            ul {
                @for d in &minutes.declarations {
                    li { (person_link(d.person, &d.name)) ": " (d.text) }
                }
            }
        }
        @if !minutes.items.is_empty() {
            h3 { "Minutes" }
            @for item in &minutes.items {
                h4 { @if let Some(n) = &item.number { (n) ". " } (item.title) }
                @if !item.resolutions.is_empty() {
                    p { "Resolved:" }
                    ul { @for r in &item.resolutions { li { (r) } } }
                }
            }
        }
    }
}

async fn meeting_page(State(state): State<AppState>, id: Id) -> Result<Markup, Failure> {
    let d = load(&state, id, Format::Html).await?;
    let m = &d.meeting;
    Ok(page(
        &meeting_name(m),
        html! {
            h1 { (meeting_name(m)) }
            dl {
                dt { "Date" } dd { @if let Some(date) = m.date { (date_markup(date)) } @else { "Not known" } }
                @if let Some(t) = m.time { dt { "Time" } dd { (t) } }
                @if let Some(v) = &d.venue { dt { "Venue" } dd { (v) } }
                @if let Some((id, name)) = &m.body { dt { "Body" } dd { a href={ "/bodies/" (id.0) } { (name) } } }
                @if let Some(o) = &d.organisation { dt { "Council" } dd { (o) } }
            }
            (agenda_markup(&d.agenda))
            h2 { "Minutes of this meeting" }
            @if d.minutes.is_empty() { p { "No minutes of this meeting are stored yet." } }
            @for minutes in &d.minutes { (minutes_markup(minutes)) }
            @if d.previous.is_some() || d.next.is_some() {
                nav aria-label="Other meetings of this body" {
                    ul {
                        @if let Some(p) = &d.previous { li { "Previous: " (meeting_link(p)) } }
                        @if let Some(n) = &d.next { li { "Next: " (meeting_link(n)) } }
                    }
                }
            }
        },
    ))
}

fn minutes_json(minutes: &MinutesRecord) -> Value {
    let attendance: Vec<Value> = minutes
        .attendance
        .iter()
        .map(|a| {
            json!({
                "person": a.person.map(|p| p.0),
                "name": a.name,
                "kind": a.kind.as_str(),
                "substitute_for": a.substitute_for.as_ref().map(|(p, name)| json!({ "person": p.map(|p| p.0), "name": name })),
            })
        })
        .collect();
    let declarations: Vec<Value> = minutes
        .declarations
        .iter()
        .map(|d| json!({ "person": d.person.map(|p| p.0), "name": d.name, "item": d.item, "text": d.text }))
        .collect();
    let items: Vec<Value> = minutes
        .items
        .iter()
        .map(|i| {
            json!({
                "number": i.number,
                "title": i.title,
                "agenda_ref": i.agenda_ref,
                "resolved": i.resolved,
                "resolutions": i.resolutions,
            })
        })
        .collect();
    json!({ "attendance": attendance, "declarations": declarations, "items": items })
}

async fn meeting_api(State(state): State<AppState>, id: Id) -> Result<Json<Value>, Failure> {
    let d = load(&state, id, Format::Json).await?;
    let agenda: Vec<Value> = d
        .agenda
        .iter()
        .map(|a| {
            json!({
                "number": a.number,
                "title": a.title,
                "pages": a.pages.map(|(first, last)| json!({ "first": first, "last": last })),
                "exempt": a.exempt,
            })
        })
        .collect();
    let minutes: Vec<Value> = d.minutes.iter().map(minutes_json).collect();
    let mut meeting = meeting_json(&d.meeting);
    if let Some(object) = meeting.as_object_mut() {
        object.insert("organisation".into(), json!(d.organisation));
        object.insert("venue".into(), json!(d.venue));
    }
    Ok(Json(json!({
        "meeting": meeting,
        "agenda": agenda,
        "minutes": minutes,
        "previous": d.previous.as_ref().map(meeting_json),
        "next": d.next.as_ref().map(meeting_json),
    })))
}
