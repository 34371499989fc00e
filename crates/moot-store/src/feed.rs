//! What the site's feeds read: a body's dated meetings for its calendar,
//! and the newest minutes and decisions for the Atom feed. Like
//! [`crate::AgendaEntry`], these carry the facts (classification, whether
//! an exempt agenda item carries the decision) and one method decides what
//! the public may see: [`FeedDecision::is_public`].

use crate::MeetingSummary;

/// A meeting as a calendar lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarMeeting {
    /// The meeting (always dated here).
    pub meeting: MeetingSummary,
    /// Where it is held, as printed.
    pub venue: Option<String>,
    /// When Moot first stored it: `YYYY-MM-DDTHH:MM:SSZ`.
    pub recorded: String,
}

/// One entry of the feed of new records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// What was stored.
    pub item: FeedItem,
    /// The meeting it belongs to.
    pub meeting: MeetingSummary,
    /// When it was stored (its pack's import): `YYYY-MM-DDTHH:MM:SSZ`.
    pub recorded: String,
}

/// The kinds of record the feed announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedItem {
    /// A set of minutes, recorded for `meeting`.
    Minutes {
        /// The set's id, unique among minutes.
        id: i64,
        /// How many numbered minutes it holds.
        items: u64,
    },
    /// A decision number carried by a report to `meeting`.
    Decision(FeedDecision),
}

/// A decision as the report carrying it gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedDecision {
    /// The council's number, `YY/NNNNN`.
    pub number: String,
    /// The report's subject.
    pub subject: String,
    /// The report's classification, as printed.
    pub classification: Option<String>,
    /// Whether the exempt rule ([`crate::ExemptItems::covers_report`])
    /// makes the report carrying it confidential: the paper of an exempt
    /// item of its meeting, by number or title.
    pub on_exempt_item: bool,
}

impl FeedDecision {
    /// Whether the public may see this decision: it is not on exempt
    /// business, and its report is unclassified or classified as public
    /// ("Unrestricted", "Public", "Open"). Anything else ("Exempt",
    /// "Restricted", "Confidential", "Part 2") stays out.
    pub fn is_public(&self) -> bool {
        !self.on_exempt_item && crate::exempt::public_classification(self.classification.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(classification: Option<&str>, on_exempt_item: bool) -> FeedDecision {
        FeedDecision {
            number: "26/00012".into(),
            subject: "Strategy".into(),
            classification: classification.map(Into::into),
            on_exempt_item,
        }
    }

    #[test]
    fn only_unrestricted_papers_off_exempt_items_are_public() {
        assert!(decision(None, false).is_public());
        assert!(decision(Some("Unrestricted"), false).is_public());
        assert!(decision(Some("Public"), false).is_public());
        assert!(!decision(Some("Unrestricted"), true).is_public());
        for closed in [
            "Exempt",
            "Restricted",
            "Confidential",
            "Part 2",
            "Not for publication",
        ] {
            assert!(!decision(Some(closed), false).is_public(), "{closed}");
        }
    }
}
