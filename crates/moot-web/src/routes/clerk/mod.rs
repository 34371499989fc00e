//! The clerk's side: the forms democratic services run a meeting with,
//! from a new body to confirmed minutes, each page with its JSON twin
//! under `/api/clerk/`.
//!
//! - [`agenda`]: bodies, memberships, meetings, agenda items, papers, and
//!   publishing the agenda with its pack PDFs;
//! - [`minutes`]: what happened at the meeting (attendance, declarations,
//!   minutes, resolutions, actions, decisions) and the minutes' lifecycle.
//!
//! Every route takes [`crate::auth::RequireClerk`] (reads of exempt
//! business need at least a member), and every change goes through
//! [`crate::AppState::change`]: the store checks the role again, refuses
//! bad fields under their names (shown beside the field, 422), and
//! writes the audit entry in the change's own transaction.

pub(crate) mod agenda;
mod minutes;

use crate::AppState;
use axum::Router;

/// The clerk's pages, their JSON and their forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(agenda::router())
        .merge(minutes::router())
}
