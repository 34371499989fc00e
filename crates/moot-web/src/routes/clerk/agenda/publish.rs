//! Publishing an agenda: the form and its HTTP. The publishing itself is
//! `moot_publish::publish_agenda` (notice check, both packs, the store's
//! publish), run inside one change on the write connection, so the packs
//! are built from exactly the agenda that is published; then the search
//! index is brought up to date.
//!
//! Today is the site clock's day in the United Kingdom
//! (`AppState::today`), the holidays the list the site holds. Short
//! notice needs the clerk's tick in `confirm_short_notice`; without it
//! the form comes back (422) with the warning beside the tick box, as it
//! does for a paper the pack builder cannot use; nothing is published.

use super::meeting::{meeting_view, Sent};
use super::{see_other, today};
use crate::auth::{Fields, RequireClerk};
use crate::error::{Failure, Format, Id};
use crate::forms::{checkbox, csrf_field};
use crate::html::uk_date;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use maud::{html, Markup};
use moot_clerk::{BankHolidays, NoticeCheck};
use moot_domain::Date;
use moot_store::{ClerkMeeting, ClerkMeetingId};
use serde_json::{json, Value};

/// The tick box accepting short notice.
const CONFIRM: &str = moot_publish::ACCEPT_SHORT_NOTICE;
/// Where a pack that could not be built is reported: the publish button.
const PUBLISH: &str = moot_publish::PACK_FIELD;

/// The publish form's target.
pub fn router() -> Router<AppState> {
    Router::new().route("/clerk/meetings/{id}/publish", post(publish))
}

/// The notice check kept at publishing, in words for the meeting page.
pub(super) fn recorded_notice(check: &NoticeCheck) -> String {
    check.to_string()
}

/// The notice check for JSON.
pub(super) fn notice_json(check: &NoticeCheck) -> Value {
    match check {
        NoticeCheck::Enough { clear_days } => json!({ "kind": "enough", "clear_days": clear_days }),
        NoticeCheck::TooFew { clear_days } => {
            json!({ "kind": "too-few", "clear_days": clear_days })
        }
        NoticeCheck::HolidaysUnknown { .. } => {
            json!({ "kind": "holidays-unknown", "clear_days": Value::Null })
        }
    }
}

/// The publish form, with what publishing today would mean for notice.
pub(super) fn form(
    meeting: &ClerkMeeting,
    today: Date,
    holidays: &BankHolidays,
    sent: &Sent,
) -> Markup {
    let check = NoticeCheck::of(today, meeting.date, holidays);
    let errors = &sent.errors;
    html! {
        h2 { "Publish the agenda" }
        p { "Publishing today, " (uk_date(today)) ", fixes the agenda, makes it public and builds its agenda packs: one for the public, without exempt papers, and one for members." }
        @match check.warning(meeting.date) {
            None => { p { "Notice: " (recorded_notice(&check)) "." } }
            Some(why) => { p class="meta" { strong { "Short notice. " } (why) "." } }
        }
        form method="post" action={ "/clerk/meetings/" (meeting.id.0) "/publish" } novalidate {
            (csrf_field())
            (checkbox(CONFIRM, "Publish even though the notice is short or cannot be counted", sent.confirmed, errors))
            @if let Some(message) = errors.about(PUBLISH) {
                p class="error-message" id={ (PUBLISH) "-error" } { span class="visually-hidden" { "Error: " } (message) }
            }
            button type="submit" id=(PUBLISH) aria-describedby=[errors.about(PUBLISH).map(|_| "publish-error")] { "Publish agenda" }
        }
    }
}

async fn publish(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let confirmed = fields.get(CONFIRM) == Some("yes");
    let (actor, day, holidays) = (clerk.account.actor(), today(&state)?, state.bank_holidays());
    let outcome = state
        .change(Format::Html, move |s| {
            moot_publish::publish_agenda(s, &actor, meeting, day, &holidays, confirmed)
        })
        .await?;
    match outcome {
        Ok(_) => {
            state.refresh_search(Format::Html).await?;
            Ok(see_other(format!("/clerk/meetings/{id}")))
        }
        Err(errors) => {
            let sent = Sent {
                errors,
                confirmed,
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
    }
}
