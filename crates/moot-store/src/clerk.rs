//! The clerk's side: bodies and memberships with terms, meetings and
//! their agendas and papers, what happened at them (attendance,
//! declarations, minutes, resolutions, actions, decisions), and the
//! minutes' lifecycle.
//!
//! Every write takes the [`Actor`] making it, refuses anyone below
//! [`Role::Clerk`](crate::Role::Clerk) with [`StoreError::Forbidden`],
//! validates its whole input first (every fault under its field's name, as
//! [`StoreError::Fields`], with nothing changed) and writes its audit
//! entry in the same transaction as the change.
//!
//! Drafts are the clerk's alone. Publishing an agenda or minutes writes
//! them into the public records (the same meetings, agenda items, minutes
//! and decisions a pack import fills, pointing at lines of a document Moot
//! generates), so the public site shows them with no pages of its own.
//! The reads here show exempt business and papers, so they need at least
//! [`Role::Member`](crate::Role::Member).

use crate::{Actor, BodyId, MeetingId, PersonId, StoreError};
use moot_clerk::{
    AgendaState, BodyRole, ExemptParagraph, InterestKind, MinuteNumbering, MinutesState,
    NoticeCheck, PaperFormat, Presence, Seat, Term,
};
use moot_domain::{Date, Time};

/// Declares an id type over a row id.
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct $name(pub i64);
        )+
    };
}

ids! {
    /// A membership (one person's term on one body).
    MembershipId;
    /// A meeting the clerk runs (its public [`MeetingId`] comes with
    /// publishing).
    ClerkMeetingId;
    /// An item on a clerk's agenda.
    AgendaItemId;
    /// A paper attached to an agenda item.
    PaperId;
    /// One numbered minute.
    MinuteId;
    /// An action recorded at a meeting.
    ActionId;
}

/// A body the clerk runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkBody {
    /// Its id (the public body's).
    pub id: BodyId,
    /// The council.
    pub organisation: Option<String>,
    /// The body's name.
    pub name: String,
    /// How its minutes are numbered.
    pub numbering: MinuteNumbering,
}

/// The two editions of an agenda pack, built before publishing and kept
/// with the published agenda.
#[derive(Clone, PartialEq, Eq)]
pub struct AgendaPacks {
    /// The public edition: exempt papers left out.
    pub public: Vec<u8>,
    /// The members' edition, with the exempt papers.
    pub members: Vec<u8>,
}

/// The sizes, not the bytes.
impl std::fmt::Debug for AgendaPacks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AgendaPacks")
            .field("public", &format_args!("{} bytes", self.public.len()))
            .field("members", &format_args!("{} bytes", self.members.len()))
            .finish()
    }
}

/// Which edition of an agenda pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackEdition {
    /// Everyone's.
    Public,
    /// Members' (and up): with the exempt papers.
    Members,
}

/// A new committee, board or panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBody {
    /// The council.
    pub organisation: String,
    /// The body's name.
    pub name: String,
    /// How its minutes are numbered.
    pub numbering: MinuteNumbering,
}

/// A new membership. `person` names someone Moot knows; without it the
/// person printed `name` on this body is used, or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    /// Someone already known.
    pub person: Option<PersonId>,
    /// The name as it should be printed ("Mr R W Gough").
    pub name: String,
    /// Chair, vice-chair or member.
    pub role: BodyRole,
    /// Party, where they have one.
    pub party: Option<String>,
    /// Voting, co-opted or associate.
    pub seat: Seat,
    /// From when, until when.
    pub term: Term,
    /// The people named to substitute for them.
    pub substitutes: Vec<String>,
}

/// A membership as the clerk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkMember {
    /// Its id.
    pub id: MembershipId,
    /// The person.
    pub person: PersonId,
    /// Their name as printed.
    pub name: String,
    /// Their role.
    pub role: BodyRole,
    /// Their party.
    pub party: Option<String>,
    /// Their seat.
    pub seat: Seat,
    /// Their term.
    pub term: Term,
    /// Their named substitutes (person, name).
    pub substitutes: Vec<(PersonId, String)>,
}

/// A meeting to schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    /// The day.
    pub date: Date,
    /// The start time.
    pub time: Option<Time>,
    /// Where it is held.
    pub venue: String,
    /// The contact officer (name, and how to reach them).
    pub contact: String,
}

/// A meeting as the clerk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkMeeting {
    /// Its id.
    pub id: ClerkMeetingId,
    /// The body.
    pub body: BodyId,
    /// The day.
    pub date: Date,
    /// The start time.
    pub time: Option<Time>,
    /// The venue.
    pub venue: String,
    /// The contact officer.
    pub contact: String,
    /// Draft or published.
    pub agenda: AgendaState,
    /// When the agenda was published (RFC 3339, UTC).
    pub published_at: Option<String>,
    /// The notice check made at publishing.
    pub notice: Option<NoticeCheck>,
    /// The public meeting, once the agenda is published.
    pub public: Option<MeetingId>,
}

/// A new agenda item; it is numbered by its place on the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAgendaItem {
    /// The heading it sits under ("Part 1", "Items for decision").
    pub section: Option<String>,
    /// The title.
    pub title: String,
    /// What the item is for.
    pub description: Option<String>,
    /// For an exempt item, the paragraph of Schedule 12A (1–7).
    pub exempt_paragraph: Option<u8>,
}

/// A paper to attach to an agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPaper {
    /// Its title.
    pub title: String,
    /// What the bytes are.
    pub format: PaperFormat,
    /// The file.
    pub bytes: Vec<u8>,
}

/// A paper's particulars, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperInfo {
    /// Its id.
    pub id: PaperId,
    /// Its title.
    pub title: String,
    /// Its format.
    pub format: PaperFormat,
    /// Its size in bytes.
    pub size: u64,
}

/// An item on a clerk's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkAgendaItem {
    /// Its id.
    pub id: AgendaItemId,
    /// Its number ("1", "2"…).
    pub number: String,
    /// Its section heading.
    pub section: Option<String>,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: Option<String>,
    /// The Schedule 12A paragraph, for an exempt item.
    pub exempt: Option<ExemptParagraph>,
    /// Its papers in order.
    pub papers: Vec<PaperInfo>,
}

/// A meeting's agenda as the clerk prepares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkAgenda {
    /// The meeting.
    pub meeting: ClerkMeeting,
    /// Its items in order.
    pub items: Vec<ClerkAgendaItem>,
    /// The body's actions still open on the meeting's day, raised at
    /// earlier meetings: carried under "Matters arising".
    pub matters_arising: Vec<ClerkAction>,
}

/// Someone's attendance at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttendance {
    /// Who.
    pub person: PersonId,
    /// Present, apologies or substitute.
    pub presence: Presence,
    /// For a substitute, the member they replace.
    pub substitute_for: Option<PersonId>,
}

/// A declared interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeclaration {
    /// Who declared.
    pub person: PersonId,
    /// The agenda item concerned.
    pub item: AgendaItemId,
    /// The kind of interest.
    pub kind: InterestKind,
    /// The interest, as the minutes record it.
    pub text: String,
    /// Whether they left the room for the item.
    pub left_room: bool,
}

/// The words of one minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteText {
    /// The agenda item it records.
    pub item: Option<AgendaItemId>,
    /// Its heading.
    pub title: String,
    /// What was said and done.
    pub text: String,
    /// What was resolved, one resolution each.
    pub resolutions: Vec<String>,
}

/// One minute as the clerk sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkMinute {
    /// Its id.
    pub id: MinuteId,
    /// Its number.
    pub number: u32,
    /// Its words.
    pub text: MinuteText,
    /// How many versions it has had (1 until corrected).
    pub version: u32,
}

/// A meeting's minutes as the clerk sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkMinutes {
    /// Draft, published or confirmed.
    pub state: MinutesState,
    /// The meeting that confirmed them.
    pub confirmed_at: Option<ClerkMeetingId>,
    /// The minutes in number order.
    pub items: Vec<ClerkMinute>,
}

/// An earlier version of a corrected minute: who corrected it, when, why,
/// and the words before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteVersion {
    /// The version these words were (1 is the confirmed text).
    pub version: u32,
    /// When it was replaced (RFC 3339, UTC).
    pub replaced_at: String,
    /// Who replaced it, as the audit log names them.
    pub replaced_by: String,
    /// Why.
    pub reason: String,
    /// The words before the correction.
    pub before: MinuteText,
}

/// An action agreed at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction {
    /// The minute it arose under.
    pub minute: Option<MinuteId>,
    /// What is to be done.
    pub text: String,
    /// Who is to do it.
    pub owner: String,
    /// By when.
    pub due: Option<Date>,
}

/// An action as the clerk tracks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkAction {
    /// Its id.
    pub id: ActionId,
    /// The meeting it was raised at.
    pub raised_at: ClerkMeetingId,
    /// What is to be done.
    pub text: String,
    /// Who is to do it.
    pub owner: String,
    /// By when.
    pub due: Option<Date>,
    /// The meeting it was closed at.
    pub closed_at: Option<ClerkMeetingId>,
}

/// Someone's recorded attendance, with the names the minutes print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkAttendance {
    /// Who.
    pub person: PersonId,
    /// Their name as printed on the body.
    pub name: String,
    /// Present, apologies or substitute.
    pub presence: Presence,
    /// For a substitute, the member replaced and their name.
    pub substitute_for: Option<(PersonId, String)>,
}

/// A recorded declaration of interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkDeclaration {
    /// Who declared.
    pub person: PersonId,
    /// Their name as printed on the body.
    pub name: String,
    /// The agenda item concerned.
    pub item: AgendaItemId,
    /// The kind of interest.
    pub kind: InterestKind,
    /// The interest as recorded.
    pub text: String,
    /// Whether they left the room for the item.
    pub left_room: bool,
}

/// An action raised at a meeting, with the minute it arose under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaisedAction {
    /// The minute, if it arose under one.
    pub minute: Option<MinuteId>,
    /// The action.
    pub action: ClerkAction,
}

/// What the clerk recorded of one meeting, beside its minutes: who came,
/// what was declared, the actions raised and the decisions numbered, and
/// the body's later meetings (where minutes are confirmed and actions
/// closed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClerkRecord {
    /// The meeting.
    pub meeting: ClerkMeeting,
    /// Attendance in the order recorded.
    pub attendance: Vec<ClerkAttendance>,
    /// Declarations in the order recorded.
    pub declarations: Vec<ClerkDeclaration>,
    /// The actions raised at it, in the order recorded.
    pub actions: Vec<RaisedAction>,
    /// The decision numbers recorded on its minutes (minute, number), in
    /// number order.
    pub decisions: Vec<(MinuteId, String)>,
    /// The same body's meetings after it, soonest first.
    pub later_meetings: Vec<ClerkMeeting>,
}

/// A decision to number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    /// The minute recording it.
    pub minute: MinuteId,
    /// The day it was taken (its number's year).
    pub date: Date,
    /// A number chosen by hand (`YY/NNNNN`), instead of the next one.
    pub number: Option<String>,
}

/// The clerk's records. Writes need a clerk; reads a member.
pub trait ClerkStore {
    /// Adds a body run by the clerk.
    fn create_body(&mut self, actor: &Actor, body: &NewBody) -> Result<BodyId, StoreError>;

    /// The bodies the clerk runs, by name.
    fn clerk_bodies(&self, actor: &Actor) -> Result<Vec<ClerkBody>, StoreError>;

    /// One body the clerk runs ([`StoreError::NotFound`] for any other).
    fn clerk_body(&self, actor: &Actor, body: BodyId) -> Result<ClerkBody, StoreError>;

    /// The meetings of a body the clerk runs, by date.
    fn clerk_meetings(&self, actor: &Actor, body: BodyId) -> Result<Vec<ClerkMeeting>, StoreError>;

    /// Adds a membership of `body`.
    fn add_member(
        &mut self,
        actor: &Actor,
        body: BodyId,
        member: &NewMember,
    ) -> Result<MembershipId, StoreError>;

    /// Who is on `body` on `day`, chair first.
    fn members_on(
        &self,
        actor: &Actor,
        body: BodyId,
        day: Date,
    ) -> Result<Vec<ClerkMember>, StoreError>;

    /// Schedules a meeting of `body`, with a draft agenda.
    fn create_meeting(
        &mut self,
        actor: &Actor,
        body: BodyId,
        meeting: &NewMeeting,
    ) -> Result<ClerkMeetingId, StoreError>;

    /// Adds an item at the end of a draft agenda.
    fn add_agenda_item(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        item: &NewAgendaItem,
    ) -> Result<AgendaItemId, StoreError>;

    /// Attaches a paper to an item of a draft agenda.
    fn attach_paper(
        &mut self,
        actor: &Actor,
        item: AgendaItemId,
        paper: &NewPaper,
    ) -> Result<PaperId, StoreError>;

    /// The meeting's agenda with its papers and matters arising.
    fn agenda(&self, actor: &Actor, meeting: ClerkMeetingId) -> Result<ClerkAgenda, StoreError>;

    /// The meeting whose agenda holds `item`.
    fn item_meeting(&self, actor: &Actor, item: AgendaItemId)
        -> Result<ClerkMeetingId, StoreError>;

    /// A paper's particulars and bytes.
    fn paper(&self, actor: &Actor, paper: PaperId) -> Result<(PaperInfo, Vec<u8>), StoreError>;

    /// Publishes the agenda on `published_on`: it joins the public records,
    /// the notice check against `holidays` is made and kept, and so are
    /// the two editions of its pack, in the same transaction. Short
    /// notice ([`NoticeCheck::warning`]) is refused, as
    /// [`StoreError::Fields`] under [`moot_clerk::ACCEPT_SHORT_NOTICE`],
    /// unless `accept_short_notice`. Callers publish through
    /// `moot_publish::publish_agenda`, which builds the packs.
    fn publish_agenda(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        published_on: Date,
        holidays: &moot_clerk::BankHolidays,
        accept_short_notice: bool,
        packs: &AgendaPacks,
    ) -> Result<NoticeCheck, StoreError>;

    /// Whether the public meeting has agenda packs (only published clerk
    /// agendas do; imported meetings do not).
    fn has_agenda_packs(&self, meeting: MeetingId) -> Result<bool, StoreError>;

    /// One edition of the public meeting's agenda pack, if it has one.
    /// The members' edition holds exempt papers, so an `audience` that
    /// may not read exempt business gets [`StoreError::Forbidden`].
    fn agenda_pack(
        &self,
        audience: crate::Audience,
        meeting: MeetingId,
        edition: PackEdition,
    ) -> Result<Option<Vec<u8>>, StoreError>;

    /// Records someone's attendance (once per person per meeting).
    fn record_attendance(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        attendance: &NewAttendance,
    ) -> Result<(), StoreError>;

    /// Records a declared interest.
    fn record_declaration(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        declaration: &NewDeclaration,
    ) -> Result<(), StoreError>;

    /// The number the meeting's next minute takes, run on from the body's
    /// previous minutes by its numbering scheme.
    fn next_minute_number(&self, actor: &Actor, meeting: ClerkMeetingId)
        -> Result<u32, StoreError>;

    /// Adds a minute numbered `number`, or the next number when `None`.
    fn add_minute(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        number: Option<u32>,
        minute: &MinuteText,
    ) -> Result<MinuteId, StoreError>;

    /// Changes a minute of draft or published minutes (confirmed ones are
    /// locked: [`StoreError::Refused`]).
    fn edit_minute(
        &mut self,
        actor: &Actor,
        minute: MinuteId,
        text: &MinuteText,
    ) -> Result<(), StoreError>;

    /// What was recorded at the meeting besides its minutes, and the
    /// body's later meetings.
    fn meeting_record(
        &self,
        actor: &Actor,
        meeting: ClerkMeetingId,
    ) -> Result<ClerkRecord, StoreError>;

    /// One minute and the meeting it belongs to.
    fn minute(
        &self,
        actor: &Actor,
        minute: MinuteId,
    ) -> Result<(ClerkMeetingId, ClerkMinute), StoreError>;

    /// One action.
    fn action(&self, actor: &Actor, action: ActionId) -> Result<ClerkAction, StoreError>;

    /// The meeting's minutes.
    fn minutes(&self, actor: &Actor, meeting: ClerkMeetingId) -> Result<ClerkMinutes, StoreError>;

    /// Publishes the draft minutes: they join the public records.
    fn publish_minutes(&mut self, actor: &Actor, meeting: ClerkMeetingId)
        -> Result<(), StoreError>;

    /// Records the minutes of `meeting` as confirmed at `at`, a later
    /// meeting of the same body; they are locked from then on.
    fn confirm_minutes(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        at: ClerkMeetingId,
    ) -> Result<(), StoreError>;

    /// Corrects a minute of confirmed minutes: the words before are kept
    /// as a version with who, when and `reason`, and the public records
    /// show the correction.
    fn correct_minute(
        &mut self,
        actor: &Actor,
        minute: MinuteId,
        text: &MinuteText,
        reason: &str,
    ) -> Result<(), StoreError>;

    /// The earlier versions of a minute, oldest first.
    fn minute_versions(
        &self,
        actor: &Actor,
        minute: MinuteId,
    ) -> Result<Vec<MinuteVersion>, StoreError>;

    /// Records an action agreed at the meeting.
    fn add_action(
        &mut self,
        actor: &Actor,
        meeting: ClerkMeetingId,
        action: &NewAction,
    ) -> Result<ActionId, StoreError>;

    /// Closes an action at `at`, a later meeting of its body.
    fn close_action(
        &mut self,
        actor: &Actor,
        action: ActionId,
        at: ClerkMeetingId,
    ) -> Result<(), StoreError>;

    /// Numbers a decision in the council's `YY/NNNNN` series and records
    /// it on its minute; returns the number.
    fn record_decision(
        &mut self,
        actor: &Actor,
        decision: &NewDecision,
    ) -> Result<String, StoreError>;
}

/// The checks of clerks' inputs that need nothing stored: every backend
/// makes them (before its own checks against what is stored), so they are
/// written once, here, with `moot_clerk`'s limits and wording.
mod faults {
    use super::{
        MinuteText, NewAction, NewAgendaItem, NewBody, NewDeclaration, NewMeeting, NewMember,
    };
    use moot_clerk::fields::{MAX_LINE, MAX_TEXT};
    use moot_clerk::{ExemptParagraph, FieldErrors};

    impl NewBody {
        /// Blank or overlong names.
        pub fn faults(&self) -> FieldErrors {
            let mut errors = FieldErrors::new();
            errors.require_text("organisation", &self.organisation, MAX_LINE);
            errors.require_text("name", &self.name, MAX_LINE);
            errors
        }
    }

    impl NewMember {
        /// A blank name or substitute, an overlong party, a term ending
        /// before it starts.
        pub fn faults(&self) -> FieldErrors {
            let mut errors = FieldErrors::new();
            errors.require_text("name", &self.name, MAX_LINE);
            if let Some(party) = &self.party {
                errors.require_text("party", party, MAX_LINE);
            }
            self.term.check(&mut errors);
            for name in &self.substitutes {
                errors.require_text("substitutes", name, MAX_LINE);
            }
            errors
        }
    }

    impl NewMeeting {
        /// A blank or overlong venue or contact.
        pub fn faults(&self) -> FieldErrors {
            let mut errors = FieldErrors::new();
            errors.require_text("venue", &self.venue, MAX_LINE);
            errors.require_text("contact", &self.contact, MAX_LINE);
            errors
        }
    }

    impl NewAgendaItem {
        /// A blank title, overlong texts, a paragraph Schedule 12A lacks.
        pub fn faults(&self) -> FieldErrors {
            let mut errors = FieldErrors::new();
            errors.require_text("title", &self.title, MAX_LINE);
            if let Some(section) = &self.section {
                errors.require_text("section", section, MAX_LINE);
            }
            if let Some(description) = &self.description {
                errors.require_text("description", description, MAX_TEXT);
            }
            errors.check(
                self.exempt_paragraph
                    .is_some_and(|p| ExemptParagraph::new(p).is_none()),
                "exempt_paragraph",
                "Choose a paragraph of Schedule 12A from 1 to 7",
            );
            errors
        }
    }

    impl NewDeclaration {
        /// Blank or overlong words.
        pub fn faults(&self) -> FieldErrors {
            let mut errors = FieldErrors::new();
            errors.require_text("text", &self.text, MAX_TEXT);
            errors
        }
    }

    impl MinuteText {
        /// A blank title, overlong text, blank resolutions.
        pub fn faults(&self) -> FieldErrors {
            let mut errors = FieldErrors::new();
            errors.require_text("title", &self.title, MAX_LINE);
            errors.check(
                self.text.chars().count() > MAX_TEXT,
                "text",
                "The text is too long",
            );
            for resolution in &self.resolutions {
                errors.require_text("resolutions", resolution, MAX_TEXT);
            }
            errors
        }
    }

    impl NewAction {
        /// Blank or overlong words or owner.
        pub fn faults(&self) -> FieldErrors {
            let mut errors = FieldErrors::new();
            errors.require_text("text", &self.text, MAX_TEXT);
            errors.require_text("owner", &self.owner, MAX_LINE);
            errors
        }
    }

    #[cfg(test)]
    mod tests {
        use super::super::AgendaItemId;
        use super::*;
        use crate::PersonId;
        use moot_clerk::InterestKind;

        fn fields(errors: &FieldErrors) -> Vec<&str> {
            errors.iter().map(|(field, _)| field).collect()
        }

        #[test]
        fn every_fault_of_an_input_is_found_under_its_field_without_a_store() {
            let item = NewAgendaItem {
                section: Some(" ".into()),
                title: "x".repeat(MAX_LINE + 1),
                description: None,
                exempt_paragraph: Some(8),
            };
            assert_eq!(
                fields(&item.faults()),
                ["title", "section", "exempt_paragraph"]
            );
            let fine = NewAgendaItem {
                section: None,
                title: "Budget".into(),
                description: Some("The budget.".into()),
                exempt_paragraph: Some(3),
            };
            assert!(fine.faults().is_empty());
            let minute = MinuteText {
                item: None,
                title: String::new(),
                text: "y".repeat(MAX_TEXT + 1),
                resolutions: vec!["To note".into(), "  ".into()],
            };
            assert_eq!(fields(&minute.faults()), ["title", "text", "resolutions"]);
            let declaration = NewDeclaration {
                person: PersonId(1),
                item: AgendaItemId(1),
                kind: InterestKind::OtherRegistrable,
                text: "\n".into(),
                left_room: false,
            };
            assert_eq!(fields(&declaration.faults()), ["text"]);
        }
    }
}
