//! The clerk's agenda side: the bodies the clerk runs (`/clerk`), a
//! body's members and meetings (`/clerk/bodies/{id}`), and a meeting's
//! agenda with its papers and publishing (`/clerk/meetings/{id}`, in
//! [`meeting`] and [`publish`]); the packs built at publishing are
//! served to the public by [`packs`].
//!
//! Each form is checked here only as far as types go (a date that is not
//! a date, a role that is not one of the three); everything else the
//! store checks and refuses under the field's name, and the page is shown
//! again with the message beside the field, what was typed kept, and 422.
//! Success is a 303 to the page the contract names.

mod meeting;
pub(crate) use meeting::PAPER_UPLOAD;
pub(crate) mod packs;
mod publish;

use crate::auth::{Fields, RequireClerk};
use crate::error::{Failure, Format, Id};
pub(crate) use crate::forms::see_other;
use crate::forms::{self, csrf_field, error_summary, select, text_input, textarea, Errors, Input};
use crate::html::{column_headers, date_markup, page, scroll_table, uk_date};
use crate::session::FormFields;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};
use moot_clerk::{BodyRole, MinuteNumbering, Seat, Term};
use moot_domain::{Date, Time};
use moot_store::{BodyId, ClerkBody, ClerkMeeting, ClerkMember, NewBody, NewMeeting, NewMember};
use serde_json::{json, Value};

/// The agenda side's pages, JSON and forms, and the public packs.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/clerk", get(home_page))
        .route("/api/clerk", get(home_api))
        .route("/clerk/bodies", post(add_body))
        .route("/clerk/bodies/{id}", get(body_page))
        .route("/api/clerk/bodies/{id}", get(body_api))
        .route("/clerk/bodies/{id}/members", post(add_member))
        .route("/clerk/bodies/{id}/meetings", post(add_meeting))
        .merge(meeting::router())
        .merge(publish::router())
        .merge(packs::router())
}

/// Today in the United Kingdom by the site's clock: the day an agenda is
/// published on and the day a body's current members are taken from.
pub(crate) fn today(state: &AppState) -> Result<Date, Failure> {
    state
        .today()
        .ok_or_else(|| Failure::internal(Format::Html, "the clock is out of range"))
}

/// A form's field, trimmed, or empty.
fn value(fields: &FormFields, name: &str) -> String {
    fields.get(name).unwrap_or("").trim().to_owned()
}

/// `None` for an empty field.
fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// A text field of the clerk's forms.
fn input<'a>(id: &'static str, label: &'a str, hint: Option<&'a str>, value: &'a str) -> Input<'a> {
    Input {
        id,
        label,
        hint,
        kind: "text",
        autocomplete: "off",
        value,
    }
}

/// A required date field: a field error when it is not `YYYY-MM-DD`.
fn date_field(errors: &mut Errors, field: &str, text: &str) -> Option<Date> {
    let date = forms::iso_date(text);
    if date.is_none() {
        errors.add(field, "Enter a real date as YYYY-MM-DD, such as 2026-12-08");
    }
    date
}

/// An optional date field: empty is `None`, anything else must be a date.
fn optional_date_field(errors: &mut Errors, field: &str, text: &str) -> Option<Date> {
    if text.is_empty() {
        None
    } else {
        date_field(errors, field, text)
    }
}

/// A body for JSON, with the addresses of its clerk page and JSON.
fn body_json(body: &ClerkBody) -> Value {
    json!({
        "id": body.id.0,
        "name": body.name,
        "organisation": body.organisation,
        "numbering": body.numbering.to_stored(),
        "url": format!("/clerk/bodies/{}", body.id.0),
        "api": format!("/api/clerk/bodies/{}", body.id.0),
    })
}

// ---- /clerk: the bodies and the "Add a body" form ----

/// What the body form was sent with.
#[derive(Default)]
struct BodyDraft {
    organisation: String,
    name: String,
    numbering: String,
    starts_month: String,
}

impl BodyDraft {
    fn from(fields: &FormFields) -> BodyDraft {
        BodyDraft {
            organisation: value(fields, "organisation"),
            name: value(fields, "name"),
            numbering: value(fields, "numbering"),
            starts_month: value(fields, "starts_month"),
        }
    }

    /// The numbering scheme, or its fields' errors.
    fn numbering(&self, errors: &mut Errors) -> Option<MinuteNumbering> {
        match self.numbering.as_str() {
            "running" => Some(MinuteNumbering::Running),
            "municipal-year" => {
                let month = self
                    .starts_month
                    .parse::<u8>()
                    .ok()
                    .filter(|m| (1..=12).contains(m));
                if month.is_none() {
                    errors.add(
                        "starts_month",
                        "Choose the month the municipal year starts, from 1 (January) to 12 (December)",
                    );
                }
                month.map(|starts_month| MinuteNumbering::ByMunicipalYear { starts_month })
            }
            _ => {
                errors.add(
                    "numbering",
                    "Choose whether minutes run on for ever or start again each municipal year",
                );
                None
            }
        }
    }
}

fn body_form(draft: &BodyDraft, errors: &Errors) -> Markup {
    let numbering = [
        ("running", "One running number, never reset"),
        ("municipal-year", "From 1 again each municipal year"),
    ];
    html! {
        h2 { "Add a body" }
        form method="post" action="/clerk/bodies" novalidate {
            (csrf_field())
            (text_input(&input("organisation", "Council", Some("As printed on its agendas, such as Ashworth Borough Council"), &draft.organisation), errors))
            (text_input(&input("name", "Name of the committee, board or panel", None, &draft.name), errors))
            (select("numbering", "How its minutes are numbered", &numbering, &draft.numbering, errors))
            (text_input(&input("starts_month", "Month the municipal year starts (for numbering by municipal year)", Some("A number from 1 to 12; 5 for May"), &draft.starts_month), errors))
            button type="submit" { "Add body" }
        }
    }
}

async fn home_view(
    state: &AppState,
    clerk: &RequireClerk,
    draft: &BodyDraft,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, Failure> {
    let actor = clerk.account.actor();
    let bodies = state
        .read(Format::Html, move |s| s.clerk_bodies(&actor))
        .await?;
    let title = forms::page_title("Clerk: your bodies", errors);
    let main = html! {
        (error_summary(errors))
        h1 { "Your bodies" }
        @if bodies.is_empty() { p { "You do not run any body yet. Add one below." } }
        @else {
            ul { @for b in &bodies {
                li { a href={ "/clerk/bodies/" (b.id.0) } { (b.name) } @if let Some(o) = &b.organisation { span class="meta" { " (" (o) ")" } } }
            } }
        }
        (body_form(draft, errors))
    };
    Ok((status, page(&title, main)).into_response())
}

async fn home_page(
    State(state): State<AppState>,
    clerk: RequireClerk,
) -> Result<Response, Failure> {
    home_view(
        &state,
        &clerk,
        &BodyDraft::default(),
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

async fn home_api(
    State(state): State<AppState>,
    clerk: RequireClerk,
) -> Result<Json<Value>, Failure> {
    let actor = clerk.account.actor();
    let bodies = state
        .read(Format::Json, move |s| s.clerk_bodies(&actor))
        .await?;
    let list: Vec<Value> = bodies.iter().map(body_json).collect();
    Ok(Json(json!({ "bodies": list })))
}

async fn add_body(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let draft = BodyDraft::from(&fields);
    let mut errors = Errors::default();
    if let Some(numbering) = draft.numbering(&mut errors) {
        let new = NewBody {
            organisation: draft.organisation.clone(),
            name: draft.name.clone(),
            numbering,
        };
        let actor = clerk.account.actor();
        match state
            .change(Format::Html, move |s| s.create_body(&actor, &new))
            .await?
        {
            Ok(id) => return Ok(see_other(format!("/clerk/bodies/{}", id.0))),
            Err(refused) => errors = refused,
        }
    }
    home_view(
        &state,
        &clerk,
        &draft,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

// ---- /clerk/bodies/{id}: members, meetings and their forms ----

/// What the member form was sent with.
#[derive(Default)]
struct MemberDraft {
    name: String,
    role: String,
    party: String,
    seat: String,
    starts: String,
    ends: String,
    substitutes: String,
}

impl MemberDraft {
    fn from(fields: &FormFields) -> MemberDraft {
        MemberDraft {
            name: value(fields, "name"),
            role: value(fields, "role"),
            party: value(fields, "party"),
            seat: value(fields, "seat"),
            starts: value(fields, "starts"),
            ends: value(fields, "ends"),
            substitutes: value(fields, "substitutes"),
        }
    }

    /// The membership, or the errors of its typed fields.
    fn member(&self, errors: &mut Errors) -> Option<NewMember> {
        let role = BodyRole::parse(&self.role);
        if role.is_none() {
            errors.add("role", "Choose chair, vice-chair or member");
        }
        let seat = Seat::parse(&self.seat);
        if seat.is_none() {
            errors.add("seat", "Choose a voting, co-opted or associate seat");
        }
        let starts = date_field(errors, "starts", &self.starts);
        let ends = optional_date_field(errors, "ends", &self.ends);
        if !errors.is_empty() {
            return None;
        }
        Some(NewMember {
            person: None,
            name: self.name.clone(),
            role: role?,
            party: optional(&self.party),
            seat: seat?,
            term: Term {
                starts: starts?,
                ends,
            },
            substitutes: self
                .substitutes
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// What the meeting form was sent with.
#[derive(Default)]
struct MeetingDraft {
    date: String,
    time: String,
    venue: String,
    contact: String,
}

impl MeetingDraft {
    fn from(fields: &FormFields) -> MeetingDraft {
        MeetingDraft {
            date: value(fields, "date"),
            time: value(fields, "time"),
            venue: value(fields, "venue"),
            contact: value(fields, "contact"),
        }
    }

    /// The meeting, or the errors of its typed fields.
    fn meeting(&self, errors: &mut Errors) -> Option<NewMeeting> {
        let date = date_field(errors, "date", &self.date);
        let time: Option<Time> = if self.time.is_empty() {
            None
        } else {
            let time = forms::clock_time(&self.time);
            if time.is_none() {
                errors.add(
                    "time",
                    "Enter the start time as HH:MM on the 24-hour clock, such as 18:30",
                );
            }
            time
        };
        if !errors.is_empty() {
            return None;
        }
        Some(NewMeeting {
            date: date?,
            time,
            venue: self.venue.clone(),
            contact: self.contact.clone(),
        })
    }
}

/// The body page's two forms, one of which may have been sent.
#[derive(Default)]
struct BodyForms {
    member: MemberDraft,
    meeting: MeetingDraft,
}

fn member_form(body: BodyId, draft: &MemberDraft, errors: &Errors) -> Markup {
    let roles = [
        ("member", "Member"),
        ("chair", "Chair"),
        ("vice-chair", "Vice-Chair"),
    ];
    let seats = [
        ("voting", "Voting member"),
        ("co-opted", "Co-opted member"),
        ("associate", "Associate member"),
    ];
    html! {
        h2 { "Add a member" }
        form method="post" action={ "/clerk/bodies/" (body.0) "/members" } novalidate {
            (csrf_field())
            (text_input(&input("name", "Name as printed", Some("Such as Cllr Mrs A Baker"), &draft.name), errors))
            (select("role", "Role", &roles, &draft.role, errors))
            (text_input(&input("party", "Party (optional)", None, &draft.party), errors))
            (select("seat", "Seat", &seats, &draft.seat, errors))
            (text_input(&input("starts", "Term starts", Some("YYYY-MM-DD, such as 2026-05-21"), &draft.starts), errors))
            (text_input(&input("ends", "Term ends (optional)", Some("YYYY-MM-DD; leave empty for a term with no end set"), &draft.ends), errors))
            (textarea(&input("substitutes", "Named substitutes (optional)", Some("One name a line"), &draft.substitutes), errors))
            button type="submit" { "Add member" }
        }
    }
}

fn meeting_form(body: BodyId, draft: &MeetingDraft, errors: &Errors) -> Markup {
    html! {
        h2 { "Schedule a meeting" }
        form method="post" action={ "/clerk/bodies/" (body.0) "/meetings" } novalidate {
            (csrf_field())
            (text_input(&input("date", "Date", Some("YYYY-MM-DD, such as 2026-12-08"), &draft.date), errors))
            (text_input(&input("time", "Start time (optional)", Some("HH:MM on the 24-hour clock, such as 18:30"), &draft.time), errors))
            (text_input(&input("venue", "Venue", None, &draft.venue), errors))
            (text_input(&input("contact", "Contact officer", Some("Name, and how to reach them"), &draft.contact), errors))
            button type="submit" { "Schedule meeting" }
        }
    }
}

/// The role, party and seat of a member as one cell.
fn member_details(m: &ClerkMember) -> String {
    let mut parts = vec![m.role.label().to_owned(), m.seat.label().to_owned()];
    if let Some(party) = &m.party {
        parts.insert(1, party.clone());
    }
    parts.join(", ")
}

fn members_table(members: &[ClerkMember]) -> Markup {
    scroll_table(
        "Members",
        html! { table {
            (column_headers(&["Name", "Role, party and seat", "Term", "Substitutes"]))
            tbody { @for m in members { tr {
                td { (m.name) }
                td { (member_details(m)) }
                td { "From " (date_markup(m.term.starts)) @if let Some(end) = m.term.ends { " to " (date_markup(end)) } }
                td { (m.substitutes.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", ")) }
            } } }
        } },
    )
}

fn meetings_list(meetings: &[ClerkMeeting]) -> Markup {
    html! {
        @if meetings.is_empty() { p { "No meetings are scheduled yet." } }
        @else { ul { @for m in meetings {
            li { a href={ "/clerk/meetings/" (m.id.0) } { (uk_date(m.date)) } " (agenda " (m.agenda.as_str()) ")" }
        } } }
    }
}

/// The body, its members today and its meetings.
async fn body_records(
    state: &AppState,
    clerk: &RequireClerk,
    body: BodyId,
    format: Format,
) -> Result<(ClerkBody, Vec<ClerkMember>, Vec<ClerkMeeting>), Failure> {
    let actor = clerk.account.actor();
    let day = today(state)?;
    state
        .read(format, move |s| {
            Ok((
                s.clerk_body(&actor, body)?,
                s.members_on(&actor, body, day)?,
                s.clerk_meetings(&actor, body)?,
            ))
        })
        .await
}

async fn body_view(
    state: &AppState,
    clerk: &RequireClerk,
    body: BodyId,
    drafts: &BodyForms,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, Failure> {
    let (b, members, meetings) = body_records(state, clerk, body, Format::Html).await?;
    let title = forms::page_title(&format!("Clerk: {}", b.name), errors);
    let main = html! {
        (error_summary(errors))
        p { a href="/clerk" { "Your bodies" } }
        h1 { (b.name) }
        @if let Some(o) = &b.organisation { p class="meta" { (o) } }
        p { a href={ "/bodies/" (b.id.0) } { "The body's public page" } }
        h2 { "Members today" }
        @if members.is_empty() { p { "No one is a member today." } } @else { (members_table(&members)) }
        h2 { "Meetings" }
        (meetings_list(&meetings))
        (member_form(body, &drafts.member, errors))
        (meeting_form(body, &drafts.meeting, errors))
    };
    Ok((status, page(&title, main)).into_response())
}

async fn body_page(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
) -> Result<Response, Failure> {
    let drafts = BodyForms::default();
    body_view(
        &state,
        &clerk,
        BodyId(id),
        &drafts,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

fn member_json(m: &ClerkMember) -> Value {
    let substitutes: Vec<Value> = m
        .substitutes
        .iter()
        .map(|(person, name)| json!({ "person": person.0, "name": name }))
        .collect();
    json!({
        "id": m.id.0,
        "person": m.person.0,
        "name": m.name,
        "role": m.role.as_str(),
        "party": m.party,
        "seat": m.seat.as_str(),
        "starts": m.term.starts.to_string(),
        "ends": m.term.ends.map(|d| d.to_string()),
        "substitutes": substitutes,
    })
}

fn meeting_summary_json(m: &ClerkMeeting) -> Value {
    json!({
        "id": m.id.0,
        "date": m.date.to_string(),
        "time": m.time.map(|t| t.to_string()),
        "agenda": m.agenda.as_str(),
        "url": format!("/clerk/meetings/{}", m.id.0),
        "api": format!("/api/clerk/meetings/{}", m.id.0),
    })
}

async fn body_api(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
) -> Result<Json<Value>, Failure> {
    let (b, members, meetings) = body_records(&state, &clerk, BodyId(id), Format::Json).await?;
    Ok(Json(json!({
        "body": body_json(&b),
        "members": members.iter().map(member_json).collect::<Vec<_>>(),
        "meetings": meetings.iter().map(meeting_summary_json).collect::<Vec<_>>(),
    })))
}

async fn add_member(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let body = BodyId(id);
    let draft = MemberDraft::from(&fields);
    let mut errors = Errors::default();
    if let Some(member) = draft.member(&mut errors) {
        let actor = clerk.account.actor();
        match state
            .change(Format::Html, move |s| s.add_member(&actor, body, &member))
            .await?
        {
            Ok(_) => return Ok(see_other(format!("/clerk/bodies/{id}"))),
            Err(refused) => errors = refused,
        }
    }
    let drafts = BodyForms {
        member: draft,
        ..BodyForms::default()
    };
    body_view(
        &state,
        &clerk,
        body,
        &drafts,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

async fn add_meeting(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let body = BodyId(id);
    let draft = MeetingDraft::from(&fields);
    let mut errors = Errors::default();
    if let Some(meeting) = draft.meeting(&mut errors) {
        let actor = clerk.account.actor();
        match state
            .change(Format::Html, move |s| {
                s.create_meeting(&actor, body, &meeting)
            })
            .await?
        {
            Ok(mid) => return Ok(see_other(format!("/clerk/meetings/{}", mid.0))),
            Err(refused) => errors = refused,
        }
    }
    let drafts = BodyForms {
        meeting: draft,
        ..BodyForms::default()
    };
    body_view(
        &state,
        &clerk,
        body,
        &drafts,
        &errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}
