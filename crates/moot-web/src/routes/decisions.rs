//! `/decisions`: the decisions register, every decision number with its
//! council, the meeting whose pack carries it, the report it is the
//! decision of and a link to its source lines; newest meeting first, and
//! `?body=ID` keeps one body's. Also as `/decisions.csv`.
//!
//! A report's subject shows only when the report is public
//! (`ReportEntry::public_subject`); a number carried only by exempt
//! business (`moot_store::decision_is_public`) is not listed for the
//! public at all, and its lines are withheld on the document page; a
//! signed-in member sees it marked "Exempt information".

use super::{csv_bytes, csv_download, iso, meeting_json, source_json, source_link};
use crate::auth::Viewer;
use crate::error::{Failure, Format};
use crate::html::{column_headers, meeting_link, page, scroll_table};
use crate::AppState;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Json, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{BodyId, BodySummary, DecisionEntry, StoreError};
use serde_json::{json, Value};

/// `/decisions`, `/api/decisions` and `/decisions.csv`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/decisions", get(register_page))
        .route("/api/decisions", get(register_api))
        .route("/decisions.csv", get(register_csv))
}

/// The register as asked for: every decision, or one body's.
struct Register {
    body: Option<BodySummary>,
    bodies: Vec<BodySummary>,
    decisions: Vec<DecisionEntry>,
}

/// The `body` of a query string: none when absent, 400 when not an id.
fn body_filter(uri: &Uri, format: Format) -> Result<Option<BodyId>, Failure> {
    let Some(query) = uri.query() else {
        return Ok(None);
    };
    let Some((_, value)) = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == "body")
    else {
        return Ok(None);
    };
    if value.is_empty() {
        return Ok(None);
    }
    value
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| value.parse::<i64>().ok())
        .flatten()
        .filter(|id| *id > 0)
        .map(|id| Some(BodyId(id)))
        .ok_or_else(|| Failure::bad_request(format, "The body in this address is not a number."))
}

async fn load(
    state: &AppState,
    uri: &Uri,
    viewer: &Viewer,
    format: Format,
) -> Result<Register, Failure> {
    let filter = body_filter(uri, format)?;
    let sees_exempt = viewer.audience().sees_exempt();
    state
        .read(format, move |s| {
            let bodies = s.bodies()?;
            let body = match filter {
                Some(id) => Some(bodies.iter().find(|b| b.id == id).cloned().ok_or(
                    StoreError::NotFound {
                        what: "body",
                        id: id.0,
                    },
                )?),
                None => None,
            };
            let mut decisions = s.decisions(filter)?;
            // A number carried only by exempt business is not public.
            decisions.retain(|d| sees_exempt || !d.exempt);
            Ok(Register {
                decisions,
                body,
                bodies,
            })
        })
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
    match &register.body {
        Some(b) => format!("/decisions.csv?body={}", b.id.0),
        None => "/decisions.csv".to_owned(),
    }
}

fn filter_form(register: &Register) -> Markup {
    let chosen = register.body.as_ref().map(|b| b.id);
    html! {
        form method="get" action="/decisions" {
            label for="body" { "Committee or board" }
            " "
            select id="body" name="body" {
                option value="" selected[chosen.is_none()] { "All" }
                @for b in &register.bodies {
                    option value=(b.id.0) selected[chosen == Some(b.id)] { (b.name) }
                }
            }
            " "
            button type="submit" { "Show decisions" }
        }
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
    Ok(page(
        &title,
        html! {
            h1 { (title) }
            p { "Every decision number read from the packs, newest meeting first, with the report it belongs to and the lines it was read from." }
            (filter_form(&register))
            p { a href=(csv_link(&register)) download { "Download the decisions as CSV" } }
            @if register.decisions.is_empty() {
                p { "No decision numbers are stored." }
            } @else {
                (scroll_table("Decisions", html! { table {
                    caption class="meta" { (register.decisions.len()) " decision numbers, newest meeting first" }
                    (column_headers(&["Decision", "Council", "Meeting", "Report", "Source"]))
                    tbody {
                        @for d in &register.decisions {
                            tr {
                                td { (d.number) }
                                td { (d.organisation.as_deref().unwrap_or("")) }
                                td { @if let Some(m) = &d.meeting { (meeting_link(m)) } }
                                td { (subject(d).unwrap_or("")) }
                                td { (source_link(&d.source)) }
                            }
                        }
                    }
                } }))
            }
        },
    ))
}

fn decision_json(d: &DecisionEntry) -> Value {
    json!({
        "number": d.number,
        "organisation": d.organisation,
        "meeting": d.meeting.as_ref().map(meeting_json),
        "report": subject(d),
        "exempt": d.exempt,
        "source": source_json(&d.source),
    })
}

async fn register_api(
    State(state): State<AppState>,
    viewer: Viewer,
    uri: Uri,
) -> Result<Json<Value>, Failure> {
    let register = load(&state, &uri, &viewer, Format::Json).await?;
    let decisions: Vec<Value> = register.decisions.iter().map(decision_json).collect();
    Ok(Json(json!({
        "body": register.body.as_ref().map(|b| json!({ "id": b.id.0, "name": b.name })),
        "decisions": decisions,
        "csv": csv_link(&register),
    })))
}

/// The columns of the decisions CSV.
const HEADER: [&str; 9] = [
    "number",
    "organisation",
    "meeting_id",
    "meeting_date",
    "body",
    "report",
    "source_document",
    "source_first_line",
    "source_last_line",
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
        .map(|d| {
            let meeting = d.meeting.as_ref();
            [
                d.number.clone(),
                d.organisation.clone().unwrap_or_default(),
                meeting.map(|m| m.id.0.to_string()).unwrap_or_default(),
                meeting
                    .and_then(|m| iso(m.date).as_str().map(str::to_owned))
                    .unwrap_or_default(),
                meeting
                    .and_then(|m| m.body.as_ref())
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
                subject(d).unwrap_or("").to_owned(),
                d.source.document.0.to_string(),
                d.source.lines.first.to_string(),
                d.source.lines.last.to_string(),
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
