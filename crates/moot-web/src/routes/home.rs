//! The home page: the meetings coming up and the latest ones held, split
//! at today's date in the United Kingdom.

use crate::error::{Failure, Format};
use crate::html::{meeting_link, page};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::MeetingSummary;
use serde_json::{json, Value};

/// How many meetings the home page lists in each of its two lists.
const LISTED: u32 = 20;

/// `/` and `/api/`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home_page))
        .route("/api", get(home_api))
        .route("/api/", get(home_api))
}

/// The meetings on or after today and those before it.
struct Meetings {
    upcoming: Vec<MeetingSummary>,
    recent: Vec<MeetingSummary>,
}

async fn meetings(state: &AppState, format: Format) -> Result<Meetings, Failure> {
    let today = state.today();
    state
        .read(format, move |store| {
            let upcoming = match today {
                Some(day) => store.upcoming_meetings(day, LISTED)?,
                None => Vec::new(),
            };
            let recent = store.recent_meetings(today, LISTED)?;
            Ok(Meetings { upcoming, recent })
        })
        .await
}

fn meeting_list(meetings: &[MeetingSummary], none: &str) -> Markup {
    html! {
        @if meetings.is_empty() {
            p { (none) }
        } @else {
            ul { @for m in meetings { li { (meeting_link(m)) } } }
        }
    }
}

async fn home_page(State(state): State<AppState>) -> Result<Markup, Failure> {
    let meetings = meetings(&state, Format::Html).await?;
    Ok(page(
        "Council meetings",
        html! {
            h1 { "Council meetings" }
            p { "Agendas, minutes and attendance of council committees and boards, read from the agenda packs they publish." }
            p { a href="/bodies" { "All committees and boards" } }
            p { a href=(super::feeds::ATOM_PATH) type="application/atom+xml" { "Feed of new minutes and decisions (Atom)" } }
            h2 { "Upcoming meetings" }
            (meeting_list(&meetings.upcoming, "No upcoming meetings are published."))
            h2 { "Latest meetings" }
            (meeting_list(&meetings.recent, "No meetings have been imported yet."))
        },
    ))
}

async fn home_api(State(state): State<AppState>) -> Result<Json<Value>, Failure> {
    let meetings = meetings(&state, Format::Json).await?;
    let list = |meetings: &[MeetingSummary]| -> Vec<Value> {
        meetings.iter().map(super::meeting_json).collect()
    };
    Ok(Json(json!({
        "upcoming": list(&meetings.upcoming),
        "meetings": list(&meetings.recent),
    })))
}
