//! `/meetings/{id}`: a meeting as one readable record. Breadcrumbs, a
//! contents list, the agenda (each item's page range, papers, minutes and
//! item page), the reports, and the minutes recorded for it: whether
//! confirmed, attendance (in the chair, present, substitutes as "X for
//! Y", apologies, also present), declarations linked to their item, and
//! each minute's full text (`record.rs`, `minute_text.rs`) with its
//! resolutions set apart, a clerk's corrections with the words they
//! replaced; then the body's meetings either side. Each record has one
//! quiet link to its source lines on the document page.
//!
//! Exempt (confidential) business is redacted in one place, [`redact`],
//! before either the page or the JSON is built: an exempt agenda item is
//! shown as "Exempt item" with its number only, and so are its reports
//! and the minutes and declarations that refer to it. A signed-in
//! account sees it all (`Audience::sees_exempt`), and its pages are
//! never cached (`session.rs`).

use super::clerk::agenda::packs;
use super::record::{self, Confirmation, ItemKey, Record};
use super::{documents, meeting_json, quiet_source, source_json};
use crate::auth::Viewer;
use crate::error::{Failure, Format, Id};
use crate::html::{
    breadcrumbs, column_headers, date_markup, meeting_link, meeting_name, meeting_trail, page,
    scroll_table, uk_date,
};
use crate::minute_text::{opens_resolution, Block, ListItem};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{
    AttendanceKind, Attendee, Audience, DeclarationEntry, ExemptItems, MeetingDetail, MeetingId,
    MinuteCorrection, MinuteEntry, PersonId, ReportEntry,
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
) -> Result<Record, Failure> {
    let id = MeetingId(id);
    let audience = viewer.audience();
    state
        .read(format, move |s| record::read(s, id, audience))
        .await
}

/// Removes every confidential text, unless `audience` may read exempt
/// business: exempt agenda titles and reports, and the minutes and
/// declarations the exempt rule covers (about an exempt item, or printed
/// under the minutes' own exempt heading).
pub(crate) fn redact(detail: &mut MeetingDetail, audience: Audience) {
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

fn agenda_markup(r: &Record) -> Markup {
    let meeting = r.detail.meeting.id;
    let minutes = r.minutes();
    html! {
        h2 id="agenda" { "Agenda" }
        @if r.detail.agenda.is_empty() {
            p { "No agenda is stored for this meeting." }
        } @else {
            (scroll_table("Agenda", html! { table {
                caption class="meta" { "Agenda items in order, with their pages in the pack, their papers and their minutes" }
                (column_headers(&["Item", "Title", "Pages", "Papers", "Minutes", "Source"]))
                tbody {
                    @for (at, a) in r.detail.agenda.iter().enumerate() {
                        tr id={ "agenda-" (at + 1) } {
                            td { (a.number.as_deref().unwrap_or("")) }
                            td { a href=(ItemKey::Agenda(at).url(meeting)) { (a.title) } }
                            td { @if let Some((first, last)) = a.pages { (first) "–" (last) } }
                            td {
                                @for p in r.papers_of(at) {
                                    a href=(super::source_url(&p.source)) { "Report: " (p.subject) } br;
                                }
                            }
                            td {
                                @for k in r.minutes_of(at) {
                                    a href={ "#minute-" (k + 1) } { "Minute " (minutes[k].1.number.as_deref().unwrap_or("")) } br;
                                }
                            }
                            td { (quiet_source(&a.source, &format!("agenda item {}", a.number.as_deref().unwrap_or("")))) }
                        }
                    }
                }
            } }))
        }
    }
}

/// The contents list at the top: the agenda's items, else the minutes.
fn contents_markup(r: &Record) -> Markup {
    let minutes = r.minutes();
    html! {
        @if !r.detail.agenda.is_empty() || !minutes.is_empty() {
            nav aria-labelledby="contents" {
                h2 id="contents" { "Contents" }
                ol {
                    @if r.detail.agenda.is_empty() {
                        @for (k, (_, m, _)) in minutes.iter().enumerate() {
                            li { a href={ "#minute-" (k + 1) } { (numbered(m.number.as_deref(), &m.title)) } }
                        }
                    } @else {
                        @for (at, a) in r.detail.agenda.iter().enumerate() {
                            li { a href={ "#agenda-" (at + 1) } { (numbered(a.number.as_deref(), &a.title)) } }
                        }
                    }
                    @if !minutes.is_empty() { li { a href="#minutes" { "Minutes of this meeting" } } }
                }
            }
        }
    }
}

/// "17. Title", or the title alone.
pub(crate) fn numbered(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) => format!("{n}. {title}"),
        None => title.to_owned(),
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
                            td { (quiet_source(&r.source, "the report")) }
                        }
                    }
                }
            } }))
        }
    }
}

/// An attendee as a name, a substitute as "X for Y".
fn attendee_markup(a: &Attendee) -> Markup {
    html! {
        (person_link(a.person, &a.name))
        @if let Some((for_person, for_name)) = &a.substitute_for {
            " for " (person_link(*for_person, for_name))
        }
    }
}

fn people_list(heading: &str, people: &[&Attendee]) -> Markup {
    html! {
        @if !people.is_empty() {
            h4 { (heading) }
            ul { @for a in people { li { (attendee_markup(a)) } } }
        }
    }
}

/// Whether the minutes are confirmed, in words.
pub(crate) fn confirmation_markup(c: &Confirmation) -> Markup {
    html! {
        @match c {
            Confirmation::NoMinutes => {},
            Confirmation::Draft => p class="status" { "Draft: not yet confirmed" },
            Confirmation::Confirmed(day, at) => p class="status" {
                "Confirmed at the meeting of "
                @if let Some(m) = at { a href={ "/meetings/" (m.id.0) } { (uk_date(*day)) } } @else { (uk_date(*day)) }
            },
        }
    }
}

/// A declaration's item as a link to its item page, where the agenda has
/// it.
fn declaration_item(r: &Record, d: &DeclarationEntry) -> Markup {
    html! {
        @if let Some(number) = &d.item {
            " (item "
            @if let Some(at) = r.agenda_numbered(number) {
                a href=(ItemKey::Agenda(at).url(r.detail.meeting.id)) { (number) }
            } @else { (number) }
            ")"
        }
    }
}

/// One minute: its heading, links to its agenda item and page, its text
/// with its resolutions set apart, and one quiet source link.
pub(crate) fn minute_markup(
    r: &Record,
    k: usize,
    m: &MinuteEntry,
    text: Option<&Vec<Block>>,
    heading_level: u8,
) -> Markup {
    let meeting = r.detail.meeting.id;
    let title = numbered(m.number.as_deref(), &m.title);
    let heading = html! { (title) };
    html! {
        section id={ "minute-" (k + 1) } aria-label=(title) {
            @if heading_level == 4 { h4 { (heading) } } @else { h2 { (heading) } }
            p class="meta" {
                @if let Some(at) = r.agenda_of(m) {
                    a href={ "/meetings/" (meeting.0) "#agenda-" (at + 1) } { "Agenda item " (m.agenda_ref.as_deref().unwrap_or("")) }
                    " · "
                }
                @if heading_level == 4 { a href=(ItemKey::Minute(k).url(meeting)) { "Minute page" } " · " }
                (quiet_source(&m.source, &format!("minute {}", m.number.as_deref().unwrap_or(""))))
            }
            @match text {
                Some(blocks) => {
                    (blocks_markup(blocks, &title))
                    @if !blocks.iter().any(has_resolution) && !m.resolutions.is_empty() {
                        div class="resolution" { @for res in &m.resolutions { p { (resolution_words(res)) } } }
                    }
                },
                None => p { "The text of this minute is exempt and not shown." },
            }
            (corrections_markup(&m.corrections))
        }
    }
}

/// A resolution as printed, opened with "RESOLVED:" only when the print
/// does not open so already.
fn resolution_words(text: &str) -> String {
    if opens_resolution(text) {
        text.to_owned()
    } else {
        format!("RESOLVED: {text}")
    }
}

fn has_resolution(block: &Block) -> bool {
    match block {
        Block::Resolution(_) => true,
        Block::List(items) => items.iter().any(item_has_resolution),
        _ => false,
    }
}

fn item_has_resolution(item: &ListItem) -> bool {
    item.resolution || item.children.iter().any(item_has_resolution)
}

/// A minute's text: paragraphs, lists with their marks, tables, and
/// resolutions in their own block.
/// `label` names the minute, so each table's scrolling region has a name
/// of its own.
pub(crate) fn blocks_markup(blocks: &[Block], label: &str) -> Markup {
    html! {
        @for (at, block) in blocks.iter().enumerate() {
            @match block {
                Block::Paragraph(text) => p { (text) },
                Block::List(items) => (list_markup(items)),
                Block::Table(rows) => (scroll_table(&format!("Table {} of {label}", at + 1), html! {
                    table { tbody { @for row in rows { tr { @for cell in row { td { (cell) } } } } } }
                })),
                Block::Resolution(inner) => div class="resolution" { (blocks_markup(inner, &format!("{label}, resolution {}", at + 1))) },
            }
        }
    }
}

fn list_markup(items: &[ListItem]) -> Markup {
    html! {
        ul {
            @for item in items {
                li {
                    @if item.resolution {
                        div class="resolution" { (item.text) @if !item.children.is_empty() { (list_markup(&item.children)) } }
                    } @else {
                        (item.text)
                        @if !item.children.is_empty() { (list_markup(&item.children)) }
                    }
                }
            }
        }
    }
}

fn minutes_markup(r: &Record, set_at: usize, first_minute: usize) -> Markup {
    let minutes = &r.detail.minutes[set_at];
    let facts = &r.sets[set_at];
    let of = |kind: AttendanceKind| -> Vec<&Attendee> {
        minutes
            .attendance
            .iter()
            .filter(|a| a.kind == kind)
            .collect()
    };
    let all = r.minutes();
    html! {
        h3 { "Attendance" }
        p class="meta" { (quiet_source(&minutes.source, "the minutes")) }
        @if let Some(chair) = &facts.chair {
            h4 { "In the chair" }
            p {
                @match minutes.attendance.iter().find(|a| &a.name == chair) {
                    Some(a) => (person_link(a.person, &a.name)),
                    None => (chair),
                }
            }
        }
        (people_list("Present", &of(AttendanceKind::Present)))
        (people_list("Substitutes", &of(AttendanceKind::Substitute)))
        (people_list("Apologies", &of(AttendanceKind::Apologies)))
        @if let Some(also) = &facts.also_present {
            h4 { "Also present" }
            p { (also) }
        }
        @if !minutes.declarations.is_empty() {
            h3 { "Declarations of interest" }
            ul {
                @for d in &minutes.declarations {
                    li {
                        (person_link(d.person, &d.name)) (declaration_item(r, d)) ": " (d.text) " "
                        (quiet_source(&d.source, &format!("the declaration by {}", d.name)))
                    }
                }
            }
        }
        @if !minutes.items.is_empty() {
            h3 { "Minutes" }
            @for k in first_minute..first_minute + minutes.items.len() {
                @if let Some((_, m, text)) = all.get(k) { (minute_markup(r, k, m, *text, 4)) }
            }
        }
    }
}

/// The body's meetings either side, as labelled navigation.
pub(crate) fn neighbours_markup(d: &MeetingDetail) -> Markup {
    html! {
        @if d.previous.is_some() || d.next.is_some() {
            nav aria-label="Other meetings of this body" {
                h2 { "Other meetings of this body" }
                ul {
                    @if let Some(p) = &d.previous { li { "Previous meeting: " (meeting_link(p)) } }
                    @if let Some(n) = &d.next { li { "Next meeting: " (meeting_link(n)) } }
                }
            }
        }
    }
}

async fn meeting_page(
    State(state): State<AppState>,
    viewer: Viewer,
    id: Id,
) -> Result<Markup, Failure> {
    let r = load(&state, id, &viewer, Format::Html).await?;
    let d = &r.detail;
    let m = &d.meeting;
    let pack_links = packs::links(&state, m.id, viewer.audience(), Format::Html).await?;
    let offsets: Vec<usize> = d
        .minutes
        .iter()
        .scan(0, |next, set| {
            let at = *next;
            *next += set.items.len();
            Some(at)
        })
        .collect();
    Ok(page(
        &meeting_name(m),
        html! {
            (breadcrumbs(&meeting_trail(m), &meeting_name(m)))
            h1 { (meeting_name(m)) }
            dl class="summary" {
                dt { "Date" } dd { @if let Some(date) = m.date { (date_markup(date)) } @else { "Not known" } }
                @if let Some(t) = m.time { dt { "Time" } dd { (t.in_words()) } }
                @if let Some(v) = &d.venue { dt { "Venue" } dd { (v) } }
                @if let Some((id, name)) = &m.body { dt { "Body" } dd { a href={ "/bodies/" (id.0) } { (name) } } }
                @if let Some(o) = &d.organisation { dt { "Council" } dd { (o) } }
            }
            (contents_markup(&r))
            @if let Some(links) = &pack_links { h2 { "Agenda packs" } (packs::links_markup(links)) }
            (agenda_markup(&r))
            (reports_markup(&d.reports))
            h2 id="minutes" { "Minutes of this meeting" }
            @if d.minutes.is_empty() { p { "No minutes of this meeting are stored yet." } }
            (confirmation_markup(&r.confirmation))
            @for (at, first_minute) in offsets.iter().enumerate() {
                (minutes_markup(&r, at, *first_minute))
            }
            (documents::issued_packs_markup(&d.packs))
            (neighbours_markup(d))
        },
    ))
}

fn person_json(person: Option<PersonId>, name: &str) -> Value {
    json!({ "person": person.map(|p| p.0), "name": name })
}

/// A declaration for JSON (already redacted), with its item's page.
pub(crate) fn declaration_json(r: &Record, d: &DeclarationEntry) -> Value {
    let item = d
        .item
        .as_deref()
        .and_then(|n| r.agenda_numbered(n))
        .map(|at| ItemKey::Agenda(at).url(r.detail.meeting.id));
    json!({
        "person": d.person.map(|p| p.0), "name": d.name, "item": d.item, "text": d.text,
        "item_url": item,
        "source": source_json(&d.source),
    })
}

/// A minute for JSON: its records, its page and its text as blocks
/// (`null` when the exempt rule withholds it).
pub(crate) fn minute_json(
    r: &Record,
    k: usize,
    i: &MinuteEntry,
    text: Option<&Vec<Block>>,
) -> Value {
    let meeting = r.detail.meeting.id;
    json!({
        "id": ItemKey::Minute(k).id(meeting),
        "url": ItemKey::Minute(k).url(meeting),
        "number": i.number,
        "title": i.title,
        "agenda_ref": i.agenda_ref,
        "agenda_item": r.agenda_of(i).map(|at| ItemKey::Agenda(at).url(meeting)),
        "resolved": i.resolved,
        "resolutions": i.resolutions,
        "text": text.map(|b| blocks_json(b)),
        "corrections": corrections_json(&i.corrections),
        "source": source_json(&i.source),
    })
}

/// A minute's text for JSON: each block with its kind.
fn blocks_json(blocks: &[Block]) -> Value {
    fn list_json(items: &[ListItem]) -> Value {
        items
            .iter()
            .map(|i| json!({ "text": i.text, "resolution": i.resolution, "items": list_json(&i.children) }))
            .collect()
    }
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(text) => json!({ "kind": "paragraph", "text": text }),
            Block::List(list) => json!({ "kind": "list", "items": list_json(list) }),
            Block::Table(rows) => json!({ "kind": "table", "rows": rows }),
            Block::Resolution(inner) => {
                json!({ "kind": "resolution", "blocks": blocks_json(inner) })
            }
        })
        .collect()
}

/// Whether the minutes are confirmed, for JSON.
pub(crate) fn confirmation_json(c: &Confirmation) -> Value {
    match c {
        Confirmation::NoMinutes => json!({ "status": "none", "date": null, "meeting": null }),
        Confirmation::Draft => json!({ "status": "draft", "date": null, "meeting": null }),
        Confirmation::Confirmed(day, at) => json!({
            "status": "confirmed",
            "date": day.to_string(),
            "meeting": at.as_ref().map(meeting_json),
        }),
    }
}

fn minutes_json(r: &Record, set_at: usize, first_minute: usize) -> Value {
    let minutes = &r.detail.minutes[set_at];
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
        .map(|d| declaration_json(r, d))
        .collect();
    let all = r.minutes();
    let items: Vec<Value> = (first_minute..first_minute + minutes.items.len())
        .filter_map(|k| all.get(k).map(|(_, m, text)| minute_json(r, k, m, *text)))
        .collect();
    let facts = &r.sets[set_at];
    json!({
        "attendance": attendance, "declarations": declarations, "items": items,
        "chair": facts.chair, "also_present": facts.also_present,
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
    let r = load(&state, id, &viewer, Format::Json).await?;
    let d = &r.detail;
    let pack_links = packs::links(&state, d.meeting.id, viewer.audience(), Format::Json).await?;
    let agenda: Vec<Value> = (0..d.agenda.len()).map(|at| agenda_json(&r, at)).collect();
    let mut first_minute = 0;
    let mut minutes = Vec::new();
    for (at, set) in d.minutes.iter().enumerate() {
        minutes.push(minutes_json(&r, at, first_minute));
        first_minute += set.items.len();
    }
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
        "confirmation": confirmation_json(&r.confirmation),
        "previous": d.previous.as_ref().map(meeting_json),
        "next": d.next.as_ref().map(meeting_json),
        "packs": pack_links.as_ref().map(packs::PackLinks::json),
        "documents": documents::issued_packs_json(&d.packs),
    })))
}

/// Agenda item `at` for JSON, with its papers, minutes and page.
pub(crate) fn agenda_json(r: &Record, at: usize) -> Value {
    let a = &r.detail.agenda[at];
    let meeting = r.detail.meeting.id;
    let papers: Vec<Value> = r.papers_of(at).into_iter().map(report_json).collect();
    let minutes: Vec<String> = r
        .minutes_of(at)
        .into_iter()
        .map(|k| ItemKey::Minute(k).url(meeting))
        .collect();
    json!({
        "id": ItemKey::Agenda(at).id(meeting),
        "url": ItemKey::Agenda(at).url(meeting),
        "number": a.number,
        "title": a.title,
        "pages": a.pages.map(|(first, last)| json!({ "first": first, "last": last })),
        "exempt": a.exempt,
        "decision": a.decision,
        "papers": papers,
        "minutes": minutes,
        "source": source_json(&a.source),
    })
}
