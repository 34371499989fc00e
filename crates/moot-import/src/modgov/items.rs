//! The items table of a meeting page. Each item is a number cell ("1.",
//! "12a", "23/5") and a title cell, saved either on lines of their own or on
//! one line split by a tab; under the title come the item's description,
//! its "Decision:" and "Minutes:" sections and its document lists
//! ("Supporting documents:", "Additional documents:"). Unnumbered rows
//! ("Part B - Closed Business", "Exclusion of press and public") head the
//! exempt items; "View the reasons why item 12. is restricted" marks one.

use super::header::is_items_header;
use crate::document::Document;
use crate::names::collapse;
use regex::Regex;
use std::sync::LazyLock;

/// One numbered item of a meeting page.
#[derive(Debug, Clone)]
pub(super) struct Item {
    /// The number as printed, without a trailing dot.
    pub number: String,
    /// The title without document links and sizes.
    pub title: String,
    /// Index of the number's line.
    pub number_line: usize,
    /// Index of the title's line.
    pub title_line: usize,
    /// Index one past the item's last non-blank line.
    pub end: usize,
    /// The paragraphs of its "Minutes:" and "Decision:" sections, with
    /// their line indexes.
    pub record: Vec<(usize, String)>,
    /// True when it has a "Minutes:" or "Decision:" section.
    pub minuted: bool,
    /// True when it has a "Decision:" section.
    pub decided: bool,
    /// Listed as exempt or restricted.
    pub exempt: bool,
}

/// How a page saved its number and title cells.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// The number alone on its line, the title on the next non-blank one.
    Stacked,
    /// "1.<tab>Title" on one line.
    Tabbed,
    /// "1. Title" on one line; numbers may only step forward a little, so
    /// numbered paragraphs of the minutes do not open items.
    Spaced,
    /// A table saved as rows between lines holding only "|", the number
    /// cells lost: each row opens an unnumbered item whose title runs to
    /// its description ("To receive …") or its "Minutes:" label.
    Rows,
}

/// Which section of an item a line falls in.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    Description,
    Record,
    Documents,
}

const NUMBER: &str = r"(?:\p{Lu}{1,4}[ .\-]?)?\d{1,4}(?:[./]\d{1,3}){0,2}[a-z]?\.?";

static NUMBER_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{NUMBER}$")).expect("valid regex"));
static NUMBER_TAB_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({NUMBER})\t+\s*(\S.*)$")).expect("valid regex"));
static NUMBER_SPACE_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({NUMBER})\s+(\S.*)$")).expect("valid regex"));
static SECTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(minutes|decisions?|resolved|supporting\s+documents|additional\s+documents|background\s+papers|documents)\s*:\s*(.*)$")
        .expect("valid regex")
});
static EXEMPT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:part\s+(?:b|ii|2|two)\b|(?:exempt|closed|private|confidential|restricted|part\s+ii)\s+(?:business|items?|session|reports?|information|section|matters|agenda)\b|items?\s+(?:likely\s+to\s+be\s+)?(?:considered|taken|held)\s+in\s+private|exclusion\s+of\s+(?:the\s+)?(?:press|public))")
        .expect("valid regex")
});
static RESTRICTED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)reasons\s+why\s+item\b.*\brestricted|^(?:exempt|restricted|confidential)(?:\s+item)?$")
        .expect("valid regex")
});
static EXEMPT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[(\[]\s*(?:exempt|confidential|private|closed|part\s+(?:ii|2|b))\b|[-–:]\s*(?:exempt|confidential)\s*$")
        .expect("valid regex")
});
static DOCUMENT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s*(?:pdf\s+icon|restricted\s+enclosure|view\s+the\s+reasons\s+why\s+(?:item|document)\b.*?\bis\s+restricted\.?|\(?(?:pdf|docx?|xlsx?|pptx?|word|excel|html?|rtf)\s+\d+(?:\.\d+)?\s*[kmg]?b\)?))+\s*$")
        .expect("valid regex")
});
static TERMINATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:back\s+to\s+top|top\s+of\s+page|contact\s+us|accessibility(?:\s+statement)?|cookies|privacy(?:\s+notice)?|terms\s+and\s+conditions|follow\s+us|printed\s+(?:draft\s+)?(?:minutes|decisions|agenda)\b|attendance\s+details|meeting\s+attendance|attendance|documents|media|webcast|got\s+a\s+question\??|related\s+(?:meetings|links)|site\s+map|share\s+this\s+page|other\s+meetings.*)$")
        .expect("valid regex")
});

/// True when the line closes the items table: the page's document,
/// attendance and footer blocks.
pub(super) fn is_terminator(text: &str) -> bool {
    TERMINATOR.is_match(&collapse(text))
}

/// True when a line alone is an item number cell.
pub(super) fn is_number_cell(text: &str) -> bool {
    NUMBER_ALONE.is_match(text)
}

/// True when a line is a "Minutes:" label (`decision` false) or a
/// "Minutes:" or "Decision:" label (`decision` true) with nothing after it.
pub(super) fn is_record_label(text: &str, decision: bool) -> bool {
    matches!(section_label(text), Some((Section::Record, d, rest)) if rest.is_empty() && (decision || !d))
}

/// The items from `start` on, and the index where the items table ends.
/// `single` is the number an agenda-item page gives its one item.
pub(super) fn read(doc: &Document, start: usize, single: Option<&str>) -> (Vec<Item>, usize) {
    let layout = layout(doc, start);
    let mut items: Vec<Item> = Vec::new();
    let mut section = Section::Description;
    let mut exempt_section = false;
    let mut single = single.map(str::to_owned);
    let mut i = start;
    while i < doc.len() {
        let text = doc.text(i);
        if text.is_empty() {
            i += 1;
            continue;
        }
        if !items.is_empty() && (is_terminator(text) || is_items_header(text)) {
            break;
        }
        let previous = items.last().map(|item| item.number.as_str());
        let opened = match single.take() {
            Some(number) => Some((number, clean_title(text), i)),
            None => item_opening(doc, i, layout, previous),
        };
        if let Some((number, title, title_line)) = opened {
            let exempt = exempt_section
                || EXEMPT_TITLE.is_match(&title)
                || RESTRICTED_ITEM.is_match(doc.text(title_line));
            exempt_section |= EXEMPT_HEADING.is_match(&title);
            items.push(Item {
                number,
                title,
                number_line: i,
                title_line,
                end: title_line + 1,
                record: Vec::new(),
                minuted: false,
                decided: false,
                exempt,
            });
            section = Section::Description;
            // A row holds the item's record after its title.
            if layout == Layout::Rows {
                if let (Some(rest), Some(item)) = (row_rest(doc.text(title_line)), items.last_mut())
                {
                    section = read_line(item, title_line, rest, section);
                }
            }
            i = title_line + 1;
            continue;
        }
        if section != Section::Record && is_exempt_heading(text) {
            exempt_section = true;
        } else if let Some(item) = items.last_mut() {
            section = read_line(item, i, text, section);
            item.end = i + 1;
        }
        i += 1;
    }
    let end = items.last().map_or(start, |item| item.end);
    (items, end)
}

/// Takes one line of an item's body into the item; returns the section the
/// next line falls in.
fn read_line(item: &mut Item, index: usize, text: &str, section: Section) -> Section {
    if RESTRICTED_ITEM.is_match(text) && section != Section::Record {
        item.exempt = true;
    }
    match section_label(text) {
        Some((Section::Record, decision, rest)) => {
            item.minuted = true;
            item.decided |= decision;
            if !rest.is_empty() {
                item.record.push((index, rest));
            }
            Section::Record
        }
        Some((other, _, _)) => other,
        None => {
            if section == Section::Record {
                item.record.push((index, collapse(text)));
            }
            section
        }
    }
}

/// The section a label line opens: (section, is a decision, text after the
/// label).
fn section_label(text: &str) -> Option<(Section, bool, String)> {
    let c = SECTION_LABEL.captures(text)?;
    let label = c.get(1)?.as_str().to_lowercase();
    let rest = collapse(c.get(2).map_or("", |m| m.as_str()));
    if label.ends_with("documents") || label.ends_with("papers") {
        return Some((Section::Documents, false, rest));
    }
    Some((Section::Record, !label.starts_with("minutes"), rest))
}

/// An unnumbered row that heads the exempt items: short, not a sentence.
fn is_exempt_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 12 && !text.ends_with(['.', ':']) && EXEMPT_HEADING.is_match(text)
}

/// Stacked when any number cell stands alone above a title, else tabbed
/// when any number cell is tab-separated from its title, else spaced.
fn layout(doc: &Document, start: usize) -> Layout {
    let stacked = (start..doc.len()).any(|i| {
        NUMBER_ALONE.is_match(doc.text(i))
            && doc
                .next_non_blank(i + 1, i + 4)
                .is_some_and(|j| is_title(doc.text(j)))
    });
    let tabbed = || (start..doc.len()).any(|i| NUMBER_TAB_TITLE.is_match(doc.text(i)));
    let rows = || {
        let mut after_separator =
            (start..doc.len()).filter(|&i| i > 0 && is_row_separator(doc.text(i - 1)));
        let first = after_separator
            .clone()
            .find(|&i| !is_row_separator(doc.text(i)));
        first.is_some() && !after_separator.any(|i| NUMBER_SPACE_TITLE.is_match(doc.text(i)))
    };
    if stacked {
        Layout::Stacked
    } else if tabbed() {
        Layout::Tabbed
    } else if rows() {
        Layout::Rows
    } else {
        Layout::Spaced
    }
}

/// The number, title and title line of an item opening at line `i`.
fn item_opening(
    doc: &Document,
    i: usize,
    layout: Layout,
    previous: Option<&str>,
) -> Option<(String, String, usize)> {
    let text = doc.text(i);
    let (number, title, title_line) = match layout {
        Layout::Stacked => {
            if !NUMBER_ALONE.is_match(text) {
                return None;
            }
            let j = doc.next_non_blank(i + 1, i + 4)?;
            (text, doc.text(j), j)
        }
        Layout::Rows => {
            let row_start = i > 0 && is_row_separator(doc.text(i - 1)) && !is_row_separator(text);
            if !row_start {
                return None;
            }
            let title = row_title(text);
            return (!title.is_empty() && is_title(title))
                .then(|| (String::new(), clean_title(title), i));
        }
        Layout::Tabbed | Layout::Spaced => {
            let pattern = match layout {
                Layout::Tabbed => &NUMBER_TAB_TITLE,
                _ => &NUMBER_SPACE_TITLE,
            };
            let c = pattern.captures(text)?;
            (c.get(1)?.as_str(), c.get(2)?.as_str(), i)
        }
    };
    let number = number.trim_end_matches('.').trim().to_owned();
    let follows = previous.is_none_or(|p| {
        comes_after(p, &number) && (layout != Layout::Spaced || steps_a_little(p, &number))
    });
    (is_title(title) && follows).then(|| (number, clean_title(title), title_line))
}

/// A line holding only a table's column separator.
fn is_row_separator(text: &str) -> bool {
    text.trim() == "|"
}

/// The title at the head of a row: up to its description ("To receive
/// apologies") or its first section label ("Minutes:"); the whole row when
/// it starts with the description.
fn row_title(text: &str) -> &str {
    static SECTION_IN_ROW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s(?:Minutes|Decisions?|Additional documents|Supporting documents)\s*:")
            .expect("valid regex")
    });
    let end = SECTION_IN_ROW.find(text).map_or(text.len(), |m| m.start());
    let head = text.get(..end).unwrap_or(text);
    match crate::agenda::description_start(head) {
        Some(at) if at > 0 => head.get(..at).unwrap_or(head).trim(),
        _ => head.trim(),
    }
}

/// The rest of a row after its title, from its first section label.
fn row_rest(text: &str) -> Option<&str> {
    static SECTION_IN_ROW: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s(?:Minutes|Decisions?)\s*:").expect("valid regex"));
    SECTION_IN_ROW
        .find(text)
        .and_then(|m| text.get(m.start() + 1..))
}

/// True when `text` can be an item title cell.
fn is_title(text: &str) -> bool {
    let first = text.chars().next();
    first.is_some_and(|c| c.is_uppercase() || c.is_numeric() || "'\"‘“(".contains(c))
        && !NUMBER_ALONE.is_match(text)
        && section_label(text).is_none()
        && !is_terminator(text)
        && text.chars().count() <= 400
}

/// True when item number `next` may follow `previous`: its leading number is
/// not smaller, unless its letter prefix changed ("A3" then "B1"). Keeps
/// numbered lists inside descriptions from opening items.
fn comes_after(previous: &str, next: &str) -> bool {
    let (prefix_a, major_a) = number_key(previous);
    let (prefix_b, major_b) = number_key(next);
    prefix_a != prefix_b || major_b >= major_a
}

/// True when `next` is at most three numbers on from `previous`.
fn steps_a_little(previous: &str, next: &str) -> bool {
    number_key(next).1 <= number_key(previous).1.saturating_add(3)
}

/// The letters before an item number's digits and its first run of digits.
fn number_key(number: &str) -> (String, u32) {
    let prefix: String = number.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let major = number
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .fold(0u32, |n, c| {
            n.saturating_mul(10)
                .saturating_add(c.to_digit(10).unwrap_or(0))
        });
    (prefix.trim().to_owned(), major)
}

/// A title without the page's document links: "Minutes pdf icon PDF 253 KB"
/// gives "Minutes".
fn clean_title(text: &str) -> String {
    let title = collapse(text);
    DOCUMENT_SUFFIX.replace(&title, "").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_document_links() {
        assert_eq!(
            clean_title("Budget Monitor pdf icon PDF 253 KB"),
            "Budget Monitor"
        );
        assert_eq!(clean_title("Annual Report (PDF 1.2 MB)"), "Annual Report");
        assert_eq!(
            clean_title("Land Sale View the reasons why item 9. is restricted"),
            "Land Sale"
        );
    }

    #[test]
    fn numbers_do_not_go_backwards_within_a_prefix() {
        assert!(comes_after("23/5", "23/6"));
        assert!(comes_after("12", "12a"));
        assert!(comes_after("A3", "B1"));
        assert!(!comes_after("5", "1"));
    }
}
