//! `/items/{meeting}-a{n}` (the n-th agenda item of a meeting) and
//! `/items/{meeting}-m{n}` (its n-th minute), with their `/api/` twins:
//! one piece of business with its text, papers, declarations and
//! resolutions, and the same business at the body's other meetings, each
//! link with its reason (`moot_store::same_business`: the same decision
//! number, the same report subject, a similar title).
//!
//! Exempt business is redacted as on the meeting page (`meetings::redact`,
//! the one rule): an exempt item shows its number and no text, and has no
//! history; other meetings are compared as the public sees them, so no
//! link can tell of exempt business.

use super::meetings::{
    agenda_json, confirmation_markup, declaration_json, minute_json, minute_markup, numbered,
    person_link, redact, report_json,
};
use super::record::{self, ItemKey, Record};
use super::{meeting_json, quiet_source};
use crate::auth::Viewer;
use crate::error::{Failure, Format};
use crate::html::{breadcrumbs, meeting_link, meeting_name, meeting_trail, page};
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{
    same_business, Audience, Business, DeclarationEntry, ExemptItems, MeetingDetail,
    MeetingSummary, SameBusiness, Store, StoreError,
};
use serde_json::{json, Value};

/// `/items/{id}` and `/api/items/{id}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/items/{id}", get(item_page))
        .route("/api/items/{id}", get(item_api))
}

/// The same business at another meeting.
struct Related {
    meeting: MeetingSummary,
    url: String,
    title: String,
    why: SameBusiness,
}

/// One item read for its page.
struct ItemView {
    record: Record,
    key: ItemKey,
    history: Vec<Related>,
}

impl ItemView {
    /// The agenda item this page is about or records, if any.
    fn agenda_at(&self) -> Option<usize> {
        match self.key {
            ItemKey::Agenda(at) => Some(at),
            ItemKey::Minute(k) => self
                .record
                .minutes()
                .get(k)
                .and_then(|(_, m, _)| self.record.agenda_of(m)),
        }
    }

    /// The minutes shown: the agenda item's, or the one minute.
    fn minute_keys(&self) -> Vec<usize> {
        match self.key {
            ItemKey::Agenda(at) => self.record.minutes_of(at),
            ItemKey::Minute(k) => vec![k],
        }
    }

    /// "Item 5: Title" or "Minute 17: Title".
    fn title(&self) -> String {
        match self.key {
            ItemKey::Agenda(at) => {
                let a = &self.record.detail.agenda[at];
                match &a.number {
                    Some(n) => format!("Item {n}: {}", a.title),
                    None => a.title.clone(),
                }
            }
            ItemKey::Minute(k) => {
                let minutes = self.record.minutes();
                let m = minutes[k].1;
                match &m.number {
                    Some(n) => format!("Minute {n}: {}", m.title),
                    None => m.title.clone(),
                }
            }
        }
    }

    /// The declarations made on this business.
    fn declarations(&self) -> Vec<&DeclarationEntry> {
        let Some(number) = self
            .agenda_at()
            .and_then(|at| self.record.detail.agenda[at].number.as_deref())
        else {
            return Vec::new();
        };
        self.record
            .detail
            .minutes
            .iter()
            .flat_map(|m| &m.declarations)
            .filter(|d| d.item.as_deref() == Some(number))
            .collect()
    }
}

/// The business of agenda item `at` of `detail` as the public sees it:
/// `None` when exempt.
fn agenda_business(detail: &MeetingDetail, at: usize) -> Option<Business> {
    let a = &detail.agenda[at];
    let title = a.public_title()?;
    let papers = record::papers_of(a, &detail.reports);
    Some(Business {
        title: title.to_owned(),
        decisions: a
            .decision
            .iter()
            .chain(papers.iter().filter_map(|p| p.decision.as_ref()))
            .cloned()
            .collect(),
        subjects: papers
            .iter()
            .filter_map(|p| p.public_subject())
            .map(str::to_owned)
            .collect(),
    })
}

/// Every public piece of business of a meeting: each agenda item, and
/// each minute recording no agenda item, with its key and title.
fn businesses(detail: &MeetingDetail) -> Vec<(ItemKey, String, Business)> {
    let exempt = ExemptItems::of(&detail.agenda);
    let mut out: Vec<(ItemKey, String, Business)> = (0..detail.agenda.len())
        .filter_map(|at| {
            let business = agenda_business(detail, at)?;
            let a = &detail.agenda[at];
            Some((
                ItemKey::Agenda(at),
                numbered(a.number.as_deref(), &a.title),
                business,
            ))
        })
        .collect();
    let minutes = detail.minutes.iter().flat_map(|m| &m.items).enumerate();
    for (k, m) in minutes {
        let recorded = m
            .agenda_ref
            .as_deref()
            .is_some_and(|r| detail.agenda.iter().any(|a| a.number.as_deref() == Some(r)));
        if recorded || exempt.covers_minute(m.agenda_ref.as_deref(), m.exempt) {
            continue;
        }
        out.push((
            ItemKey::Minute(k),
            numbered(m.number.as_deref(), &m.title),
            Business {
                title: m.title.clone(),
                ..Business::default()
            },
        ));
    }
    out
}

/// This item's business as the public sees it (`None` when exempt).
fn own_business(record: &Record, key: ItemKey) -> Option<Business> {
    // Judged on the public's view whatever the audience, so a member's
    // page names no more history than the public's.
    let mut public = record.detail.clone();
    redact(&mut public, Audience::Public);
    match key {
        ItemKey::Agenda(at) => agenda_business(&public, at),
        ItemKey::Minute(k) => businesses(&public)
            .into_iter()
            .find(|(other, _, _)| *other == ItemKey::Minute(k))
            .map(|(_, _, b)| b)
            .or_else(|| {
                let m = public.minutes.iter().flat_map(|m| &m.items).nth(k)?;
                let at = public
                    .agenda
                    .iter()
                    .position(|a| a.number.is_some() && a.number == m.agenda_ref)?;
                agenda_business(&public, at)
            }),
    }
}

/// The same business at the body's other meetings, oldest first.
fn history<S: Store + ?Sized>(
    s: &S,
    record: &Record,
    key: ItemKey,
) -> Result<Vec<Related>, StoreError> {
    let (Some(business), Some((body, _))) =
        (own_business(record, key), &record.detail.meeting.body)
    else {
        return Ok(Vec::new());
    };
    let mut meetings = s.body(*body)?.meetings;
    meetings.retain(|m| m.id != record.detail.meeting.id);
    meetings.sort_by_key(|m| (m.date, m.id));
    let mut out = Vec::new();
    for meeting in meetings {
        let mut detail = s.meeting(meeting.id)?;
        redact(&mut detail, Audience::Public);
        for (other, title, theirs) in businesses(&detail) {
            if let Some(why) = same_business(&business, &theirs) {
                out.push(Related {
                    meeting: meeting.clone(),
                    url: other.url(meeting.id),
                    title,
                    why,
                });
            }
        }
    }
    Ok(out)
}

async fn load(
    state: &AppState,
    id: &str,
    viewer: &Viewer,
    format: Format,
) -> Result<ItemView, Failure> {
    let (meeting, key) = ItemKey::parse(id).ok_or_else(|| {
        Failure::bad_request(format, "This address does not name an item of a meeting.")
    })?;
    let audience = viewer.audience();
    let view = state
        .read(format, move |s| {
            let record = record::read(s, meeting, audience)?;
            let exists = match key {
                ItemKey::Agenda(at) => at < record.detail.agenda.len(),
                ItemKey::Minute(k) => k < record.minutes().len(),
            };
            if !exists {
                return Ok(None);
            }
            let history = history(s, &record, key)?;
            Ok(Some(ItemView {
                record,
                key,
                history,
            }))
        })
        .await?;
    view.ok_or_else(|| Failure::not_found(format))
}

fn history_markup(view: &ItemView) -> Markup {
    html! {
        h2 { "The same business at other meetings" }
        @if view.history.is_empty() {
            p { "No other meeting of this body is known to have taken this business." }
        } @else {
            ul {
                @for h in &view.history {
                    li {
                        (meeting_link(&h.meeting)) ": "
                        a href=(h.url) { (h.title) }
                        span class="meta" { " (" (h.why.reason()) ")" }
                    }
                }
            }
        }
    }
}

async fn item_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Markup, Failure> {
    let view = load(&state, &id, &viewer, Format::Html).await?;
    let r = &view.record;
    let m = &r.detail.meeting;
    let title = view.title();
    let mut trail = meeting_trail(m);
    trail.push((meeting_name(m), format!("/meetings/{}", m.id.0)));
    let minutes = r.minutes();
    let agenda = view.agenda_at().map(|at| (at, &r.detail.agenda[at]));
    Ok(page(
        &title,
        html! {
            (breadcrumbs(&trail, &title))
            h1 { (title) }
            dl class="summary" {
                dt { "Meeting" } dd { (meeting_link(m)) }
                @if let Some((at, a)) = agenda {
                    dt { "Agenda item" }
                    dd {
                        a href={ "/meetings/" (m.id.0) "#agenda-" (at + 1) } { (numbered(a.number.as_deref(), &a.title)) }
                        " " (quiet_source(&a.source, "the agenda item"))
                    }
                    @if let Some((first, last)) = a.pages { dt { "Pages" } dd { (first) "–" (last) } }
                    @if let Some(d) = &a.decision { dt { "Decision number" } dd { (d) } }
                }
            }
            @if let Some((at, _)) = agenda {
                @let papers = r.papers_of(at);
                @if !papers.is_empty() {
                    h2 { "Papers" }
                    ul {
                        @for p in papers {
                            li {
                                (p.subject)
                                @if let Some(from) = &p.from { " – from " (from) }
                                @if let Some(d) = &p.decision { " – decision " (d) }
                                " " (quiet_source(&p.source, "the report"))
                            }
                        }
                    }
                }
            }
            @let declarations = view.declarations();
            @if !declarations.is_empty() {
                h2 { "Declarations of interest" }
                ul {
                    @for d in declarations {
                        li { (person_link(d.person, &d.name)) ": " (d.text) " " (quiet_source(&d.source, "the declaration")) }
                    }
                }
            }
            @let keys = view.minute_keys();
            @if keys.is_empty() {
                h2 { "Minutes" }
                p { "No minute of this item is stored." }
            } @else {
                (confirmation_markup(&r.confirmation))
            }
            @for k in keys {
                @if let Some((_, minute, text)) = minutes.get(k) { (minute_markup(r, k, minute, *text, 2)) }
            }
            (history_markup(&view))
        },
    ))
}

async fn item_api(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<Value>, Failure> {
    let view = load(&state, &id, &viewer, Format::Json).await?;
    let r = &view.record;
    let all = r.minutes();
    let minutes: Vec<Value> = view
        .minute_keys()
        .into_iter()
        .filter_map(|k| all.get(k).map(|(_, m, text)| minute_json(r, k, m, *text)))
        .collect();
    let declarations: Vec<Value> = view
        .declarations()
        .into_iter()
        .map(|d| declaration_json(r, d))
        .collect();
    let history: Vec<Value> = view
        .history
        .iter()
        .map(|h| {
            json!({
                "meeting": meeting_json(&h.meeting),
                "url": h.url,
                "title": h.title,
                "reason": h.why.reason(),
                "kind": h.why.kind(),
            })
        })
        .collect();
    let agenda = view.agenda_at().map(|at| agenda_json(r, at));
    let papers: Vec<Value> = view
        .agenda_at()
        .map(|at| r.papers_of(at).into_iter().map(report_json).collect())
        .unwrap_or_default();
    Ok(Json(json!({
        "id": view.key.id(r.detail.meeting.id),
        "kind": match view.key { ItemKey::Agenda(_) => "agenda", ItemKey::Minute(_) => "minute" },
        "title": view.title(),
        "meeting": meeting_json(&r.detail.meeting),
        "agenda_item": agenda,
        "papers": papers,
        "minutes": minutes,
        "declarations": declarations,
        "confirmation": super::meetings::confirmation_json(&r.confirmation),
        "history": history,
    })))
}
