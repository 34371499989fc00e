//! The head of a meeting page: the page title ("Agenda and minutes"), the
//! body and date ("Cabinet - Tuesday 12th March, 2019 7.00 pm", or the body
//! on a line of its own above the date, or "Meeting of Cabinet, Tuesday 12
//! March, 2019 7.00 pm (Item 12.)"), "Venue:", "Contact:", and the "Items"
//! table header where the items begin.

use crate::dates::{find_date, parse_time};
use crate::document::Document;
use crate::names::collapse;
use moot_domain::Meeting;
use regex::Regex;
use std::sync::LazyLock;

/// How far into the text the head of a page may reach (site navigation
/// saved with the page comes first).
pub(super) const HEAD_LINES: usize = 200;

/// What the head of a page says.
pub(super) struct Header {
    /// The meeting the page is for.
    pub meeting: Meeting,
    /// The line after the head: where the items begin.
    pub items_start: usize,
    /// The item number an agenda-item page names ("(Item 12.)").
    pub single_item: Option<String>,
}

static PAGE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:draft\s+)?(?:agenda(?:\s+item)?|minutes|decisions)(?:\s*(?:,|and|&)\s*(?:draft\s+|printed\s+|signed\s+)?(?:minutes|decisions|reports|notes|agenda))*$")
        .expect("valid regex")
});
static ITEMS_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:items|agenda items|no\.?\s+item|item\s+no\.?\s+(?:item|title|description)|no\.?\s+(?:title|description|subject))$")
        .expect("valid regex")
});
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(venue|location|place|contact(?:\s+officer)?|contacts?)\s*:\s*(.*)$")
        .expect("valid regex")
});
static ITEM_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\(\s*item\s+([\p{L}\d./]+?)\.?\s*\)").expect("valid regex"));

/// The longest line read as a page title or a table's header row: both
/// are short, and a flattened document's one line need not be copied to
/// learn it is neither.
const MAX_HEADING_BYTES: usize = 200;

/// True when the line is a page title: "Agenda", "Agenda and minutes",
/// "Agenda, decisions and draft minutes", "Agenda item".
pub(super) fn is_page_title(text: &str) -> bool {
    text.len() <= MAX_HEADING_BYTES && PAGE_TITLE.is_match(&collapse(text))
}

/// True when the line heads the items table ("Items", "No. Item").
pub(super) fn is_items_header(text: &str) -> bool {
    // A table saved as markdown: "| No. | Item |".
    text.len() <= MAX_HEADING_BYTES && ITEMS_HEADER.is_match(&collapse(&text.replace('|', " ")))
}

/// The label of a "Venue:" or "Contact:" line, lower-cased, and its value.
pub(super) fn label(text: &str) -> Option<(String, String)> {
    let c = LABEL.captures(text)?;
    let key = c.get(1)?.as_str().to_lowercase();
    Some((key, c.get(2).map_or("", |m| m.as_str()).trim().to_owned()))
}

/// True when the line is a "Meeting of <Body>, <date>" line.
pub(super) fn is_meeting_of(text: &str) -> bool {
    text.get(..11)
        .is_some_and(|opening| opening.eq_ignore_ascii_case("meeting of "))
        && find_date(text).is_some()
}

/// Reads the head of a page.
pub(super) fn read(doc: &Document) -> Header {
    let head_end = doc.len().min(HEAD_LINES);
    let title = (0..head_end).find(|&i| is_page_title(doc.text(i)));
    let from = title.map_or(0, |t| t + 1);
    let items_header = (from..head_end).find(|&i| is_items_header(doc.text(i)));
    let search_end = items_header.unwrap_or(head_end);
    let date_line = (from..search_end)
        .find(|&i| label(doc.text(i)).is_none() && find_date(doc.text(i)).is_some());
    let mut meeting = Meeting::default();
    let mut last_head_line = date_line.or(title);
    if let Some(d) = date_line {
        read_date_line(doc, from, d, &mut meeting);
    }
    let label_end =
        items_header.unwrap_or_else(|| date_line.map_or(from, |d| d + 12).min(head_end));
    for i in date_line.unwrap_or(from)..label_end {
        let Some((key, value)) = label(doc.text(i)) else {
            continue;
        };
        let value = if value.is_empty() {
            doc.text(doc.next_non_blank(i + 1, label_end).unwrap_or(i))
                .to_owned()
        } else {
            value
        };
        if key.starts_with("contact") && meeting.contact.is_none() {
            meeting.contact = clean_contact(&value);
        } else if !key.starts_with("contact") && meeting.venue.is_none() {
            meeting.venue = clean_venue(&value);
        }
        last_head_line = Some(i);
    }
    let items_start = match items_header {
        Some(h) => (h + 1..head_end)
            .take_while(|&i| doc.text(i).is_empty() || is_items_header(doc.text(i)))
            .last()
            .map_or(h + 1, |i| i + 1),
        None => last_head_line.map_or(0, |i| i + 1),
    };
    let first = title.or(date_line).unwrap_or(0);
    if title.is_some() || date_line.is_some() {
        meeting.lines = Some(doc.source_of(first..last_head_line.map_or(first + 1, |l| l + 1)));
    }
    let single_item = date_line
        .and_then(|d| ITEM_REF.captures(doc.text(d)))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned());
    let items_start = match (single_item.as_ref(), date_line) {
        (Some(_), Some(d)) => item_title_above(doc, d).unwrap_or(items_start),
        _ => items_start,
    };
    Header {
        meeting,
        items_start,
        single_item,
    }
}

/// Agenda-item pages print the item's title either below the "Meeting of"
/// line or above it; when a "Minutes:" or "Decision:" label follows the
/// "Meeting of" line straight away, the title is the line above.
fn item_title_above(doc: &Document, date_line: usize) -> Option<usize> {
    let next = doc.next_non_blank(date_line + 1, doc.len())?;
    if !super::items::is_record_label(doc.text(next), true) {
        return None;
    }
    let above = (0..date_line).rev().find(|&i| !doc.text(i).is_empty())?;
    (!is_page_title(doc.text(above))).then_some(above)
}

/// Reads body, date and time from the line that carries the date; the body
/// is the text before the date, or else the line above.
fn read_date_line(doc: &Document, from: usize, line: usize, meeting: &mut Meeting) {
    let text = doc.text(line);
    let Some((date, range)) = find_date(text) else {
        return;
    };
    meeting.date = Some(date);
    meeting.time = parse_time(text.get(range.end..).unwrap_or("")).or_else(|| {
        // The time on a line of its own below the date.
        let next = doc.text(doc.next_non_blank(line + 1, line + 3)?);
        (next.chars().count() <= 20 && label(next).is_none())
            .then(|| parse_time(next))
            .flatten()
    });
    let before = body_before_date(text.get(..range.start).unwrap_or(""));
    meeting.body = before.or_else(|| {
        (from..line)
            .rev()
            .map(|i| doc.text(i))
            .find(|t| !t.is_empty())
            .filter(|t| label(t).is_none() && !is_page_title(t))
            .map(collapse)
    });
}

/// The body named before a date: "Cabinet - Tuesday " gives "Cabinet",
/// "Meeting of Cabinet, Tuesday " too; a bare weekday gives nothing.
fn body_before_date(text: &str) -> Option<String> {
    static WEEKDAY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?)?[\s,\-–—:]*(?:\b(?:held\s+)?(?:on|at)\b)?[\s,\-–—:]*$")
            .expect("valid regex")
    });
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:meeting|agenda|minutes|agenda\s+and\s+minutes)\s+(?:of|for)(?:\s+the)?\s+)")
            .expect("valid regex")
    });
    let body = WEEKDAY_TAIL.replace(text, "");
    let body = WEEKDAY_TAIL.replace(&body, "");
    let body = LEAD.replace(&body, "");
    let body = collapse(&body);
    body.chars().any(char::is_alphabetic).then_some(body)
}

/// The venue without the page's links and notes: "Town Hall. View
/// directions" gives "Town Hall".
fn clean_venue(value: &str) -> Option<String> {
    static LINKS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\.?\s*(?:view|get)\s+(?:directions|map)\b.*$").expect("valid regex")
    });
    let value = LINKS.replace(value, "");
    let value = cut_at_sentence_end(&value);
    let value = collapse(value.trim_end_matches(['.', ',', ' ']));
    (!value.is_empty()).then_some(value)
}

/// The text before the first full stop that ends a sentence, keeping the
/// stops of abbreviations ("St. Mary's Hall") and postcodes.
fn cut_at_sentence_end(text: &str) -> &str {
    const ABBREVIATIONS: [&str; 6] = ["st", "rd", "no", "ave", "mt", "nr"];
    for (at, _) in text.match_indices(". ") {
        let before = text.get(..at).unwrap_or("");
        let word = before
            .rsplit([' ', '\t'])
            .next()
            .unwrap_or("")
            .to_lowercase();
        if !ABBREVIATIONS.contains(&word.as_str()) && word.chars().count() > 1 {
            return before;
        }
    }
    text
}

/// The first person named as contact, without phone, email or colleagues:
/// "Lynn Harker  Email: ..." and "Ann Lee or Bob Hart  Phone: ..." give the
/// first name.
fn clean_contact(value: &str) -> Option<String> {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s{2,}|\t|[,;(|<\d@]|\s[-–—]\s|\b(?:or|and|tel|telephone|phone|email|e-mail|mobile|direct\s+line|ext)\b")
            .expect("valid regex")
    });
    let cut = CUT.find(value).map_or(value.len(), |m| m.start());
    let name = collapse(value.get(..cut).unwrap_or(""));
    let name = name.trim_end_matches(['.', ':', ' ']).to_owned();
    (name.chars().any(char::is_alphabetic)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_titles_of_both_templates() {
        for t in [
            "Agenda",
            "Agenda and minutes",
            "Agenda and draft minutes",
            "Agenda, decisions and draft minutes",
            "Agenda item",
        ] {
            assert!(is_page_title(t), "{t}");
        }
        assert!(!is_page_title("Agenda item 6"));
        assert!(!is_page_title(
            "Agenda produced and published by the Director"
        ));
    }

    #[test]
    fn body_comes_before_the_weekday() {
        assert_eq!(
            body_before_date("Planning Committee - Tuesday ").as_deref(),
            Some("Planning Committee")
        );
        assert_eq!(
            body_before_date("Meeting of Cabinet, Thursday ").as_deref(),
            Some("Cabinet")
        );
        assert_eq!(body_before_date("Thursday, "), None);
    }

    #[test]
    fn venue_drops_links_and_notes() {
        assert_eq!(
            clean_venue("Room 2, Civic Centre, AB1 2CD. View directions").as_deref(),
            Some("Room 2, Civic Centre, AB1 2CD")
        );
        assert_eq!(
            clean_venue("Remote. The public may watch online").as_deref(),
            Some("Remote")
        );
        assert_eq!(
            clean_venue("St. Anne's Hall, High Street").as_deref(),
            Some("St. Anne's Hall, High Street")
        );
    }

    #[test]
    fn contact_is_the_first_person_named() {
        assert_eq!(
            clean_contact("Jo Bloggs  Email: jo@x.gov.uk").as_deref(),
            Some("Jo Bloggs")
        );
        assert_eq!(
            clean_contact("Sam Reed or Kim Fox Phone: 0123").as_deref(),
            Some("Sam Reed")
        );
        assert_eq!(
            clean_contact("Ravi Shah, Democratic Services Officer, 01234 567890").as_deref(),
            Some("Ravi Shah")
        );
        assert_eq!(clean_contact("Email: committees@x.gov.uk"), None);
    }
}
