//! Attendance as the public site counts it: the one place that says what a
//! person's records at a meeting come to, which meetings count, and how a
//! rate is worked out.
//!
//! A substitute's attendance is the substitute's own: the substitute is
//! present, and the member they replaced is not (apologies, or absent with
//! a substitute sent). Absence is counted only where it is recorded: a
//! member replaced by a substitute, or a member on the list issued for that
//! very meeting whom its minutes do not mention. Only meetings with stored
//! minutes count ([`counts_towards_rates`]).

use crate::{AttendanceEntry, AttendanceFact, AttendanceKind, MeetingId, MeetingSummary, PersonId};

/// What one person's records at one meeting come to, declared from the
/// outcome that wins to the one that loses ([`Outcome::of`] keeps the
/// first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Present as a member.
    Present,
    /// Present as a substitute for a member.
    Substitute,
    /// Sent apologies (a substitute may have come in their place).
    Apologies,
    /// Expected, not there, no apologies recorded.
    Absent,
}

impl Outcome {
    /// The word pages and data use: `present`, `substitute`, `apologies`,
    /// `absent`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Present => "present",
            Outcome::Substitute => "substitute",
            Outcome::Apologies => "apologies",
            Outcome::Absent => "absent",
        }
    }

    /// Whether it counts as attending.
    pub fn attended(self) -> bool {
        matches!(self, Outcome::Present | Outcome::Substitute)
    }

    /// What every fact about one person at one meeting comes to: being
    /// there wins over apologies, apologies over being replaced, and being
    /// replaced or listed without a record is absence.
    pub fn of(facts: impl IntoIterator<Item = AttendanceFact>) -> Option<Outcome> {
        facts
            .into_iter()
            .map(|fact| match fact {
                AttendanceFact::Recorded(AttendanceKind::Present) => Outcome::Present,
                AttendanceFact::Recorded(AttendanceKind::Substitute) => Outcome::Substitute,
                AttendanceFact::Recorded(AttendanceKind::Apologies) => Outcome::Apologies,
                AttendanceFact::Replaced | AttendanceFact::Listed => Outcome::Absent,
            })
            .min_by_key(|outcome| *outcome as u8)
    }
}

/// Whether a meeting counts towards attendance: only meetings whose
/// minutes are stored (`minuted`). A meeting known only from its agenda,
/// still to come or cancelled (packs do not say which), is left out, and
/// so is any other status.
pub fn counts_towards_rates(meeting: &MeetingSummary) -> bool {
    meeting.status == "minuted"
}

/// Who a record is about: a resolved person, or a printing that was not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Who {
    /// A resolved person.
    Person(PersonId),
    /// A name as printed, not resolved to anyone.
    Printed(String),
}

impl AttendanceEntry {
    /// Who the record is about.
    pub fn who(&self) -> Who {
        match self.person {
            Some(id) => Who::Person(id),
            None => Who::Printed(self.name.clone()),
        }
    }
}

/// One person at one counted meeting, with the records behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingAttendance<'a> {
    /// The meeting.
    pub meeting: &'a MeetingSummary,
    /// What the records come to.
    pub outcome: Outcome,
    /// The records.
    pub records: Vec<&'a AttendanceEntry>,
}

/// One person's attendance at counted meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMeetings<'a> {
    /// Who.
    pub who: Who,
    /// The name as first printed in the records.
    pub name: &'a str,
    /// Each counted meeting, in the records' order.
    pub meetings: Vec<MeetingAttendance<'a>>,
}

impl PersonMeetings<'_> {
    /// Their attendance rate over these meetings.
    pub fn rate(&self) -> Rate {
        Rate {
            attended: self
                .meetings
                .iter()
                .filter(|m| m.outcome.attended())
                .count(),
            expected: self.meetings.len(),
        }
    }

    /// Their outcome at `meeting`, if they were expected there.
    pub fn at(&self, meeting: MeetingId) -> Option<&MeetingAttendance<'_>> {
        self.meetings.iter().find(|m| m.meeting.id == meeting)
    }
}

/// The records of counted meetings, by person (first seen first) and by
/// meeting within each person (in the records' order).
pub fn by_person(entries: &[AttendanceEntry]) -> Vec<PersonMeetings<'_>> {
    let mut people: Vec<PersonMeetings<'_>> = Vec::new();
    for entry in entries {
        let Some(meeting) = entry.meeting.as_ref().filter(|m| counts_towards_rates(m)) else {
            continue;
        };
        let who = entry.who();
        let at = match people.iter().position(|p| p.who == who) {
            Some(at) => at,
            None => {
                people.push(PersonMeetings {
                    who,
                    name: &entry.name,
                    meetings: Vec::new(),
                });
                people.len() - 1
            }
        };
        let meetings = &mut people[at].meetings;
        match meetings.iter_mut().find(|m| m.meeting.id == meeting.id) {
            Some(m) => m.records.push(entry),
            None => meetings.push(MeetingAttendance {
                meeting,
                outcome: Outcome::Absent,
                records: vec![entry],
            }),
        }
    }
    for person in &mut people {
        for m in &mut person.meetings {
            m.outcome = Outcome::of(m.records.iter().map(|r| r.fact)).unwrap_or(Outcome::Absent);
        }
    }
    people
}

/// Meetings attended out of meetings expected at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Present, or present as a substitute.
    pub attended: usize,
    /// Every counted meeting they were recorded at or expected at.
    pub expected: usize,
}

impl Rate {
    /// The rate as a whole percentage, rounded half up; none of none is no
    /// rate at all.
    pub fn percent(self) -> Option<usize> {
        (self.expected > 0).then(|| (self.attended * 200 + self.expected) / (self.expected * 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DocumentId, Source};
    use moot_domain::Lines;

    fn meeting(id: i64, status: &str) -> MeetingSummary {
        MeetingSummary {
            id: MeetingId(id),
            body: None,
            date: None,
            time: None,
            status: status.into(),
        }
    }

    fn entry(person: i64, meeting_id: i64, status: &str, fact: AttendanceFact) -> AttendanceEntry {
        AttendanceEntry {
            meeting: Some(meeting(meeting_id, status)),
            person: Some(PersonId(person)),
            name: format!("Person {person}"),
            fact,
            counterpart: None,
            source: Source {
                document: DocumentId(1),
                lines: Lines::one(1),
            },
        }
    }

    #[test]
    fn a_replaced_member_is_not_present_and_the_substitute_is() {
        let entries = [
            entry(
                1,
                10,
                "minuted",
                AttendanceFact::Recorded(AttendanceKind::Apologies),
            ),
            entry(1, 10, "minuted", AttendanceFact::Replaced),
            entry(
                2,
                10,
                "minuted",
                AttendanceFact::Recorded(AttendanceKind::Substitute),
            ),
            entry(
                1,
                11,
                "minuted",
                AttendanceFact::Recorded(AttendanceKind::Present),
            ),
        ];
        let people = by_person(&entries);
        let member = &people[0];
        assert_eq!(member.meetings[0].outcome, Outcome::Apologies);
        assert_eq!(member.meetings[0].records.len(), 2);
        assert_eq!(
            member.rate(),
            Rate {
                attended: 1,
                expected: 2
            }
        );
        assert_eq!(member.rate().percent(), Some(50));
        assert_eq!(
            people[1].rate(),
            Rate {
                attended: 1,
                expected: 1
            }
        );
    }

    #[test]
    fn meetings_without_minutes_do_not_count() {
        let entries = [
            entry(1, 10, "scheduled", AttendanceFact::Listed),
            entry(
                1,
                11,
                "cancelled",
                AttendanceFact::Recorded(AttendanceKind::Present),
            ),
        ];
        assert!(by_person(&entries).is_empty());
    }

    #[test]
    fn replaced_or_listed_without_a_record_is_absent() {
        assert_eq!(
            Outcome::of([AttendanceFact::Replaced]),
            Some(Outcome::Absent)
        );
        assert_eq!(Outcome::of([AttendanceFact::Listed]), Some(Outcome::Absent));
        assert_eq!(
            Outcome::of([
                AttendanceFact::Listed,
                AttendanceFact::Recorded(AttendanceKind::Present)
            ]),
            Some(Outcome::Present)
        );
        assert_eq!(Outcome::of([]), None);
    }

    #[test]
    fn rates_round_half_up_and_none_of_none_is_no_rate() {
        let rate = |attended, expected| Rate { attended, expected }.percent();
        assert_eq!(rate(2, 3), Some(67));
        assert_eq!(rate(1, 8), Some(13));
        assert_eq!(rate(0, 0), None);
    }
}
