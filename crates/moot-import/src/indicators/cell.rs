//! What one scorecard cell holds: a code, a polarity, a period, a number,
//! a rating. Each reader returns `None` for a cell that is not of its kind,
//! so a row can be read by trying them in turn.

use moot_domain::{Polarity, Rag};
use regex::Regex;
use std::sync::LazyLock;

/// An indicator code as printed: "A1", "D13", "PH4", "1", "12b".
pub(super) fn code(cell: &str) -> Option<&str> {
    static CODE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Z]{0,3}\d{1,3}[a-z]?$").expect("valid regex"));
    let cell = cell.trim().trim_end_matches('.');
    CODE.is_match(cell).then_some(cell)
}

/// Splits a numbered name ("1. Percentage of …") into its code and name.
pub(super) fn numbered_name(cell: &str) -> Option<(&str, &str)> {
    static NUMBERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([A-Z]{0,3}\d{1,3})\.\s+(\S.*)$").expect("valid regex"));
    let c = NUMBERED.captures(cell.trim())?;
    Some((c.get(1)?.as_str(), c.get(2)?.as_str()))
}

/// A polarity: `H`, `L`, `T`, or the words scorecards spell them with
/// ("High", "Lower", "Up", "Smaller is better", "High is good").
pub(super) fn polarity(cell: &str) -> Option<Polarity> {
    let lower = cell.trim().to_lowercase();
    let phrase = ["is better", "is good", "the better"]
        .iter()
        .find_map(|tail| lower.strip_suffix(tail))
        .map(str::trim_end);
    match (phrase, lower.as_str()) {
        (Some("higher" | "high" | "bigger" | "larger" | "greater" | "more"), _)
        | (None, "h" | "high" | "higher" | "up") => Some(Polarity::High),
        (Some("lower" | "low" | "smaller" | "less" | "fewer"), _)
        | (None, "l" | "low" | "lower" | "down") => Some(Polarity::Low),
        (None, "t" | "target" | "on target" | "close to target") => Some(Polarity::Target),
        _ => None,
    }
}

/// A data period as printed: "SS", "YTD", "R12M", "12M", "Q4", "Month".
pub(super) fn period(cell: &str) -> Option<&str> {
    static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^(?:ss|ytd|fytd|r12m|r\d{1,2}m|\d{1,2}m|q[1-4](?:\s*\d{2,4}(?:[/-]\d{2,4})?)?|",
            r"month(?:ly)?|quarter(?:ly)?|annual(?:ly)?|year|cumulative|snapshot|rolling 12 months?|",
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d{2,4}|",
            r"\d{4}[/-]\d{2,4})$"
        ))
        .expect("valid regex")
    });
    let cell = cell.trim();
    PERIOD.is_match(cell).then_some(cell)
}

/// A printed number: "62.9", "81.0%", "4,014", "-2.2%", "£1.2m".
pub(super) fn number(cell: &str) -> Option<&str> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[£$]?[-+−]?\d[\d,]*(?:\.\d+)?\s?(?:%|[km])?$").expect("valid regex")
    });
    let cell = cell.trim();
    NUMBER.is_match(cell).then_some(cell)
}

/// A rating on its own: "G", "Amber", "RED", "GREEN ↑".
pub(super) fn rag(cell: &str) -> Option<Rag> {
    let letters: String = cell.chars().filter(|c| c.is_alphabetic()).collect();
    let other = cell
        .chars()
        .any(|c| c.is_ascii_digit() || c == '%' || c.is_alphabetic() && !c.is_ascii());
    if other {
        return None;
    }
    rag_word(&letters)
}

fn rag_word(word: &str) -> Option<Rag> {
    match word.to_lowercase().as_str() {
        "g" | "green" => Some(Rag::Green),
        "a" | "amber" => Some(Rag::Amber),
        "r" | "red" => Some(Rag::Red),
        _ => None,
    }
}

/// A number with its rating printed beside it: "62.9 R", "96% (g)",
/// "33.9%(r)". Returns the number and the rating.
pub(super) fn rated_number(cell: &str) -> Option<(&str, Rag)> {
    static RATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(.*?\d.*?)\s*(?:\(\s*([a-z]+)\s*\)|\s([a-z]+))$").expect("valid regex")
    });
    let c = RATED.captures(cell.trim())?;
    let value = number(c.get(1)?.as_str())?;
    let word = c.get(2).or(c.get(3))?.as_str();
    Some((value, rag_word(word)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_read_from_letters_words_and_brackets() {
        assert_eq!(rag("G"), Some(Rag::Green));
        assert_eq!(rag("Amber"), Some(Rag::Amber));
        assert_eq!(rag("GREEN ↑"), Some(Rag::Green));
        assert_eq!(rag("Average"), None);
        assert_eq!(rated_number("96% (g)"), Some(("96%", Rag::Green)));
        assert_eq!(rated_number("33.9%(r)"), Some(("33.9%", Rag::Red)));
        assert_eq!(rated_number("62.9 R"), Some(("62.9", Rag::Red)));
        assert_eq!(rated_number("62.9"), None);
    }

    #[test]
    fn polarities_are_read_from_letters_words_and_phrases() {
        assert_eq!(polarity("H"), Some(Polarity::High));
        assert_eq!(polarity("Higher is better"), Some(Polarity::High));
        assert_eq!(polarity("Smaller is better"), Some(Polarity::Low));
        assert_eq!(polarity("Low is good"), Some(Polarity::Low));
        assert_eq!(polarity("Down"), Some(Polarity::Low));
        assert_eq!(polarity("Better"), None);
        assert_eq!(polarity("is better"), None);
    }

    #[test]
    fn periods_numbers_and_codes_are_recognised_by_shape() {
        for p in [
            "SS",
            "YTD",
            "R12M",
            "12M",
            "Q4",
            "Month",
            "Cumulative",
            "Oct 12",
            "2013/14",
        ] {
            assert_eq!(period(p), Some(p));
        }
        assert_eq!(period("Percentage"), None);
        assert_eq!(number("4,014"), Some("4,014"));
        assert_eq!(number("-2.2%"), Some("-2.2%"));
        assert_eq!(number("71.49/"), None);
        assert_eq!(code("A10"), Some("A10"));
        assert_eq!(code("Kent"), None);
        assert_eq!(
            numbered_name("1. Delayed Transfers"),
            Some(("1", "Delayed Transfers"))
        );
    }
}
