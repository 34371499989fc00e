//! Agenda contradictions: a report that prints another item number than the
//! agenda gives it, and page ranges that run backwards or overlap.
//!
//! Reports print the item they belong to beside their header block or as
//! a page header: "Agenda Item 5", "Agenda item: 13", "Item No: 5",
//! "Report No. 5". The title beside that label (the report's subject, or
//! the title block just above or below it) is matched against the agenda's
//! titles; only when it matches one item clearly, and not the item whose
//! number it prints, is the number called wrong. Acronyms are matched
//! against the initials of the other title's words ("SEN" for "Special
//! Educational Needs"), and words against their stems ("Disability",
//! "Disabilities").

use crate::document::Document;
use moot_domain::{AgendaItem, Finding, Lines, Pack};
use regex::Regex;
use std::sync::LazyLock;

/// Most of one title's words in the other: the same item.
const CLEAR_MATCH: f64 = 0.75;

/// Fewer of either title's words than this in the other: another item.
const CLEAR_MISMATCH: f64 = 0.34;

/// Each of two matching titles has at least this share of its words in
/// the other, so a paragraph that merely mentions a title is no match.
const HALF: f64 = 0.5;

/// How many lines around a report's header block its printed item number
/// may stand.
const HEADER_REACH: u32 = 6;

/// How many lines of title a label may have above or below it.
const TITLE_LINES: usize = 3;

/// Words too common in titles to tell items apart.
const STOP_WORDS: [&str; 17] = [
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with", "s",
    "update", "report", "item",
];

/// Finds reports whose printed item number is not the agenda's.
pub fn check_item_numbers(doc: &Document, pack: &Pack, out: &mut Vec<Finding>) {
    let agenda: Vec<(&AgendaItem, Title)> = pack
        .agenda
        .iter()
        .map(|item| (item, Title::new(&item.title)))
        .collect();
    let Some(agenda_end) = pack.agenda.iter().map(|a| a.lines.last).max() else {
        return;
    };
    let mut reported: Vec<(String, String)> = Vec::new();
    for i in 0..doc.len() {
        let Some(printed) = printed_item_number(doc.text(i)) else {
            continue;
        };
        let here = doc.source_of(i..i + 1);
        if here.first <= agenda_end || in_minutes(pack, here) {
            continue;
        }
        let titles = titles_beside(doc, pack, i, here);
        let Some((title_lines, listed)) = clear_other_item(&agenda, &titles, &printed) else {
            continue;
        };
        let listed_number = listed.number.clone().unwrap_or_default();
        if reported.contains(&(printed.clone(), listed_number.clone())) {
            continue;
        }
        out.push(Finding {
            kind: "item-number",
            message: format!(
                "the report prints item {printed} but the agenda lists \"{}\" as item {listed_number}",
                listed.title
            ),
            lines: vec![here.join(title_lines), listed.lines],
        });
        reported.push((printed, listed_number));
    }
}

/// "Agenda Item 5", "Agenda item: 13", "Item No: 5", "Item 5", "Report No. 5"
/// alone on their line: the number, without a trailing dot.
fn printed_item_number(text: &str) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^(?:agenda\s+item|item|report)(?:\s+no\.?|\s+number)?\s*[:.]?\s*",
            r"([A-Z]?\d{1,3}[a-z]?(?:\.\d{1,2})?)\.?$"
        ))
        .expect("valid regex")
    });
    // Cheap test first: the label is short and opens with a label word.
    if text.len() > 32
        || !matches!(
            text.as_bytes().first(),
            Some(b'A' | b'a' | b'I' | b'i' | b'R' | b'r')
        )
    {
        return None;
    }
    Some(LABEL.captures(text)?.get(1)?.as_str().to_owned())
}

/// True inside the minutes a pack carries (from their opening to their
/// last minute), where item numbers are those of another meeting.
fn in_minutes(pack: &Pack, here: Lines) -> bool {
    pack.minutes.iter().any(|m| {
        let last = m
            .items
            .iter()
            .map(|i| i.lines.last)
            .max()
            .unwrap_or(m.lines.last);
        m.lines.first <= here.first && here.first <= last
    })
}

/// The titles a printed number may belong to: the subject of a report
/// whose header block is close by, and the title blocks just above and
/// below the label.
fn titles_beside(doc: &Document, pack: &Pack, index: usize, here: Lines) -> Vec<(Lines, Title)> {
    let mut titles: Vec<(Lines, Title)> = pack
        .reports
        .iter()
        .filter(|r| {
            r.lines.first.saturating_sub(HEADER_REACH) <= here.first
                && here.first <= r.lines.last + HEADER_REACH
        })
        .map(|r| (r.lines, Title::new(&r.subject)))
        .collect();
    let above = title_block(doc, (0..index).rev());
    let below = title_block(doc, index + 1..doc.len());
    titles.extend([above, below].into_iter().flatten().map(|range| {
        let text: Vec<&str> = range.clone().map(|i| doc.text(i)).collect();
        (doc.source_of(range), Title::new(&text.join(" ")))
    }));
    titles
}

/// The run of title-like lines next to a label, walking away from it
/// (blank lines before the run skipped): a heading, not prose or a table.
fn title_block(
    doc: &Document,
    mut walk: impl Iterator<Item = usize>,
) -> Option<std::ops::Range<usize>> {
    let first = walk.by_ref().find(|&i| !doc.text(i).is_empty())?;
    let mut lines = vec![first];
    for i in walk.take(TITLE_LINES - 1) {
        if doc.text(i).is_empty() {
            break;
        }
        lines.push(i);
    }
    if !lines.iter().all(|&i| is_title_like(doc.text(i))) {
        return None;
    }
    let low = lines.iter().copied().min()?;
    let high = lines.iter().copied().max()?;
    Some(low..high + 1)
}

/// A short line without tabs that does not end a sentence.
fn is_title_like(text: &str) -> bool {
    !text.contains('\t')
        && text.split_whitespace().count() <= 20
        && !text.ends_with(['.', ':', ';', ','])
        && printed_item_number(text).is_none()
}

/// The agenda item that one of `titles` clearly names, when it is not the
/// item numbered `printed` and that item's title is clearly another.
fn clear_other_item<'a>(
    agenda: &[(&'a AgendaItem, Title)],
    titles: &[(Lines, Title)],
    printed: &str,
) -> Option<(Lines, &'a AgendaItem)> {
    let numbered = agenda.iter().find(|(item, _)| {
        item.number
            .as_deref()
            .is_some_and(|n| same_number(n, printed))
    });
    if let Some((_, own)) = numbered {
        if !titles.iter().all(|(_, t)| t.unrelated(own)) {
            return None;
        }
    }
    titles.iter().find_map(|(lines, title)| {
        let mut matching = agenda.iter().filter(|(_, t)| title.matches(t));
        let (item, _) = matching.next()?;
        let alone = agenda
            .iter()
            .filter(|(other, _)| !std::ptr::eq(*other, *item))
            .all(|(_, t)| title.unrelated(t));
        let other = item
            .number
            .as_deref()
            .is_some_and(|n| !same_number(n, printed));
        (alone && other).then_some((*lines, *item))
    })
}

/// "5" and "5", "b1" and "B1"; a section letter one side only ("A5" and
/// "5") is not taken as a difference.
fn same_number(listed: &str, printed: &str) -> bool {
    let strip = |n: &str| {
        n.trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .to_owned()
    };
    listed.eq_ignore_ascii_case(printed)
        || (strip(listed) == strip(printed)
            && (strip(listed) == listed || strip(printed) == printed))
}

/// A title's words, for matching.
struct Title {
    /// Lower-case words, stop words left out.
    words: Vec<String>,
    /// Words printed in capitals that may be acronyms, lower-cased.
    acronyms: Vec<String>,
}

impl Title {
    fn new(text: &str) -> Title {
        let tokens: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let acronyms = tokens
            .iter()
            .filter(|w| (2..=6).contains(&w.chars().count()) && w.chars().all(|c| c.is_uppercase()))
            .map(|w| w.to_lowercase())
            .collect();
        let words = tokens
            .iter()
            .map(|w| w.to_lowercase())
            .filter(|w| !STOP_WORDS.contains(&w.as_str()))
            .collect();
        Title { words, acronyms }
    }

    /// Whether two titles name the same thing: most of one's words are in
    /// the other, and at least half of each's.
    fn matches(&self, other: &Title) -> bool {
        let (a, b) = (self.covered_by(other), other.covered_by(self));
        a.max(b) >= CLEAR_MATCH && a.min(b) >= HALF
    }

    /// Whether two titles share almost nothing.
    fn unrelated(&self, other: &Title) -> bool {
        self.covered_by(other).max(other.covered_by(self)) < CLEAR_MISMATCH
    }

    /// The share of this title's words found in `other`: as words, within
    /// one of its acronyms, or as an acronym of a run of its words.
    fn covered_by(&self, other: &Title) -> f64 {
        if self.words.is_empty() {
            return 0.0;
        }
        let mut covered: Vec<bool> = self
            .words
            .iter()
            .map(|word| {
                other.words.iter().any(|w| same_word(w, word))
                    || (self.acronyms.contains(word) && spelt_at(word, &other.words).is_some())
            })
            .collect();
        for acronym in &other.acronyms {
            let mut from = 0;
            while let Some(start) = spelt_at(acronym, self.words.get(from..).unwrap_or_default()) {
                let at = from + start;
                let len = acronym.chars().count();
                covered
                    .iter_mut()
                    .skip(at)
                    .take(len)
                    .for_each(|c| *c = true);
                from = at + 1;
            }
        }
        covered.iter().filter(|c| **c).count() as f64 / self.words.len() as f64
    }
}

/// Where a run of `words` starts whose initials spell `acronym`.
fn spelt_at(acronym: &str, words: &[String]) -> Option<usize> {
    let len = acronym.chars().count();
    (0..words.len().saturating_sub(len.saturating_sub(1))).find(|&start| {
        words.get(start..start + len).is_some_and(|run| {
            run.iter()
                .filter_map(|w| w.chars().next())
                .eq(acronym.chars())
        })
    })
}

/// The same word, or the same stem ("disability", "disabilities").
fn same_word(a: &str, b: &str) -> bool {
    const STEM: usize = 5;
    a == b
        || (a.chars().count() > STEM
            && b.chars().count() > STEM
            && a.chars().take(STEM).eq(b.chars().take(STEM)))
}

/// Finds agenda items whose pages overlap the next item's. (A range that
/// runs backwards is not read as pages by the agenda parser.) Sub-items
/// within their item's pages, and items sharing one set of papers, are
/// not overlaps.
pub fn check_page_ranges(pack: &Pack, out: &mut Vec<Finding>) {
    let paged: Vec<(&AgendaItem, (u32, u32))> = pack
        .agenda
        .iter()
        .filter_map(|item| Some((item, item.pages?)))
        .collect();
    for pair in paged.windows(2) {
        let [(a, (a_first, a_last)), (b, (b_first, b_last))] = pair else {
            continue;
        };
        let same_papers = a_first == b_first && a_last == b_last;
        let nested = is_sub_item(a, b) || is_sub_item(b, a);
        if a_first < b_first && b_first <= a_last && !same_papers && !nested {
            out.push(Finding {
                kind: "page-range",
                message: format!(
                    "item {} ends on page {a_last} but item {} starts on page {b_first}",
                    a.number.as_deref().unwrap_or("?"),
                    b.number.as_deref().unwrap_or("?")
                ),
                lines: vec![a.lines, b.lines],
            });
        }
    }
}

/// "4" and "4a", "4" and "4.1": a sub-item's papers are within its item's.
fn is_sub_item(parent: &AgendaItem, child: &AgendaItem) -> bool {
    match (parent.number.as_deref(), child.number.as_deref()) {
        (Some(p), Some(c)) => c.len() > p.len() && c.starts_with(p),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_item_numbers_are_read_from_their_label_families() {
        for (line, number) in [
            ("Agenda Item 5", "5"),
            ("Agenda item: 13", "13"),
            ("Item No: 7", "7"),
            ("ITEM 4.", "4"),
            ("Report No. 12", "12"),
            ("Agenda Item B2", "B2"),
        ] {
            assert_eq!(printed_item_number(line).as_deref(), Some(number), "{line}");
        }
        assert_eq!(printed_item_number("Item 5 was deferred."), None);
        assert_eq!(printed_item_number("Report of the Director"), None);
    }

    #[test]
    fn titles_match_through_acronyms_and_stems_but_not_through_one_word() {
        let agenda = Title::new("Special Educational Needs Reform");
        assert!(Title::new("SEN Reform Update").matches(&agenda));
        let framework = Title::new("Learning Disabilities Framework");
        assert!(Title::new("Learning Disability Framework").matches(&framework));
        assert!(Title::new("The Better Care Fund").unrelated(&agenda));
        assert!(!Title::new("Care Home Fees").matches(&Title::new("The Better Care Fund")));
    }

    #[test]
    fn a_section_letter_on_one_side_only_is_the_same_number() {
        assert!(same_number("A5", "5"));
        assert!(same_number("b1", "B1"));
        assert!(!same_number("A5", "B5"));
        assert!(!same_number("5", "6"));
    }
}
