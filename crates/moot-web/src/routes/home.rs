//! The home page: the latest meetings.

use crate::error::{Failure, Format};
use crate::html::{meeting_link, page};
use crate::AppState;
use axum::extract::State;
use axum::response::Json;
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{MeetingSummary, Store};
use serde_json::{json, Value};

/// How many meetings the home page lists.
const RECENT: u32 = 20;

/// `/` and `/api/`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home_page))
        .route("/api", get(home_api))
        .route("/api/", get(home_api))
}

async fn recent(state: &AppState, format: Format) -> Result<Vec<MeetingSummary>, Failure> {
    state
        .read(format, |store| store.recent_meetings(RECENT))
        .await
}

async fn home_page(State(state): State<AppState>) -> Result<Markup, Failure> {
    let meetings = recent(&state, Format::Html).await?;
    Ok(page(
        "Council meetings",
        html! {
            h1 { "Council meetings" }
            p { "Agendas, minutes and attendance of council committees and boards, read from the agenda packs they publish." }
            p { a href="/bodies" { "All committees and boards" } }
            p { a href=(super::feeds::ATOM_PATH) type="application/atom+xml" { "Feed of new minutes and decisions (Atom)" } }
            h2 { "Latest meetings" }
            @if meetings.is_empty() {
                p { "No meetings have been imported yet." }
            } @else {
                ul { @for m in &meetings { li { (meeting_link(m)) } } }
            }
        },
    ))
}

async fn home_api(State(state): State<AppState>) -> Result<Json<Value>, Failure> {
    let meetings = recent(&state, Format::Json).await?;
    let list: Vec<Value> = meetings.iter().map(super::meeting_json).collect();
    Ok(Json(json!({ "meetings": list })))
}
