//! What full-text search reads from a store: every public record as one
//! flat [`SearchRecord`], and the [`Revision`] of the stored records, so an
//! index derived from them can say which state of the database it reflects.
//!
//! **Exempt business is never a search record.** A backend leaves out
//! exempt agenda items, the minutes and resolutions that refer to an exempt
//! item of the same meeting, reports linked to one (by title or decision
//! number) or classified as not public, and decisions known only from
//! exempt items. What a store does not hand out cannot be indexed.

use crate::{AgendaEntry, BodyId, DocumentId, MeetingId, PersonId};
use moot_domain::Date;
use std::fmt;

/// The kinds of record search finds, in the order pages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchKind {
    /// A meeting.
    Meeting,
    /// An agenda item (never an exempt one).
    AgendaItem,
    /// A numbered minute.
    Minute,
    /// A resolution recorded in a minute.
    Resolution,
    /// A decision number (`YY/NNNNN`).
    Decision,
    /// A report.
    Report,
    /// A person.
    Person,
}

impl SearchKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [SearchKind; 7] = [
        SearchKind::Meeting,
        SearchKind::AgendaItem,
        SearchKind::Minute,
        SearchKind::Resolution,
        SearchKind::Decision,
        SearchKind::Report,
        SearchKind::Person,
    ];

    /// The word addresses and JSON use: `meeting`, `agenda-item`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Meeting => "meeting",
            SearchKind::AgendaItem => "agenda-item",
            SearchKind::Minute => "minute",
            SearchKind::Resolution => "resolution",
            SearchKind::Decision => "decision",
            SearchKind::Report => "report",
            SearchKind::Person => "person",
        }
    }

    /// Reads the word back.
    pub fn parse(text: &str) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// The page that shows a record, which is also the group of records an
/// index replaces together when the page's records change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchTarget {
    /// A meeting's page (its agenda, minutes, resolutions, reports and
    /// decisions are shown there).
    Meeting(MeetingId),
    /// A person's page.
    Person(PersonId),
}

/// One public record, flattened for a search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRecord {
    /// What it is.
    pub kind: SearchKind,
    /// Its row id, unique within its kind.
    pub id: i64,
    /// The page that shows it.
    pub target: SearchTarget,
    /// A short heading: the title, subject, name or number.
    pub title: String,
    /// The text to search and quote beside the title (may be empty).
    pub text: String,
    /// The bodies it belongs to (a person may sit on several), the one to
    /// show first.
    pub bodies: Vec<(BodyId, String)>,
    /// The day of its meeting, where known.
    pub date: Option<Date>,
    /// The stored document it was read from, where it is one document's.
    pub document: Option<DocumentId>,
}

/// Which state of the stored records something was derived from. Records
/// change only by importing documents (which are never removed) and by
/// merging or splitting people (a merge removes a person, a split adds one
/// with a new id), so these four numbers change whenever the records do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Revision {
    /// How many documents are stored.
    pub documents: u64,
    /// The highest document id (0 when none).
    pub last_document: i64,
    /// How many people are stored.
    pub people: u64,
    /// The highest person id (0 when none).
    pub last_person: i64,
}

/// `documents/last_document/people/last_person`, as [`Revision::parse`]
/// reads it back.
impl fmt::Display for Revision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}/{}",
            self.documents, self.last_document, self.people, self.last_person
        )
    }
}

impl Revision {
    /// Reads back what `Display` wrote.
    pub fn parse(text: &str) -> Option<Revision> {
        let mut parts = text.split('/');
        let revision = Revision {
            documents: parts.next()?.parse().ok()?,
            last_document: parts.next()?.parse().ok()?,
            people: parts.next()?.parse().ok()?,
            last_person: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(revision)
    }
}

/// What a meeting's exempt agenda items make confidential: the one place
/// that decides which of a meeting's other records must stay out of
/// search. Backends build it from the meeting's agenda and ask it about
/// each minute, report and decision.
#[derive(Debug, Clone, Default)]
pub struct ExemptItems {
    numbers: Vec<String>,
    titles: Vec<String>,
    decisions: Vec<String>,
}

/// How titles are compared: case and spacing do not matter.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl ExemptItems {
    /// Notes one agenda item of the meeting; public items change nothing.
    pub fn add(&mut self, item: &AgendaEntry, decision: Option<&str>) {
        if item.public_title().is_some() {
            return;
        }
        self.numbers.extend(item.number.clone());
        self.titles.push(normalised(&item.title));
        self.decisions.extend(decision.map(str::to_owned));
    }

    /// Whether a minute (or a declaration) naming `agenda_ref` records an
    /// exempt item.
    pub fn covers_item(&self, agenda_ref: Option<&str>) -> bool {
        agenda_ref.is_some_and(|r| self.numbers.iter().any(|n| n == r))
    }

    /// Whether a decision number was carried by an exempt item.
    pub fn covers_decision(&self, number: Option<&str>) -> bool {
        number.is_some_and(|d| self.decisions.iter().any(|n| n == d))
    }

    /// Whether a report is confidential: classified as anything but
    /// public, or linked to an exempt item by its subject or its decision
    /// number.
    pub fn covers_report(
        &self,
        subject: &str,
        classification: Option<&str>,
        decision: Option<&str>,
    ) -> bool {
        classification.is_some_and(|c| !is_public_classification(c))
            || self.titles.contains(&normalised(subject))
            || self.covers_decision(decision)
    }
}

/// Whether a report's "Classification:" line lets the public read it.
/// Councils mark public papers "Unrestricted" (or "Public", "Open"); any
/// wording that names exemption, restriction, confidentiality or privacy
/// without the "un" of "unrestricted" keeps the paper out.
pub fn is_public_classification(classification: &str) -> bool {
    let text = classification.to_lowercase();
    let closed = ["exempt", "confidential", "private", "not for publication"]
        .iter()
        .any(|word| text.contains(word));
    let restricted = text.contains("restricted") && !text.contains("unrestricted");
    !closed && !restricted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda(number: &str, title: &str, exempt: bool) -> AgendaEntry {
        AgendaEntry {
            number: Some(number.into()),
            title: title.into(),
            pages: None,
            exempt,
        }
    }

    #[test]
    fn exempt_items_cover_their_minutes_reports_and_decisions_only() {
        let mut exempt = ExemptItems::default();
        exempt.add(&agenda("1", "Minutes", false), Some("13/00001"));
        exempt.add(&agenda("5", "Sale of  the Depot", true), Some("13/00099"));
        assert!(exempt.covers_item(Some("5")));
        assert!(!exempt.covers_item(Some("1")));
        assert!(!exempt.covers_item(None));
        assert!(exempt.covers_decision(Some("13/00099")));
        assert!(!exempt.covers_decision(Some("13/00001")));
        assert!(exempt.covers_report("sale of the depot", None, None));
        assert!(exempt.covers_report("Budget", None, Some("13/00099")));
        assert!(!exempt.covers_report("Budget", Some("Unrestricted"), Some("13/00001")));
    }

    #[test]
    fn only_public_classifications_are_public() {
        for public in ["Unrestricted", "UNRESTRICTED", "Public", "Open"] {
            assert!(is_public_classification(public), "{public}");
        }
        for closed in [
            "Exempt",
            "Restricted",
            "Confidential - Exempt under paragraph 3",
            "Private and confidential",
            "NOT FOR PUBLICATION",
        ] {
            assert!(!is_public_classification(closed), "{closed}");
        }
    }

    #[test]
    fn kinds_read_back_from_their_words() {
        for kind in SearchKind::ALL {
            assert_eq!(SearchKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SearchKind::parse("Meeting"), None);
    }

    #[test]
    fn revisions_read_back_and_refuse_other_text() {
        let revision = Revision {
            documents: 4,
            last_document: 4,
            people: 80,
            last_person: 91,
        };
        assert_eq!(Revision::parse(&revision.to_string()), Some(revision));
        for bad in ["", "1/2/3", "1/2/3/4/5", "a/2/3/4"] {
            assert_eq!(Revision::parse(bad), None, "{bad}");
        }
    }
}
