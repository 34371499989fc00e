//! An indicator's data notes: labelled statements of its rule and data.
//!
//! "Data Notes" opens them, on its own line or followed by the notes on
//! the same line; each note is `Label: text`, several to a line where a
//! converter has run them together. The labels read are Target (with its
//! RAG bands in brackets, "RAG Status set as: …"), Tolerance or Polarity
//! (which way is better), RAG, Bands or Thresholds (the bands alone),
//! Data (what the figures are: year to date, rolling twelve months,
//! snapshot) and Data Source. Other labels (Units
//! of Measure) end the note before them and are otherwise left alone.

use super::cell;
use crate::document::Document;
use moot_domain::{DataNotes, Polarity};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Notes run at most this many lines after their opening.
const NOTES_REACH: usize = 12;

/// Whether a line opens the data notes.
pub(super) fn opens(text: &str) -> bool {
    static OPENS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\W*data notes\b").expect("valid regex"));
    OPENS.is_match(text.trim())
}

/// Reads the data notes in `range`, if a line there opens them.
pub(super) fn read(doc: &Document, range: Range<usize>) -> DataNotes {
    let Some(open) = range.clone().find(|&i| doc.text(i).split('\t').any(opens)) else {
        return DataNotes::default();
    };
    let mut text = String::new();
    let mut last = open;
    for i in open..range.end.min(open + NOTES_REACH) {
        let line = doc.text(i).trim();
        if line.is_empty() {
            continue;
        }
        if i > open && !labelled(line) {
            break;
        }
        text.push(' ');
        text.push_str(line);
        last = i;
    }
    let mut notes = from_text(&text);
    notes.lines = Some(doc.source_of(open..last + 1));
    notes
}

/// Whether a line is a `Label: text` note.
fn labelled(line: &str) -> bool {
    static LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Z][A-Za-z ]{1,30}:\s*\S").expect("valid regex"));
    LABEL.is_match(line)
}

/// The notes a run of text states.
pub(super) fn from_text(text: &str) -> DataNotes {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(target|tolerance|polarity|data source|data|units of measure|rag|bands|thresholds)\s*:")
            .expect("valid regex")
    });
    let found: Vec<(String, usize, usize)> = NOTE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            Some((c[1].to_lowercase(), whole.start(), whole.end()))
        })
        .collect();
    let mut notes = DataNotes::default();
    for (n, (label, _, body_start)) in found.iter().enumerate() {
        let body_end = found.get(n + 1).map_or(text.len(), |next| next.1);
        let body = text.get(*body_start..body_end).unwrap_or("").trim();
        match label.as_str() {
            "target" => {
                notes.target = body
                    .split_whitespace()
                    .next()
                    .and_then(cell::number)
                    .map(str::to_owned);
                notes.bands = bands(body);
            }
            "rag" | "bands" | "thresholds" => {
                notes.bands = Some(body.trim_end_matches('.').to_owned()).filter(|b| !b.is_empty());
            }
            "tolerance" | "polarity" => notes.polarity = polarity(body),
            "data" => notes.period_kind = period_kind(body),
            "data source" => notes.data_source = first_phrase(body),
            _ => {}
        }
    }
    notes
}

/// The text up to a gap of several spaces (where a converter ran the
/// next paragraph on), without a closing full stop.
fn first_phrase(text: &str) -> Option<String> {
    let phrase = text
        .split("  ")
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    (!phrase.is_empty()).then(|| phrase.to_owned())
}

/// The bands stated after "set as:" (or "as follows:"), without the
/// closing bracket and full stop.
fn bands(text: &str) -> Option<String> {
    static SET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:set as|as follows)\s*:\s*(.+)$").expect("valid regex")
    });
    let c = SET.captures(text)?;
    let bands = c[1].trim().trim_end_matches(['.', ')', ' ']).trim();
    (!bands.is_empty()).then(|| bands.to_owned())
}

/// Which way is better, from a tolerance wording: "Higher values are
/// better", "Lower is better", "Values as close to either side of the
/// target are better", or a letter.
fn polarity(text: &str) -> Option<Polarity> {
    let lower = text.to_lowercase();
    if lower.contains("close to") || lower.contains("either side") {
        return Some(Polarity::Target);
    }
    let first = lower.split_whitespace().next().unwrap_or("");
    match first.trim_end_matches('.') {
        "higher" | "high" | "h" => Some(Polarity::High),
        "lower" | "low" | "l" => Some(Polarity::Low),
        _ => cell::polarity(lower.trim_end_matches('.')),
    }
}

/// What the figures are: `YTD`, `R12M`, `SS` or `month`.
fn period_kind(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let kind = if lower.contains("year-to-date") || lower.contains("year to date") {
        "YTD"
    } else if lower.contains("rolling 12") || lower.contains("rolling twelve") {
        "R12M"
    } else if lower.contains("snapshot") {
        "SS"
    } else if lower.contains("each month") || lower.contains("monthly") {
        "month"
    } else {
        return None;
    };
    Some(kind.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_bands_tolerance_data_and_source_are_read_from_one_run() {
        let notes = from_text(concat!(
            "Data Notes Target: 85% (RAG Status set as: Green 85% and above, Amber from 76.5% to 85%, ",
            "Red below 76.5%. Tolerance: Higher values are better Data: Figures shown are Year-to-Date. ",
            "Data Source: Liberi"
        ));
        assert_eq!(notes.target.as_deref(), Some("85%"));
        assert_eq!(
            notes.bands.as_deref(),
            Some("Green 85% and above, Amber from 76.5% to 85%, Red below 76.5%")
        );
        assert_eq!(notes.polarity, Some(Polarity::High));
        assert_eq!(notes.period_kind.as_deref(), Some("YTD"));
        assert_eq!(notes.data_source.as_deref(), Some("Liberi"));
    }

    #[test]
    fn tolerance_wordings_give_each_polarity() {
        assert_eq!(polarity("Lower values are better"), Some(Polarity::Low));
        assert_eq!(
            polarity("Values as close to either side of the target are better"),
            Some(Polarity::Target)
        );
        assert_eq!(polarity("Higher is better"), Some(Polarity::High));
        assert_eq!(polarity("See commentary"), None);
    }
}
