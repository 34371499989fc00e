//! `/people/{id}`: a person's printed names, memberships and attendance,
//! with the meetings behind each count.

use super::meeting_json;
use crate::error::{Failure, Format, Id};
use crate::html::{meeting_link, page};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{AttendanceKind, PersonDetail, PersonId, Store};
use serde_json::{json, Value};

/// `/people/{id}` and `/api/people/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people/{id}", get(person_page))
        .route("/api/people/{id}", get(person_api))
}

/// The attendance kinds in the order pages list them, with their headings.
const KINDS: [(AttendanceKind, &str); 3] = [
    (AttendanceKind::Present, "Present"),
    (AttendanceKind::Substitute, "Present as a substitute"),
    (AttendanceKind::Apologies, "Sent apologies"),
];

async fn load(state: &AppState, Id(id): Id, format: Format) -> Result<PersonDetail, Failure> {
    let id = PersonId(id);
    state.read(format, move |s| s.person(id)).await
}

async fn person_page(State(state): State<AppState>, id: Id) -> Result<Markup, Failure> {
    let d = load(&state, id, Format::Html).await?;
    Ok(page(
        &d.person.name,
        html! {
            h1 { (d.person.name) }
            @if let Some(o) = &d.person.organisation { p class="meta" { (o) } }
            h2 { "Memberships" }
            @if d.memberships.is_empty() { p { "No membership is recorded." } } @else {
            ul {
                @for m in &d.memberships {
                    li {
                        a href={ "/bodies/" (m.body.0 .0) } { (m.body.1) }
                        @if let Some(role) = &m.role { ", " (role) }
                        @if let Some(party) = &m.party { " (" (party) ")" }
                        @if let Some(position) = &m.position { ", " (position) }
                    }
                }
            }
            }
            h2 { "Attendance" }
            @if d.attendance.is_empty() { p { "No attendance is recorded." } }
            @for (kind, heading) in KINDS {
                @let records: Vec<_> = d.attendance.iter().filter(|a| a.kind == kind).collect();
                @if !records.is_empty() {
                    h3 { (heading) ": " (records.len()) @if records.len() == 1 { " meeting" } @else { " meetings" } }
                    ul {
                        @for a in records {
                            li {
                                @if let Some(m) = &a.meeting { (meeting_link(m)) } @else { "Minutes not linked to a meeting" }
                                @if let Some(name) = &a.substitute_for { " (for " (name) ")" }
                            }
                        }
                    }
                }
            }
            h2 { "Names as printed" }
            ul {
                @for alias in &d.person.aliases {
                    li { (alias.name) " on " (alias.body) }
                }
            }
        },
    ))
}

async fn person_api(State(state): State<AppState>, id: Id) -> Result<Json<Value>, Failure> {
    let d = load(&state, id, Format::Json).await?;
    let names: Vec<Value> = d
        .person
        .aliases
        .iter()
        .map(|a| json!({ "name": a.name, "body": a.body, "reason": a.reason }))
        .collect();
    let memberships: Vec<Value> = d
        .memberships
        .iter()
        .map(|m| {
            json!({
                "body": { "id": m.body.0 .0, "name": m.body.1 },
                "role": m.role, "party": m.party, "position": m.position,
            })
        })
        .collect();
    let attendance: Vec<Value> = d
        .attendance
        .iter()
        .map(|a| {
            json!({
                "kind": a.kind.as_str(),
                "meeting": a.meeting.as_ref().map(meeting_json),
                "substitute_for": a.substitute_for,
            })
        })
        .collect();
    let counts: serde_json::Map<String, Value> = KINDS
        .iter()
        .map(|(kind, _)| (kind.as_str().to_owned(), json!(d.count(*kind))))
        .collect();
    Ok(Json(json!({
        "person": { "id": d.person.id.0, "name": d.person.name, "organisation": d.person.organisation },
        "names": names,
        "memberships": memberships,
        "counts": counts,
        "attendance": attendance,
    })))
}
