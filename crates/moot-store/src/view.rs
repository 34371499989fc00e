//! What the public site reads: bodies, meetings and people with the records
//! around them, shaped for one page each. Exempt agenda items keep their
//! titles here (the store is trusted); [`AgendaEntry::public_title`] is the
//! one place that decides what the public may see.

use crate::{DocumentId, MeetingId, PersonId};
use moot_domain::{Date, Lines, Time};

/// Where a record was read: the stored document and its source lines, so
/// every page can link a record to `/documents/{document}#L{first}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The document (imported file).
    pub document: DocumentId,
    /// The lines of its text.
    pub lines: Lines,
}

/// A body's id (a committee, board or panel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BodyId(pub i64);

/// A body in a list of bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySummary {
    /// Its id.
    pub id: BodyId,
    /// The council, where known.
    pub organisation: Option<String>,
    /// The body's name as printed.
    pub name: String,
    /// How many meetings are stored.
    pub meetings: u64,
    /// The day of its latest stored meeting.
    pub latest: Option<Date>,
}

/// A meeting in a list: enough to name and link it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    /// Its id.
    pub id: MeetingId,
    /// The body, where known.
    pub body: Option<(BodyId, String)>,
    /// The day, where known.
    pub date: Option<Date>,
    /// The start time, where known.
    pub time: Option<Time>,
    /// `scheduled` (known from an agenda) or `minuted` (minutes stored).
    pub status: String,
}

/// A meeting in the clerk's programme whose agenda is not published yet:
/// its body, day, time and place, nothing of its business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammedMeeting {
    /// The body.
    pub body: (BodyId, String),
    /// The day.
    pub date: Date,
    /// The start time, where set.
    pub time: Option<Time>,
    /// Where it meets.
    pub venue: String,
}

/// A member of a body as its membership lists give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMember {
    /// The person the printing was resolved to.
    pub person: Option<PersonId>,
    /// The name as printed.
    pub name: String,
    /// "Chairman", "Vice-Chairman"...
    pub role: Option<String>,
    /// Party, where printed.
    pub party: Option<String>,
    /// Position held (for officers and partners).
    pub position: Option<String>,
    /// The membership list line.
    pub source: Source,
}

/// A body with its meetings (newest first) and members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRecord {
    /// The body.
    pub body: BodySummary,
    /// Its meetings, newest first.
    pub meetings: Vec<MeetingSummary>,
    /// Its members, latest membership list first.
    pub members: Vec<BodyMember>,
    /// What the minutes of its meetings (and the lists issued for them)
    /// record of each person, oldest meeting first.
    pub attendance: Vec<AttendanceEntry>,
}

/// One agenda item of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaEntry {
    /// The number as printed.
    pub number: Option<String>,
    /// The title (confidential when `exempt`).
    pub title: String,
    /// First and last page of its papers.
    pub pages: Option<(u32, u32)>,
    /// Listed under exempt (confidential) business.
    pub exempt: bool,
    /// A decision number carried in the title.
    pub decision: Option<String>,
    /// The agenda line.
    pub source: Source,
}

impl AgendaEntry {
    /// The title the public may see: none for an exempt item.
    pub fn public_title(&self) -> Option<&str> {
        (!self.exempt).then_some(self.title.as_str())
    }
}

/// How someone is recorded in a set of minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceKind {
    /// Present as a member.
    Present,
    /// Present as a substitute for a member.
    Substitute,
    /// Sent apologies.
    Apologies,
}

impl AttendanceKind {
    /// The stored word: `present`, `substitute` or `apologies`.
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceKind::Present => "present",
            AttendanceKind::Substitute => "substitute",
            AttendanceKind::Apologies => "apologies",
        }
    }

    /// Reads the stored word back.
    pub fn parse(text: &str) -> Option<AttendanceKind> {
        match text {
            "present" => Some(AttendanceKind::Present),
            "substitute" => Some(AttendanceKind::Substitute),
            "apologies" => Some(AttendanceKind::Apologies),
            _ => None,
        }
    }
}

/// One attendance record of a set of minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// The person, where resolved.
    pub person: Option<PersonId>,
    /// The name as printed.
    pub name: String,
    /// Present, substitute or apologies.
    pub kind: AttendanceKind,
    /// For a substitute: the member replaced (person, name as printed).
    pub substitute_for: Option<(Option<PersonId>, String)>,
    /// The substitution's lines; for an entry without lines of its own
    /// (names in a "Present" list), the first line of the minutes.
    pub source: Source,
}

/// A declared interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclarationEntry {
    /// Who declared, where resolved.
    pub person: Option<PersonId>,
    /// Who declared, as printed.
    pub name: String,
    /// The agenda item concerned, where stated.
    pub item: Option<String>,
    /// The declaration as recorded.
    pub text: String,
    /// Where it is recorded.
    pub source: Source,
}

/// One numbered minute with its resolutions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteEntry {
    /// The minute number.
    pub number: Option<String>,
    /// The heading.
    pub title: String,
    /// The agenda item it records.
    pub agenda_ref: Option<String>,
    /// Whether it records a resolution.
    pub resolved: bool,
    /// The resolutions' text.
    pub resolutions: Vec<String>,
    /// The corrections made to it after it was confirmed, oldest first.
    pub corrections: Vec<MinuteCorrection>,
    /// Printed under its minutes' own exempt heading (whatever the agenda
    /// says): [`crate::ExemptItems::covers_minute`] decides.
    pub exempt: bool,
    /// The minute's lines.
    pub source: Source,
}

/// A correction of a confirmed minute: when, why, and the words it
/// replaced (a pack's minutes have none; a clerk's get one per correction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteCorrection {
    /// The version the replaced words were (1 is the text first
    /// confirmed).
    pub version: u32,
    /// The day it was corrected.
    pub corrected_on: Date,
    /// Why.
    pub reason: String,
    /// The heading before.
    pub title: String,
    /// The text before.
    pub text: String,
    /// The resolutions before.
    pub resolutions: Vec<String>,
}

/// A set of minutes recorded for a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesRecord {
    /// Attendance in printed order.
    pub attendance: Vec<Attendee>,
    /// Declared interests.
    pub declarations: Vec<DeclarationEntry>,
    /// Numbered minutes in order.
    pub items: Vec<MinuteEntry>,
    /// The lines of the whole set.
    pub source: Source,
}

/// A meeting with its agenda, minutes and neighbours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDetail {
    /// The meeting.
    pub meeting: MeetingSummary,
    /// The council, where known.
    pub organisation: Option<String>,
    /// Where it is held.
    pub venue: Option<String>,
    /// Agenda items in order.
    pub agenda: Vec<AgendaEntry>,
    /// Every set of minutes recording it.
    pub minutes: Vec<MinutesRecord>,
    /// The reports in the packs issued for it, each with the agenda item
    /// it belongs to ([`crate::attach_papers`]).
    pub reports: Vec<ReportEntry>,
    /// The body's meeting before this one.
    pub previous: Option<MeetingSummary>,
    /// The body's meeting after this one.
    pub next: Option<MeetingSummary>,
    /// The packs issued for it, oldest first: a re-issued pack supersedes
    /// the earlier ones, whose records it replaced.
    pub packs: Vec<IssuedPack>,
}

/// A stored document named from another record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRef {
    /// Its id.
    pub id: DocumentId,
    /// The file name as imported.
    pub file_name: String,
    /// When it was imported (ISO 8601, UTC).
    pub imported_at: String,
}

/// A pack issued for a meeting, with the pack that replaced it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedPack {
    /// The pack.
    pub document: DocumentRef,
    /// The later pack for the same meeting that replaced its records.
    pub superseded_by: Option<DocumentRef>,
}

/// A membership of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMembership {
    /// The body.
    pub body: (BodyId, String),
    /// Role on it, where printed.
    pub role: Option<String>,
    /// Party, where printed.
    pub party: Option<String>,
    /// Position held, where printed.
    pub position: Option<String>,
    /// The meetings whose packs printed this membership, oldest first
    /// (the list is as of each of them).
    pub listed_for: Vec<MeetingSummary>,
}

/// A declared interest of one person, with the meeting it was made at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDeclaration {
    /// The meeting, where the minutes attach to one.
    pub meeting: Option<MeetingSummary>,
    /// The declaration itself.
    pub declaration: DeclarationEntry,
    /// It names an exempt item of that meeting, so its text is not public.
    pub exempt: bool,
}

/// A person with their printings, memberships and attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDetail {
    /// The person with every printing of their name.
    pub person: crate::PersonRecord,
    /// Memberships, one per body and role.
    pub memberships: Vec<PersonMembership>,
    /// What minutes (and the lists issued for meetings) record of them,
    /// newest meeting first.
    pub attendance: Vec<AttendanceEntry>,
    /// Interests they declared, newest meeting first.
    pub declarations: Vec<PersonDeclaration>,
}

impl PersonDetail {
    /// How many attendance records are `kind` records.
    pub fn count(&self, kind: AttendanceKind) -> usize {
        self.attendance
            .iter()
            .filter(|a| a.fact == AttendanceFact::Recorded(kind))
            .count()
    }
}

/// What one record says about one person at one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceFact {
    /// The minutes record them as present, substitute or with apologies.
    Recorded(AttendanceKind),
    /// The minutes name them as the member a substitute replaced.
    Replaced,
    /// The membership list issued for the meeting names them and its
    /// minutes do not record them at all.
    Listed,
}

/// One attendance record of a person at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceEntry {
    /// The meeting, where the minutes attach to one.
    pub meeting: Option<MeetingSummary>,
    /// The person, where resolved.
    pub person: Option<PersonId>,
    /// The name as printed.
    pub name: String,
    /// What the record says.
    pub fact: AttendanceFact,
    /// The other side of a substitution: for a substitute the member
    /// replaced, for a replaced member the substitute.
    pub counterpart: Option<(Option<PersonId>, String)>,
    /// Where it is recorded.
    pub source: Source,
}

/// A report from a pack, with the agenda item it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    /// "Subject:" (confidential when `exempt`).
    pub subject: String,
    /// "By:" or "From:".
    pub from: Option<String>,
    /// "To:".
    pub to: Option<String>,
    /// "Classification:".
    pub classification: Option<String>,
    /// The decision number it carries.
    pub decision: Option<String>,
    /// The number of the agenda item it is the paper of, where known.
    pub item: Option<String>,
    /// The paper of an exempt item, or classified as not for publication.
    pub exempt: bool,
    /// Its header block.
    pub source: Source,
}

impl ReportEntry {
    /// The subject the public may see: none for an exempt report.
    pub fn public_subject(&self) -> Option<&str> {
        (!self.exempt).then_some(self.subject.as_str())
    }
}

/// A decision number in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionEntry {
    /// The number, e.g. "15/00068".
    pub number: String,
    /// The council, where known.
    pub organisation: Option<String>,
    /// The meeting of the pack it was first met in.
    pub meeting: Option<MeetingSummary>,
    /// The report (or agenda item) carrying it, where one does.
    pub report: Option<ReportEntry>,
    /// Carried only by exempt business ([`crate::decision_is_public`]):
    /// not shown to the public at all.
    pub exempt: bool,
    /// Where it was first met.
    pub source: Source,
}

/// A stored document (one imported file) with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    /// Its id.
    pub id: DocumentId,
    /// The file name as imported.
    pub file_name: String,
    /// The SHA-256 of its bytes.
    pub sha256: String,
    /// When it was imported (ISO 8601, UTC).
    pub imported_at: String,
    /// The meeting it was issued for.
    pub meeting: Option<MeetingSummary>,
    /// The text its records' lines refer to (confidential in places).
    pub text: String,
    /// The line ranges of exempt business: exempt agenda items, the
    /// minutes and declarations referring to them, and their reports.
    pub exempt: Vec<Lines>,
    /// The later pack for the same meeting that replaced its records.
    pub superseded_by: Option<DocumentRef>,
    /// The earlier packs for the same meeting whose records it replaced.
    pub supersedes: Vec<DocumentRef>,
}
