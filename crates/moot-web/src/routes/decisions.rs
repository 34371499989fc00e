//! `/decisions`: the decisions register. Every decision number with what
//! was decided (the record of decision's words, else the report's
//! recommendation, `moot_store::report_decision`), who takes it, its date
//! and status (proposed, taken, called in where stated:
//! `moot_store::decision_status`, a future meeting's decision is
//! proposed), key decision where stated, its report, item and meeting;
//! and every public resolution of the committees' minutes. Newest meeting
//! first; filters by body (`?body=ID`), date (`from`, `to`) and status;
//! also as `/decisions.csv` and JSON.
//!
//! A report's subject shows only when the report is public
//! (`ReportEntry::public_subject`); a number carried only by exempt
//! business (`moot_store::decision_is_public`) is not listed for the
//! public at all, and its lines are withheld on the document page; a
//! signed-in member sees it marked "Exempt information".

use super::meetings::redact;
use super::record::{self, ItemKey};
use super::{csv_bytes, csv_download, iso, meeting_json, quiet_source, source_json};
use crate::auth::Viewer;
use crate::error::{Failure, Format};
use crate::forms::iso_date;
use crate::html::{breadcrumbs, column_headers, meeting_link, page, scroll_table, uk_date};
use crate::query_string::pairs;
use crate::AppState;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Json, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::{Date, Lines};
use moot_store::{
    decision_status, report_decision, Audience, BodyId, BodySummary, DecisionEntry, DecisionStatus,
    DocumentId, DocumentRecord, ExemptItems, MeetingDetail, MeetingId, MeetingSummary,
    ReportDecision, Source, Store, StoreError,
};
use serde_json::{json, Value};
use std::collections::HashMap;

/// `/decisions`, `/api/decisions` and `/decisions.csv`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/decisions", get(register_page))
        .route("/api/decisions", get(register_api))
        .route("/decisions.csv", get(register_csv))
}

/// What the register was asked for.
#[derive(Debug, Clone, Copy, Default)]
struct Filter {
    body: Option<BodyId>,
    from: Option<Date>,
    to: Option<Date>,
    status: Option<DecisionStatus>,
}

impl Filter {
    /// The query string that asks for this filter again (for the CSV link).
    fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(b) = self.body {
            parts.push(format!("body={}", b.0));
        }
        if let Some(d) = self.from {
            parts.push(format!("from={d}"));
        }
        if let Some(d) = self.to {
            parts.push(format!("to={d}"));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str().replace(' ', "-")));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    fn keeps(&self, entry: &Entry) -> bool {
        let dated = |bound: Option<Date>, ok: fn(Date, Date) -> bool| {
            bound.is_none_or(|b| entry.date.is_some_and(|d| ok(d, b)))
        };
        dated(self.from, |d, b| d >= b)
            && dated(self.to, |d, b| d <= b)
            && self.status.is_none_or(|s| entry.status == s)
    }
}

/// Whether an entry is a numbered decision or a committee's resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Number,
    Resolution,
}

/// One row of the register.
struct Entry {
    kind: Kind,
    number: Option<String>,
    text: Option<String>,
    maker: Option<String>,
    date: Option<Date>,
    status: DecisionStatus,
    key: Option<bool>,
    organisation: Option<String>,
    meeting: Option<MeetingSummary>,
    report: Option<String>,
    item: Option<String>,
    exempt: bool,
    source: Source,
}

/// The register as asked for.
struct Register {
    filter: Filter,
    body: Option<BodySummary>,
    bodies: Vec<BodySummary>,
    decisions: Vec<Entry>,
    resolutions: Vec<Entry>,
}

/// A 400 for a query the register cannot read.
fn bad(format: Format, what: &str) -> Failure {
    Failure::bad_request(
        format,
        &format!("The {what} in this address is not one the register can read."),
    )
}

/// The filter of a query string: `body` (an id), `from` and `to` (ISO
/// dates, or GOV.UK's three fields `from-day`, `from-month`, `from-year`),
/// `status` (`proposed`, `taken`, `called-in`). Empty values are no filter;
/// anything unreadable is 400.
fn filter_of(uri: &Uri, format: Format) -> Result<Filter, Failure> {
    let Some(query) = uri.query() else {
        return Ok(Filter::default());
    };
    let pairs = pairs(query).ok_or_else(|| bad(format, "query"))?;
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
    };
    let mut filter = Filter::default();
    if let Some(body) = value("body") {
        filter.body = Some(
            body.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| body.parse::<i64>().ok())
                .flatten()
                .filter(|id| *id > 0)
                .map(BodyId)
                .ok_or_else(|| {
                    Failure::bad_request(format, "The body in this address is not a number.")
                })?,
        );
    }
    let date = |name: &str| -> Result<Option<Date>, Failure> {
        if let Some(iso) = value(name) {
            return iso_date(&iso).map(Some).ok_or_else(|| bad(format, "date"));
        }
        let parts = ["day", "month", "year"].map(|p| value(&format!("{name}-{p}")));
        match parts {
            [None, None, None] => Ok(None),
            [Some(d), Some(m), Some(y)] => {
                let n = |t: &str| t.parse::<u16>().ok();
                let (d, m, y) = (n(d.as_str()), n(m.as_str()), n(y.as_str()));
                match (d, m, y) {
                    (Some(d), Some(m), Some(y)) if y >= 1000 => Date::new(
                        y,
                        u8::try_from(m).unwrap_or(0),
                        u8::try_from(d).unwrap_or(0),
                    )
                    .map(Some)
                    .ok_or_else(|| bad(format, "date")),
                    _ => Err(bad(format, "date")),
                }
            }
            _ => Err(bad(format, "date")),
        }
    };
    filter.from = date("from")?;
    filter.to = date("to")?;
    if let Some(status) = value("status") {
        filter.status = Some(DecisionStatus::parse(&status).ok_or_else(|| bad(format, "status"))?);
    }
    Ok(filter)
}

/// The public lines of a report: from its header to the line before the
/// next report or set of minutes in its document (at most 200 lines).
fn report_lines(doc: &DocumentRecord, detail: &MeetingDetail, first: u32) -> Vec<String> {
    let next = detail
        .reports
        .iter()
        .filter(|r| r.source.document == doc.id)
        .map(|r| r.source.lines.first)
        .chain(
            detail
                .minutes
                .iter()
                .filter(|m| m.source.document == doc.id)
                .map(|m| m.source.lines.first),
        )
        .filter(|l| *l > first)
        .min();
    let last = next.map_or(first + 200, |n| n - 1).min(first + 200);
    record::readable_lines(doc, Audience::Public, Lines::span(first, last))
}

/// Reads the register: numbered decisions with what their reports state,
/// and every public resolution of the meetings in scope.
fn read<S: Store + ?Sized>(
    s: &S,
    filter: Filter,
    sees_exempt: bool,
    today: Option<Date>,
) -> Result<Register, StoreError> {
    let bodies = s.bodies()?;
    let body = match filter.body {
        Some(id) => Some(bodies.iter().find(|b| b.id == id).cloned().ok_or(
            StoreError::NotFound {
                what: "body",
                id: id.0,
            },
        )?),
        None => None,
    };
    let mut meetings = s.recent_meetings(None, u32::MAX)?;
    if let Some(id) = filter.body {
        meetings.retain(|m| m.body.as_ref().is_some_and(|(b, _)| *b == id));
    }
    let mut details: HashMap<MeetingId, MeetingDetail> = HashMap::new();
    for m in &meetings {
        let mut detail = s.meeting(m.id)?;
        redact(&mut detail, Audience::Public);
        details.insert(m.id, detail);
    }
    let mut documents: HashMap<DocumentId, DocumentRecord> = HashMap::new();
    let mut decisions = Vec::new();
    for d in s.decisions(filter.body)? {
        // A number carried only by exempt business is not public.
        if d.exempt && !sees_exempt {
            continue;
        }
        let detail = d.meeting.as_ref().and_then(|m| details.get(&m.id));
        let public_report = d
            .report
            .as_ref()
            .filter(|r| r.public_subject().is_some() && !d.exempt);
        let facts = match (public_report, detail) {
            (Some(report), Some(detail)) => {
                let doc_id = report.source.document;
                if let std::collections::hash_map::Entry::Vacant(e) = documents.entry(doc_id) {
                    e.insert(s.document(doc_id)?);
                }
                report_decision(&report_lines(
                    &documents[&doc_id],
                    detail,
                    report.source.lines.first,
                ))
            }
            _ => ReportDecision::default(),
        };
        let resolved = detail.is_some_and(|detail| carrier_resolved(detail, &d.number));
        let date = d.meeting.as_ref().and_then(|m| m.date);
        let status = decision_status(date, today, facts.proposed, resolved, facts.called_in);
        let item = detail.and_then(|detail| {
            detail
                .agenda
                .iter()
                .position(|a| {
                    a.decision.as_deref() == Some(d.number.as_str())
                        || d.report
                            .as_ref()
                            .is_some_and(|r| r.item.is_some() && r.item == a.number)
                })
                .map(|at| ItemKey::Agenda(at).url(detail.meeting.id))
        });
        let maker = facts
            .maker
            .clone()
            .or_else(|| public_report.and_then(|r| r.to.clone()));
        decisions.push(Entry {
            kind: Kind::Number,
            text: facts.text,
            maker,
            date,
            status,
            key: facts.key,
            organisation: d.organisation.clone(),
            report: subject(&d).map(str::to_owned),
            item,
            exempt: d.exempt,
            source: d.source,
            meeting: d.meeting,
            number: Some(d.number),
        });
    }
    decisions.retain(|e| filter.keeps(e));
    let mut resolutions = Vec::new();
    for m in &meetings {
        let Some(detail) = details.get(&m.id) else {
            continue;
        };
        resolutions.extend(
            resolutions_of(detail, today)
                .into_iter()
                .filter(|e| filter.keeps(e)),
        );
    }
    Ok(Register {
        filter,
        body,
        bodies,
        decisions,
        resolutions,
    })
}

/// Whether a minute of `detail` recording the item that carries
/// decision `number` records a resolution.
fn carrier_resolved(detail: &MeetingDetail, number: &str) -> bool {
    let items: Vec<&str> = detail
        .agenda
        .iter()
        .filter(|a| {
            a.decision.as_deref() == Some(number)
                || detail.reports.iter().any(|r| {
                    r.decision.as_deref() == Some(number) && r.item.is_some() && r.item == a.number
                })
        })
        .filter_map(|a| a.number.as_deref())
        .collect();
    detail.minutes.iter().flat_map(|m| &m.items).any(|m| {
        m.agenda_ref.as_deref().is_some_and(|r| items.contains(&r)) && !m.resolutions.is_empty()
    })
}

/// Every public resolution of a (redacted) meeting, one entry each.
fn resolutions_of(detail: &MeetingDetail, today: Option<Date>) -> Vec<Entry> {
    let exempt = ExemptItems::of(&detail.agenda);
    let meeting = &detail.meeting;
    let mut out = Vec::new();
    for (k, m) in detail.minutes.iter().flat_map(|s| &s.items).enumerate() {
        if exempt.covers_minute(m.agenda_ref.as_deref(), m.exempt) {
            continue;
        }
        let agenda = detail
            .agenda
            .iter()
            .find(|a| a.number.is_some() && a.number == m.agenda_ref);
        let report = agenda.and_then(|a| {
            record::papers_of(a, &detail.reports)
                .into_iter()
                .find_map(|r| r.public_subject().map(str::to_owned))
        });
        let number = agenda.and_then(|a| a.decision.clone());
        for text in &m.resolutions {
            out.push(Entry {
                kind: Kind::Resolution,
                number: number.clone(),
                text: Some(text.clone()),
                maker: meeting.body.as_ref().map(|(_, name)| name.clone()),
                date: meeting.date,
                status: decision_status(meeting.date, today, false, true, false),
                key: None,
                organisation: detail.organisation.clone(),
                meeting: Some(meeting.clone()),
                report: report.clone(),
                item: Some(ItemKey::Minute(k).url(meeting.id)),
                exempt: false,
                source: m.source,
            });
        }
    }
    out
}

async fn load(
    state: &AppState,
    uri: &Uri,
    viewer: &Viewer,
    format: Format,
) -> Result<Register, Failure> {
    let filter = filter_of(uri, format)?;
    let sees_exempt = viewer.audience().sees_exempt();
    let today = state.today();
    state
        .read(format, move |s| read(s, filter, sees_exempt, today))
        .await
}

/// The report column's words: the public subject, or why there is none.
fn subject(d: &DecisionEntry) -> Option<&str> {
    if d.exempt {
        return Some("Exempt information");
    }
    d.report
        .as_ref()
        .map(|r| r.public_subject().unwrap_or(super::meetings::EXEMPT))
}

fn csv_link(register: &Register) -> String {
    format!("/decisions.csv{}", register.filter.query())
}

/// GOV.UK's date input: day, month and year fields in one fieldset.
fn date_input(name: &str, legend: &str, value: Option<Date>) -> Markup {
    let field = |part: &str, label: &str, width: &str, v: Option<String>| {
        html! {
            div class="inline" {
                label for={ (name) "-" (part) } { (label) }
                input type="text" inputmode="numeric" id={ (name) "-" (part) } name={ (name) "-" (part) }
                    size=(width) value=[v];
            }
        }
    };
    html! {
        fieldset aria-describedby={ (name) "-hint" } {
            legend { (legend) }
            p class="hint" id={ (name) "-hint" } { "For example, 27 3 2015" }
            (field("day", "Day", "2", value.map(|d| d.day().to_string())))
            (field("month", "Month", "2", value.map(|d| d.month().to_string())))
            (field("year", "Year", "4", value.map(|d| d.year().to_string())))
        }
    }
}

fn filter_form(register: &Register) -> Markup {
    let chosen = register.filter.body;
    let status = register.filter.status;
    html! {
        form method="get" action="/decisions" {
            label for="body" { "Committee or board" }
            select id="body" name="body" {
                option value="" selected[chosen.is_none()] { "All" }
                @for b in &register.bodies {
                    option value=(b.id.0) selected[chosen == Some(b.id)] { (b.name) }
                }
            }
            label for="status" { "Status" }
            select id="status" name="status" {
                option value="" selected[status.is_none()] { "Any" }
                @for s in [DecisionStatus::Proposed, DecisionStatus::Taken, DecisionStatus::CalledIn] {
                    option value=(s.as_str().replace(' ', "-")) selected[status == Some(s)] { (s.as_str()) }
                }
            }
            (date_input("from", "From", register.filter.from))
            (date_input("to", "To", register.filter.to))
            button type="submit" { "Show decisions" }
        }
    }
}

fn key_words(key: Option<bool>) -> &'static str {
    match key {
        Some(true) => "Key decision",
        Some(false) => "Not a key decision",
        None => "",
    }
}

fn entries_table(caption: &str, label: &str, entries: &[Entry]) -> Markup {
    html! {
        (scroll_table(label, html! { table {
            caption class="meta" { (caption) }
            (column_headers(&["Decision", "Decided by", "Date and status", "Report and meeting"]))
            tbody {
                @for e in entries {
                    tr {
                        td {
                            @if let Some(n) = &e.number { strong { (n) } br; }
                            @if let Some(text) = &e.text { (text) } @else { span class="meta" { "The report states no wording." } }
                            " " (quiet_source(&e.source, e.number.as_deref().unwrap_or("the resolution")))
                        }
                        td { (e.maker.as_deref().unwrap_or("")) }
                        td {
                            @if let Some(d) = e.date { (uk_date(d)) br; }
                            (e.status.as_str())
                            @if e.key.is_some() { br; (key_words(e.key)) }
                        }
                        td {
                            @match (&e.report, &e.item) {
                                (Some(r), Some(item)) => { a href=(item) { (r) } br; },
                                (Some(r), None) => { (r) br; },
                                (None, Some(item)) => { a href=(item) { "The item" } br; },
                                (None, None) => {},
                            }
                            @if let Some(m) = &e.meeting { (meeting_link(m)) }
                        }
                    }
                }
            }
        } }))
    }
}

async fn register_page(
    State(state): State<AppState>,
    viewer: Viewer,
    uri: Uri,
) -> Result<Markup, Failure> {
    let register = load(&state, &uri, &viewer, Format::Html).await?;
    let title = match &register.body {
        Some(b) => format!("Decisions of {}", b.name),
        None => "Decisions register".to_owned(),
    };
    let trail: Vec<(String, String)> = match &register.body {
        Some(b) => vec![(b.name.clone(), format!("/bodies/{}", b.id.0))],
        None => Vec::new(),
    };
    Ok(page(
        &title,
        html! {
            (breadcrumbs(&trail, &title))
            h1 { (title) }
            p { "What was decided: each decision number with the words of its record of decision or its report's recommendation, who takes it and where it stands, and every resolution of a committee's minutes. A decision on a meeting still to come is proposed." }
            (filter_form(&register))
            p { a href=(csv_link(&register)) download { "Download the decisions as CSV" } }
            h2 { "Numbered decisions" }
            @if register.decisions.is_empty() {
                p { "No decision numbers match." }
            } @else {
                (entries_table(&format!("{} decision numbers, newest meeting first", register.decisions.len()), "Numbered decisions", &register.decisions))
            }
            h2 { "Resolutions of committees" }
            @if register.resolutions.is_empty() {
                p { "No resolutions match." }
            } @else {
                (entries_table(&format!("{} resolutions, newest meeting first", register.resolutions.len()), "Resolutions", &register.resolutions))
            }
        },
    ))
}

fn entry_json(e: &Entry) -> Value {
    json!({
        "kind": match e.kind { Kind::Number => "decision", Kind::Resolution => "resolution" },
        "number": e.number,
        "text": e.text,
        "decision_maker": e.maker,
        "date": iso(e.date),
        "status": e.status.as_str(),
        "key_decision": e.key,
        "organisation": e.organisation,
        "meeting": e.meeting.as_ref().map(meeting_json),
        "report": e.report,
        "item": e.item,
        "exempt": e.exempt,
        "source": source_json(&e.source),
    })
}

async fn register_api(
    State(state): State<AppState>,
    viewer: Viewer,
    uri: Uri,
) -> Result<Json<Value>, Failure> {
    let register = load(&state, &uri, &viewer, Format::Json).await?;
    let decisions: Vec<Value> = register.decisions.iter().map(entry_json).collect();
    let resolutions: Vec<Value> = register.resolutions.iter().map(entry_json).collect();
    let f = register.filter;
    Ok(Json(json!({
        "body": register.body.as_ref().map(|b| json!({ "id": b.id.0, "name": b.name })),
        "filter": {
            "from": iso(f.from), "to": iso(f.to),
            "status": f.status.map(DecisionStatus::as_str),
        },
        "decisions": decisions,
        "resolutions": resolutions,
        "csv": csv_link(&register),
    })))
}

/// The columns of the decisions CSV.
const HEADER: [&str; 15] = [
    "number",
    "organisation",
    "meeting_id",
    "meeting_date",
    "body",
    "report",
    "source_document",
    "source_first_line",
    "source_last_line",
    "kind",
    "text",
    "decision_maker",
    "status",
    "key_decision",
    "item",
];

async fn register_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    uri: Uri,
) -> Result<Response, Failure> {
    let register = load(&state, &uri, &viewer, Format::Html).await?;
    let rows = register
        .decisions
        .iter()
        .chain(&register.resolutions)
        .map(|e| {
            let meeting = e.meeting.as_ref();
            [
                e.number.clone().unwrap_or_default(),
                e.organisation.clone().unwrap_or_default(),
                meeting.map(|m| m.id.0.to_string()).unwrap_or_default(),
                iso(e.date).as_str().map(str::to_owned).unwrap_or_default(),
                meeting
                    .and_then(|m| m.body.as_ref())
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
                e.report.clone().unwrap_or_default(),
                e.source.document.0.to_string(),
                e.source.lines.first.to_string(),
                e.source.lines.last.to_string(),
                match e.kind {
                    Kind::Number => "decision",
                    Kind::Resolution => "resolution",
                }
                .to_owned(),
                e.text.clone().unwrap_or_default(),
                e.maker.clone().unwrap_or_default(),
                e.status.as_str().to_owned(),
                match e.key {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "",
                }
                .to_owned(),
                e.item.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let bytes = csv_bytes(HEADER, rows).map_err(|e| Failure::internal(Format::Html, &e))?;
    let file_name = match &register.body {
        Some(b) => format!("decisions-body-{}.csv", b.id.0),
        None => "decisions.csv".to_owned(),
    };
    Ok(csv_download(&file_name, bytes))
}
