//! The clerk's record of a meeting and the minutes' lifecycle:
//! attendance, declarations of interest, numbered minutes with their
//! resolutions, decisions in the council's `YY/NNNNN` series and actions,
//! then publishing, confirming at a later meeting, and correcting
//! confirmed minutes as new versions.
//!
//! One page, `/clerk/meetings/{id}/minutes` (JSON twin under `/api/`),
//! carries every form; each form posts to its own address and, done,
//! comes back to the page (303). A form with faults brings the page back
//! (422) with that form's fields as sent and each message beside its
//! field: first the ones [`form::Sent`] finds reading the fields (a person
//! that is not an id, a date that is not a day), then the store's own
//! (`StoreError::Fields`, under the same names). A step the minutes'
//! state refuses is a 409 saying why; an edit of confirmed minutes says
//! they are locked and that a correction makes a new version.
//!
//! Every change made while the minutes are public rewrites them in the
//! public records, so each is followed by [`AppState::refresh_search`].

mod form;
mod page;

use crate::auth::{Fields, RequireClerk};
use crate::error::{Failure, Format, Id};
use crate::forms::{self, page_title, Errors};
use crate::html;
use crate::session::FormFields;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use axum::Router;
use form::Sent;
use moot_clerk::{InterestKind, Presence};
use moot_store::{
    Account, ActionId, AgendaItemId, ClerkMeetingId, Database, MinuteId, MinuteText, NewAction,
    NewAttendance, NewDecision, NewDeclaration, PersonId, StoreError,
};
use page::{Failed, View};
use serde_json::Value;

/// What an edit of confirmed minutes is told.
const LOCKED: &str = "These minutes are confirmed and locked, so this minute can no longer be \
     edited. A correction makes a new version of the minute and keeps the words it replaces: use \
     “Correct minute” on the record of the meeting.";

/// The record's page and twin, and every form it posts.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/clerk/meetings/{id}/minutes",
            get(record_page).post(add_minute),
        )
        .route("/api/clerk/meetings/{id}/minutes", get(record_api))
        .route("/clerk/meetings/{id}/attendance", post(record_attendance))
        .route(
            "/clerk/meetings/{id}/declarations",
            post(record_declaration),
        )
        .route("/clerk/meetings/{id}/actions", post(add_action))
        .route("/clerk/meetings/{id}/minutes/publish", post(publish))
        .route("/clerk/meetings/{id}/minutes/confirm", post(confirm))
        .route("/clerk/minutes/{id}", post(edit_minute))
        .route("/clerk/minutes/{id}/correct", post(correct_minute))
        .route("/clerk/minutes/{id}/decision", post(record_decision))
        .route("/clerk/actions/{id}/close", post(close_action))
}

/// The page, with `failed`'s form sent back when there is one.
async fn render(
    state: &AppState,
    account: &Account,
    meeting: ClerkMeetingId,
    failed: Option<Failed>,
) -> Result<Response, Failure> {
    let actor = account.actor();
    let view = state
        .read(Format::Html, move |s| View::load(s, &actor, meeting))
        .await?;
    let (title, main) = page::markup(&view, failed.as_ref());
    let status = match &failed {
        Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
        None => StatusCode::OK,
    };
    let no_errors = Errors::default();
    let errors = failed.as_ref().map_or(&no_errors, |f| &f.errors);
    Ok((status, html::page(&page_title(&title, errors), main)).into_response())
}

async fn record_page(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
) -> Result<Response, Failure> {
    render(&state, &clerk.account, ClerkMeetingId(id), None).await
}

async fn record_api(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
) -> Result<Json<Value>, Failure> {
    let actor = clerk.account.actor();
    let view = state
        .read(Format::Json, move |s| {
            View::load(s, &actor, ClerkMeetingId(id))
        })
        .await?;
    Ok(Json(page::json(&view)))
}

/// Makes the change `input` was read for, unless reading it found
/// faults; the store's faults come back beside their fields too.
async fn apply<T: Send + 'static>(
    state: &AppState,
    input: Result<T, Errors>,
    change: impl FnOnce(&mut dyn Database, T) -> Result<(), StoreError> + Send + 'static,
) -> Result<Result<(), Errors>, Failure> {
    match input {
        Ok(input) => state.change(Format::Html, move |s| change(s, input)).await,
        Err(errors) => Ok(Err(errors)),
    }
}

/// After a form: back to the record (303), the search index brought up
/// to the public records, or the page again with the form's faults.
async fn settle(
    state: &AppState,
    account: &Account,
    meeting: ClerkMeetingId,
    prefix: String,
    sent: FormFields,
    outcome: Result<(), Errors>,
) -> Result<Response, Failure> {
    match outcome {
        Ok(()) => {
            state.refresh_search(Format::Html).await?;
            let to = format!("/clerk/meetings/{}/minutes", meeting.0);
            Ok(forms::see_other(to))
        }
        Err(errors) => {
            let failed = Failed {
                prefix,
                sent,
                errors,
            };
            render(state, account, meeting, Some(failed)).await
        }
    }
}

/// A minute's meeting and the agenda item it records (404 for no such
/// minute).
async fn minute_of(
    state: &AppState,
    account: &Account,
    minute: MinuteId,
) -> Result<(ClerkMeetingId, Option<AgendaItemId>), Failure> {
    let actor = account.actor();
    let (meeting, minute) = state
        .read(Format::Html, move |s| s.minute(&actor, minute))
        .await?;
    Ok((meeting, minute.text.item))
}

async fn record_attendance(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let mut sent = Sent::new(&fields);
    let person = sent.id("person", "Choose who is recorded");
    let presence = sent.choice(
        "presence",
        Presence::parse,
        "Choose present, apologies or substitute",
    );
    let substitute_for = sent.optional_id(
        "substitute_for",
        "Choose the member this substitute replaces",
    );
    let input = sent.finish(
        person
            .zip(presence)
            .map(|(person, presence)| NewAttendance {
                person: PersonId(person),
                presence,
                substitute_for: substitute_for.map(PersonId),
            }),
    );
    let actor = clerk.account.actor();
    let outcome = apply(&state, input, move |s, new| {
        s.record_attendance(&actor, meeting, &new)
    })
    .await?;
    settle(
        &state,
        &clerk.account,
        meeting,
        "attendance-".into(),
        fields,
        outcome,
    )
    .await
}

async fn record_declaration(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let mut sent = Sent::new(&fields);
    let person = sent.id("person", "Choose who declared the interest");
    let item = sent.id("item", "Choose the agenda item");
    let kind = sent.choice("kind", InterestKind::parse, "Choose the kind of interest");
    let (text, left_room) = (sent.text("text"), sent.ticked("left_room"));
    let input =
        sent.finish(
            person
                .zip(item)
                .zip(kind)
                .map(|((person, item), kind)| NewDeclaration {
                    person: PersonId(person),
                    item: AgendaItemId(item),
                    kind,
                    text,
                    left_room,
                }),
        );
    let actor = clerk.account.actor();
    let outcome = apply(&state, input, move |s, new| {
        s.record_declaration(&actor, meeting, &new)
    })
    .await?;
    settle(
        &state,
        &clerk.account,
        meeting,
        "declaration-".into(),
        fields,
        outcome,
    )
    .await
}

/// A minute's words from its form, recording agenda item `item`.
fn minute_text(sent: &Sent<'_>, item: Option<AgendaItemId>) -> MinuteText {
    MinuteText {
        item,
        title: sent.text("title"),
        text: sent.text("text"),
        resolutions: sent.lines("resolutions"),
    }
}

async fn add_minute(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let mut sent = Sent::new(&fields);
    let item = sent
        .optional_id("item", "Choose an item on this meeting's agenda")
        .map(AgendaItemId);
    let number = sent.optional_number("number", "Give the number as a whole number, such as 12");
    let text = minute_text(&sent, item);
    let input = sent.finish(Some((number, text)));
    let actor = clerk.account.actor();
    let outcome = apply(&state, input, move |s, (number, text)| {
        s.add_minute(&actor, meeting, number, &text).map(|_| ())
    })
    .await?;
    settle(
        &state,
        &clerk.account,
        meeting,
        "minute-new-".into(),
        fields,
        outcome,
    )
    .await
}

async fn edit_minute(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let minute = MinuteId(id);
    let (meeting, item) = minute_of(&state, &clerk.account, minute).await?;
    let actor = clerk.account.actor();
    let sent = Sent::new(&fields);
    let text = minute_text(&sent, item);
    let input = sent.finish(Some(text));
    let outcome = apply(&state, input, move |s, text| {
        s.edit_minute(&actor, minute, &text).map_err(|e| match e {
            StoreError::Refused(_) => StoreError::Refused(LOCKED.into()),
            other => other,
        })
    })
    .await?;
    let prefix = format!("minute-{id}-edit-");
    settle(&state, &clerk.account, meeting, prefix, fields, outcome).await
}

async fn correct_minute(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let minute = MinuteId(id);
    let (meeting, item) = minute_of(&state, &clerk.account, minute).await?;
    let actor = clerk.account.actor();
    let sent = Sent::new(&fields);
    let text = minute_text(&sent, item);
    let reason = sent.text("reason");
    let input = sent.finish(Some((text, reason)));
    let outcome = apply(&state, input, move |s, (text, reason)| {
        s.correct_minute(&actor, minute, &text, &reason)
    })
    .await?;
    let prefix = format!("minute-{id}-correct-");
    settle(&state, &clerk.account, meeting, prefix, fields, outcome).await
}

async fn record_decision(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let minute = MinuteId(id);
    let (meeting, _) = minute_of(&state, &clerk.account, minute).await?;
    let mut sent = Sent::new(&fields);
    let date = sent.date("date");
    let number = Some(sent.text("number")).filter(|n| !n.trim().is_empty());
    let input = sent.finish(date.map(|date| NewDecision {
        minute,
        date,
        number,
    }));
    let actor = clerk.account.actor();
    let outcome = apply(&state, input, move |s, new| {
        s.record_decision(&actor, &new).map(|_| ())
    })
    .await?;
    let prefix = format!("minute-{id}-decision-");
    settle(&state, &clerk.account, meeting, prefix, fields, outcome).await
}

async fn add_action(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let mut sent = Sent::new(&fields);
    let minute = sent
        .optional_id("minute", "Choose a minute of this meeting")
        .map(MinuteId);
    let due = sent.optional_date("due");
    let (text, owner) = (sent.text("text"), sent.text("owner"));
    let input = sent.finish(Some(NewAction {
        minute,
        text,
        owner,
        due,
    }));
    let actor = clerk.account.actor();
    let outcome = apply(&state, input, move |s, new| {
        s.add_action(&actor, meeting, &new).map(|_| ())
    })
    .await?;
    settle(
        &state,
        &clerk.account,
        meeting,
        "action-new-".into(),
        fields,
        outcome,
    )
    .await
}

async fn close_action(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let action = ActionId(id);
    let actor = clerk.account.actor();
    let meeting = state
        .read(Format::Html, {
            let actor = actor.clone();
            move |s| s.action(&actor, action)
        })
        .await?
        .raised_at;
    let mut sent = Sent::new(&fields);
    let at = sent.id("at", "Choose the meeting it was closed at");
    let input = sent.finish(at.map(ClerkMeetingId));
    let outcome = apply(&state, input, move |s, at| {
        s.close_action(&actor, action, at)
    })
    .await?;
    let prefix = format!("action-{id}-close-");
    settle(&state, &clerk.account, meeting, prefix, fields, outcome).await
}

async fn publish(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let actor = clerk.account.actor();
    let outcome = apply(&state, Ok(()), move |s, ()| {
        s.publish_minutes(&actor, meeting)
    })
    .await?;
    settle(
        &state,
        &clerk.account,
        meeting,
        "publish-".into(),
        fields,
        outcome,
    )
    .await
}

async fn confirm(
    State(state): State<AppState>,
    clerk: RequireClerk,
    Id(id): Id,
    Fields(fields): Fields,
) -> Result<Response, Failure> {
    let meeting = ClerkMeetingId(id);
    let mut sent = Sent::new(&fields);
    let at = sent.id("at", "Choose the later meeting that confirmed them");
    let input = sent.finish(at.map(ClerkMeetingId));
    let actor = clerk.account.actor();
    let outcome = apply(&state, input, move |s, at| {
        s.confirm_minutes(&actor, meeting, at)
    })
    .await?;
    settle(
        &state,
        &clerk.account,
        meeting,
        "confirm-".into(),
        fields,
        outcome,
    )
    .await
}
