//! The numbered minutes of one set: their headings, the agenda item each
//! records ("(Item N)"), and the resolutions.
//!
//! A minute heading is a number and a title-like line: "17. Chairman's
//! Welcome", "221 Apologies and Substitutes", "- 69. Membership ... (Item
//! A1)", "PL.21 APOLOGIES", "Min. No. 12 - Apologies", "HWB23/12 Better
//! Care Fund". Minutes carry their own numbered paragraphs ("1.", "(1)") and
//! quote reports' numbered sections, so a numbered line is a heading only
//! when its title reads as a heading (no sentence punctuation at its end)
//! and it either carries an "(Item N)" reference, on its line or the next,
//! or continues the sequence: minute numbers run on by one, across
//! meetings too (17, 18, ...), so each heading after the first must be the
//! next number, unless an "(Item N)" reference vouches for a gap.
//!
//! A set ends at its closing line ("The meeting closed at ..."); a report
//! or appendix may follow in the same part without a header of its own,
//! and its numbered rows are not minutes. Nor is a table's row anywhere: a
//! title running on into further cells is not a heading.

use crate::document::Document;
use crate::names::collapse;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Longest gap in minute numbers accepted when an "(Item N)" reference
/// vouches for the heading.
const MAX_NUMBER_GAP: u32 = 20;
/// Most lines the last minute of a set runs to when no closing line ("The
/// meeting ended at ...", the chairman's signature) ends the set.
const MAX_LAST_MINUTE_LINES: usize = 150;
/// Longest minute title, in characters.
const MAX_TITLE_CHARS: usize = 320;

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[-•·]\s*)?",
        // "Minute 12:", "Min. No. 12": words before the number, not printed in it.
        r"(?:(?i:min(?:ute)?\.?)\s*(?:(?i:no)\.?\s*)?)?",
        // "PL.21", "CAB 12", "HWB/24/01", "HWB23/12", "12/24", "45".
        r"(?P<label>(?P<prefix>[A-Z]{1,8}(?:/(?:\d{1,4}/)?|\.\s?)?|[A-Z]{2,8}\s)?(?P<n>\d{1,4})(?:/\d{2,4})?)",
        r"(?:[.):]?(?:\s*[-–—])?\s+(?P<title>\S.*)|(?P<closed>[.):])?\s*)$",
    ))
    .expect("valid regex")
});
static ITEM_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(\s*(?:agenda\s+)?items?\s*(?:no\.?\s*)?([A-Z]{0,2}\d{1,3}[a-z]?(?:\.\d{1,2})?)\s*\)")
        .expect("valid regex")
});
static ITEM_REF_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(\s*(?:agenda\s+)?items?\s*(?:no\.?\s*)?([A-Z]{0,2}\d{1,3}[a-z]?(?:\.\d{1,2})?)\s*\)\s*$")
        .expect("valid regex")
});
static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?:RESOLVED|AGREED|DECIDED|RECOMMENDED)\b|(?i:^(?:decisions?|resolutions?)\s*(?::|[-–]\s))",
        r"|(?i:^(?:[-•]\s*)?(?:\(?[0-9a-z]{1,3}[.)]\s*)?(?:resolved|agreed|decided)\b\s*(?:[:\-–]|that\b|to\b|unanimously\b|without a vote\b|$))",
        r"|(?:^|[.;:]\s+)It\s+was\s+(?i:(?:\w+\s+)?(?:resolved|agreed|decided)\s+(?:that|to)\b)",
        r"|(?i:\bthe\s+(?:committee|board|panel|cabinet|council|sub-committee|forum|group|members)\s+(?:\w+\s+)?(?:resolved|agreed)\s+(?:that|to)\b)",
        // Planning decisions: "that planning permission be GRANTED", "Application REFUSED".
        r"|(?i:\b(?:permission|consent|application)\s+(?:be|is\s+hereby)\s+(?:granted|refused|approved|deferred)\b)",
        r"|\b(?:permission|consent|[Aa]pplication)\s+(?:GRANTED|REFUSED|APPROVED|DEFERRED)\b",
        // Minutes confirmed without the word: "were approved as a correct record".
        r"|(?i:\b(?:were|was|be|are|is)\s+(?:\w+\s+)?(?:agreed|approved|confirmed|accepted|adopted)\s+as\s+an?\s+(?:correct|true|accurate|full)\s+record)",
    ))
    .expect("valid regex")
});
/// A planning application's reference opening a minute's title:
/// "24/00512/OUT", "DC/24/0456/HOU", "P/2024/0123".
static APPLICATION_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]{1,4}/\d{2,4}/\d{3,6}|\d{2,4}/\d{3,6}/[A-Z]{2,5})\b")
        .expect("valid regex")
});
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?meeting\s+(?:ended|closed|finished|concluded|terminated|rose)\b|^(?:chairman|chair|chairperson|signed)\s*[:.…_]*\s*(?:\d.*)?$")
        .expect("valid regex")
});
static PARAGRAPH_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-•]\s*)?(?:\(\d{1,2}\)|\d{1,2}\.)\s").expect("valid regex"));
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•·]|\(?[a-z]{1,4}\)|\(?\d{1,2}\)|\([a-z]{1,4}\))").expect("valid regex")
});

/// One minute heading and the lines of its minute.
#[derive(Debug, Clone)]
pub struct Minute {
    /// The minute number as printed, without a trailing dot.
    pub number: String,
    /// The heading without the "(Item N)" reference.
    pub title: String,
    /// The agenda item recorded, from "(Item N)".
    pub agenda_ref: Option<String>,
    /// The heading line.
    pub heading: usize,
    /// The minute's body lines, after the heading and its reference.
    pub body: Range<usize>,
}

/// A numbered line that may be a minute heading.
#[derive(Debug, Clone)]
struct Candidate {
    /// What the number is printed after ("HWB/24/" in "HWB/24/01", "PL"
    /// in "PL.21" or "PL 22"); the sequence runs within one prefix.
    prefix: String,
    number: u32,
    label: String,
    title: String,
    agenda_ref: Option<String>,
    heading: usize,
    body_start: usize,
}

impl Candidate {
    /// True when this heading's number is the one after `previous`'s.
    fn follows(&self, previous: &Candidate) -> bool {
        self.prefix == previous.prefix && self.number == previous.number + 1
    }
}

/// Reads every minute heading in `range`, in order, with its body.
pub fn minutes(doc: &Document, range: Range<usize>) -> Vec<Minute> {
    let candidates: Vec<Candidate> = range
        .clone()
        .filter_map(|i| candidate(doc, i, range.end))
        .collect();
    let closings: Vec<usize> = range
        .clone()
        .filter(|&i| CLOSING.is_match(doc.text(i)))
        .collect();
    let chain = sequence(&candidates, &closings);
    let set_end = chain.last().map_or(range.end, |last| {
        closing_after(&closings, last.heading).map_or_else(
            || range.end.min(last.body_start + MAX_LAST_MINUTE_LINES),
            |i| i + 1,
        )
    });
    let mut minutes: Vec<Minute> = Vec::with_capacity(chain.len());
    for (n, c) in chain.iter().enumerate() {
        let end = chain.get(n + 1).map_or(set_end, |next| next.heading);
        minutes.push(Minute {
            number: c.label.clone(),
            title: c.title.clone(),
            agenda_ref: c.agenda_ref.clone(),
            heading: c.heading,
            body: c.body_start.min(end)..end,
        });
    }
    minutes
}

/// The first closing line ("The meeting closed at ...", the chairman's
/// signature) after line `after`, from the sorted `closings`.
fn closing_after(closings: &[usize], after: usize) -> Option<usize> {
    closings
        .get(closings.partition_point(|&i| i <= after))
        .copied()
}

/// The numbered line at `i` as a candidate heading, if its title reads as
/// one. An "(Item N)" reference alone on the next non-blank line belongs to
/// it.
fn candidate(doc: &Document, i: usize, end: usize) -> Option<Candidate> {
    let caps = NUMBERED.captures(doc.text(i))?;
    let label = caps.name("label")?.as_str();
    let prefix = caps.name("prefix").map_or("", |m| m.as_str());
    let prefix: String = prefix.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    let number: u32 = caps.name("n")?.as_str().parse().ok()?;
    let (mut text, mut body_start) = match caps.name("title") {
        Some(title) => (title.as_str().to_owned(), i + 1),
        // "45." or "PL.45" alone, its title on the next line (a table's
        // columns); a bare "45" is more likely a page number.
        None if prefix.is_empty() && caps.name("closed").is_none() => return None,
        None => {
            let next = doc.next_non_blank(i + 1, end.min(i + 3))?;
            (doc.text(next).to_owned(), next + 1)
        }
    };
    if is_table_row(&text) {
        return None;
    }
    let title_line = body_start - 1;
    if !ITEM_REF.is_match(&text) {
        if let Some(next) = doc.next_non_blank(title_line + 1, end.min(title_line + 4)) {
            if ITEM_REF_LINE.is_match(doc.text(next)) {
                text = format!("{text} {}", doc.text(next));
                body_start = next + 1;
            }
        }
    }
    let agenda_ref = ITEM_REF
        .captures(&text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned());
    let title = clean_title(&ITEM_REF.replace_all(&text, " "));
    is_heading_title(&title, agenda_ref.is_some()).then(|| Candidate {
        prefix,
        number,
        label: label.to_owned(),
        title,
        agenda_ref,
        heading: i,
        body_start,
    })
}

/// True when a title runs on into further table cells ("Personal
/// education plans (%)<TAB>High<TAB>95%"): a scorecard or table row, not a
/// heading. Cells are split by tabs or by the wide gaps of a layout
/// conversion.
fn is_table_row(title: &str) -> bool {
    title.contains('\t') || title.contains("   ")
}

fn clean_title(text: &str) -> String {
    collapse(text)
        .trim_end_matches([' ', '-', '–', '—', ','])
        .trim()
        .to_owned()
}

/// True when `title` reads as a heading rather than a sentence. A title
/// naming a planning application ("24/00512/OUT - Land at Mill Farm,
/// Westley.") may end with a full stop.
fn is_heading_title(title: &str, has_ref: bool) -> bool {
    let Some(first) = title.chars().next() else {
        return false;
    };
    let starts_well = first.is_uppercase() || first.is_ascii_digit() || "\"'‘“".contains(first);
    let (letters, upper) = title
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0usize, 0usize), |(a, u), c| {
            (a + 1, u + usize::from(c.is_uppercase()))
        });
    let all_caps = letters > 0 && upper * 10 >= letters * 9;
    let ends_as_sentence = title.ends_with([':', ';', ',', '-'])
        || (title.ends_with('.')
            && !all_caps
            && !has_ref
            && !is_short_title_case(title)
            && !APPLICATION_REF.is_match(title));
    let opens_resolution = is_resolution(title) && !all_caps;
    starts_well
        && !ends_as_sentence
        && !opens_resolution
        && title.chars().count() <= MAX_TITLE_CHARS
}

/// A few capitalised words, small words between: "Apologies for Absence."
fn is_short_title_case(title: &str) -> bool {
    const SMALL: &[&str] = &[
        "of", "and", "for", "the", "to", "in", "on", "a", "at", "by", "with",
    ];
    let words: Vec<&str> = title.split_whitespace().collect();
    words.len() <= 6
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || SMALL.contains(w)
        })
}

/// The candidates that form the run of minute headings: the first is
/// vouched for by an "(Item N)" reference or by its successor's number; each
/// later one is the next number, or a referenced heading a short gap on.
/// The run ends at a closing line: what follows (a report, an appendix's
/// numbered rows) is not minuted.
fn sequence(candidates: &[Candidate], closings: &[usize]) -> Vec<Candidate> {
    let last_seen: HashMap<(&str, u32), usize> = candidates
        .iter()
        .enumerate()
        .map(|(k, c)| ((c.prefix.as_str(), c.number), k))
        .collect();
    let has_successor = |k: usize, c: &Candidate| {
        last_seen
            .get(&(c.prefix.as_str(), c.number + 1))
            .is_some_and(|&later| later > k)
    };
    let mut chain: Vec<Candidate> = Vec::new();
    for (k, c) in candidates.iter().enumerate() {
        let accept = match chain.last() {
            None => c.agenda_ref.is_some() || has_successor(k, c),
            Some(last) if closing_after(closings, last.heading).is_some_and(|i| i < c.heading) => {
                break
            }
            Some(last) => {
                c.follows(last)
                    || (c.agenda_ref.is_some()
                        && c.prefix == last.prefix
                        && c.number > last.number
                        && c.number <= last.number + MAX_NUMBER_GAP)
            }
        };
        if accept {
            chain.push(c.clone());
        }
    }
    chain
}

/// True when a line records a resolution.
pub fn is_resolution(text: &str) -> bool {
    // Every wording of [`RESOLUTION`] holds one of these words; this plain
    // search rules out most lines far faster than the full pattern, whose
    // word boundaries are slow on non-ASCII text.
    static DECISION_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)resol|agreed|deci|recommended|granted|refused|approved|deferred|confirmed|accepted|adopted")
            .expect("valid regex")
    });
    DECISION_WORD.is_match(text) && RESOLUTION.is_match(text)
}

/// The resolutions recorded in `body`, each with the list lines that
/// follow its opening line.
pub fn resolutions(doc: &Document, body: Range<usize>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for i in body {
        let text = doc.text(i);
        if text.is_empty() {
            continue;
        }
        let continues = || {
            (LIST_ITEM.is_match(text) && !PARAGRAPH_START.is_match(text))
                || text.starts_with(char::is_lowercase)
        };
        match current.as_mut() {
            Some(resolution) if continues() => {
                resolution.push(' ');
                resolution.push_str(&strip_marker(text));
            }
            _ => {
                out.extend(current.take());
                current = is_resolution(text).then(|| strip_marker(text));
            }
        }
    }
    out.extend(current);
    out
}

/// A line without its leading list marker or paragraph number.
fn strip_marker(text: &str) -> String {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-•·]\s*)?(?:\(\d{1,3}\)|\d{1,3}(?:\.\d{1,3})*\.?(?:\s|\b))?\s*")
            .expect("valid regex")
    });
    collapse(&MARKER.replace(text, ""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;

    fn headings(text: &str) -> Vec<(String, String, Option<String>)> {
        let doc = normalise(text);
        minutes(&doc, 0..doc.len())
            .into_iter()
            .map(|m| (m.number, m.title, m.agenda_ref))
            .collect()
    }

    #[test]
    fn numbered_paragraphs_inside_minutes_are_not_headings() {
        let found = headings(
            "45. Minutes of the Meeting held on 1 May 2014\n(Item A4)\n1. Two corrections were made:-\n2. RESOLVED that the minutes be signed.\n46. Oral Updates\n(Item B1)\n1. Mr X gave an update\n",
        );
        let numbers: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(numbers, ["45", "46"]);
        assert_eq!(found[0].2.as_deref(), Some("A4"));
    }

    #[test]
    fn undotted_numbers_in_sequence_are_headings() {
        let found = headings("221 Apologies and Substitutes\n\nNone.\n\n222 Declarations of Interests\n\n5 year plans were discussed\n223 5 year Strategy\n");
        let titles: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Apologies and Substitutes",
                "Declarations of Interests",
                "5 year Strategy"
            ]
        );
    }

    #[test]
    fn minute_number_styles_keep_their_printed_label() {
        for (line, label, title) in [
            (
                "PL.21 APOLOGIES AND SUBSTITUTIONS",
                "PL.21",
                "APOLOGIES AND SUBSTITUTIONS",
            ),
            ("CAB.12 Budget", "CAB.12", "Budget"),
            ("C. 45 Apologies", "C. 45", "Apologies"),
            ("OSC 45 Work Programme", "OSC 45", "Work Programme"),
            ("HWB23/12 Better Care Fund", "HWB23/12", "Better Care Fund"),
            ("HWB/24/01 Welcome", "HWB/24/01", "Welcome"),
            ("12/24 Apologies", "12/24", "Apologies"),
            ("Min. No. 12 - Apologies", "12", "Apologies"),
            ("Minute 12: Apologies", "12", "Apologies"),
            ("12 – Apologies", "12", "Apologies"),
            (
                "57 24/01234/FUL - Land at Mill Farm, Westley.",
                "57",
                "24/01234/FUL - Land at Mill Farm, Westley.",
            ),
        ] {
            let doc = normalise(line);
            let found = candidate(&doc, 0, doc.len()).expect(line);
            assert_eq!((found.label.as_str(), found.title.as_str()), (label, title));
        }
    }

    #[test]
    fn prefixed_number_alone_takes_the_next_line_as_title() {
        let found = headings("PL.21\nApologies\nNone.\nPL 22\nMinutes\n45\nPage footer\n");
        let labels: Vec<(&str, &str)> =
            found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
        assert_eq!(labels, [("PL.21", "Apologies"), ("PL 22", "Minutes")]);
    }

    #[test]
    fn table_rows_and_application_references_are_not_headings() {
        let doc = normalise(
            "5\tPersonal education plans (%)\tHigh\t95%\n9        Reviews on time (%)      High\n24/00512/OUT - LAND NORTH OF STATION ROAD",
        );
        assert!((0..doc.len()).all(|i| candidate(&doc, i, doc.len()).is_none()));
    }

    #[test]
    fn minutes_end_at_the_closing_line() {
        let found = headings(
            "3 Apologies\nNone.\n4 Budget\nNoted.\nThe meeting closed at 8.10 pm.\nScorecard\n5 Looked after children in care\n",
        );
        let numbers: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(numbers, ["3", "4"]);
    }

    #[test]
    fn resolution_wordings() {
        for yes in [
            "RESOLVED that the report be noted.",
            "Resolved: that",
            "2. RESOLVED:",
            "Agreed:",
            "- (b) AGREED",
            "It was agreed that the item be deferred.",
            "Noted. It was resolved to defer.",
            "The Committee unanimously resolved to approve",
            "RESOLVED that planning permission be GRANTED",
            "The minutes of the meeting held on 3 May were approved as a correct record.",
            "The minutes were agreed as an accurate record.",
            "Decision: Planning permission be granted subject to conditions.",
            "Application REFUSED for the reasons in the report.",
        ] {
            assert!(is_resolution(yes), "{yes}");
        }
        for no in [
            "and this was agreed.",
            "and it was agreed to take item 6 first.",
            "Mr X agreed that the advice had been poor.",
            "The updates were noted.",
            "Decision-making was delegated in 2019.",
            "The application was refused in 2019.",
        ] {
            assert!(!is_resolution(no), "{no}");
        }
    }

    #[test]
    fn resolution_takes_its_list() {
        let doc = normalise("RESOLVED:\n - (a) That the report be noted;\n - (b) That a further report be made.\n\nThe meeting closed.");
        assert_eq!(
            resolutions(&doc, 0..doc.len()),
            ["RESOLVED: (a) That the report be noted; (b) That a further report be made."]
        );
    }
}
