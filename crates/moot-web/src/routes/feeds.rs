//! The feeds: `/bodies/{id}/meetings.ics`, an iCalendar of one body's dated
//! meetings, and `/feeds/minutes.atom`, an Atom feed of newly stored
//! minutes and decisions. They are data formats in their own right, so
//! they have no `/api/` twin.
//!
//! Exempt business stays out: calendars carry no agenda titles, minutes
//! entries name only their meeting, and a decision appears only when
//! [`moot_store::FeedDecision::is_public`] says so.

use crate::atom::{self, Entry, Feed};
use crate::error::{Failure, Format, Id};
use crate::hosts::Origin;
use crate::html::{meeting_name, uk_date};
use crate::ical::{Calendar, Event, Start};
use crate::AppState;
use axum::extract::State;
use axum::http::header::{CONTENT_TYPE, HOST};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use moot_store::{BodyId, CalendarMeeting, FeedEntry, FeedItem};

/// The most entries the Atom feed carries.
const FEED_LIMIT: u32 = 50;

/// Where the Atom feed lives, for links from pages.
pub const ATOM_PATH: &str = "/feeds/minutes.atom";

/// The address of a body's calendar, for links from pages.
pub fn calendar_path(body: BodyId) -> String {
    format!("/bodies/{}/meetings.ics", body.0)
}

/// `/bodies/{id}/meetings.ics` and `/feeds/minutes.atom`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bodies/{id}/meetings.ics", get(calendar))
        .route(ATOM_PATH, get(atom_feed))
}

/// Where the feeds' absolute addresses point: `--public-url` when set,
/// else the host the request named (checked against the allowed hosts
/// before any handler runs; see [`crate::hosts`]).
pub(super) fn origin(state: &AppState, headers: &HeaderMap) -> Origin {
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    Origin::of(state.settings().public_url.as_ref(), host)
}

pub(super) fn with_type(content_type: &'static str, body: String) -> Response {
    ([(CONTENT_TYPE, content_type)], body).into_response()
}

async fn calendar(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Response, Failure> {
    let id = BodyId(id);
    let (record, meetings) = state
        .read(Format::Html, move |s| {
            Ok((s.body(id)?, s.body_calendar(id)?))
        })
        .await?;
    let origin = origin(&state, &headers);
    let name = &record.body.name;
    let mut calendar = Calendar::new("-//Moot//Council meetings//EN", &format!("{name} meetings"));
    for m in &meetings {
        add_event(&mut calendar, m, name, &origin);
    }
    Ok(with_type("text/calendar; charset=utf-8", calendar.finish()))
}

fn add_event(calendar: &mut Calendar, m: &CalendarMeeting, body: &str, origin: &Origin) {
    let Some(date) = m.meeting.date else { return };
    let start = match m.meeting.time {
        Some(time) => Start::London(date, time),
        None => Start::Day(date),
    };
    let id = m.meeting.id.0;
    calendar.event(&Event {
        uid: &format!("meeting-{id}@{}", origin.host),
        stamp: &m.recorded,
        start,
        summary: body,
        location: m.venue.as_deref(),
        url: &format!("{}/meetings/{id}", origin.base),
    });
}

async fn atom_feed(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Failure> {
    let entries = state
        .read(Format::Html, |s| s.feed_entries(FEED_LIMIT))
        .await?;
    let origin = origin(&state, &headers).base;
    let entries: Vec<Entry> = entries
        .iter()
        .filter_map(|e| public_entry(e, &origin))
        .take(FEED_LIMIT as usize)
        .collect();
    let self_url = format!("{origin}{ATOM_PATH}");
    // An empty feed has never been updated: the start of the epoch says so.
    let updated = entries
        .first()
        .map_or("1970-01-01T00:00:00Z", |e| e.updated.as_str());
    let feed = Feed {
        id: &self_url,
        title: "New minutes and decisions",
        updated,
        self_url: &self_url,
        site_url: &format!("{origin}/"),
    };
    Ok(with_type(
        "application/atom+xml; charset=utf-8",
        atom::write(&feed, &entries),
    ))
}

/// The entry the public may see for `e`, if any.
fn public_entry(e: &FeedEntry, origin: &str) -> Option<Entry> {
    let page = format!("{origin}/meetings/{}", e.meeting.id.0);
    let meeting = meeting_name(&e.meeting);
    let (fragment, title, summary) = match &e.item {
        FeedItem::Minutes { id, items } => (
            format!("minutes-{id}"),
            format!("Minutes: {meeting}"),
            format!(
                "Minutes of {}{}: {items} numbered minutes, with attendance, declarations and resolutions.",
                e.meeting.body.as_ref().map_or("a meeting", |(_, name)| name.as_str()),
                e.meeting.date.map(|d| format!(" on {}", uk_date(d))).unwrap_or_default(),
            ),
        ),
        FeedItem::Decision(d) if d.is_public() => (
            format!("decision-{}", d.number),
            format!("Decision {}: {}", d.number, d.subject),
            format!("Proposed decision {} in a report to {meeting}: {}.", d.number, d.subject),
        ),
        FeedItem::Decision(_) => return None,
    };
    Some(Entry {
        id: format!("{page}#{fragment}"),
        title,
        updated: e.recorded.clone(),
        link: page,
        summary,
    })
}
