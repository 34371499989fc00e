//! `/bodies` (every committee and board) and `/bodies/{id}` (one body's
//! meetings, grouped by year, and members).

use super::{iso, meeting_json};
use crate::error::{Failure, Format, Id};
use crate::html::{date_markup, meeting_link, page, scroll_table};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{BodyId, BodyMember, BodyRecord, BodySummary, MeetingSummary, Store};
use serde_json::{json, Value};

/// `/bodies`, `/bodies/{id}` and their JSON twins.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bodies", get(list_page))
        .route("/api/bodies", get(list_api))
        .route("/bodies/{id}", get(body_page))
        .route("/api/bodies/{id}", get(body_api))
}

async fn list_page(State(state): State<AppState>) -> Result<Markup, Failure> {
    let bodies = state.read(Format::Html, |s| s.bodies()).await?;
    Ok(page(
        "Committees and boards",
        html! {
            h1 { "Committees and boards" }
            @if bodies.is_empty() {
                p { "No committees or boards have been imported yet." }
            } @else {
                (scroll_table("Committees and boards", html! { table {
                    caption class="meta" { "Every committee and board with stored meetings" }
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Council" } th scope="col" { "Meetings" } th scope="col" { "Latest meeting" } } }
                    tbody {
                        @for b in &bodies {
                            tr {
                                td { a href={ "/bodies/" (b.id.0) } { (b.name) } }
                                td { (b.organisation.as_deref().unwrap_or("")) }
                                td { (b.meetings) }
                                td { @if let Some(date) = b.latest { (date_markup(date)) } }
                            }
                        }
                    }
                } }))
            }
        },
    ))
}

fn body_json(b: &BodySummary) -> Value {
    json!({
        "id": b.id.0,
        "name": b.name,
        "organisation": b.organisation,
        "meetings": b.meetings,
        "latest": iso(b.latest),
        "url": format!("/bodies/{}", b.id.0),
        "api": format!("/api/bodies/{}", b.id.0),
    })
}

async fn list_api(State(state): State<AppState>) -> Result<Json<Value>, Failure> {
    let bodies = state.read(Format::Json, |s| s.bodies()).await?;
    let list: Vec<Value> = bodies.iter().map(body_json).collect();
    Ok(Json(json!({ "bodies": list })))
}

async fn load(state: &AppState, Id(id): Id, format: Format) -> Result<BodyRecord, Failure> {
    let id = BodyId(id);
    state.read(format, move |s| s.body(id)).await
}

/// Meetings grouped by year, newest year first (undated last).
fn by_year(meetings: &[MeetingSummary]) -> Vec<(Option<u16>, Vec<&MeetingSummary>)> {
    let mut groups: Vec<(Option<u16>, Vec<&MeetingSummary>)> = Vec::new();
    for m in meetings {
        let year = m.date.map(|d| d.year());
        match groups.last_mut() {
            Some((y, list)) if *y == year => list.push(m),
            _ => groups.push((year, vec![m])),
        }
    }
    groups
}

fn member_row(m: &BodyMember) -> Markup {
    html! {
        tr {
            td {
                @if let Some(p) = m.person { a href={ "/people/" (p.0) } { (m.name) } } @else { (m.name) }
            }
            td { (m.role.as_deref().unwrap_or("")) }
            td { (m.party.as_deref().or(m.position.as_deref()).unwrap_or("")) }
        }
    }
}

async fn body_page(State(state): State<AppState>, id: Id) -> Result<Markup, Failure> {
    let record = load(&state, id, Format::Html).await?;
    let b = &record.body;
    Ok(page(
        &b.name,
        html! {
            h1 { (b.name) }
            @if let Some(org) = &b.organisation { p class="meta" { (org) } }
            h2 { "Meetings" }
            p { a href=(super::feeds::calendar_path(b.id)) type="text/calendar" { "Add these meetings to your calendar (iCalendar)" } }
            @if record.meetings.is_empty() { p { "No meetings are stored." } }
            @for (year, meetings) in by_year(&record.meetings) {
                h3 { @if let Some(y) = year { (y) } @else { "Date not known" } }
                ul { @for m in meetings { li { (meeting_link(m)) } } }
            }
            h2 { "Members" }
            @if record.members.is_empty() {
                p { "No membership list is stored." }
            } @else {
                (scroll_table("Members", html! { table {
                    caption class="meta" { "Members as the latest membership list gives them" }
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Role" } th scope="col" { "Party or position" } } }
                    tbody { @for m in &record.members { (member_row(m)) } }
                } }))
            }
        },
    ))
}

async fn body_api(State(state): State<AppState>, id: Id) -> Result<Json<Value>, Failure> {
    let record = load(&state, id, Format::Json).await?;
    let meetings: Vec<Value> = record.meetings.iter().map(meeting_json).collect();
    let members: Vec<Value> = record
        .members
        .iter()
        .map(|m| {
            json!({
                "person": m.person.map(|p| p.0),
                "name": m.name,
                "role": m.role,
                "party": m.party,
                "position": m.position,
            })
        })
        .collect();
    Ok(Json(json!({
        "body": body_json(&record.body),
        "meetings": meetings,
        "members": members,
    })))
}
