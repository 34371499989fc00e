//! Publishing an agenda, the one way every caller does it (the site's
//! publish form, the command line): the notice check, both editions of
//! the agenda pack, and the store's publish, so no caller can publish at
//! short notice without the warning, nor without packs.
//!
//! 1. The agenda must be a draft ([`moot_clerk::AgendaState::publish`]).
//! 2. The notice check is made for `today` against the meeting's date
//!    and the bank holiday list ([`NoticeCheck::of`]). Short notice, or a
//!    list that does not cover the dates, is refused under
//!    [`ACCEPT_SHORT_NOTICE`] with the warning unless the caller passes
//!    the clerk's acceptance. The check is made before the packs are
//!    built (it is cheap; they are not), and the store makes it again
//!    inside its transaction.
//! 3. Both packs are built with `moot-pack-builder` from the draft
//!    agenda, the membership on the meeting's day and the papers. A paper
//!    the builder cannot use is a fault under [`PACK_FIELD`]; nothing is
//!    published.
//! 4. The store publishes the agenda and keeps both PDFs in one
//!    transaction ([`ClerkStore::publish_agenda`]).
//!
//! Works over any backend: it asks only [`ClerkStore`].
//!
//! ```no_run
//! # fn demo(store: &mut dyn moot_store::Database, actor: &moot_store::Actor) -> Result<(), moot_store::StoreError> {
//! let today = moot_domain::Date::new(2026, 11, 16).unwrap();
//! let holidays = moot_clerk::BankHolidays::shipped();
//! let meeting = moot_store::ClerkMeetingId(1);
//! let notice = moot_publish::publish_agenda(store, actor, meeting, today, &holidays, false)?;
//! # Ok(()) }
//! ```

use moot_clerk::{BankHolidays, BodyRole, FieldErrors, NoticeCheck, PaperFormat, Seat};
use moot_domain::Date;
use moot_pack_builder::{Contact, Edition, Exemption, Item, Member, Paper, Section};
use moot_store::{
    Actor, AgendaPacks, ClerkAgenda, ClerkBody, ClerkMeetingId, ClerkMember, ClerkStore, PaperInfo,
    StoreError,
};

pub use moot_clerk::ACCEPT_SHORT_NOTICE;

/// The field a pack that could not be built is reported under (the
/// publish form's button).
pub const PACK_FIELD: &str = "publish";

/// Checks notice, builds both packs and publishes `meeting`'s agenda on
/// `today`; the notice check kept with it comes back. Short notice
/// without `accept_short_notice` is [`StoreError::Fields`] under
/// [`ACCEPT_SHORT_NOTICE`], an unusable paper the same under
/// [`PACK_FIELD`], and an agenda already published
/// [`StoreError::Refused`]; nothing is published then.
pub fn publish_agenda(
    store: &mut (impl ClerkStore + ?Sized),
    actor: &Actor,
    meeting: ClerkMeetingId,
    today: Date,
    holidays: &BankHolidays,
    accept_short_notice: bool,
) -> Result<NoticeCheck, StoreError> {
    let agenda = store.agenda(actor, meeting)?;
    agenda
        .meeting
        .agenda
        .publish()
        .map_err(|refused| StoreError::Refused(refused.0))?;
    NoticeCheck::of(today, agenda.meeting.date, holidays)
        .require_acceptance(agenda.meeting.date, accept_short_notice)
        .map_err(StoreError::Fields)?;
    let packs = build_packs(&*store, actor, &agenda)?;
    store.publish_agenda(actor, meeting, today, holidays, accept_short_notice, &packs)
}

/// Both editions of the agenda's pack; a paper the builder cannot use is
/// a fault under [`PACK_FIELD`].
pub fn build_packs(
    store: &(impl ClerkStore + ?Sized),
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
                    PACK_FIELD,
                    format!("The agenda pack could not be built: {e}. Replace that paper, then publish again"),
                ))
            })
    };
    Ok(AgendaPacks {
        public: edition(Edition::Public)?,
        members: edition(Edition::Members)?,
    })
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
    mut papers: impl FnMut(&PaperInfo) -> Result<Vec<u8>, StoreError>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_paper_is_set_in_its_blank_line_separated_paragraphs() {
        let text = "First line\nwraps here.\r\n\r\nSecond.\n\n\n";
        assert_eq!(paragraphs(text), ["First line wraps here.", "Second."]);
    }
}
