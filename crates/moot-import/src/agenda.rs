//! The agenda: numbered items, page ranges, exempt items.
//!
//! Agendas number their items plainly ("1", "4.", "Item 5"), by section
//! letter ("A1" … "F4"), or with sub-items ("5.1", "5a"); they print the
//! item as a line ("4 Minutes (Pages 1 - 8)") or as a tab-table row ("4 ⇥
//! Confirmation of Minutes ⇥ 1 - 10"), and a page break may split the
//! table with cover text in between. Numbered lines that are not items
//! (times, dates, paragraphs) are told apart by order: the items are the
//! longest run of numbers that follow one another.
//!
//! Items listed after an exempt heading ("EXEMPT ITEMS", "PART II - NOT FOR
//! PUBLICATION", "Part B - items likely to be considered in private") are
//! exempt until an open heading ("UNRESTRICTED ITEMS", "Part 1") returns to
//! public business.

use crate::document::Document;
use crate::meeting::front_range;
use crate::split::Part;
use moot_domain::{AgendaItem, Diagnostic, Severity};
use regex::Regex;
use std::sync::LazyLock;

/// Reads the agenda from the front matter.
pub fn parse(doc: &Document, parts: &[Part], diagnostics: &mut Vec<Diagnostic>) -> Vec<AgendaItem> {
    let front = front_range(doc, parts);
    let candidates = candidates(doc, front.start, front.end);
    let items: Vec<AgendaItem> = longest_run(&candidates)
        .into_iter()
        .filter_map(|n| candidates.get(n))
        .map(|c| c.item.clone())
        .collect();
    let heading = front
        .clone()
        .find(|&i| doc.text(i).eq_ignore_ascii_case("agenda"));
    if let (true, Some(at)) = (items.is_empty(), heading) {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            lines: doc.source_of(at..at + 1),
            message: "an agenda heading with no numbered items after it".to_owned(),
        });
    }
    items
}

/// A numbered line that may be an agenda item.
struct Candidate {
    number: ItemNumber,
    item: AgendaItem,
}

/// An item number split for ordering: "B12" is section B, item 12; "5.1"
/// and "5a" are sub-items of 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ItemNumber {
    section: Option<char>,
    major: u32,
    minor: Option<u32>,
}

impl ItemNumber {
    fn parse(text: &str) -> Option<ItemNumber> {
        static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^([A-Z])?(\d{1,3})(?:\.(\d{1,2})|([a-z]))?$").expect("valid regex")
        });
        let c = NUMBER.captures(text)?;
        let minor = match (c.get(3), c.get(4)) {
            (Some(m), _) => Some(m.as_str().parse().ok()?),
            (None, Some(letter)) => letter
                .as_str()
                .chars()
                .next()
                .map(|l| u32::from(l).saturating_sub(u32::from('a')) + 1),
            (None, None) => None,
        };
        Some(ItemNumber {
            section: c.get(1).and_then(|m| m.as_str().chars().next()),
            major: c.get(2)?.as_str().parse().ok()?,
            minor,
        })
    }

    /// True when `next` can follow `self` on one agenda (a skipped number
    /// or an empty lettered section is allowed).
    fn is_followed_by(self, next: ItemNumber) -> bool {
        match (self.section, next.section) {
            (Some(a), Some(b)) if a != b => {
                let step = u32::from(b).saturating_sub(u32::from(a));
                (1..=2).contains(&step) && next.major <= 2 && next.minor.is_none()
            }
            (a, b) if a == b => match (self.minor, next.minor) {
                (_, None) => next.major > self.major && next.major <= self.major + 3,
                (None, Some(m)) => {
                    m <= 2 && (next.major == self.major || next.major == self.major + 1)
                }
                (Some(p), Some(m)) => {
                    (next.major == self.major && m > p && m <= p + 2)
                        || (next.major == self.major + 1 && m <= 2)
                }
            },
            _ => false,
        }
    }
}

/// Every numbered line of the front matter that reads as an item, with the
/// exempt state of the heading it falls under.
fn candidates(doc: &Document, start: usize, end: usize) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = Vec::new();
    let mut exempt = false;
    let mut i = start;
    while i < end {
        let text = doc.text(i);
        if let Some(private) = business_heading(text) {
            exempt = private;
        } else if let Some((number, printed, rest)) = numbered(text) {
            let (mut item, last) = item_from(doc, i, end, printed, rest);
            item.exempt = exempt || marked_exempt(doc, last + 1, end);
            found.push(Candidate { number, item });
            i = last + 1;
            continue;
        } else if let Some((number, printed, title_at)) = number_above_title(doc, i, end) {
            let (mut item, last) = item_from(doc, title_at, end, printed, doc.text(title_at));
            item.lines = doc.source_of(i..last + 1);
            item.exempt = exempt || marked_exempt(doc, last + 1, end);
            found.push(Candidate { number, item });
            i = last + 1;
            continue;
        }
        i += 1;
    }
    found
}

/// A number alone on its line ("1.", "Item 4") with the title on the next
/// non-blank line, as some converters split a two-column agenda.
fn number_above_title(
    doc: &Document,
    at: usize,
    end: usize,
) -> Option<(ItemNumber, String, usize)> {
    static ALONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:item\s+)?([a-z]?\d{1,3}(?:\.\d{1,2})?[a-z]?)[.):]?$")
            .expect("valid regex")
    });
    let c = ALONE.captures(doc.text(at))?;
    let printed = canonical_number(c.get(1)?.as_str());
    let number = ItemNumber::parse(&printed)?;
    let title_at = doc.next_non_blank(at + 1, end).filter(|&j| j <= at + 2)?;
    let title = doc.text(title_at);
    let starts_with_letter = title.chars().next().is_some_and(char::is_alphabetic);
    let plain =
        numbered(title).is_none() && business_heading(title).is_none() && !is_description(title);
    (starts_with_letter && plain && ALONE.captures(title).is_none())
        .then_some((number, printed, title_at))
}

/// The number and the rest of a numbered line: "- A4 Minutes …", "4.
/// Minutes …", "Item 5: …", "4 ⇥ Minutes ⇥ 1 - 10".
fn numbered(text: &str) -> Option<(ItemNumber, String, &str)> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[-•*–]\s+)?(?:item\s+)?([a-z]?\d{1,3}(?:\.\d{1,2})?[a-z]?)(?:[.):]|\s+-)?(?:\t|\s+)(.+)$")
            .expect("valid regex")
    });
    static NOT_A_TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[ap]\.?m\b|noon|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|%|per\s?cent)")
            .expect("valid regex")
    });
    let c = LINE.captures(text)?;
    let printed = c.get(1)?.as_str();
    let rest = c.get(2)?.as_str();
    let canonical = canonical_number(printed);
    let number = ItemNumber::parse(&canonical)?;
    let title_start = rest.trim_start();
    let starts_well = title_start
        .chars()
        .next()
        .is_some_and(|ch| ch.is_alphanumeric() || ch == '\'' || ch == '"');
    // A title has a word in it: "1. 1. 1. 1." (a numbered list gone
    // wrong, or a run of section numbers) is not an item.
    let worded = title_start.chars().any(char::is_alphabetic);
    (starts_well && worded && !NOT_A_TITLE.is_match(title_start))
        .then_some((number, canonical, rest))
}

/// "a4" → "A4"; sub-item letters stay lower case ("5a").
fn canonical_number(printed: &str) -> String {
    let mut chars = printed.chars();
    match chars.next() {
        Some(first) if first.is_alphabetic() => first.to_uppercase().chain(chars).collect(),
        _ => printed.to_owned(),
    }
}

/// Builds the item from its line and, where the title wraps, the lines
/// that continue it; returns it with the index of its last line.
fn item_from(
    doc: &Document,
    at: usize,
    end: usize,
    number: String,
    rest: &str,
) -> (AgendaItem, usize) {
    let in_table = doc.text(at).contains('\t');
    let (mut title, mut pages) = if in_table {
        table_cells(rest)
    } else {
        let (title, pages) = take_pages(rest);
        (title, pages)
    };
    let mut last = at;
    while pages.is_none() && last + 1 < end {
        let next = doc.text(last + 1);
        if !continues_title(&title, next) {
            break;
        }
        let (more, more_pages) = take_pages(next);
        title = format!("{} {}", title.trim_end(), more.trim());
        pages = more_pages;
        last += 1;
    }
    let title = tidy_title(&title);
    let item = AgendaItem {
        number: Some(number),
        decision: decision_in(&title),
        title,
        pages,
        exempt: false,
        lines: doc.source_of(at..last + 1),
    };
    (item, last)
}

/// A tab row after its number: the title cell, cut where a description or
/// lost markup (a run of spaces) begins, and a page-range cell.
fn table_cells(rest: &str) -> (String, Option<(u32, u32)>) {
    let cells: Vec<&str> = rest
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let pages = cells.iter().skip(1).rev().find_map(|c| page_cell(c));
    let title_cell = cells.first().copied().unwrap_or("");
    let (title, inline_pages) = take_pages(title_cell.split("  ").next().unwrap_or(""));
    (title, pages.or(inline_pages))
}

/// "1 - 10", "5-10", "12", "Pages 5 - 10", "p. 7".
fn page_cell(cell: &str) -> Option<(u32, u32)> {
    static CELL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\(?(?:pages?|pp?\.?)?\s*(\d{1,4})\s*(?:(?:[-–—]|to)?\s*(\d{1,4}))?\)?$")
            .expect("valid regex")
    });
    let c = CELL.captures(cell.trim())?;
    page_pair(c.get(1)?.as_str(), c.get(2).map(|m| m.as_str()))
}

fn page_pair(first: &str, last: Option<&str>) -> Option<(u32, u32)> {
    let first: u32 = first.parse().ok()?;
    let last: u32 = last.map_or(Some(first), |l| l.parse().ok())?;
    (last >= first).then_some((first, last))
}

/// Removes the page reference from a title and returns it: "(Pages 1 -
/// 8)", "(Pages 19 26)", "(Page 5)", a trailing "Pages 5 - 10", or a
/// bare range "5 - 10" at the end of the title or before the capitalised
/// rest of a title wrapped past it (a page column run into the title).
fn take_pages(text: &str) -> (String, Option<(u32, u32)>) {
    static PAGES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\(\s*pages?\s*(\d{1,4})\s*(?:(?:[-–—]|to)?\s*(\d{1,4}))?\s*\)|\bpages?\s+(\d{1,4})\s*(?:(?:[-–—]|to)\s*(\d{1,4}))?\s*$|\s(\d{1,3})\s*[-–]\s*(\d{1,3})(?:\s*$|\s+(?-i:\p{Lu}))")
            .expect("valid regex")
    });
    let Some(c) = PAGES.captures(text) else {
        return (text.to_owned(), None);
    };
    let (first, last) = match (c.get(1), c.get(3), c.get(5)) {
        (Some(f), _, _) => (f.as_str(), c.get(2).map(|m| m.as_str())),
        (None, Some(f), _) => (f.as_str(), c.get(4).map(|m| m.as_str())),
        (None, None, Some(f)) => (f.as_str(), c.get(6).map(|m| m.as_str())),
        (None, None, None) => return (text.to_owned(), None),
    };
    let Some(whole) = c.get(0) else {
        return (text.to_owned(), None);
    };
    // A bare range ends at its last number: a title wrapped past the page
    // column ("Future 15 - 26 Planning Exercise") goes on after it.
    let end = c.get(6).map_or(whole.end(), |m| m.end());
    let title = format!(
        "{} {}",
        text.get(..whole.start()).unwrap_or(""),
        text.get(end..).unwrap_or("")
    );
    (title, page_pair(first, last))
}

/// A line directly under an item carries on its title when the title was
/// visibly cut ("… Board -", "… and") or the line ends with the page
/// reference the item lacked.
fn continues_title(title: &str, next: &str) -> bool {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:[-–,:&/]|\b(?:and|of|the|for|to|on|in|with|from|by|a|an))$")
            .expect("valid regex")
    });
    static ENDS_WITH_PAGES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\(\s*pages?\s*\d[^)]*\)\s*$").expect("valid regex"));
    let next = next.trim();
    if next.is_empty()
        || numbered(next).is_some()
        || business_heading(next).is_some()
        || is_description(next)
    {
        return false;
    }
    CUT.is_match(title.trim_end()) || ENDS_WITH_PAGES.is_match(next)
}

/// "To receive …", "To note the minutes": the description under an item.
fn is_description(text: &str) -> bool {
    DESCRIPTION.is_match(text)
}

/// Where a description ("To receive …") starts in `text`, if it has one.
pub(crate) fn description_start(text: &str) -> Option<usize> {
    DESCRIPTION.find(text).map(|m| m.start())
}

static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)To\s+(?:confirm|receive|note|consider|approve|agree|review|discuss|elect|appoint|determine|hear|comment|scrutinise|scrutinize|endorse|decide|update|sign|answer)\b",
    )
    .expect("valid regex")
});

/// The title with whitespace collapsed, a list marker and a following
/// description ("Confirmation of Minutes To confirm the minutes of …")
/// removed, and no dangling punctuation. An item printed as a description
/// only ("To receive members' declarations") keeps it as its title.
fn tidy_title(title: &str) -> String {
    let title = DESCRIPTION
        .find(title)
        .map(|m| title.get(..m.start()).unwrap_or(title))
        .filter(|before| before.chars().any(char::is_alphanumeric))
        .unwrap_or(title);
    let collapsed = crate::names::collapse(title);
    collapsed
        .trim_end_matches([',', ';', ':', '-', '–'])
        .trim()
        .to_owned()
}

/// A decision number ("15/00068") carried in the title; a planning
/// reference ("24/01234/FUL") is not one.
fn decision_in(title: &str) -> Option<String> {
    static DECISION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b\d{2}/\d{5}\b").expect("valid regex"));
    DECISION
        .find_iter(title)
        .find(|m| {
            !title
                .get(m.end()..)
                .is_some_and(|rest| rest.starts_with('/'))
        })
        .map(|m| m.as_str().to_owned())
}

/// `Some(true)` for a heading opening exempt or private business,
/// `Some(false)` for one opening public business, else `None`.
pub(crate) fn business_heading(text: &str) -> Option<bool> {
    static PRIVATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:exempt\s+(?:items?|business|information)|part\s+(?:2|ii|b)\b|private\s+(?:business|items?|session|agenda)|(?:items?|business)\s+(?:likely\s+to\s+be\s+|to\s+be\s+)?(?:considered|taken|heard)\s+in\s+private|not\s+for\s+publication|confidential\s+(?:items?|business)|restricted\s+items?)",
        )
        .expect("valid regex")
    });
    static PUBLIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:unrestricted\s+items?|part\s+(?:1|i|a)\b|open\s+(?:business|items?)|public\s+(?:business|items?)|(?:items?|business)\s+(?:likely\s+to\s+be\s+|to\s+be\s+)?(?:considered|taken)\s+in\s+public)")
            .expect("valid regex")
    });
    if text.split_whitespace().count() > 14 {
        return None;
    }
    if PRIVATE.is_match(text) {
        Some(true)
    } else if PUBLIC.is_match(text) {
        Some(false)
    } else {
        None
    }
}

/// True when the description under an item opens by marking it exempt
/// ("Exempt information under paragraph 3 of Schedule 12A", "Not for
/// publication by virtue of paragraph 3").
fn marked_exempt(doc: &Document, from: usize, end: usize) -> bool {
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\(?(?:exempt\b|not\s+for\s+publication\b|confidential\b.*paragraph|private\s+(?:and\s+)?confidential)")
            .expect("valid regex")
    });
    doc.next_non_blank(from, end)
        .filter(|&j| j < from + 3)
        .map(|j| doc.text(j))
        .is_some_and(|text| {
            numbered(text).is_none() && business_heading(text).is_none() && MARK.is_match(text)
        })
}

/// The indices of the longest run of candidates whose numbers follow one
/// another; earlier runs win ties. Runs are grown greedily, each candidate
/// joining the most recent run it can follow.
fn longest_run(candidates: &[Candidate]) -> Vec<usize> {
    const OPEN_RUNS: usize = 32;
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (n, candidate) in candidates.iter().enumerate() {
        let fits = runs.iter_mut().rev().take(OPEN_RUNS).find(|run| {
            run.last()
                .and_then(|&last| candidates.get(last))
                .is_some_and(|prev| prev.number.is_followed_by(candidate.number))
        });
        match fits {
            Some(run) => run.push(n),
            None => runs.push(vec![n]),
        }
    }
    let best = runs.iter().map(Vec::len).max().unwrap_or(0);
    runs.into_iter()
        .find(|r| r.len() == best)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> ItemNumber {
        ItemNumber::parse(text).unwrap()
    }

    #[test]
    fn numbers_follow_within_and_across_sections() {
        assert!(number("A6").is_followed_by(number("B1")));
        assert!(number("D3").is_followed_by(number("F1")));
        assert!(number("4").is_followed_by(number("5")));
        assert!(number("4").is_followed_by(number("4.1")));
        assert!(number("4.1").is_followed_by(number("4.2")));
        assert!(number("4.2").is_followed_by(number("5")));
        assert!(number("5").is_followed_by(number("5a")));
        assert!(!number("5").is_followed_by(number("3")));
        assert!(!number("A2").is_followed_by(number("3")));
    }

    #[test]
    fn page_references_in_house_styles() {
        assert_eq!(take_pages("Minutes (Pages 1 - 8)").1, Some((1, 8)));
        assert_eq!(take_pages("Minutes (Pages 19 26)").1, Some((19, 26)));
        assert_eq!(take_pages("Minutes (Page 5)").1, Some((5, 5)));
        assert_eq!(take_pages("Minutes Pages 5 - 10").1, Some((5, 10)));
        assert_eq!(page_cell("101 - 104"), Some((101, 104)));
        assert_eq!(take_pages("Minutes of 13 May 2014").1, None);
    }

    #[test]
    fn times_and_dates_are_not_items() {
        assert!(numbered("10.00 am").is_none());
        assert!(numbered("22 July 2014").is_none());
        assert!(numbered("1. 1. 1. 1. 1.").is_none());
        assert!(numbered("- A4 Minutes").is_some());
        assert!(numbered("Item 5: Budget").is_some());
    }

    #[test]
    fn descriptions_are_cut_from_titles() {
        assert_eq!(
            tidy_title("Confirmation of Minutes To confirm the minutes of 13 May 2014."),
            "Confirmation of Minutes"
        );
    }
}
