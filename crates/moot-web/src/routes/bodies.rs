//! `/bodies` (every committee and board) and `/bodies/{id}` (one body's
//! meetings, grouped by year, members, chairs first and then by party, and
//! the attendance at its minuted meetings, also as
//! `/bodies/{id}/attendance.csv`).

use super::{
    csv_bytes, csv_download, iso, meeting_attendance_json, meeting_json, outcome_words, rate_json,
    rate_words, source_json, source_link, source_url,
};
use crate::error::{Failure, Format, Id};
use crate::html::{column_headers, date_markup, meeting_link, page, scroll_table, uk_date};
use crate::AppState;
use axum::extract::State;
use axum::response::{Json, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{
    by_person, BodyId, BodyMember, BodyRecord, BodySummary, IndicatorScope, MeetingSummary,
    PersonMeetings, Who,
};
use serde_json::{json, Value};

/// `/bodies`, `/bodies/{id}`, their JSON twins and the attendance CSV.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bodies", get(list_page))
        .route("/api/bodies", get(list_api))
        .route("/bodies/{id}", get(body_page))
        .route("/api/bodies/{id}", get(body_api))
        .route("/bodies/{id}/attendance.csv", get(attendance_csv))
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
            p { a href="/scorecard/exceptions" { "Exception report: every indicator rated Red" } }
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
    let mut record = state.read(format, move |s| s.body(id)).await?;
    record.members.sort_by_key(|m| {
        (
            role_rank(m.role.as_deref()),
            m.party.is_none(),
            m.party.clone(),
        )
    });
    Ok(record)
}

/// Where a role sorts: chairs first, then vice-chairs, then other roles,
/// then members without one.
fn role_rank(role: Option<&str>) -> u8 {
    match role.map(str::to_lowercase) {
        Some(role) if role.contains("vice") => 1,
        Some(role) if role.contains("chair") => 0,
        Some(_) => 2,
        None => 3,
    }
}

/// The attendance table: columns are the counted meetings, oldest first;
/// rows are the people recorded at them.
struct Attendance<'a> {
    meetings: Vec<&'a MeetingSummary>,
    people: Vec<PersonMeetings<'a>>,
}

fn attendance(record: &BodyRecord) -> Attendance<'_> {
    let people = by_person(&record.attendance);
    let mut meetings: Vec<&MeetingSummary> = people
        .iter()
        .flat_map(|p| p.meetings.iter().map(|m| m.meeting))
        .collect();
    meetings.sort_by_key(|m| (m.date.is_none(), m.date, m.id));
    meetings.dedup_by_key(|m| m.id);
    Attendance { meetings, people }
}

fn who_link(person: &PersonMeetings<'_>) -> Markup {
    html! {
        @match &person.who {
            Who::Person(id) => a href={ "/people/" (id.0) } { (person.name) },
            Who::Printed(name) => (name),
        }
    }
}

fn short_date(meeting: &MeetingSummary) -> String {
    meeting
        .date
        .map_or_else(|| "Date not known".to_owned(), uk_date)
}

fn attendance_markup(record: &BodyRecord) -> Markup {
    let table = attendance(record);
    html! {
        h2 { "Attendance" }
        @if table.people.is_empty() {
            p { "No minutes with attendance are stored for this body." }
        } @else {
            p { "Attendance as the stored minutes record it. A substitute's attendance counts as theirs; the member they replaced counts as not attending. Meetings without stored minutes are left out." }
            p { a href={ "/bodies/" (record.body.id.0) "/attendance.csv" } download { "Download attendance as CSV" } }
            (scroll_table("Attendance table", html! {
                table {
                    caption { "Attendance at meetings of " (record.body.name) " with stored minutes" }
                    thead {
                        tr {
                            th scope="col" { "Name" }
                            @for m in &table.meetings {
                                th scope="col" { a href={ "/meetings/" (m.id.0) } { (short_date(m)) } }
                            }
                            th scope="col" { "Attended" }
                        }
                    }
                    tbody {
                        @for person in &table.people {
                            tr {
                                th scope="row" { (who_link(person)) }
                                @for m in &table.meetings {
                                    td {
                                        @if let Some(at) = person.at(m.id) {
                                            a href=(source_url(&at.records[0].source)) { (outcome_words(at)) }
                                        } @else {
                                            span class="meta" { "Not recorded" }
                                        }
                                    }
                                }
                                td { (rate_words(person.rate())) }
                            }
                        }
                    }
                }
            }))
        }
    }
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
            td { (source_link(&m.source)) }
        }
    }
}

async fn body_page(State(state): State<AppState>, id: Id) -> Result<Markup, Failure> {
    let record = load(&state, id, Format::Html).await?;
    let b = &record.body;
    let body_id = b.id;
    let has_scorecard = state
        .read(Format::Html, move |s| {
            Ok(!s
                .indicator_histories(IndicatorScope::Body(body_id))?
                .is_empty())
        })
        .await?;
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
                    caption class="meta" { "Members as the latest membership list gives them: chairs first, then by party" }
                    (column_headers(&["Name", "Role", "Party or position", "Source"]))
                    tbody { @for m in &record.members { (member_row(m)) } }
                } }))
            }
            @if has_scorecard {
                h2 { "Performance" }
                p { a href={ "/bodies/" (b.id.0) "/scorecard" } { "Performance scorecard of " (b.name) } }
            }
            (attendance_markup(&record))
            p { a href={ "/decisions?body=" (b.id.0) } { "Decisions of " (b.name) } }
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
                "source": source_json(&m.source),
            })
        })
        .collect();
    let table = attendance(&record);
    let people: Vec<Value> = table
        .people
        .iter()
        .map(|p| {
            let at: Vec<Value> = p.meetings.iter().map(meeting_attendance_json).collect();
            json!({
                "person": match &p.who { Who::Person(id) => Some(id.0), Who::Printed(_) => None },
                "name": p.name,
                "rate": rate_json(p.rate()),
                "meetings": at,
            })
        })
        .collect();
    let columns: Vec<Value> = table.meetings.iter().map(|m| meeting_json(m)).collect();
    Ok(Json(json!({
        "body": body_json(&record.body),
        "meetings": meetings,
        "members": members,
        "attendance": { "meetings": columns, "people": people },
        "attendance_csv": format!("/bodies/{}/attendance.csv", record.body.id.0),
    })))
}

/// The columns of the attendance CSV: one row per person per meeting.
const ATTENDANCE_HEADER: [&str; 10] = [
    "person_id",
    "name",
    "meeting_id",
    "meeting_date",
    "outcome",
    "substitute_for",
    "substituted_by",
    "source_document",
    "source_first_line",
    "source_last_line",
];

async fn attendance_csv(State(state): State<AppState>, id: Id) -> Result<Response, Failure> {
    let record = load(&state, id, Format::Html).await?;
    let table = attendance(&record);
    let mut rows = Vec::new();
    for person in &table.people {
        let person_id = match &person.who {
            Who::Person(id) => id.0.to_string(),
            Who::Printed(_) => String::new(),
        };
        for m in &person.meetings {
            let (stood_in_for, stood_in_by) = super::counterparts(m);
            let name = |c: Option<&(Option<moot_store::PersonId>, String)>| {
                c.map(|(_, n)| n.clone()).unwrap_or_default()
            };
            let source = &m.records[0].source;
            rows.push([
                person_id.clone(),
                person.name.to_owned(),
                m.meeting.id.0.to_string(),
                m.meeting.date.map(|d| d.to_string()).unwrap_or_default(),
                m.outcome.as_str().to_owned(),
                name(stood_in_for),
                name(stood_in_by),
                source.document.0.to_string(),
                source.lines.first.to_string(),
                source.lines.last.to_string(),
            ]);
        }
    }
    let bytes =
        csv_bytes(ATTENDANCE_HEADER, rows).map_err(|e| Failure::internal(Format::Html, &e))?;
    let file_name = format!("attendance-body-{}.csv", record.body.id.0);
    Ok(csv_download(&file_name, bytes))
}
