//! The agenda packs built when a clerk publishes an agenda, on the public
//! meeting's addresses: `/meetings/{id}/agenda-pack.pdf` (the public
//! edition, for everyone) and `/meetings/{id}/agenda-pack-members.pdf`
//! (the members' edition with the exempt papers: members and up). A
//! meeting without a generated pack (an imported one) has neither: 404.
//!
//! The public meeting page and its JSON link them ([`PackLinks`]); the
//! members' link only for a viewer who may open it.

use crate::auth::RequireMember;
use crate::error::{Failure, Format, Id};
use crate::AppState;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};
use moot_store::{Audience, MeetingId, PackEdition};
use serde_json::{json, Value};

/// The two pack routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}/agenda-pack.pdf", get(public_pack))
        .route("/meetings/{id}/agenda-pack-members.pdf", get(members_pack))
}

/// The addresses of a meeting's packs that a viewer may open.
pub(crate) struct PackLinks {
    public: String,
    members: Option<String>,
}

impl PackLinks {
    /// The links of `meeting`'s packs; the members' one when `members`.
    pub(crate) fn of(meeting: MeetingId, members: bool) -> PackLinks {
        PackLinks {
            public: format!("/meetings/{}/agenda-pack.pdf", meeting.0),
            members: members.then(|| format!("/meetings/{}/agenda-pack-members.pdf", meeting.0)),
        }
    }

    /// `{"public": url, "members": url or null}`.
    pub(crate) fn json(&self) -> Value {
        json!({ "public": self.public, "members": self.members })
    }
}

/// The public meeting's pack links for `audience`, if it has packs.
pub(crate) async fn links(
    state: &AppState,
    meeting: MeetingId,
    audience: Audience,
    format: Format,
) -> Result<Option<PackLinks>, Failure> {
    let has = state
        .read(format, move |s| s.has_agenda_packs(meeting))
        .await?;
    Ok(has.then(|| PackLinks::of(meeting, audience.sees_exempt())))
}

/// The links as a list.
pub(crate) fn links_markup(links: &PackLinks) -> Markup {
    html! {
        ul {
            li { a href=(links.public) type="application/pdf" { "Agenda pack (PDF)" } }
            @if let Some(members) = &links.members {
                li { a href=(members) type="application/pdf" { "Members' agenda pack, with exempt papers (PDF, not for publication)" } }
            }
        }
    }
}

/// One edition of a meeting's pack as a PDF response, or 404.
async fn pack(
    state: &AppState,
    meeting: MeetingId,
    audience: Audience,
    edition: PackEdition,
) -> Result<Response, Failure> {
    let pdf = state
        .read(Format::Html, move |s| {
            s.agenda_pack(audience, meeting, edition)
        })
        .await?
        .ok_or_else(|| Failure::not_found(Format::Html))?;
    Ok(([(CONTENT_TYPE, "application/pdf")], pdf).into_response())
}

async fn public_pack(State(state): State<AppState>, Id(id): Id) -> Result<Response, Failure> {
    pack(&state, MeetingId(id), Audience::Public, PackEdition::Public).await
}

async fn members_pack(
    State(state): State<AppState>,
    member: RequireMember,
    Id(id): Id,
) -> Result<Response, Failure> {
    let audience = Audience::Account(member.account.role);
    pack(&state, MeetingId(id), audience, PackEdition::Members).await
}
