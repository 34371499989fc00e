//! What the public site reads: bodies, meetings and people with the records
//! around them, shaped for one page each. Exempt agenda items keep their
//! titles here (the store is trusted); [`AgendaEntry::public_title`] is the
//! one place that decides what the public may see.

use crate::{MeetingId, PersonId};
use moot_domain::{Date, Time};

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
    /// The body's meeting before this one.
    pub previous: Option<MeetingSummary>,
    /// The body's meeting after this one.
    pub next: Option<MeetingSummary>,
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
}

/// One meeting a person is recorded at (or sent apologies to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonAttendance {
    /// The meeting, where the minutes attach to one.
    pub meeting: Option<MeetingSummary>,
    /// Present, substitute or apologies.
    pub kind: AttendanceKind,
    /// For a substitute: the member replaced, as printed.
    pub substitute_for: Option<String>,
}

/// A person with their printings, memberships and attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDetail {
    /// The person with every printing of their name.
    pub person: crate::PersonRecord,
    /// Memberships, one per body and role.
    pub memberships: Vec<PersonMembership>,
    /// Attendance records, newest meeting first.
    pub attendance: Vec<PersonAttendance>,
}

impl PersonDetail {
    /// How many attendance records are of `kind`.
    pub fn count(&self, kind: AttendanceKind) -> usize {
        self.attendance.iter().filter(|a| a.kind == kind).count()
    }
}
