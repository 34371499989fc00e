//! `/meetings/{id}`: a meeting's agenda (with each item's page range and
//! papers) and reports, the minutes recorded for it (attendance,
//! substitutes, declarations, minutes and resolutions, and a clerk's
//! corrections of confirmed minutes with the words they replaced), and links to the
//! same body's meetings either side. Every record links to its source
//! lines on the document page.
//!
//! Exempt (confidential) business is redacted in one place, [`redact`],
//! before either the page or the JSON is built: an exempt agenda item is
//! shown as "Exempt item" with its number only, and so are its reports
//! and the minutes and declarations that refer to it. A signed-in
//! account sees it all (`Audience::sees_exempt`), and its pages are
//! never cached (`session.rs`).

use super::clerk::agenda::packs;
use super::{documents, meeting_json, source_json, source_link};
use crate::auth::Viewer;
use crate::error::{Failure, Format, Id};
use crate::html::{column_headers, date_markup, meeting_link, meeting_name, page, scroll_table};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{
    AgendaEntry, AttendanceKind, Attendee, Audience, ExemptItems, MeetingDetail, MeetingId,
    MinuteCorrection, MinutesRecord, PersonId, ReportEntry,
};
use serde_json::{json, Value};

/// What the public sees instead of a confidential title.
pub(crate) const EXEMPT: &str = "Exempt item";

/// What the public sees instead of a declaration about exempt business.
pub(crate) const EXEMPT_DECLARATION: &str = "An interest in an exempt item.";

/// `/meetings/{id}` and `/api/meetings/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}", get(meeting_page))
        .route("/api/meetings/{id}", get(meeting_api))
}

async fn load(
    state: &AppState,
    Id(id): Id,
    viewer: &Viewer,
    format: Format,
) -> Result<MeetingDetail, Failure> {
    let id = MeetingId(id);
    let mut detail = state.read(format, move |s| s.meeting(id)).await?;
    redact(&mut detail, viewer.audience());
    Ok(detail)
}

/// Removes every confidential text, unless `audience` may read exempt
/// business: exempt agenda titles and reports, and the minutes and
/// declarations the exempt rule covers (about an exempt item, or printed
/// under the minutes' own exempt heading).
fn redact(detail: &mut MeetingDetail, audience: Audience) {
    if audience.sees_exempt() {
        return;
    }
    let exempt = ExemptItems::of(&detail.agenda);
    for item in &mut detail.agenda {
        if item.public_title().is_none() {
            item.title = EXEMPT.to_owned();
            item.decision = None;
        }
    }
    for report in &mut detail.reports {
        if report.public_subject().is_none() {
            report.subject = EXEMPT.to_owned();
            report.from = None;
            report.to = None;
            report.decision = None;
        }
    }
    for minutes in &mut detail.minutes {
        let withheld: Vec<bool> = minutes
            .declarations
            .iter()
            .map(|d| exempt.covers_declaration(d, &minutes.items))
            .collect();
        for (declaration, _) in minutes
            .declarations
            .iter_mut()
            .zip(withheld)
            .filter(|(_, withheld)| *withheld)
        {
            declaration.text = EXEMPT_DECLARATION.to_owned();
        }
        for item in minutes
            .items
            .iter_mut()
            .filter(|i| exempt.covers_minute(i.agenda_ref.as_deref(), i.exempt))
        {
            item.title = EXEMPT.to_owned();
            item.resolutions.clear();
            item.corrections.clear();
        }
    }
}

pub(crate) fn person_link(person: Option<PersonId>, name: &str) -> Markup {
    html! {
        @if let Some(p) = person { a href={ "/people/" (p.0) } { (name) } } @else { (name) }
    }
}

/// The reports that are the papers of `item`.
fn papers_of<'a>(item: &AgendaEntry, reports: &'a [ReportEntry]) -> Vec<&'a ReportEntry> {
    reports
        .iter()
        .filter(|r| item.number.is_some() && r.item == item.number)
        .collect()
}

fn agenda_markup(agenda: &[AgendaEntry], reports: &[ReportEntry]) -> Markup {
    html! {
        h2 { "Agenda" }
        @if agenda.is_empty() {
            p { "No agenda is stored for this meeting." }
        } @else {
            (scroll_table("Agenda", html! { table {
                caption class="meta" { "Agenda items in order, with their pages in the pack and their papers" }
                (column_headers(&["Item", "Title", "Pages", "Papers", "Source"]))
                tbody {
                    @for a in agenda {
                        tr {
                            td { (a.number.as_deref().unwrap_or("")) }
                            td { (a.title) }
                            td { @if let Some((first, last)) = a.pages { (first) "–" (last) } }
                            td {
                                @for r in papers_of(a, reports) {
                                    a href=(super::source_url(&r.source)) { "Report: " (r.subject) } br;
                                }
                            }
                            td { (source_link(&a.source)) }
                        }
                    }
                }
            } }))
        }
    }
}

fn reports_markup(reports: &[ReportEntry]) -> Markup {
    html! {
        @if !reports.is_empty() {
            h2 { "Reports" }
            (scroll_table("Reports", html! { table {
                caption class="meta" { "Reports in the pack, in order" }
                (column_headers(&["Subject", "Agenda item", "From", "Decision", "Source"]))
                tbody {
                    @for r in reports {
                        tr {
                            td { (r.subject) }
                            td { (r.item.as_deref().unwrap_or("")) }
                            td { (r.from.as_deref().unwrap_or("")) }
                            td { (r.decision.as_deref().unwrap_or("")) }
                            td { (source_link(&r.source)) }
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
                        " – " (source_link(&a.source))
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
        p { "Minutes read from " (source_link(&minutes.source)) " of the pack." }
        h3 { "Attendance" }
        (people_list("Present", &of(AttendanceKind::Present)))
        (people_list("Substitutes", &of(AttendanceKind::Substitute)))
        (people_list("Apologies", &of(AttendanceKind::Apologies)))
        @if !minutes.declarations.is_empty() {
            h3 { "Declarations of interest" }
            ul {
                @for d in &minutes.declarations {
                    li { (person_link(d.person, &d.name)) ": " (d.text) " – " (source_link(&d.source)) }
                }
            }
        }
        @if !minutes.items.is_empty() {
            h3 { "Minutes" }
            @for item in &minutes.items {
                h4 { @if let Some(n) = &item.number { (n) ". " } (item.title) }
                p class="meta" { "Source: " (source_link(&item.source)) }
                @if !item.resolutions.is_empty() {
                    p { "Resolved:" }
                    ul { @for r in &item.resolutions { li { (r) } } }
                }
                (corrections_markup(&item.corrections))
            }
        }
    }
}

async fn meeting_page(
    State(state): State<AppState>,
    viewer: Viewer,
    id: Id,
) -> Result<Markup, Failure> {
    let d = load(&state, id, &viewer, Format::Html).await?;
    let m = &d.meeting;
    let pack_links = packs::links(&state, m.id, viewer.audience(), Format::Html).await?;
    Ok(page(
        &meeting_name(m),
        html! {
            h1 { (meeting_name(m)) }
            dl {
                dt { "Date" } dd { @if let Some(date) = m.date { (date_markup(date)) } @else { "Not known" } }
                @if let Some(t) = m.time { dt { "Time" } dd { (t.in_words()) } }
                @if let Some(v) = &d.venue { dt { "Venue" } dd { (v) } }
                @if let Some((id, name)) = &m.body { dt { "Body" } dd { a href={ "/bodies/" (id.0) } { (name) } } }
                @if let Some(o) = &d.organisation { dt { "Council" } dd { (o) } }
            }
            @if let Some(links) = &pack_links { h2 { "Agenda packs" } (packs::links_markup(links)) }
            (agenda_markup(&d.agenda, &d.reports))
            (reports_markup(&d.reports))
            h2 { "Minutes of this meeting" }
            @if d.minutes.is_empty() { p { "No minutes of this meeting are stored yet." } }
            @for minutes in &d.minutes { (minutes_markup(minutes)) }
            (documents::issued_packs_markup(&d.packs))
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

fn person_json(person: Option<PersonId>, name: &str) -> Value {
    json!({ "person": person.map(|p| p.0), "name": name })
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
                "substitute_for": a.substitute_for.as_ref().map(|(p, name)| person_json(*p, name)),
                "source": source_json(&a.source),
            })
        })
        .collect();
    let declarations: Vec<Value> = minutes
        .declarations
        .iter()
        .map(|d| {
            json!({
                "person": d.person.map(|p| p.0), "name": d.name, "item": d.item, "text": d.text,
                "source": source_json(&d.source),
            })
        })
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
                "corrections": corrections_json(&i.corrections),
                "source": source_json(&i.source),
            })
        })
        .collect();
    json!({
        "attendance": attendance, "declarations": declarations, "items": items,
        "source": source_json(&minutes.source),
    })
}

/// A corrected minute's corrections (already redacted): each one's day in
/// UK style and reason, with the words it replaced behind a disclosure.
fn corrections_markup(corrections: &[MinuteCorrection]) -> Markup {
    html! {
        @for c in corrections {
            div class="correction" {
                p { strong { "Corrected on " (date_markup(c.corrected_on)) ": " } (c.reason) }
                details {
                    summary { "The words before this correction (version " (c.version) ")" }
                    p { strong { (c.title) } }
                    @for line in c.text.lines().filter(|l| !l.trim().is_empty()) { p { (line) } }
                    @if !c.resolutions.is_empty() {
                        p { "Resolved:" }
                        ul { @for r in &c.resolutions { li { (r) } } }
                    }
                }
            }
        }
    }
}

/// A minute's corrections for JSON, dates ISO.
fn corrections_json(corrections: &[MinuteCorrection]) -> Value {
    corrections
        .iter()
        .map(|c| {
            json!({
                "version": c.version,
                "corrected_on": c.corrected_on.to_string(),
                "reason": c.reason,
                "before": { "title": c.title, "text": c.text, "resolutions": c.resolutions },
            })
        })
        .collect()
}

/// A report for JSON (already redacted).
pub(crate) fn report_json(r: &ReportEntry) -> Value {
    json!({
        "subject": r.subject,
        "from": r.from,
        "to": r.to,
        "classification": r.classification,
        "decision": r.decision,
        "item": r.item,
        "exempt": r.exempt,
        "source": source_json(&r.source),
    })
}

async fn meeting_api(
    State(state): State<AppState>,
    viewer: Viewer,
    id: Id,
) -> Result<Json<Value>, Failure> {
    let d = load(&state, id, &viewer, Format::Json).await?;
    let pack_links = packs::links(&state, d.meeting.id, viewer.audience(), Format::Json).await?;
    let agenda: Vec<Value> = d
        .agenda
        .iter()
        .map(|a| {
            let papers: Vec<Value> = papers_of(a, &d.reports)
                .into_iter()
                .map(report_json)
                .collect();
            json!({
                "number": a.number,
                "title": a.title,
                "pages": a.pages.map(|(first, last)| json!({ "first": first, "last": last })),
                "exempt": a.exempt,
                "decision": a.decision,
                "papers": papers,
                "source": source_json(&a.source),
            })
        })
        .collect();
    let minutes: Vec<Value> = d.minutes.iter().map(minutes_json).collect();
    let reports: Vec<Value> = d.reports.iter().map(report_json).collect();
    let mut meeting = meeting_json(&d.meeting);
    if let Some(object) = meeting.as_object_mut() {
        object.insert("organisation".into(), json!(d.organisation));
        object.insert("venue".into(), json!(d.venue));
    }
    Ok(Json(json!({
        "meeting": meeting,
        "agenda": agenda,
        "reports": reports,
        "minutes": minutes,
        "previous": d.previous.as_ref().map(meeting_json),
        "next": d.next.as_ref().map(meeting_json),
        "packs": pack_links.as_ref().map(packs::PackLinks::json),
        "documents": documents::issued_packs_json(&d.packs),
    })))
}
