//! Decision numbers (`YY/NNNNN`) anywhere in the pack.
//!
//! Councils that keep a forward plan give each executive decision a number
//! of a two-digit year, a slash and five digits ("15/00068"). Packs mention
//! them in agenda titles, report headers, recommendations and records of
//! decision. Look-alikes are rejected by the shape of their surroundings: a
//! date ("22/07/2014") has a third part, a financial year ("2012/13") has
//! too few digits after the slash, and path or URL segments ("11813/35997")
//! are glued to more digits or slashes.

use crate::document::Document;
use moot_domain::DecisionRef;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Every distinct decision number, in order of first appearance.
pub fn collect(doc: &Document) -> Vec<DecisionRef> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (index, line) in doc.lines.iter().enumerate() {
        for number in numbers_in(&line.text) {
            if seen.insert(number.to_owned()) {
                found.push(DecisionRef {
                    number: number.to_owned(),
                    lines: doc.source_of(index..index + 1),
                });
            }
        }
    }
    found
}

/// The decision numbers written in `text`, in order.
pub fn numbers_in(text: &str) -> impl Iterator<Item = &str> {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{2}/\d{5}").expect("valid regex"));
    let candidates = if text.contains('/') {
        NUMBER.find_iter(text).collect()
    } else {
        Vec::new()
    };
    candidates
        .into_iter()
        .filter(move |m| stands_alone(text, m.start(), m.end()))
        .map(|m| m.as_str())
}

/// True when the match at `start..end` is not part of a longer number,
/// path, date or code: no digit, slash, letter or joining mark glued on
/// either side.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '\\');
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let tail_glued = match after {
        // A full stop ending a sentence is fine; one starting a file
        // extension or decimal is not.
        Some('.') => text
            .get(end + 1..)
            .and_then(|s| s.chars().next())
            .is_some_and(|c| c.is_alphanumeric()),
        Some(c) => glued(c),
        None => false,
    };
    !before.is_some_and(glued) && !tail_glued
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<&str> {
        numbers_in(text).collect()
    }

    #[test]
    fn decision_numbers_are_found_in_prose_and_titles() {
        assert_eq!(numbers("B2 12/01981 - Annual Report"), ["12/01981"]);
        assert_eq!(numbers("(Decision number 15/00068)."), ["15/00068"]);
        assert_eq!(numbers("12/01981- Annual Report"), ["12/01981"]);
    }

    #[test]
    fn dates_years_and_paths_are_not_decision_numbers() {
        assert!(numbers("held on 22/07/2014 at noon").is_empty());
        assert!(numbers("budget for 2012/13 and 2013/14").is_empty());
        assert!(numbers("nicemedia/live/11813/35997/35997.pdf").is_empty());
        assert!(numbers("ref 123/45678 and 12/123456").is_empty());
    }
}
