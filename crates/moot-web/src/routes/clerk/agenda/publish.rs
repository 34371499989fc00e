//! Publishing an agenda: the notice check, both editions of the pack, and
//! the publishing itself, all inside one change on the write connection,
//! so the packs are built from exactly the agenda that is published.
//!
//! 1. The notice check is made for today (the site clock's day in the United
//!    Kingdom, `AppState::today`) against the meeting's date and the bank
//!    holiday list the site holds. Fewer than five clear working days,
//!    or a list that does not cover the dates, needs the clerk's tick in
//!    `confirm_short_notice`; without it the form comes back (422) with
//!    the warning beside the tick box, and nothing is published.
//! 2. Both packs are built with `moot-pack-builder` from the draft agenda,
//!    the membership on the meeting's day and the papers. A paper the
//!    builder cannot use is shown on the form; nothing is published.
//! 3. The store publishes the agenda and keeps both PDFs in one
//!    transaction; then the search index is brought up to date.

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
use moot_clerk::{BankHolidays, BodyRole, FieldErrors, NoticeCheck, PaperFormat, Seat};
use moot_domain::Date;
use moot_pack_builder::{Contact, Edition, Exemption, Item, Member, Paper, Section};
use moot_store::{
    Actor, AgendaPacks, ClerkAgenda, ClerkBody, ClerkMeeting, ClerkMeetingId, ClerkMember,
    ClerkStore, StoreError,
};
use moot_store_sqlite::SqliteStore;
use serde_json::{json, Value};

/// The tick box accepting short notice.
const CONFIRM: &str = "confirm_short_notice";
/// Where a pack that could not be built is reported: the publish button.
const PUBLISH: &str = "publish";

/// The publish form's target.
pub fn router() -> Router<AppState> {
    Router::new().route("/clerk/meetings/{id}/publish", post(publish))
}

/// Why a notice check needs the clerk's tick, or `None` when it does not.
fn warning(check: &NoticeCheck, meeting: Date) -> Option<String> {
    match check {
        NoticeCheck::Enough { .. } => None,
        NoticeCheck::TooFew { clear_days } => Some(format!(
            "Only {clear_days} clear working {} would remain before the meeting on {}: the law asks for five (Local Government Act 1972, section 100B). Clear working days leave out the day of publishing, the day of the meeting, weekends and bank holidays. Tick the box to publish at short notice",
            if *clear_days == 1 { "day" } else { "days" },
            uk_date(meeting)
        )),
        NoticeCheck::HolidaysUnknown { list_ends } => Some(format!(
            "The bank holiday list ends in {list_ends}, so the clear working days before the meeting on {} cannot be counted: the holiday list must be updated (moot serve --bank-holidays FILE). Tick the box to publish without the count",
            uk_date(meeting)
        )),
    }
}

/// The notice check kept at publishing, in words for the meeting page.
pub(super) fn recorded_notice(check: &NoticeCheck) -> String {
    match check {
        NoticeCheck::Enough { clear_days } => {
            format!("{clear_days} clear working days: enough (five are required)")
        }
        NoticeCheck::TooFew { clear_days } => format!(
            "{clear_days} clear working {}: short notice, fewer than the five required",
            if *clear_days == 1 { "day" } else { "days" }
        ),
        NoticeCheck::HolidaysUnknown { list_ends } => {
            format!("not counted: the bank holiday list ended in {list_ends}")
        }
    }
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
        @match warning(&check, meeting.date) {
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

/// A member as the pack prints them.
fn pack_member(m: &ClerkMember) -> Member {
    Member {
        name: m.name.clone(),
        role: (m.role != BodyRole::Member).then(|| m.role.label().to_owned()),
        party: m.party.clone(),
        voting: m.seat == Seat::Voting,
    }
}

/// A text paper's paragraphs: its blank-line separated blocks, each one
/// line.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|block| block.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A paper as the pack builder takes it.
fn pack_paper(title: &str, format: PaperFormat, bytes: Vec<u8>) -> Paper {
    match format {
        PaperFormat::Pdf => Paper::Pdf {
            title: title.to_owned(),
            bytes,
        },
        PaperFormat::Text => Paper::Text {
            title: title.to_owned(),
            paragraphs: paragraphs(&String::from_utf8_lossy(&bytes)),
        },
    }
}

/// The pack's plan: the agenda's items under their sections (in order,
/// a run of items with one section each), with their papers.
fn pack_meeting(
    body: &ClerkBody,
    agenda: &ClerkAgenda,
    members: &[ClerkMember],
    mut papers: impl FnMut(&moot_store::PaperInfo) -> Result<Vec<u8>, StoreError>,
) -> Result<moot_pack_builder::Meeting, StoreError> {
    let mut sections: Vec<(Option<String>, Vec<Item>)> = Vec::new();
    for item in &agenda.items {
        let item_papers = item
            .papers
            .iter()
            .map(|p| Ok(pack_paper(&p.title, p.format, papers(p)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let printed = Item {
            number: item.number.clone(),
            title: item.title.clone(),
            description: item.description.clone(),
            papers: item_papers,
            exemption: item.exempt.and_then(|p| Exemption::paragraph(p.number())),
        };
        match sections.last_mut() {
            Some((section, items)) if *section == item.section => items.push(printed),
            _ => sections.push((item.section.clone(), vec![printed])),
        }
    }
    let m = &agenda.meeting;
    Ok(moot_pack_builder::Meeting {
        council: body.organisation.clone().unwrap_or_default(),
        body: body.name.clone(),
        date: m.date,
        time: m.time,
        venue: m.venue.clone(),
        contact: Contact {
            name: m.contact.clone(),
            phone: None,
            email: None,
        },
        membership: members.iter().map(pack_member).collect(),
        sections: sections
            .into_iter()
            .map(|(heading, items)| Section {
                heading: heading.unwrap_or_else(|| "Agenda".to_owned()),
                items,
            })
            .collect(),
    })
}

/// Both editions of the agenda's pack; a paper the builder cannot use is
/// a fault of the publish form.
fn build_packs(
    store: &SqliteStore,
    actor: &Actor,
    agenda: &ClerkAgenda,
) -> Result<AgendaPacks, StoreError> {
    let body = store.clerk_body(actor, agenda.meeting.body)?;
    let members = store.members_on(actor, body.id, agenda.meeting.date)?;
    let plan = pack_meeting(&body, agenda, &members, |p| {
        store.paper(actor, p.id).map(|(_, bytes)| bytes)
    })?;
    let edition = |edition| {
        moot_pack_builder::build(&plan, edition)
            .map(|pack| pack.pdf)
            .map_err(|e| {
                StoreError::Fields(FieldErrors::one(
                    PUBLISH,
                    format!("The agenda pack could not be built: {e}. Replace that paper, then publish again"),
                ))
            })
    };
    Ok(AgendaPacks {
        public: edition(Edition::Public)?,
        members: edition(Edition::Members)?,
    })
}

/// Checks notice, builds the packs and publishes, on the write
/// connection.
fn publish_now(
    store: &mut SqliteStore,
    actor: &Actor,
    meeting: ClerkMeetingId,
    today: Date,
    holidays: &BankHolidays,
    confirmed: bool,
) -> Result<NoticeCheck, StoreError> {
    let agenda = store.agenda(actor, meeting)?;
    agenda
        .meeting
        .agenda
        .publish()
        .map_err(|refused| StoreError::Refused(refused.0))?;
    let check = NoticeCheck::of(today, agenda.meeting.date, holidays);
    if let (Some(why), false) = (warning(&check, agenda.meeting.date), confirmed) {
        return Err(StoreError::Fields(FieldErrors::one(CONFIRM, why)));
    }
    let packs = build_packs(store, actor, &agenda)?;
    store.publish_agenda(actor, meeting, today, holidays, &packs)
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
            publish_now(s, &actor, meeting, day, &holidays, confirmed)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn short_notice_warns_with_the_days_left_and_enough_does_not() {
        let meeting = day(2026, 12, 8);
        assert_eq!(
            warning(&NoticeCheck::Enough { clear_days: 5 }, meeting),
            None
        );
        let few = warning(&NoticeCheck::TooFew { clear_days: 1 }, meeting).unwrap();
        assert!(
            few.starts_with("Only 1 clear working day would remain"),
            "{few}"
        );
        assert!(few.contains("Tuesday 8 December 2026"), "{few}");
        let unknown = warning(&NoticeCheck::HolidaysUnknown { list_ends: 2027 }, meeting).unwrap();
        assert!(unknown.contains("must be updated"), "{unknown}");
    }

    #[test]
    fn a_text_paper_is_set_in_its_blank_line_separated_paragraphs() {
        let text = "First line\nwraps here.\r\n\r\nSecond.\n\n\n";
        assert_eq!(paragraphs(text), ["First line wraps here.", "Second."]);
    }
}
