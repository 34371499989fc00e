//! Moot's storage interface: what every database backend offers, and the
//! types it speaks in.
//!
//! The rest of Moot (the CLI and the web) talks to a [`Store`],
//! [`ClerkStore`], [`AccountStore`] and [`AuditLog`], never to SQL; the
//! site reaches them through a [`Backend`] that opens [`Database`]
//! connections, so a PostgreSQL backend can follow the SQLite one
//! (`moot-store-sqlite`) without touching the callers. Records go in and
//! come out as `moot-domain` types; ids are opaque numbers.
//!
//! Two promises every backend keeps:
//!
//! - **One pack is one transaction.** A pack is stored whole or not at all,
//!   whatever stops the import (an error, a killed process).
//! - **Importing is idempotent by content.** A file whose bytes were stored
//!   before (same SHA-256) changes nothing and is reported as
//!   [`ImportOutcome::AlreadyImported`].
//! - **A CSV load of indicator values is one transaction too**, and is
//!   idempotent by the file's SHA-256 ([`LoadOutcome::AlreadyLoaded`]).
//!
//! People are resolved across packs with `moot-people`; hand-made merges and
//! splits are kept as decisions about printings, so they hold for packs
//! imported later.

mod accounts;
mod attendance;
mod backend;
mod clerk;
mod contradiction;
mod exempt;
mod feed;
mod history;
mod indicator_view;
mod papers;
mod register;
mod scorecard;
mod search;
mod view;

pub use accounts::{
    account_subject, hash_new_password, new_account_problem, Account, AccountId, AccountStore,
    Actor, AuditEntry, AuditLog, NewAccount, Role, SignIn, SignInCheck,
};
pub use attendance::{
    by_person, counts_towards_rates, MeetingAttendance, Outcome, PersonMeetings, Rate, Who,
};
pub use backend::{Backend, Database};
pub use clerk::{
    ActionId, AgendaItemId, AgendaPacks, ClerkAction, ClerkAgenda, ClerkAgendaItem,
    ClerkAttendance, ClerkBody, ClerkDeclaration, ClerkMeeting, ClerkMeetingId, ClerkMember,
    ClerkMinute, ClerkMinutes, ClerkRecord, ClerkStore, MembershipId, MinuteId, MinuteText,
    MinuteVersion, NewAction, NewAgendaItem, NewAttendance, NewBody, NewDecision, NewDeclaration,
    NewMeeting, NewMember, NewPaper, PackEdition, PaperId, PaperInfo, RaisedAction,
};
pub use contradiction::{contradictions, Contradiction};
pub use exempt::{
    decision_is_public, exempt_item_extents, exempt_ranges, overlaps, public_classification,
    Audience, DocumentParts, ExemptItems, MinutesSetLines, PublicLine,
};
pub use feed::{CalendarMeeting, FeedDecision, FeedEntry, FeedItem};
pub use history::{same_business, title_similarity, Business, SameBusiness, SIMILAR_TITLE};
pub use indicator_view::{
    natural_order, IndicatorHistory, IndicatorInfo, IndicatorScope, ThresholdEntry,
};
pub use moot_clerk::FieldErrors;
pub use papers::attach_papers;
pub use register::{decision_status, report_decision, DecisionStatus, ReportDecision};
pub use scorecard::{
    assess, threshold_in_force, IndicatorAssessment, IndicatorId, LoadId, LoadOutcome, RatingBasis,
    StoredThreshold, StoredValue, ValueOrigin,
};
pub use search::{Revision, SearchKind, SearchRecord, SearchTarget};
pub use view::{
    AgendaEntry, AttendanceEntry, AttendanceFact, AttendanceKind, Attendee, BodyId, BodyMember,
    BodyRecord, BodySummary, DecisionEntry, DeclarationEntry, DocumentRecord, DocumentRef,
    IssuedPack, MeetingDetail, MeetingSummary, MinuteCorrection, MinuteEntry, MinutesRecord,
    PersonDeclaration, PersonDetail, PersonMembership, ProgrammedMeeting, ReportEntry, Source,
};

use moot_domain::{Date, Pack};
use moot_scorecard::CsvIndicatorRow;
use sha2::{Digest, Sha256};
use std::fmt;

/// A person's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(pub i64);

/// A stored document's id (one imported file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(pub i64);

/// A meeting's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingId(pub i64);

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One file to store: its name, original bytes and the text read from them.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The file's name, for people reading lists of documents.
    pub name: &'a str,
    /// The bytes as read (a PDF stays a PDF).
    pub bytes: &'a [u8],
    /// The text the pack was extracted from; `lines` refer to it.
    pub text: &'a str,
}

impl SourceFile<'_> {
    /// The SHA-256 of the bytes, lower-case hex: the document's identity.
    pub fn sha256(&self) -> String {
        sha256_hex(self.bytes)
    }
}

/// The SHA-256 of `bytes`, lower-case hex: a stored document's identity
/// ([`SourceFile::sha256`]).
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How many records of each kind a store holds (or an import added).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Councils.
    pub organisations: u64,
    /// Committees, boards, panels.
    pub bodies: u64,
    /// People.
    pub people: u64,
    /// Printings of people's names (aliases).
    pub person_names: u64,
    /// Memberships as membership lists give them.
    pub memberships: u64,
    /// Stored files.
    pub documents: u64,
    /// Meetings, from covers and from minutes.
    pub meetings: u64,
    /// Agenda items.
    pub agenda_items: u64,
    /// Sets of minutes.
    pub minutes: u64,
    /// Attendance records (present, apologies, substitutes).
    pub attendance: u64,
    /// Declared interests.
    pub declarations: u64,
    /// Numbered minutes.
    pub minute_items: u64,
    /// Resolutions recorded in minutes.
    pub resolutions: u64,
    /// Reports.
    pub reports: u64,
    /// Distinct decision numbers.
    pub decisions: u64,
    /// Distinct indicators.
    pub indicators: u64,
    /// Indicator values, one per scorecard row.
    pub indicator_values: u64,
}

impl Counts {
    /// What `self` holds beyond `before` (kinds never shrink during an
    /// import; a shrink reads as zero).
    pub fn since(self, before: Counts) -> Counts {
        self.zip_with(before, u64::saturating_sub)
    }

    /// The sum of two counts, for totals over many imports.
    pub fn plus(self, other: Counts) -> Counts {
        self.zip_with(other, u64::saturating_add)
    }

    fn zip_with(self, other: Counts, f: fn(u64, u64) -> u64) -> Counts {
        Counts {
            organisations: f(self.organisations, other.organisations),
            bodies: f(self.bodies, other.bodies),
            people: f(self.people, other.people),
            person_names: f(self.person_names, other.person_names),
            memberships: f(self.memberships, other.memberships),
            documents: f(self.documents, other.documents),
            meetings: f(self.meetings, other.meetings),
            agenda_items: f(self.agenda_items, other.agenda_items),
            minutes: f(self.minutes, other.minutes),
            attendance: f(self.attendance, other.attendance),
            declarations: f(self.declarations, other.declarations),
            minute_items: f(self.minute_items, other.minute_items),
            resolutions: f(self.resolutions, other.resolutions),
            reports: f(self.reports, other.reports),
            decisions: f(self.decisions, other.decisions),
            indicators: f(self.indicators, other.indicators),
            indicator_values: f(self.indicator_values, other.indicator_values),
        }
    }
}

/// What importing one pack did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// The pack was stored; `added` counts the new records.
    Imported {
        /// The new document.
        document: DocumentId,
        /// What the pack added.
        added: Counts,
    },
    /// A file with the same bytes was stored before; nothing changed.
    AlreadyImported {
        /// The document stored earlier.
        document: DocumentId,
    },
}

/// One printing of a person's name and why it was taken to be them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonAlias {
    /// The body it was printed for.
    pub body: String,
    /// The name as printed.
    pub name: String,
    /// Why this printing was given to this person.
    pub reason: String,
}

/// A person with every printing of their name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    /// The id `moot people merge/split` takes.
    pub id: PersonId,
    /// The council, where known.
    pub organisation: Option<String>,
    /// The fullest printing, for lists.
    pub name: String,
    /// Every printing, body by body.
    pub aliases: Vec<PersonAlias>,
}

/// A stored meeting, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRecord {
    /// Its id.
    pub id: MeetingId,
    /// The council, where known.
    pub organisation: Option<String>,
    /// The body, where known.
    pub body: Option<String>,
    /// The day, where known.
    pub date: Option<Date>,
    /// `scheduled` (known from an agenda) or `minuted` (minutes stored).
    pub status: String,
    /// How many sets of minutes record it.
    pub minutes: u64,
}

/// Why a store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or refused (IO, corruption, a constraint).
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database was written by a newer Moot.
    #[error("the database is at schema version {found}; this moot knows up to {known}")]
    TooNew {
        /// The version found.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// No such person (or other record).
    #[error("no {what} with id {id}")]
    NotFound {
        /// What was looked for.
        what: &'static str,
        /// The id asked for.
        id: i64,
    },
    /// The request makes no sense (merging a person with themselves,
    /// splitting off a person's only name).
    #[error("{0}")]
    Invalid(String),
    /// Rows of a CSV load that clash with what is stored (a value for a
    /// period already held), each with its line; nothing was stored.
    #[error("{} row(s) clash with stored values", .0.len())]
    RowsRefused(Vec<moot_scorecard::CsvProblem>),
    /// The actor may not make this change (a clerk's write by a member,
    /// say); nothing changed.
    #[error("{actor} may not {action}")]
    Forbidden {
        /// Who tried, as the audit log names them.
        actor: String,
        /// What they tried (`meeting.create`).
        action: &'static str,
    },
    /// The input has faults, each under its field's name; nothing changed.
    #[error("{0}")]
    Fields(FieldErrors),
    /// The record's state refuses the step (editing confirmed minutes,
    /// changing a published agenda); nothing changed.
    #[error("{0}")]
    Refused(String),
    /// The import was stopped by its caller at a checkpoint.
    #[error("import stopped: {0}")]
    Stopped(String),
}

/// The stages of one pack's import, in order, for callers that watch or
/// stop an import (tests use this to fail an import half way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The document row is written.
    Document,
    /// The meeting the pack was issued for is written.
    Meeting,
    /// People are resolved and memberships written.
    People,
    /// Agenda items are written.
    Agenda,
    /// Minutes, attendance and minute items are written.
    Minutes,
    /// Reports, decisions and indicators are written.
    Papers,
}

/// A Moot database.
pub trait Store {
    /// Stores one pack extracted from `source`, in one transaction.
    fn import_pack(
        &mut self,
        source: &SourceFile<'_>,
        pack: &Pack,
    ) -> Result<ImportOutcome, StoreError>;

    /// How many records of each kind are stored.
    fn counts(&self) -> Result<Counts, StoreError>;

    /// Every meeting, by body then date.
    fn meetings(&self) -> Result<Vec<MeetingRecord>, StoreError>;

    /// Every person with their printings, by id.
    fn people(&self) -> Result<Vec<PersonRecord>, StoreError>;

    /// The `limit` latest meetings dated before `before` (every meeting
    /// when `None`), by date, undated last.
    fn recent_meetings(
        &self,
        before: Option<Date>,
        limit: u32,
    ) -> Result<Vec<MeetingSummary>, StoreError>;

    /// The first `limit` meetings dated on or after `from`, soonest first.
    fn upcoming_meetings(&self, from: Date, limit: u32) -> Result<Vec<MeetingSummary>, StoreError>;

    /// The clerk's programme: the first `limit` meetings on or after
    /// `from` whose agenda is not published yet (a published one is among
    /// [`upcoming_meetings`](Self::upcoming_meetings)), soonest first.
    fn programme(&self, from: Date, limit: u32) -> Result<Vec<ProgrammedMeeting>, StoreError>;

    /// Every body, by council and name.
    fn bodies(&self) -> Result<Vec<BodySummary>, StoreError>;

    /// One body with its meetings and members ([`StoreError::NotFound`]
    /// when there is none with that id).
    fn body(&self, id: BodyId) -> Result<BodyRecord, StoreError>;

    /// One meeting with its agenda, minutes and neighbours.
    fn meeting(&self, id: MeetingId) -> Result<MeetingDetail, StoreError>;

    /// One person with their printings, memberships and attendance.
    fn person(&self, id: PersonId) -> Result<PersonDetail, StoreError>;

    /// Every decision number, newest meeting first; only those of `body`'s
    /// meetings when given.
    fn decisions(&self, body: Option<BodyId>) -> Result<Vec<DecisionEntry>, StoreError>;

    /// One stored document with its text and the lines of exempt business.
    fn document(&self, id: DocumentId) -> Result<DocumentRecord, StoreError>;
    /// One body's dated meetings for its calendar, by date
    /// ([`StoreError::NotFound`] when there is no such body).
    fn body_calendar(&self, id: BodyId) -> Result<Vec<CalendarMeeting>, StoreError>;

    /// The newest sets of minutes and decisions, newest first, at most
    /// `limit` of each kind. Decisions come with the facts
    /// [`FeedDecision::is_public`] needs; callers must apply it.
    fn feed_entries(&self, limit: u32) -> Result<Vec<FeedEntry>, StoreError>;

    /// Makes `absorb` part of `keep`: its printings and records move over,
    /// and the decision is kept so later packs follow it.
    fn merge_people(&mut self, keep: PersonId, absorb: PersonId) -> Result<(), StoreError>;

    /// Moves the printing `name` (on whichever bodies it appears) off
    /// `person` onto a new person, with the records printed so; the
    /// decision is kept so later packs follow it. Returns the new person.
    fn split_person(&mut self, person: PersonId, name: &str) -> Result<PersonId, StoreError>;

    /// The public records for search: every one when `document` is
    /// `None`; otherwise the whole groups (see [`SearchTarget`]) that
    /// document added to or changed: every record of each meeting it
    /// touches and of each person it prints, so an index can replace those
    /// groups whole. Exempt business is never among them.
    fn searchable(&self, document: Option<DocumentId>) -> Result<Vec<SearchRecord>, StoreError>;

    /// Which state the stored records are in now.
    fn revision(&self) -> Result<Revision, StoreError>;

    /// The document stored from exactly these bytes, if any (one indexed
    /// look-up by SHA-256), so an importer can skip a known file before
    /// extracting it.
    fn imported_document(&self, bytes: &[u8]) -> Result<Option<DocumentId>, StoreError>;

    /// Stores indicator values read from the CSV file `source`, all rows
    /// in one transaction: every row is stored or none is. A file whose
    /// bytes were loaded before changes nothing. A row for a period
    /// already stored for its indicator is [`StoreError::Invalid`], naming
    /// its line, and nothing is stored.
    fn load_indicators(
        &mut self,
        source: &SourceFile<'_>,
        rows: &[CsvIndicatorRow],
    ) -> Result<LoadOutcome, StoreError>;

    /// Every stored indicator value (of indicators `body` reviews, when
    /// given) by indicator and period, assessed with [`assess`]: Moot's
    /// rating beside the printed one, and the direction of travel.
    fn indicator_assessments(
        &self,
        body: Option<BodyId>,
    ) -> Result<Vec<IndicatorAssessment>, StoreError>;

    /// The public indicators in `scope`, by code and name, each with its
    /// thresholds and assessed values. Exempt business is never among
    /// them: a pack's value or threshold read from lines of exempt
    /// business is left out before rating (so no direction of travel is
    /// judged against it), and an indicator left with no value is left out
    /// whole.
    fn indicator_histories(
        &self,
        scope: IndicatorScope,
    ) -> Result<Vec<IndicatorHistory>, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lower_case_hex_of_the_bytes() {
        let file = SourceFile {
            name: "x",
            bytes: b"abc",
            text: "abc",
        };
        assert_eq!(
            file.sha256(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn counts_since_is_the_difference() {
        let before = Counts {
            people: 3,
            ..Counts::default()
        };
        let after = Counts {
            people: 5,
            meetings: 1,
            ..Counts::default()
        };
        let added = after.since(before);
        assert_eq!(added.people, 2);
        assert_eq!(added.meetings, 1);
        assert_eq!(added.plus(added).people, 4);
    }
}
