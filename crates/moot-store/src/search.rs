//! What full-text search reads from a store: every public record as one
//! flat [`SearchRecord`], and the [`Revision`] of the stored records, so an
//! index derived from them can say which state of the database it reflects.
//!
//! **Exempt business is never a search record.** A backend leaves out
//! exempt agenda items, the minutes and resolutions that refer to an exempt
//! item of the same meeting, reports linked to one (by title or decision
//! number) or classified as not public, and decisions known only from
//! exempt items. What a store does not hand out cannot be indexed.

use crate::{BodyId, DocumentId, MeetingId, PersonId};
use moot_domain::{Date, Lines};
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
    /// A document's text that no meeting's record claims.
    Document,
}

impl SearchKind {
    /// Every kind, in the order pages list them.
    pub const ALL: [SearchKind; 8] = [
        SearchKind::Meeting,
        SearchKind::AgendaItem,
        SearchKind::Minute,
        SearchKind::Resolution,
        SearchKind::Decision,
        SearchKind::Report,
        SearchKind::Person,
        SearchKind::Document,
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
            SearchKind::Document => "document",
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
    /// A document's page, for the text of a document that no meeting
    /// claims.
    Document(DocumentId),
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
    /// The lines of that document it was read from (a minute's whole
    /// text, a report's header, an agenda item's line).
    pub lines: Option<Lines>,
    /// The council whose record it is, where known.
    pub council: Option<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

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
