//! The minutes of one set: their headings and numbers, the agenda item
//! each records ("(Item N)"), and the resolutions.
//!
//! A minute heading is a number and a title: "17. Chairman's Welcome",
//! "221 Apologies and Substitutes", "- 69. Membership ... (Item A1)",
//! "PL.21 APOLOGIES", "Min. No. 12 - Apologies", "Minute 151:", "HWB23/12
//! Better Care Fund", "C 08/042", "1.19 - Chair", "(26)", "iv.", or a
//! number alone on its line with the title on the next (or no title at
//! all). Minutes carry their own numbered paragraphs ("1.", "(1)") and
//! quote reports' numbered sections, so a numbered line is a heading only
//! when its title reads as a heading (no sentence punctuation at its end)
//! and it belongs to the numbering scheme of the document: the pattern
//! (prefix, number, suffix) that repeats and increases by one through the
//! set, minute numbers running on across meetings (17, 18, ...). The
//! longest such chain is the set's minutes; an "(Item N)" reference
//! vouches for a gap. Where the numbers were lost, the minutes are told by
//! the layout alone (see [`unnumbered`]) and have no number.
//!
//! A set ends at its closing line ("The meeting closed at ..."); a report
//! or appendix may follow in the same part without a header of its own,
//! and its numbered rows are not minutes. Nor is a table's row anywhere: a
//! title running on into further cells is not a heading.
//!
//! A resolution is recorded in many wordings ("RESOLVED", "Agreed:", "It
//! was resolved", "approved as a correct record", "was duly elected",
//! Welsh "PENDERFYNWYD"), but a decision told as history ("Council had
//! resolved to ...") is not one of this meeting's.

use crate::document::Document;
use crate::names::{collapse, looks_like_name};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Longest gap in minute numbers accepted when an "(Item N)" reference
/// vouches for the heading.
const MAX_NUMBER_GAP: u32 = 20;
/// Minute numbers a titled heading may skip (a heading lost to page
/// debris, a minute withdrawn).
const MAX_LOST_NUMBERS: u32 = 2;
/// Lines within which a number printed again below a heading is the same
/// minute's.
const REPEAT_LINES: usize = 4;
/// Most lines the last minute of a set runs to when no closing line ("The
/// meeting ended at ...", the chairman's signature) ends the set.
const MAX_LAST_MINUTE_LINES: usize = 150;
/// Most words in a heading told only by the layout.
const MAX_LAYOUT_HEADING_WORDS: usize = 14;
/// Most words in a heading printed above its number.
const MAX_TITLE_ABOVE_WORDS: usize = 10;
/// Fewest words in a heading printed without capitals.
const MIN_UNCAPITALISED_WORDS: usize = 4;
/// Characters before a resolution's wording searched for a sign that it
/// tells an earlier decision ("had").
const NARRATIVE_LOOKBACK: usize = 24;
/// Longest minute title, in characters.
const MAX_TITLE_CHARS: usize = 320;

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[-•·]\s*)?",
        // "Minute 12:", "Min. No. 12": words before the number, not printed in it.
        r"(?P<word>(?i:min(?:ute)?s?\.?)\s*(?:(?i:no)\.?\s*)?)?",
        r"(?P<label>",
        // "(26)".
        r"\((?P<paren>\d{1,4})\)",
        // "PL.21", "CAB 12", "C 08/042", "HWB/24/01", "HWB23/12", "12/24",
        // "1.19" (a year after the number), "45".
        r"|(?P<prefix>[A-Z]{1,8}\s?\d{2}/|[A-Z]{1,8}(?:/(?:\d{1,4}/)?|\.\s?)?|[A-Z]{2,8}\s)?(?P<n>\d{1,4})(?P<suffix>/\d{2,4}|\.\d{2}\b)?",
        r")",
        // The title after a space, a dash or a flattened table's " / ".
        r"(?:[.):]?(?:\s*[-–—/])?\s+(?P<title>[^\s/].*)|(?P<closed>[.):])?(?:\s*/)?\s*)$",
    ))
    .expect("valid regex")
});
/// A numbered paragraph run on after a title: " (1) the", " (a) Members".
static RUN_IN_PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s\((?:1|a|i)\)\s+\S").expect("valid regex"));
/// A number glued to a heading in capitals, the tab between them lost:
/// "C8.14LEADER OF THE COUNCIL".
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>(?P<prefix>[A-Z]{1,4})(?P<n>\d{1,4})(?P<suffix>\.\d{2}))(?P<title>\p{Lu}{4}.*)$")
        .expect("valid regex")
});
/// Roman numerals as minute numbers: "iv. Budget", "(IV) Budget".
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?(?P<label>[IVX]{1,5}|[ivx]{1,5})[.)]\s+(?P<title>\S.*)$").expect("valid regex")
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
        // Welsh minutes: PENDERFYNWYD ("it was resolved").
        r"\b(?:RESOLVED|AGREED|DECIDED|RECOMMENDED|PENDERFYNWYD)\b|(?i:^(?:decisions?|resolutions?|penderfyniad)\s*(?::|[-–]\s))",
        r"|(?i:^(?:[-•]\s*)?(?:\(?[0-9a-z]{1,3}[.)]\s*)?(?:resolved|agreed|decided|penderfynwyd)\b\s*(?:[:\-–]|that\b|to\b|unanimously\b|without a vote\b|$))",
        r"|(?:^|[.;:]\s+)It\s+was\s+(?i:(?:\w+\s+)?(?:resolved|agreed|decided)\s+(?:that|to)\b)",
        r"|(?i:\b(?:the\s+)?(?:committee|board|panel|cabinet|council|sub-committee|forum|group|authority|executive)\s+(?:\w+\s+)?(?:resolved|decided)\s+(?:that|to)\b)",
        r"|(?i:\bthe\s+(?:committee|board|panel|cabinet|council|sub-committee|forum|group|members|authority|executive)\s+(?:\w+\s+)?agreed\s+(?:that|to)\b)",
        // A resolution's clause on its own: "That the statement be approved."
        r"|^(?:\(?[0-9a-z]{1,3}[.)]\s*)?That\s+[^.]{0,160}?\bbe\s+(?:approved|adopted|endorsed|agreed|granted|refused|deferred|accepted|confirmed|noted)\b",
        // Planning decisions: "that planning permission be GRANTED", "Application REFUSED".
        r"|(?i:\b(?:permission|consent|application)\s+(?:be|is\s+hereby)\s+(?:granted|refused|approved|deferred)\b)",
        r"|\b(?:permission|consent|[Aa]pplication)\s+(?:GRANTED|REFUSED|APPROVED|DEFERRED)\b",
        // Minutes confirmed without the word: "were noted and confirmed as a correct record".
        r"|(?i:\b(?:were|was|be|are|is)\s+(?:\w+\s+){0,3}(?:agreed|approved|confirmed|accepted|adopted|signed)\s+as\s+an?\s+(?:correct|true|accurate|full)\s+record)",
        r"|(?i:\bminutes?\s+(?:was|were)\s+(?:\w+\s+)?(?:approved|agreed|confirmed|adopted)\b)",
        // Elections recorded as made: "was duly elected", "accepted the position".
        r"|(?i:\b(?:was|were)\s+(?:duly\s+|unanimously\s+)?(?:elected|re-elected|appointed|co-opted))\s+(?:(?i:as|to)\s+(?:the\s+)?)?(?:\p{Lu}|(?i:chair|vice|deputy|mayor|leader|member))",
        r"|(?i:\baccepted\s+(?:the\s+)?(?:nomination|position|post|office)\b)",
    ))
    .expect("valid regex")
});
/// A decision told as history, not made: "Council had resolved to ...",
/// "as previously agreed".
static NARRATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:had|previously|already|earlier)\s+(?:been\s+)?(?:\w+\s+)?(?:resolved|agreed|decided|approved|elected|appointed)\b")
        .expect("valid regex")
});
/// A planning application's reference: "24/00512/OUT", "DC/24/0456/HOU",
/// "P/2024/0123", "05/02243/F".
static APPLICATION_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:[A-Z]{1,4}/\d{2,4}/\d{3,6}(?:/[A-Za-z]{1,5})?|\d{2,4}/\d{3,6}/[A-Za-z]{1,5})\b",
    )
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
    /// The minute number as printed, without a trailing dot; `None` where
    /// the numbers were lost and only the layout separates the minutes.
    pub number: Option<String>,
    /// The heading without the "(Item N)" reference; empty where the
    /// minute has a number and no title.
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
    /// The numbering scheme: what the number is printed between ("HWB/24/"
    /// in "HWB/24/01", "PL" in "PL.21" or "PL 22", "/14" in "PLA146/14",
    /// "(#)" for "(26)"); a sequence runs within one scheme.
    scheme: String,
    number: u32,
    label: String,
    /// The title, empty for a number alone with no heading beside it.
    title: String,
    agenda_ref: Option<String>,
    heading: usize,
    body_start: usize,
    /// A title printed without capitals: it links a sequence, or stands
    /// as the one minute of a set with no other, but never makes a run.
    weak: bool,
}

impl Candidate {
    /// A number printed alone with no title: it links a sequence but does
    /// not vouch for it (page numbers are printed so too).
    fn is_untitled(&self) -> bool {
        self.title.is_empty()
    }
}

/// Reads every minute heading in `range`, in order, with its body.
pub fn minutes(doc: &Document, range: Range<usize>) -> Vec<Minute> {
    let mut candidates: Vec<Candidate> = Vec::new();
    for c in range.clone().flat_map(|i| candidates_at(doc, i, range.end)) {
        // "1 Apologies" then "1" on a line of its own below it: the number
        // printed again (a listing's number column) is the same minute.
        let repeated = candidates.last().is_some_and(|last| {
            c.is_untitled()
                && last.scheme == c.scheme
                && last.number == c.number
                && c.heading - last.heading <= REPEAT_LINES
        });
        if !repeated {
            candidates.push(title_above(doc, range.start, c));
        }
    }
    let closings: Vec<usize> = range
        .clone()
        .filter(|&i| CLOSING.is_match(doc.text(i)))
        .collect();
    let chain = sequence(&candidates, &closings);
    if chain.is_empty() {
        return unnumbered(doc, range, &closings);
    }
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
            number: Some(c.label.clone()),
            title: c.title.clone(),
            agenda_ref: c.agenda_ref.clone(),
            heading: c.heading,
            body: c.body_start.min(end)..end,
        });
    }
    minutes
}

/// Minutes whose numbers were lost: headings told only by the layout. A
/// heading is a short title-like line set off by a longer run of blank
/// lines than the document's paragraphs are, with text under it; it is not
/// a name, a label or a resolution. Two such headings at least make a set
/// of minutes.
fn unnumbered(doc: &Document, range: Range<usize>, closings: &[usize]) -> Vec<Minute> {
    let mut gaps: Vec<(usize, usize)> = Vec::new();
    let mut blank = 0;
    for i in range.clone() {
        if doc.lines[i].is_blank() {
            blank += 1;
        } else {
            gaps.push((i, blank));
            blank = 0;
        }
    }
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &(_, gap) in &gaps {
        *counts.entry(gap).or_default() += 1;
    }
    let Some(usual) = counts
        .iter()
        .max_by_key(|&(gap, count)| (*count, usize::MAX - gap))
        .map(|(gap, _)| *gap)
    else {
        return Vec::new();
    };
    let end = closings.first().map_or(range.end, |&i| i + 1);
    let headings: Vec<usize> = gaps
        .iter()
        .enumerate()
        .filter(|&(k, &(i, gap))| {
            gap > usual.max(1)
                && i < end
                && is_layout_heading(doc.text(i))
                // Text under it, not another heading nor the next name of
                // a list of names.
                && gaps
                    .get(k + 1)
                    .is_some_and(|&(next, next_gap)| {
                        next < end
                            && (next_gap <= usual.max(1) || !is_layout_heading(doc.text(next)))
                            && !(is_name_line(doc.text(i)) && is_name_line(doc.text(next)))
                    })
        })
        .map(|(_, &(i, _))| i)
        .collect();
    if headings.len() < 2 {
        return Vec::new();
    }
    let set_end = end.min(headings[headings.len() - 1] + MAX_LAST_MINUTE_LINES);
    headings
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let next = headings.get(n + 1).copied().unwrap_or(set_end);
            Minute {
                number: None,
                title: clean_title(doc.text(i)),
                agenda_ref: None,
                heading: i,
                body: i + 1..next.max(i + 1),
            }
        })
        .collect()
}

/// A person's name with any bracketed note: "Ann Lee (Chair)".
fn is_name_line(text: &str) -> bool {
    looks_like_name(text.split(" (").next().unwrap_or(""))
}

/// A line that may head a minute whose number was lost.
fn is_layout_heading(text: &str) -> bool {
    let title = clean_title(text);
    title.split_whitespace().count() <= MAX_LAYOUT_HEADING_WORDS
        && !title.contains(": ")
        && !text.ends_with(':')
        && !CLOSING.is_match(text)
        && is_heading_title(&title, false)
}

/// The first closing line ("The meeting closed at ...", the chairman's
/// signature) after line `after`, from the sorted `closings`.
fn closing_after(closings: &[usize], after: usize) -> Option<usize> {
    closings
        .get(closings.partition_point(|&i| i <= after))
        .copied()
}

/// A numbered line's number: its scheme, value and printed label, and the
/// title printed after it on the line, if any.
#[derive(Clone)]
struct Numbered<'a> {
    scheme: String,
    number: u32,
    label: &'a str,
    title: Option<&'a str>,
    /// Labelled as a minute ("Minute 151:"): a heading whatever its title
    /// ends with.
    worded: bool,
    /// The title has no capitals at all (a converter dropped the small
    /// capitals): acceptable only on the line of a number closed by a dot.
    closed: bool,
}

/// Every reading of a numbered line: "HWB23/12" is minute 23 of a year
/// ("/12" after the number) or minute 12 of meeting 23 ("HWB23/" before
/// it); the run through the document decides.
fn readings(text: &str) -> Vec<Numbered<'_>> {
    let Some(first) = numbered(text) else {
        return Vec::new();
    };
    let (head, tail) = first.scheme.split_once('#').unwrap_or(("", ""));
    let digits = head.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let other = (tail.is_empty() && digits.len() > 1 && digits.ends_with('/'))
        .then(|| {
            let n: u32 = digits.trim_end_matches('/').parse().ok()?;
            let letters = &head[..head.len() - digits.len()];
            Some(Numbered {
                scheme: format!("{letters}#/{}", first.number),
                number: n,
                ..first.clone()
            })
        })
        .flatten();
    std::iter::once(first).chain(other).collect()
}

fn numbered(text: &str) -> Option<Numbered<'_>> {
    if let Some(caps) = NUMBERED.captures(text) {
        let label = caps.name("label")?.as_str();
        let title = caps.name("title").map(|m| m.as_str());
        if let Some(paren) = caps.name("paren") {
            return Some(Numbered {
                scheme: "(#)".to_owned(),
                number: paren.as_str().parse().ok()?,
                label: paren.as_str(),
                title,
                worded: caps.name("word").is_some(),
                closed: true,
            });
        }
        let prefix = caps.name("prefix").map_or("", |m| m.as_str());
        let suffix = caps.name("suffix").map_or("", |m| m.as_str());
        let scheme: String = prefix
            .chars()
            .filter(|c| !matches!(c, '.' | ' '))
            .chain(std::iter::once('#'))
            .chain(suffix.chars())
            .collect();
        return Some(Numbered {
            scheme,
            number: caps.name("n")?.as_str().parse().ok()?,
            label,
            title,
            worded: caps.name("word").is_some(),
            closed: caps.name("title").is_some_and(|t| {
                text.get(..t.start())
                    .is_some_and(|head| head.trim_end().ends_with('.'))
            }),
        });
    }
    if let Some(caps) = GLUED.captures(text) {
        let prefix = caps.name("prefix").map_or("", |m| m.as_str());
        let suffix = caps.name("suffix").map_or("", |m| m.as_str());
        return Some(Numbered {
            scheme: format!("{prefix}#{suffix}"),
            number: caps.name("n")?.as_str().parse().ok()?,
            label: caps.name("label")?.as_str(),
            title: caps.name("title").map(|m| m.as_str()),
            worded: false,
            closed: false,
        });
    }
    let caps = ROMAN.captures(text)?;
    let label = caps.name("label")?.as_str();
    Some(Numbered {
        scheme: "roman".to_owned(),
        number: roman_value(label)?,
        label,
        title: caps.name("title").map(|m| m.as_str()),
        worded: false,
        closed: true,
    })
}

/// The value of a roman numeral up to 39 ("iv" is 4), if it is one.
fn roman_value(text: &str) -> Option<u32> {
    let digits: Vec<u32> = text
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            'i' => Some(1),
            'v' => Some(5),
            'x' => Some(10),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let mut total = 0;
    for (k, &d) in digits.iter().enumerate() {
        if digits.get(k + 1).is_some_and(|&next| next > d) {
            total -= d as i64;
        } else {
            total += d as i64;
        }
    }
    u32::try_from(total).ok().filter(|&v| v > 0)
}

/// The numbered line at `i` as a candidate heading, if its title reads as
/// one. A number alone takes the next non-blank line as its title when
/// that reads as a heading, and has no title otherwise. An "(Item N)"
/// reference alone on the next non-blank line belongs to it.
#[cfg(test)]
fn candidate(doc: &Document, i: usize, end: usize) -> Option<Candidate> {
    candidates_at(doc, i, end).into_iter().next()
}

/// Every reading of the numbered line at `i` as a candidate heading.
fn candidates_at(doc: &Document, i: usize, end: usize) -> Vec<Candidate> {
    readings(doc.text(i))
        .into_iter()
        .filter_map(|found| reading_candidate(doc, i, end, found))
        .collect()
}

fn reading_candidate(
    doc: &Document,
    i: usize,
    end: usize,
    found: Numbered<'_>,
) -> Option<Candidate> {
    // "14 MAY 2014": a date line, not minute 14.
    if crate::dates::find_date(doc.text(i)).is_some_and(|(_, at)| at.start == 0) {
        return None;
    }
    let (mut text, mut body_start) = match found.title {
        Some(title) => (title.to_owned(), i + 1),
        None => match doc.next_non_blank(i + 1, end.min(i + 3)) {
            Some(next) => match title_below(doc.text(next)) {
                Some(title) => (title, next + 1),
                None => (String::new(), i + 1),
            },
            None => (String::new(), i + 1),
        },
    };
    if is_table_row(&text) {
        return None;
    }
    // "1. Announcements (1) the Chairman noted ...": the minute's first
    // paragraph runs on after its title.
    if let Some(m) = RUN_IN_PARAGRAPH.find(&text) {
        text.truncate(m.start());
    }
    if text.is_empty() {
        // "45" alone is as likely a page number; it may still link a
        // sequence of titled minutes.
        return Some(Candidate {
            scheme: found.scheme,
            number: found.number,
            label: found.label.to_owned(),
            title: String::new(),
            agenda_ref: None,
            heading: i,
            body_start,
            weak: false,
        });
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
    let strong = is_heading_title(&title, agenda_ref.is_some() || found.worded);
    let weak = !strong && found.closed && is_uncapitalised_heading(&title);
    (strong || weak).then(|| Candidate {
        scheme: found.scheme,
        number: found.number,
        label: found.label.to_owned(),
        title,
        agenda_ref,
        heading: i,
        body_start,
        weak,
    })
}

/// A number alone with no title below it takes the heading printed just
/// above it ("Apologies for Absence" / "12"): a short title-like line with
/// a blank line before it.
fn title_above(doc: &Document, start: usize, mut c: Candidate) -> Candidate {
    if !c.is_untitled() {
        return c;
    }
    let above = (start..c.heading).rev().find(|&j| !doc.lines[j].is_blank());
    let Some(p) = above else {
        return c;
    };
    // A label ("Present: ...") is not a heading.
    let set_off = (p == start || doc.lines[p - 1].is_blank()) && !doc.text(p).contains(':');
    let title = title_below(doc.text(p)).filter(|t| {
        set_off && t.split_whitespace().count() <= MAX_TITLE_ABOVE_WORDS && !ITEM_REF.is_match(t)
    });
    if let Some(title) = title {
        c.title = title;
        c.heading = p;
    }
    c
}

/// A heading whose capitals were lost with its small capitals: "170.
/// planning applications 05/0238/f – 6 cavendish road": no capital letter
/// at all, a few words, no sentence punctuation.
fn is_uncapitalised_heading(title: &str) -> bool {
    let words = title.split_whitespace().count();
    (MIN_UNCAPITALISED_WORDS..=MAX_LAYOUT_HEADING_WORDS).contains(&words)
        && !title.chars().any(char::is_uppercase)
        && title.starts_with(char::is_alphabetic)
        && !title.ends_with(['.', ':', ';', ','])
        && !is_resolution(title)
}

/// The heading printed on the line below a number alone: the line itself,
/// without a closing colon ("Declaration of interest:"), or the words
/// before a colon that a note follows ("Mayoral Report: Circulated at the
/// meeting"). None when the line reads as a sentence.
fn title_below(text: &str) -> Option<String> {
    if numbered(text).is_some() {
        return None;
    }
    let head = match text.split_once(": ") {
        Some((head, _)) => head,
        None => text.trim_end_matches([':', ' ']),
    };
    let title = clean_title(head);
    let short = title.split_whitespace().count() <= MAX_LAYOUT_HEADING_WORDS;
    (short && !title.contains(". ") && is_heading_title(&title, false)).then_some(title)
}
/// True when a title runs on into further table cells ("Personal
/// education plans (%)<TAB>High<TAB>95%"): a scorecard or table row, not a
/// heading. Cells are split by tabs or by the wide gaps of a layout
/// conversion. A contents row ("Standards Committee 7 July 2017 78 – 80":
/// a meeting's date, then its pages) is not a heading either.
fn is_table_row(title: &str) -> bool {
    static CONTENTS_ROW: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:19|20)\d{2}\s+\d{1,4}\s*[–-]\s*\d{1,4}\b").expect("valid regex")
    });
    title.contains('\t') || title.contains("   ") || CONTENTS_ROW.is_match(title)
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
            && application_ref(title).is_none_or(|r| !title.starts_with(r)));
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

/// The candidates that form the run of minute headings. Minute numbers
/// run on by one within their scheme (a reference "(Item N)" vouches for
/// a short gap), so the run is the longest such chain, counted by its
/// titled headings: numbers alone link a chain but never make one, since
/// page numbers run on too. A chain never crosses a closing line: what
/// follows (a report, an appendix's numbered rows) is not minuted. A
/// heading standing alone is a minute when an "(Item N)" reference vouches
/// for it or its title is printed on its line.
fn sequence(candidates: &[Candidate], closings: &[usize]) -> Vec<Candidate> {
    let weight = |c: &Candidate| u32::from(!c.is_untitled() && !c.weak);
    // Best chain ending at each candidate: (titled headings, links, previous).
    let mut best: Vec<(u32, u32, Option<usize>)> = Vec::with_capacity(candidates.len());
    let mut ends: HashMap<(&str, u32), usize> = HashMap::new();
    for (k, c) in candidates.iter().enumerate() {
        let linkable = |j: usize| {
            let p = &candidates[j];
            closing_after(closings, p.heading).is_none_or(|i| i > c.heading)
        };
        let max_gap = if c.agenda_ref.is_some() {
            MAX_NUMBER_GAP
        } else if c.is_untitled() {
            1
        } else {
            MAX_LOST_NUMBERS + 1
        };
        let previous = (1..=max_gap.min(c.number))
            .filter_map(|gap| ends.get(&(c.scheme.as_str(), c.number - gap)).copied())
            .filter(|&j| linkable(j))
            .max_by_key(|&j| (best[j].0, best[j].1));
        let (score, links) = previous.map_or((0, 0), |j| (best[j].0, best[j].1 + 1));
        best.push((score + weight(c), links, previous));
        let slot = ends.entry((c.scheme.as_str(), c.number)).or_insert(k);
        if best[k] >= best[*slot] {
            *slot = k;
        }
    }
    let Some(last) = (0..candidates.len()).max_by_key(|&k| (best[k].0, best[k].1, usize::MAX - k))
    else {
        return Vec::new();
    };
    if best[last].0 == 0 {
        // No titled run: at most one minute whose title lost its capitals.
        return candidates
            .iter()
            .find(|c| c.weak && c.heading + 1 == c.body_start)
            .cloned()
            .into_iter()
            .collect();
    }
    let mut chain = Vec::new();
    let mut at = Some(last);
    while let Some(k) = at {
        chain.push(candidates[k].clone());
        at = best[k].2;
    }
    chain.reverse();
    while chain.last().is_some_and(Candidate::is_untitled) {
        chain.pop();
    }
    let leading = chain.iter().take_while(|c| c.is_untitled()).count();
    chain.drain(..leading);
    let vouched = match chain.as_slice() {
        [] => false,
        [lone] => lone.agenda_ref.is_some() || lone.heading + 1 == lone.body_start,
        _ => true,
    };
    if vouched {
        chain
    } else {
        Vec::new()
    }
}

/// The first planning application reference in `text`.
pub fn application_ref(text: &str) -> Option<&str> {
    APPLICATION_REF.find(text).map(|m| m.as_str())
}

/// True when a line records a resolution.
pub fn is_resolution(text: &str) -> bool {
    // Every wording of [`RESOLUTION`] holds one of these words; this plain
    // search rules out most lines far faster than the full pattern, whose
    // word boundaries are slow on non-ASCII text.
    static DECISION_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)resol|agreed|deci|recommended|granted|refused|approved|deferred|confirmed|accepted|adopted|signed|penderfyn|elected|appointed|co-opted")
            .expect("valid regex")
    });
    DECISION_WORD.is_match(text)
        && RESOLUTION.find_iter(text).any(|m| {
            // The few words before the wording and the wording itself.
            let from = text
                .get(..m.start())
                .and_then(|before| before.char_indices().rev().nth(NARRATIVE_LOOKBACK))
                .map_or(0, |(at, _)| at);
            !text
                .get(from..m.end())
                .is_some_and(|w| NARRATIVE.is_match(w))
        })
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
            .map(|m| (m.number.unwrap_or_default(), m.title, m.agenda_ref))
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
            ("1.19 - Chair", "1.19", "Chair"),
            ("3.19- Others", "3.19", "Others"),
            ("(26) Budget", "26", "Budget"),
            ("C 08/042 Apologies", "C 08/042", "Apologies"),
            ("PLA146/14 Minutes", "PLA146/14", "Minutes"),
            ("CL55 Finance", "CL55", "Finance"),
            ("iv. Budget", "iv", "Budget"),
            ("2. / APOLOGIES", "2", "APOLOGIES"),
            (
                "C8.14LEADER OF THE COUNCIL",
                "C8.14",
                "LEADER OF THE COUNCIL",
            ),
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
    fn headings_set_off_by_longer_blank_runs_have_no_number() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("test_data/minute-items/headings_told_only_by_blank_lines.txt"),
        )
        .expect("snippet");
        let found = headings(&text);
        let titles: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Declarations of Interest",
                "Minutes of the Meeting held on 3 February 2023",
                "Street Trading Consents"
            ]
        );
    }

    #[test]
    fn roman_numerals_have_their_values() {
        let values: Vec<Option<u32>> = ["i", "iv", "ix", "XIV", "xxxix", "q"]
            .iter()
            .map(|r| roman_value(r))
            .collect();
        assert_eq!(
            values,
            [Some(1), Some(4), Some(9), Some(14), Some(39), None]
        );
    }

    #[test]
    fn the_longest_run_of_one_scheme_is_the_minutes() {
        // Paragraphs numbered 1. and 2. inside minute 178 make a shorter
        // run.
        let found = headings(
            "178\n\nWelcome:\n\n1. Visitors were welcomed\n\n2. Thanks were given to staff\n\n179\n\nReports:\n\n180\n\nClerk's Report: Circulated\n",
        );
        let labels: Vec<(&str, &str)> =
            found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
        assert_eq!(
            labels,
            [
                ("178", "Welcome"),
                ("179", "Reports"),
                ("180", "Clerk's Report")
            ]
        );
    }

    #[test]
    fn a_flattened_cell_after_the_number_leaves_the_title_below() {
        let found = headings("1. /\n\nWELCOME\n\nThe Chair welcomed all.\n2. / APOLOGIES\nNone.\n4. / MINUTES\nThe minute was approved.\n");
        let labels: Vec<(&str, &str)> =
            found.iter().map(|f| (f.0.as_str(), f.1.as_str())).collect();
        assert_eq!(
            labels,
            [("1", "WELCOME"), ("2", "APOLOGIES"), ("4", "MINUTES")]
        );
    }

    #[test]
    fn a_date_line_is_not_a_minute() {
        let doc = normalise("14 MAY 2014\n3 March 2023 at 7pm\n");
        assert!((0..doc.len()).all(|i| candidate(&doc, i, doc.len()).is_none()));
    }

    #[test]
    fn a_run_in_first_paragraph_is_not_part_of_the_title() {
        let found =
            headings("1. Announcements (1) the Chair noted the news.\n2. Apologies\nNone.\n");
        let titles: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(titles, ["Announcements", "Apologies"]);
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
            "3. STANDARDS BOARD 7 July 2022 78 – 80\n5\tPersonal education plans (%)\tHigh\t95%\n9        Reviews on time (%)      High\n24/00512/OUT - LAND NORTH OF STATION ROAD",
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
            "PENDERFYNWYD derbyn y cofnodion.",
            "The minutes were noted and confirmed as a correct record.",
            "Cllr Lloyd was duly elected Vice Chair.",
            "Cllr Gale accepted the position of Vice Chair.",
            "The minute was approved, subject to one correction.",
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
            "The Chair recalled that in 2019 the Council had resolved to allow benches.",
            "The Chair had agreed to open the fete.",
            "As previously agreed, the visit went ahead.",
            "The Chair was pleased that the bid had been approved.",
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
