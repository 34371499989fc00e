//! `/documents/{id}`: a stored pack (file name, SHA-256, when imported,
//! the meeting it was issued for) and its text, one anchor per line
//! (`#L123`), which every record on the other pages links to.
//!
//! Exempt business is withheld: each run of exempt lines (from
//! `DocumentRecord::public_lines`) is one notice, in the page and the JSON
//! alike, unless a signed-in account is reading (`DocumentRecord::lines_for`).
//! The original file is not offered: it would carry the exempt text.

use super::meeting_json;
use crate::auth::Viewer;
use crate::error::{Failure, Format, Id};
use crate::html::{column_headers, date_markup, meeting_link, page};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_domain::{Date, Lines};
use moot_store::{Audience, DocumentId, DocumentRecord, DocumentRef, IssuedPack, PublicLine};
use serde_json::{json, Value};

/// `/documents/{id}` and `/api/documents/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/documents/{id}", get(document_page))
        .route("/api/documents/{id}", get(document_api))
}

async fn load(state: &AppState, Id(id): Id, format: Format) -> Result<DocumentRecord, Failure> {
    let id = DocumentId(id);
    state.read(format, move |s| s.document(id)).await
}

/// The notice standing for withheld lines.
fn withheld_notice(lines: Lines) -> String {
    if lines.first == lines.last {
        format!("Line {} is withheld: exempt information", lines.first)
    } else {
        format!(
            "Lines {}–{} are withheld: exempt information",
            lines.first, lines.last
        )
    }
}

/// A link to a stored document with the day it was imported.
pub(crate) fn document_link(doc: &DocumentRef) -> Markup {
    html! {
        a href={ "/documents/" (doc.id.0) } { (doc.file_name) }
        " (imported " @if let Some(day) = day_of(&doc.imported_at) { (date_markup(day)) } @else { (doc.imported_at) } ")"
    }
}

/// A stored document named from another record, for JSON.
pub(crate) fn document_ref_json(doc: &DocumentRef) -> Value {
    json!({
        "id": doc.id.0,
        "file_name": doc.file_name,
        "imported_at": doc.imported_at,
        "url": format!("/documents/{}", doc.id.0),
        "api": format!("/api/documents/{}", doc.id.0),
    })
}

/// The packs issued for a meeting, each with what superseded it.
pub(crate) fn issued_packs_markup(packs: &[IssuedPack]) -> Markup {
    html! {
        @if !packs.is_empty() {
            h2 { "Documents issued for this meeting" }
            ul {
                @for pack in packs {
                    li {
                        (document_link(&pack.document))
                        @if let Some(later) = &pack.superseded_by {
                            ": superseded by " (document_link(later)) ", whose records replace its"
                        }
                    }
                }
            }
        }
    }
}

/// The packs issued for a meeting, for JSON.
pub(crate) fn issued_packs_json(packs: &[IssuedPack]) -> Value {
    packs
        .iter()
        .map(|pack| {
            let mut doc = document_ref_json(&pack.document);
            if let Some(object) = doc.as_object_mut() {
                object.insert(
                    "superseded_by".into(),
                    pack.superseded_by
                        .as_ref()
                        .map_or(Value::Null, document_ref_json),
                );
            }
            doc
        })
        .collect()
}

/// The day of an ISO 8601 timestamp.
fn day_of(timestamp: &str) -> Option<Date> {
    let day = timestamp.get(..10)?;
    let mut parts = day.split('-').map(str::parse::<u16>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

fn lines_markup(doc: &DocumentRecord, audience: Audience) -> Markup {
    html! {
        table class="lines" {
            caption { "The text of " (doc.file_name) ", line by line" }
            (column_headers(&["Line", "Text"]))
            tbody {
                @for line in doc.lines_for(audience) {
                    @match line {
                        PublicLine::Shown { number, text } => tr id={ "L" (number) } {
                            th scope="row" { a href={ "#L" (number) } tabindex="-1" { (number) } }
                            td { (text) }
                        },
                        PublicLine::Withheld(lines) => tr id={ "L" (lines.first) } class="withheld" {
                            th scope="row" { (lines.first) "–" (lines.last) }
                            td {
                                @for n in lines.first + 1..=lines.last { span id={ "L" (n) } {} }
                                strong { (withheld_notice(lines)) }
                            }
                        },
                    }
                }
            }
        }
    }
}

async fn document_page(
    State(state): State<AppState>,
    viewer: Viewer,
    id: Id,
) -> Result<Markup, Failure> {
    let doc = load(&state, id, Format::Html).await?;
    Ok(page(
        &doc.file_name,
        html! {
            h1 { (doc.file_name) }
            dl {
                @if let Some(m) = &doc.meeting { dt { "Issued for" } dd { (meeting_link(m)) } }
                dt { "Imported" } dd { @if let Some(day) = day_of(&doc.imported_at) { (date_markup(day)) } @else { (doc.imported_at) } }
                dt { "SHA-256" } dd { code { (doc.sha256) } }
                @if let Some(later) = &doc.superseded_by {
                    dt { "Superseded by" } dd { (document_link(later)) }
                }
                @if !doc.supersedes.is_empty() {
                    dt { "Supersedes" } dd { @for (n, earlier) in doc.supersedes.iter().enumerate() { @if n > 0 { ", " } (document_link(earlier)) } }
                }
            }
            @if doc.superseded_by.is_some() {
                p class="superseded" { strong { "This pack has been superseded." } " A later pack for the same meeting replaced the records read from it; its text is kept here as it was." }
            }
            p { "The text the records on this site were read from. Exempt (confidential) business is withheld, so the original file is not offered for download." }
            h2 { "Text" }
            (lines_markup(&doc, viewer.audience()))
        },
    ))
}

async fn document_api(
    State(state): State<AppState>,
    viewer: Viewer,
    id: Id,
) -> Result<Json<Value>, Failure> {
    let doc = load(&state, id, Format::Json).await?;
    let lines: Vec<Value> = doc
        .lines_for(viewer.audience())
        .into_iter()
        .map(|line| match line {
            PublicLine::Shown { number, text } => json!({ "number": number, "text": text }),
            PublicLine::Withheld(lines) => json!({
                "withheld": { "first": lines.first, "last": lines.last },
                "notice": withheld_notice(lines),
            }),
        })
        .collect();
    Ok(Json(json!({
        "document": {
            "id": doc.id.0,
            "file_name": doc.file_name,
            "sha256": doc.sha256,
            "imported_at": doc.imported_at,
            "meeting": doc.meeting.as_ref().map(meeting_json),
            "superseded_by": doc.superseded_by.as_ref().map(document_ref_json),
            "supersedes": doc.supersedes.iter().map(document_ref_json).collect::<Vec<_>>(),
            "url": format!("/documents/{}", doc.id.0),
            "api": format!("/api/documents/{}", doc.id.0),
        },
        "lines": lines,
    })))
}
