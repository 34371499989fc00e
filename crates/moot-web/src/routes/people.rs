//! `/people/{id}`: a person's printed names, memberships over time,
//! attendance rate with the meetings behind it, substitutions and
//! declarations. How attendance counts is decided in
//! `moot_store::attendance`; this page only shows it.

use super::meetings::{person_link, EXEMPT_DECLARATION};
use super::{
    fact_word, meeting_attendance_json, meeting_json, outcome_words, rate_json, rate_words,
    source_json, source_link,
};
use crate::error::{Failure, Format, Id};
use crate::html::{column_headers, meeting_link, page, scroll_table};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{
    by_person, counts_towards_rates, AttendanceEntry, AttendanceFact, AttendanceKind,
    PersonDeclaration, PersonDetail, PersonId, PersonMeetings,
};
use serde_json::{json, Value};

/// `/people/{id}` and `/api/people/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/people/{id}", get(person_page))
        .route("/api/people/{id}", get(person_api))
}

/// The attendance kinds the JSON counts records of.
const KINDS: [AttendanceKind; 3] = [
    AttendanceKind::Present,
    AttendanceKind::Substitute,
    AttendanceKind::Apologies,
];

async fn load(state: &AppState, Id(id): Id, format: Format) -> Result<PersonDetail, Failure> {
    let id = PersonId(id);
    let mut detail = state.read(format, move |s| s.person(id)).await?;
    for d in detail.declarations.iter_mut().filter(|d| d.exempt) {
        d.declaration.text = EXEMPT_DECLARATION.to_owned();
    }
    Ok(detail)
}

/// The person's counted meetings (none when they were expected nowhere).
fn counted(d: &PersonDetail) -> Option<PersonMeetings<'_>> {
    by_person(&d.attendance).into_iter().next()
}

/// Records that do not count: minutes not attached to a meeting, or a
/// meeting that is not counted.
fn not_counted(d: &PersonDetail) -> Vec<&AttendanceEntry> {
    d.attendance
        .iter()
        .filter(|a| !a.meeting.as_ref().is_some_and(counts_towards_rates))
        .collect()
}

/// Records of `fact`: substitutions made by them or for them.
fn with_fact(d: &PersonDetail, fact: AttendanceFact) -> Vec<&AttendanceEntry> {
    d.attendance.iter().filter(|a| a.fact == fact).collect()
}

fn memberships_markup(d: &PersonDetail) -> Markup {
    html! {
        h2 { "Memberships" }
        @if d.memberships.is_empty() { p { "No membership is recorded." } } @else {
            ul {
                @for m in &d.memberships {
                    li {
                        a href={ "/bodies/" (m.body.0 .0) } { (m.body.1) }
                        @if let Some(role) = &m.role { ", " (role) }
                        @if let Some(party) = &m.party { " (" (party) ")" }
                        @if let Some(position) = &m.position { ", " (position) }
                        @if !m.listed_for.is_empty() {
                            ". Listed in the packs for: "
                            @for (i, meeting) in m.listed_for.iter().enumerate() {
                                @if i > 0 { "; " } (meeting_link(meeting))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn attendance_markup(d: &PersonDetail) -> Markup {
    let counted = counted(d);
    let others = not_counted(d);
    html! {
        h2 { "Attendance" }
        p { "Meetings attended (present, or present as a substitute) out of the meetings with stored minutes at which they were recorded or expected. When a substitute stands in, the attendance is the substitute's: the member replaced counts as not attending." }
        @if let Some(person) = &counted {
            p { strong { "Attended: " (rate_words(person.rate())) } }
            (scroll_table("Meetings behind the rate", html! { table {
                caption class="meta" { "The meetings behind the rate, newest first" }
                (column_headers(&["Meeting", "Attendance", "Source"]))
                tbody {
                    @for m in &person.meetings {
                        tr {
                            td { (meeting_link(m.meeting)) }
                            td { (outcome_words(m)) }
                            td { @for r in &m.records { (source_link(&r.source)) " " } }
                        }
                    }
                }
            } }))
        } @else {
            p { "No attendance at a meeting with stored minutes is recorded." }
        }
        @if !others.is_empty() {
            h3 { "Not counted" }
            ul {
                @for a in others {
                    li {
                        @if let Some(m) = &a.meeting { (meeting_link(m)) } @else { "Minutes not linked to a meeting" }
                        ": " (fact_word(a.fact)) " – " (source_link(&a.source))
                    }
                }
            }
        }
    }
}

fn substitutions_markup(d: &PersonDetail) -> Markup {
    let made = with_fact(d, AttendanceFact::Recorded(AttendanceKind::Substitute));
    let received = with_fact(d, AttendanceFact::Replaced);
    let list = |entries: &[&AttendanceEntry], word: &str| {
        html! {
            ul {
                @for a in entries {
                    li {
                        @if let Some(m) = &a.meeting { (meeting_link(m)) } @else { "Minutes not linked to a meeting" }
                        @if let Some((p, name)) = &a.counterpart { ", " (word) " " (person_link(*p, name)) }
                        " – " (source_link(&a.source))
                    }
                }
            }
        }
    };
    html! {
        @if !made.is_empty() || !received.is_empty() {
            h2 { "Substitutions" }
            @if !made.is_empty() { h3 { "Substituted for a member" } (list(&made, "for")) }
            @if !received.is_empty() { h3 { "Replaced by a substitute" } (list(&received, "by")) }
        }
    }
}

fn declarations_markup(declarations: &[PersonDeclaration]) -> Markup {
    html! {
        @if !declarations.is_empty() {
            h2 { "Declarations of interest" }
            (scroll_table("Declarations of interest", html! { table {
                caption class="meta" { "Interests declared, newest meeting first" }
                (column_headers(&["Meeting", "Item", "Declaration", "Source"]))
                tbody {
                    @for d in declarations {
                        tr {
                            td { @if let Some(m) = &d.meeting { (meeting_link(m)) } }
                            td { (d.declaration.item.as_deref().unwrap_or("")) }
                            td { (d.declaration.text) }
                            td { (source_link(&d.declaration.source)) }
                        }
                    }
                }
            } }))
        }
    }
}

async fn person_page(State(state): State<AppState>, id: Id) -> Result<Markup, Failure> {
    let d = load(&state, id, Format::Html).await?;
    Ok(page(
        &d.person.name,
        html! {
            h1 { (d.person.name) }
            @if let Some(o) = &d.person.organisation { p class="meta" { (o) } }
            (memberships_markup(&d))
            (attendance_markup(&d))
            (substitutions_markup(&d))
            (declarations_markup(&d.declarations))
            h2 { "Names as printed" }
            ul {
                @for alias in &d.person.aliases {
                    li { (alias.name) " on " (alias.body) }
                }
            }
        },
    ))
}

fn entry_json(a: &AttendanceEntry) -> Value {
    json!({
        "kind": fact_word(a.fact),
        "meeting": a.meeting.as_ref().map(meeting_json),
        "counterpart": a.counterpart.as_ref().map(|(p, name)| json!({ "person": p.map(|p| p.0), "name": name })),
        "source": source_json(&a.source),
    })
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
            let listed: Vec<Value> = m.listed_for.iter().map(meeting_json).collect();
            json!({
                "body": { "id": m.body.0 .0, "name": m.body.1 },
                "role": m.role, "party": m.party, "position": m.position,
                "listed_for": listed,
            })
        })
        .collect();
    let counts: serde_json::Map<String, Value> = KINDS
        .iter()
        .map(|kind| (kind.as_str().to_owned(), json!(d.count(*kind))))
        .collect();
    let counted = counted(&d);
    let meetings: Vec<Value> = counted
        .iter()
        .flat_map(|p| p.meetings.iter().map(meeting_attendance_json))
        .collect();
    let rate = counted.as_ref().map(|p| rate_json(p.rate()));
    let entries =
        |fact| -> Vec<Value> { with_fact(&d, fact).into_iter().map(entry_json).collect() };
    let declarations: Vec<Value> = d
        .declarations
        .iter()
        .map(|x| {
            json!({
                "meeting": x.meeting.as_ref().map(meeting_json),
                "item": x.declaration.item,
                "text": x.declaration.text,
                "exempt": x.exempt,
                "source": source_json(&x.declaration.source),
            })
        })
        .collect();
    Ok(Json(json!({
        "person": { "id": d.person.id.0, "name": d.person.name, "organisation": d.person.organisation },
        "names": names,
        "memberships": memberships,
        "counts": counts,
        "rate": rate,
        "meetings": meetings,
        "not_counted": not_counted(&d).into_iter().map(entry_json).collect::<Vec<_>>(),
        "substitutions": {
            "substituted_for": entries(AttendanceFact::Recorded(AttendanceKind::Substitute)),
            "replaced_by": entries(AttendanceFact::Replaced),
        },
        "declarations": declarations,
        "attendance": d.attendance.iter().map(entry_json).collect::<Vec<_>>(),
    })))
}
