//! Which minutes the minutes themselves print as exempt business, whatever
//! the agenda of their meeting says (it may not be stored at all).
//!
//! Minutes mark closed business the way agendas do, by structure: a short
//! heading line of the same wording families as an agenda's exempt heading
//! ("EXEMPT ITEMS", "Part 2", "Not for publication", "Restricted",
//! "Confidential business"; [`crate::agenda::business_heading`]), or the
//! record of excluding the press and public ("Exclusion of the press and
//! public" as a heading or a minute, "RESOLVED that ... the press and
//! public be excluded"). Every minute after such a line is exempt, with or
//! without an "(Item N)" reference, until an open heading ("Part 1",
//! "Unrestricted items") or the press and public are readmitted. In doubt
//! the minute stays exempt: the rule fails closed.

use super::items::Minute;
use crate::agenda::business_heading;
use crate::document::Document;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Most words in a line read as a heading.
const MAX_HEADING_WORDS: usize = 14;

/// Excluding the press and public, as a heading or in a resolution.
static EXCLUSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\bexclu(?:de|ded|ding|sion\s+of)\s+(?:the\s+)?(?:press|public)\b",
        r"|\b(?:press|public)\s+(?:and\s+(?:the\s+)?public\s+)?(?:be|were|was|are|being)\s+excluded\b",
        r"|\b(?:meeting|session|business)\s+(?:was\s+|were\s+)?(?:held\s+)?in\s+(?:closed\s+session|private)\b",
    ))
    .expect("valid regex")
});

/// A short heading naming closed business in words an agenda's heading
/// does not use ("Restricted", "Confidential minutes", "Closed session").
static CLOSED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:exempt|restricted|confidential|private|closed)(?:\s+(?:minutes?|section|session|matters?|items?|business|information))?\s*:?$")
        .expect("valid regex")
});

/// The press and public let back in.
static READMITTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:press|public)\b.{0,40}\b(?:re-?admitted|readmitted|re-?joined|returned\s+to\s+the\s+meeting|invited\s+back)\b")
        .expect("valid regex")
});

/// A record that there was no closed business after all ("There were no
/// items requiring the exclusion of the press and public", "No exempt
/// items", "None." under an exempt heading). Only these set wordings
/// count, so a sentence that merely holds a "no" elsewhere still opens
/// closed business.
static NO_CLOSED_BUSINESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:there\s+(?:were|was|are|is)\s+no|no\s+(?:exempt\s+|confidential\s+|private\s+|part\s+(?:2|ii)\s+)?(?:items?|business|matters?|reports?|need))\b",
        r".{0,80}\b(?:exempt|exclu\w*|private|confidential|part\s+(?:2|ii)|closed\s+session)",
        r"|\bexclu\w*\b.{0,40}\bnot\s+(?:necessary|required|needed)\b",
        r"|^(?:none|nil|no\s+items?)\.?$",
        r"|^(?:there\s+(?:were|was|are|is)\s+)?no\s+(?:exempt|confidential|private|part\s+(?:2|ii))\s+(?:items?|business|matters?|reports?)\.?$",
    ))
    .expect("valid regex")
});

/// Whether a line of minutes opens (`Some(true)`) or closes
/// (`Some(false)`) exempt business.
fn turns(text: &str) -> Option<bool> {
    let text = text.trim();
    if NO_CLOSED_BUSINESS.is_match(text) {
        return Some(false);
    }
    let short = text.split_whitespace().count() <= MAX_HEADING_WORDS && !text.ends_with('.');
    if short {
        if let Some(private) = business_heading(text) {
            return Some(private);
        }
        if CLOSED_HEADING.is_match(text) {
            return Some(true);
        }
    }
    if READMITTED.is_match(text) {
        Some(false)
    } else if EXCLUSION.is_match(text) {
        Some(true)
    } else {
        None
    }
}

/// For each of `minutes` (in order, inside `range`), whether it is printed
/// after an exempt heading of its set.
pub(super) fn under_exempt_heading(
    doc: &Document,
    range: Range<usize>,
    minutes: &[Minute],
) -> Vec<bool> {
    let mut exempt = false;
    let mut at = range.start;
    let mut out = Vec::with_capacity(minutes.len());
    for minute in minutes {
        for i in at..minute.heading.min(range.end) {
            exempt = turns(doc.text(i)).unwrap_or(exempt);
        }
        out.push(exempt);
        // The heading itself may be the exclusion ("12. Exclusion of the
        // press and public"): it opens exempt business after this minute.
        exempt = turns(&minute.title).unwrap_or(exempt);
        at = minute.heading + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_business_is_recognised_by_its_wording_families() {
        for line in [
            "EXEMPT ITEMS",
            "Part 2",
            "PART II - NOT FOR PUBLICATION",
            "Restricted",
            "Not for publication",
            "Confidential Business",
            "Closed session",
            "EXCLUSION OF THE PRESS AND PUBLIC",
            "MOTION TO EXCLUDE THE PRESS AND PUBLIC FOR EXEMPT ITEM",
            "RESOLVED that the press and public be excluded from the meeting for the following business.",
            "No representations having been received, RESOLVED that the press and public be excluded.",
        ] {
            assert_eq!(turns(line), Some(true), "{line}");
        }
        for line in [
            "Part 1",
            "UNRESTRICTED ITEMS",
            "The press and public were readmitted to the meeting.",
            "There were no items requiring the exclusion of the press and public.",
            "No exempt items",
            "None.",
            "Exclusion of the press and public was not required.",
        ] {
            assert_eq!(turns(line), Some(false), "{line}");
        }
        for line in [
            "The Panel noted the report.",
            "Private sector housing was discussed at length by the Members present.",
            "(Open access to minutes)",
        ] {
            assert_eq!(turns(line), None, "{line}");
        }
    }
}
