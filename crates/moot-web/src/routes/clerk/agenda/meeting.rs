//! `/clerk/meetings/{id}`: a meeting's agenda as the clerk prepares it
//! (numbered items under their sections, their papers, the exempt
//! paragraph, matters arising) with the forms to add an item, attach a
//! paper to each item and publish; once published, the notice check made
//! then, the public meeting and its two packs. Also the paper upload and
//! a paper's bytes.
//!
//! A page has one paper form per item, so their fields' ids carry the
//! item (`paper-12-file`) while their names stay `title` and `file`; the
//! store's errors about a paper are moved under those ids.

use super::{input, optional, packs, publish, see_other, today, value};
use crate::auth::{Fields, Files, RequireClerk, RequireMember};
use crate::error::{Failure, Format, Id};
use crate::forms::{
    self, csrf_field, described_by, error_summary, select, text_input, textarea, Errors,
};
use crate::html::{date_markup, page, uk_date};
use crate::session::FormFields;
use crate::AppState;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use moot_clerk::{AgendaState, ExemptParagraph, PaperFormat};
use moot_store::{
    AgendaItemId, ClerkAgenda, ClerkAgendaItem, ClerkBody, ClerkMeetingId, NewAgendaItem, NewPaper,
    PaperId, PaperInfo,
};
use serde_json::{json, Value};

/// The route a clerk uploads a paper to: the one route (with the
/// others in [`crate::routes::UPLOAD_ROUTES`]) whose multipart body may
/// be a paper's size.
pub(crate) const PAPER_UPLOAD: &str = "/clerk/items/{id}/papers";

/// The meeting page's routes and its forms' targets.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/clerk/meetings/{id}", get(meeting_page))
        .route("/api/clerk/meetings/{id}", get(meeting_api))
        .route("/clerk/meetings/{id}/items", post(add_item))
        .route(PAPER_UPLOAD, post(attach_paper))
        .route("/clerk/papers/{id}", get(paper_bytes))
}

/// What the add-item form was sent with.
#[derive(Default)]
pub(super) struct ItemDraft {
    section: String,
    title: String,
    description: String,
    exempt_paragraph: String,
}

impl ItemDraft {
    fn from(fields: &FormFields) -> ItemDraft {
        ItemDraft {
            section: value(fields, "section"),
            title: value(fields, "title"),
            description: value(fields, "description"),
            exempt_paragraph: value(fields, "exempt_paragraph"),
        }
    }

    /// The item, or the error of its paragraph when that is not a number
    /// (the store refuses numbers outside 1 to 7).
    fn item(&self, errors: &mut Errors) -> Option<NewAgendaItem> {
        let exempt_paragraph = if self.exempt_paragraph.is_empty() {
            None
        } else {
            let paragraph = self.exempt_paragraph.parse::<u8>().ok();
            if paragraph.is_none() {
                errors.add(
                    "exempt_paragraph",
                    "Choose a paragraph of Schedule 12A from 1 to 7",
                );
                return None;
            }
            paragraph
        };
        Some(NewAgendaItem {
            section: optional(&self.section),
            title: self.title.clone(),
            description: optional(&self.description),
            exempt_paragraph,
        })
    }
}

/// What the page's forms were sent with, when one is shown again: the
/// errors (each under its field's id on this page), the add-item form's
/// values, the paper title typed, and whether short notice was accepted.
#[derive(Default)]
pub(super) struct Sent {
    pub(super) errors: Errors,
    pub(super) item: ItemDraft,
    pub(super) paper_title: String,
    pub(super) confirmed: bool,
}

/// The prefix of the ids of an item's paper form.
fn paper_prefix(item: AgendaItemId) -> String {
    format!("paper-{}-", item.0)
}

/// A paper's size for people: "12 KB", "3.4 MB".
fn size_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB * KB {
        format!("{} KB", bytes.div_ceil(KB).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    }
}

fn paper_link(p: &PaperInfo) -> Markup {
    html! {
        a href={ "/clerk/papers/" (p.id.0) } { (p.title) }
        span class="meta" { " (" (p.format.label()) ", " (size_words(p.size)) ")" }
    }
}

fn exempt_options() -> Vec<(String, String)> {
    let mut options = vec![(String::new(), "Not exempt: a public item".to_owned())];
    for n in 1..=7u8 {
        if let Some(p) = ExemptParagraph::new(n) {
            options.push((n.to_string(), format!("Paragraph {n}: {}", p.description())));
        }
    }
    options
}

fn item_form(meeting: ClerkMeetingId, draft: &ItemDraft, errors: &Errors) -> Markup {
    let owned = exempt_options();
    let options: Vec<(&str, &str)> = owned
        .iter()
        .map(|(v, l)| (v.as_str(), l.as_str()))
        .collect();
    html! {
        h2 { "Add an item" }
        form method="post" action={ "/clerk/meetings/" (meeting.0) "/items" } novalidate {
            (csrf_field())
            (text_input(&input("section", "Section (optional)", Some("The heading it sits under, such as Part 1 or Items for decision"), &draft.section), errors))
            (text_input(&input("title", "Title", None, &draft.title), errors))
            (textarea(&input("description", "What the item is for (optional)", None, &draft.description), errors))
            (select("exempt_paragraph", "Exempt (confidential) business", &options, &draft.exempt_paragraph, errors))
            button type="submit" { "Add item" }
        }
    }
}

/// One text control of a paper form: id with the item, name without.
fn paper_control(
    id: &str,
    name: &str,
    kind: &str,
    value: &str,
    hint: bool,
    errors: &Errors,
) -> Markup {
    let error = errors.about(id).is_some();
    let described = described_by(id, hint, error);
    html! {
        input id=(id) name=(name) type=(kind) value=[(kind == "text").then_some(value)]
            autocomplete="off" aria-describedby=[described] aria-invalid=[error.then_some("true")];
    }
}

fn paper_form(item: &ClerkAgendaItem, title: &str, errors: &Errors) -> Markup {
    let prefix = paper_prefix(item.id);
    let (title_id, file_id) = (format!("{prefix}title"), format!("{prefix}file"));
    let file_hint = "A PDF or a plain text (UTF-8) file, at most 20 MB";
    html! {
        form method="post" action={ "/clerk/items/" (item.id.0) "/papers" } enctype="multipart/form-data" novalidate {
            (csrf_field())
            (forms::field(&title_id, &format!("Title of a paper for item {}", item.number), None, errors,
                paper_control(&title_id, "title", "text", title, false, errors)))
            (forms::field(&file_id, "File", Some(file_hint), errors,
                paper_control(&file_id, "file", "file", "", true, errors)))
            button type="submit" { "Attach paper to item " (item.number) }
        }
    }
}

fn item_markup(item: &ClerkAgendaItem, draft: bool, sent: &Sent) -> Markup {
    html! {
        li {
            h4 { (item.number) ". " (item.title) }
            @if let Some(d) = &item.description { p { (d) } }
            @if let Some(p) = item.exempt {
                p { strong { "Exempt: " } "paragraph " (p.number()) " of Part 1 of Schedule 12A to the Local Government Act 1972 (" (p.description()) ")" }
            }
            @if item.papers.is_empty() { p class="meta" { "No papers." } }
            @else { ul { @for p in &item.papers { li { (paper_link(p)) } } } }
            @if draft { (paper_form(item, &sent.paper_title, &sent.errors)) }
        }
    }
}

/// The items under their section headings, in agenda order.
fn items_markup(agenda: &ClerkAgenda, sent: &Sent) -> Markup {
    let draft = agenda.meeting.agenda == AgendaState::Draft;
    let mut groups: Vec<(Option<&str>, Vec<&ClerkAgendaItem>)> = Vec::new();
    for item in &agenda.items {
        match groups.last_mut() {
            Some((section, items)) if *section == item.section.as_deref() => items.push(item),
            _ => groups.push((item.section.as_deref(), vec![item])),
        }
    }
    html! {
        h2 { "Agenda" }
        @if agenda.items.is_empty() { p { "No items yet." } }
        @for (section, items) in &groups {
            @if let Some(s) = section { h3 { (s) } }
            ol class="items" { @for item in items { (item_markup(item, draft, sent)) } }
        }
    }
}

fn matters_arising_markup(agenda: &ClerkAgenda) -> Markup {
    html! {
        h2 { "Matters arising" }
        @if agenda.matters_arising.is_empty() { p { "No actions from earlier meetings are open." } }
        @else { ul { @for a in &agenda.matters_arising {
            li { (a.text) " (" (a.owner) @if let Some(due) = a.due { ", due " (date_markup(due)) } ")" }
        } } }
    }
}

/// The meeting's particulars, and once published what publishing did.
fn particulars(agenda: &ClerkAgenda) -> Markup {
    let m = &agenda.meeting;
    html! {
        dl class="summary" {
            dt { "Date" } dd { (date_markup(m.date)) }
            @if let Some(t) = m.time { dt { "Time" } dd { (t.in_words()) } }
            dt { "Venue" } dd { (m.venue) }
            dt { "Contact officer" } dd { (m.contact) }
            dt { "Agenda" } dd { @if m.agenda == AgendaState::Draft { "Draft" } @else { "Published" } }
            @if let Some(check) = &m.notice {
                dt { "Notice when published" } dd { (publish::recorded_notice(check)) }
            }
            @if let Some(public) = m.public {
                dt { "Public page" } dd { a href={ "/meetings/" (public.0) } { "The meeting's public page" } }
                dt { "Agenda packs" } dd { (packs::links_markup(&packs::PackLinks::of(public, true))) }
            }
        }
    }
}

/// The meeting, its body and its agenda.
async fn records(
    state: &AppState,
    clerk: &RequireClerk,
    meeting: ClerkMeetingId,
    format: Format,
) -> Result<(ClerkBody, ClerkAgenda), Failure> {
    let actor = clerk.account.actor();
    state
        .read(format, move |s| {
            let agenda = s.agenda(&actor, meeting)?;
            Ok((s.clerk_body(&actor, agenda.meeting.body)?, agenda))
        })
        .await
}

/// The page, with `sent`'s errors and values when a form is shown again.
pub(super) async fn meeting_view(
    state: &AppState,
    clerk: &RequireClerk,
    meeting: ClerkMeetingId,
    sent: &Sent,
    status: StatusCode,
) -> Result<Response, Failure> {
    let (body, agenda) = records(state, clerk, meeting, Format::Html).await?;
    let heading = format!("{}, {}", body.name, uk_date(agenda.meeting.date));
    let title = forms::page_title(&format!("Clerk: {heading}"), &sent.errors);
    let draft = agenda.meeting.agenda == AgendaState::Draft;
    let holidays = state.bank_holidays();
    let main = html! {
        (error_summary(&sent.errors))
        p { a href={ "/clerk/bodies/" (body.id.0) } { "Back to " (body.name) } }
        h1 { (heading) }
        (particulars(&agenda))
        (items_markup(&agenda, sent))
        (matters_arising_markup(&agenda))
        @if draft {
            (item_form(meeting, &sent.item, &sent.errors))
            (publish::form(&agenda.meeting, today(state)?, &holidays, sent))
        }
    };
    Ok((status, page(&title, main)).into_response())
}

async fn meeting_page(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
) -> Result<Response, Failure> {
    let sent = Sent::default();
    meeting_view(&state, &clerk, ClerkMeetingId(id), &sent, StatusCode::OK).await
}

fn paper_json(p: &PaperInfo) -> Value {
    json!({
        "id": p.id.0,
        "title": p.title,
        "format": p.format.as_str(),
        "size": p.size,
        "url": format!("/clerk/papers/{}", p.id.0),
    })
}

fn item_json(item: &ClerkAgendaItem) -> Value {
    json!({
        "id": item.id.0,
        "number": item.number,
        "section": item.section,
        "title": item.title,
        "description": item.description,
        "exempt_paragraph": item.exempt.map(ExemptParagraph::number),
        "papers": item.papers.iter().map(paper_json).collect::<Vec<_>>(),
    })
}

async fn meeting_api(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
) -> Result<Json<Value>, Failure> {
    let (_, agenda) = records(&state, &clerk, ClerkMeetingId(id), Format::Json).await?;
    let m = &agenda.meeting;
    let public = m
        .public
        .map(|p| json!({ "id": p.0, "url": format!("/meetings/{}", p.0) }));
    let matters: Vec<Value> = agenda
        .matters_arising
        .iter()
        .map(|a| json!({ "id": a.id.0, "text": a.text, "owner": a.owner, "due": a.due.map(|d| d.to_string()) }))
        .collect();
    Ok(Json(json!({
        "meeting": {
            "id": m.id.0,
            "body": m.body.0,
            "date": m.date.to_string(),
            "time": m.time.map(|t| t.to_string()),
            "venue": m.venue,
            "contact": m.contact,
            "agenda": m.agenda.as_str(),
            "published_at": m.published_at,
            "notice": m.notice.as_ref().map(publish::notice_json),
            "public": public,
        },
        "items": agenda.items.iter().map(item_json).collect::<Vec<_>>(),
        "matters_arising": matters,
        "packs": m.public.map(|p| packs::PackLinks::of(p, true).json()),
    })))
}

async fn add_item(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let draft = ItemDraft::from(&fields);
    let mut errors = Errors::default();
    if let Some(item) = draft.item(&mut errors) {
        let actor = clerk.account.actor();
        match state
            .change(Format::Html, move |s| {
                s.add_agenda_item(&actor, meeting, &item)
            })
            .await?
        {
            Ok(_) => return Ok(see_other(format!("/clerk/meetings/{id}"))),
            Err(refused) => errors = refused,
        }
    }
    let sent = Sent {
        errors,
        item: draft,
        ..Sent::default()
    };
    meeting_view(
        &state,
        &clerk,
        meeting,
        &sent,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// What an uploaded file is, from its bytes (never its name): a PDF that
/// the pack builder can read, else UTF-8 text, else refused.
fn paper_format(bytes: &[u8]) -> Result<PaperFormat, String> {
    if bytes.is_empty() {
        return Err("The file is empty: choose the paper's file".to_owned());
    }
    if bytes.starts_with(b"%PDF-") {
        return moot_pack_builder::check_pdf(bytes)
            .map(|()| PaperFormat::Pdf)
            .map_err(|problem| format!("The PDF cannot be used: {problem}"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => Ok(PaperFormat::Text),
        _ => Err("The file must be a PDF or a plain text file".to_owned()),
    }
}

async fn attach_paper(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
    Files(mut files): Files,
) -> Result<Response, Failure> {
    let item = AgendaItemId(id);
    let actor = clerk.account.actor();
    let meeting = state
        .read(Format::Html, move |s| s.item_meeting(&actor, item))
        .await?;
    let title = value(&fields, "title");
    let mut errors = Errors::default();
    let upload = match files.take("file") {
        Some(file) => match paper_format(&file.bytes) {
            Ok(format) => Some((format, file.bytes)),
            Err(problem) => {
                errors.add("file", problem);
                None
            }
        },
        None => {
            errors.add("file", "Choose the paper's file");
            None
        }
    };
    if let Some((format, bytes)) = upload {
        let paper = NewPaper {
            title: title.clone(),
            format,
            bytes,
        };
        let actor = clerk.account.actor();
        match state
            .change(Format::Html, move |s| s.attach_paper(&actor, item, &paper))
            .await?
        {
            Ok(_) => return Ok(see_other(format!("/clerk/meetings/{}", meeting.0))),
            Err(refused) => errors = refused,
        }
    }
    let sent = Sent {
        errors: errors.within(&paper_prefix(item)),
        paper_title: title,
        ..Sent::default()
    };
    meeting_view(
        &state,
        &clerk,
        meeting,
        &sent,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// A paper's bytes, exempt ones included: members and up.
async fn paper_bytes(
    State(state): State<AppState>,
    member: RequireMember,
    Id(id): Id,
) -> Result<Response, Failure> {
    let actor = member.account.actor();
    let (info, bytes) = state
        .read(Format::Html, move |s| s.paper(&actor, PaperId(id)))
        .await?;
    let content_type = match info.format {
        PaperFormat::Pdf => "application/pdf",
        PaperFormat::Text => "text/plain; charset=utf-8",
    };
    Ok(([(CONTENT_TYPE, content_type)], bytes).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upload_is_known_by_its_bytes_not_its_name() {
        assert_eq!(
            paper_format("Report text £".as_bytes()),
            Ok(PaperFormat::Text)
        );
        assert!(paper_format(b"").unwrap_err().contains("empty"));
        let binary = paper_format(&[0x89, b'P', b'N', b'G', 0, 0xff]).unwrap_err();
        assert_eq!(binary, "The file must be a PDF or a plain text file");
        assert!(paper_format(b"text with a \0 NUL").is_err());
        let damaged = paper_format(b"%PDF-1.7 not really").unwrap_err();
        assert!(damaged.starts_with("The PDF cannot be used"), "{damaged}");
    }

    #[test]
    fn sizes_read_in_kilobytes_then_megabytes() {
        assert_eq!(size_words(10), "1 KB");
        assert_eq!(size_words(2048), "2 KB");
        assert_eq!(size_words(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }
}
