//! Where a set of minutes opens, and what its opening says: the body and
//! the date of the minuted meeting.
//!
//! Councils open minutes in two families of layout:
//! - a sentence: "MINUTES of a meeting of the Health and Wellbeing Board
//!   held in ... on Wednesday, 17 July 2013.", "MINUTES OF THE PLANNING
//!   COMMITTEE MEETING HELD ON ...", and for partnership boards "Record of
//!   the meeting of ..." or "Notes of the meeting of ...", often under
//!   heading lines naming the council and the body;
//! - a heading block: the body's name, a date line ("Tuesday, 13 May 2014,
//!   2.00pm, Council Chamber ...", "Meeting held on 5 March 2025") and
//!   perhaps a bare "Minutes" heading.
//!
//! Either way a confirmation closely follows: the attendance ("PRESENT:",
//! "Attendees:"), or for a sentence or a "Meeting held on" line the
//! apologies, or for a sentence an unlabelled list of titled names. It is
//! required: agenda items such as "4 Minutes of the Meeting held on 17 July
//! 2013 (Pages 1 - 8)" or a minute titled "Confirmation of Minutes" are not
//! followed by attendance, and are numbered besides (also when the number
//! stands on the line above).

use crate::dates::find_date;
use crate::document::Document;
use moot_domain::Date;
use regex::Regex;
use std::sync::LazyLock;

/// Non-blank lines searched below a minutes heading for what confirms it.
const LABEL_LOOKAHEAD: usize = 6;
/// Non-blank lines searched above a minutes heading for an attendance
/// label (some layouts print "Minutes" between "Present:" and the names).
const LABEL_LOOKBACK: usize = 2;
/// Most words in a date line that heads minutes.
const MAX_DATE_LINE_WORDS: usize = 16;
/// Most characters in a date line.
const MAX_DATE_LINE_CHARS: usize = 160;
/// Heading lines above the opening that still belong to it.
const MAX_HEADING_LINES: usize = 4;

/// "Draft", "Unconfirmed": words before "minutes" in an opening.
const STATUS: &str = r"(?i)^(?:(?:draft|unconfirmed|confirmed|approved|signed)\s+)?";
/// What an opening sentence calls the record: "Minutes", "Record", "Notes".
const RECORD: &str = r"(?:minutes?|record|(?:action\s+)?notes)";

static MINUTES_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{STATUS}{RECORD}\s+of\s+(?:(?:a|an|the)\s+)?(?:.{{0,120}}?\s)?(?:meeting|proceedings)\b"
    ))
    .expect("valid regex")
});
static MEETING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:the\s+)?meeting\s+(?:was\s+)?held\b|date\s+of\s+(?:the\s+)?meeting\b)")
        .expect("valid regex")
});
static BARE_MINUTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{STATUS}minutes\s*:?$")).expect("valid regex"));
static ATTENDANCE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[\w-]+\s+){0,2}(?:present|in attendance|attendance|attendees|sederunt|yn\s+bresennol)\b\s*(?::|-|–|$)",
    )
    .expect("valid regex")
});
static PAGE_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\(\s*pages?\s+\d").expect("valid regex"));
/// "... of a meeting of the X": the body follows.
const MEETING_OF: &str =
    r"of\s+(?:(?:a|an|the)\s+)?(?:(?:\w+\s+)?(?:meeting|proceedings)\s+of\s+(?:(?:a|an|the)\s+)?)+";
static BODY_OF_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{STATUS}(?:{RECORD}\s+)?{MEETING_OF}(.+?)\s*,?\s+held\b"
    ))
    .expect("valid regex")
});
/// "Notes of the meeting of the X, 22 October 2024": no "held".
static BODY_OF_UNHELD_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{STATUS}{RECORD}\s+{MEETING_OF}(.+?)(?:\s*,|\s+on\s+(?:\w+day\b|\d)|\s+at\s+\d|\s*$)"
    ))
    .expect("valid regex")
});
static BODY_BEFORE_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{STATUS}{RECORD}\s+of\s+the\s+(.+?)\s+meeting\b")).expect("valid regex")
});
static APOLOGIES_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^apolog(?:y|ies)\b").expect("valid regex"));
static NUMBER_ALONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z]{0,4}[.\s]?\d{1,4}[.)]?$").expect("valid regex"));

/// How a line may open a set of minutes, and so what must confirm it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    /// A bare "Minutes" heading: confirmed by an attendance label.
    Bare,
    /// "Meeting held on 5 March 2025": confirmed by an attendance label or
    /// an apologies line.
    MeetingLine,
    /// "Minutes of a meeting of ...", "Record of the meeting ...", "Notes
    /// of the meeting ...": also confirmed by a list of names.
    Sentence,
    /// A date line under the body's name ("Tuesday 4 March 2025, 2.00 pm,
    /// Council Chamber"): confirmed by an attendance label.
    DateLine,
}

/// How `text` may open minutes, if it may. Numbered or bulleted lines
/// (agenda items, minute headings) never do, nor lines citing pages.
fn heading_kind(text: &str) -> Option<Heading> {
    let worded = may_start_opening_words(text);
    if worded && BARE_MINUTES.is_match(text) {
        return Some(Heading::Bare);
    }
    let kind = if worded && MINUTES_SENTENCE.is_match(text) || is_at_a_meeting(text) {
        Heading::Sentence
    } else if worded && MEETING_LINE.is_match(text) && find_date(text).is_some() {
        Heading::MeetingLine
    } else if is_heading_date_line(text) {
        Heading::DateLine
    } else {
        return None;
    };
    (!PAGE_REFERENCE.is_match(text)).then_some(kind)
}

/// "At a meeting of the County Council held at County Hall on …", perhaps
/// after the council's name in capitals: the minute-book opening.
fn is_at_a_meeting(text: &str) -> bool {
    static AT_A_MEETING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[\p{Lu}\s&'-]{0,80}\s)?at\s+(?:a|an|the)\s+(?:\w+\s+)?meeting\s+of\b.*\bheld\b")
            .expect("valid regex")
    });
    let bytes = text.as_bytes();
    bytes.len() > 20
        && (text.contains("eeting of") || text.contains("EETING OF"))
        && AT_A_MEETING.is_match(text)
}

/// False when `text` cannot start as [`BARE_MINUTES`], [`MINUTES_SENTENCE`]
/// or [`MEETING_LINE`] do (with a status, record or meeting word, in any
/// case; "ſ" folds to "s"): a cheap test that spares most lines the
/// patterns, which are run on every line of the pack.
fn may_start_opening_words(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        matches!(
            c.to_ascii_lowercase(),
            'd' | 'u' | 'c' | 'a' | 's' | 'm' | 'r' | 'n' | 't' | 'ſ'
        )
    })
}

/// A short line with a date that is not a sentence: a heading block's date
/// line. The cheap tests come first: this runs on every line.
fn is_heading_date_line(text: &str) -> bool {
    text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !text.ends_with(['.', ':', ';', ','])
        && text.bytes().any(|b| b.is_ascii_digit())
        && text.chars().count() <= MAX_DATE_LINE_CHARS
        && text.split_whitespace().nth(MAX_DATE_LINE_WORDS).is_none()
        && is_date_line(text)
}

/// True for a line that may open minutes.
fn is_minutes_heading(text: &str) -> bool {
    heading_kind(text).is_some()
}

/// True for the label that opens an attendance list.
pub fn is_attendance_label(text: &str) -> bool {
    ATTENDANCE_LABEL.is_match(text)
}

/// Up to `count` non-blank line indices before `from`, nearest first.
fn non_blank_before(doc: &Document, from: usize, count: usize) -> impl Iterator<Item = usize> + '_ {
    (0..from)
        .rev()
        .filter(|&i| !doc.lines[i].is_blank())
        .take(count)
}

/// Up to `count` non-blank line indices after `from`, nearest first.
fn non_blank_after(doc: &Document, from: usize, count: usize) -> impl Iterator<Item = usize> + '_ {
    (from + 1..doc.len())
        .filter(|&i| !doc.lines[i].is_blank())
        .take(count)
}

/// The line confirming that the heading at `heading` opens minutes: an
/// attendance label just below it (or just above, where "Present:" is
/// printed before a bare "Minutes"), an apologies line or a list of
/// titled names ("Councillor A Birch (Chair), Mr R Dean"), as its kind
/// allows. A heading under a number alone is an agenda item's title.
fn confirmation(doc: &Document, heading: usize, kind: Heading) -> Option<usize> {
    // (A minute book's page number may stand above "At a meeting of".)
    let numbered = non_blank_before(doc, heading, 1).any(|i| NUMBER_ALONE.is_match(doc.text(i)));
    if numbered && !is_at_a_meeting(doc.text(heading)) {
        return None;
    }
    let label_before = non_blank_before(doc, heading, LABEL_LOOKBACK)
        .find(|&i| is_attendance_label(doc.text(i)))
        .filter(|_| kind == Heading::Bare);
    let mut names = 0;
    let below = non_blank_after(doc, heading, LABEL_LOOKAHEAD).find(|&i| {
        let text = doc.text(i);
        if is_attendance_label(text) {
            return true;
        }
        if matches!(kind, Heading::Bare | Heading::DateLine) {
            return false;
        }
        if APOLOGIES_LINE.is_match(text) {
            return true;
        }
        names += super::attendance::titled_names_in_line(text);
        kind == Heading::Sentence && names >= 2
    });
    below.or(label_before)
}

fn letters(text: &str) -> (usize, usize) {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(all, upper), c| {
            (all + 1, upper + usize::from(c.is_uppercase()))
        })
}

/// An upper-case heading line ("KENT COUNTY COUNCIL"); a numbered line
/// ("4. STANDARDS COMMITTEE 7 July 2017") is an entry of a list instead.
fn is_caps_heading(text: &str) -> bool {
    let (all, upper) = letters(text);
    all >= 3
        && upper * 10 >= all * 9
        && text.chars().count() <= 100
        && !text.contains('\t')
        && !text.starts_with(|c: char| c.is_ascii_digit())
}

/// A short title-case heading line ("Health and Well-Being Board").
fn is_title_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words)
        && text.chars().next().is_some_and(char::is_uppercase)
        && !text.ends_with(['.', ':', ',', ';'])
        && !text.contains('\t')
}

/// A short line carrying a date ("Tuesday, 13 May 2014, 2.00pm, ...").
fn is_date_line(text: &str) -> bool {
    text.chars().count() <= MAX_DATE_LINE_CHARS && find_date(text).is_some()
}

/// The first line of the opening whose heading or attendance is at
/// `anchor`: heading lines and a date line printed just above belong to it.
fn opening_start(doc: &Document, anchor: usize) -> usize {
    let mut start = anchor;
    // "Meeting held on 5 March 2025" takes the body's name above it.
    let mut seen_date = matches!(
        heading_kind(doc.text(anchor)),
        Some(Heading::MeetingLine | Heading::DateLine)
    );
    for i in non_blank_before(doc, anchor, MAX_HEADING_LINES) {
        let text = doc.text(i);
        if is_caps_heading(text) {
            start = i;
        } else if start == anchor && is_date_line(text) {
            seen_date = true;
            start = i;
        } else if seen_date && is_title_heading(text) {
            seen_date = false;
            start = i;
        } else {
            break;
        }
    }
    start
}

/// Logical line indices where a set of minutes opens, in order.
pub fn set_starts(doc: &Document) -> Vec<usize> {
    let mut starts: Vec<usize> = Vec::new();
    let mut last_pushed_for = None;
    // The last bare "Minutes" heading confirmed so far.
    let mut last_bare: Option<usize> = None;
    for heading in 0..doc.len() {
        let Some(kind) = heading_kind(doc.text(heading)) else {
            continue;
        };
        let Some(confirmed_by) = confirmation(doc, heading, kind) else {
            continue;
        };
        // "Minutes" over the business, under the attendance of a set
        // already open (its heading, "Present", "In Attendance"): a section
        // of that set, not a new one.
        let within_open_set = starts.last().is_some_and(|&s| {
            s < confirmed_by
                && confirmed_by < heading
                && last_bare.is_none_or(|b| b <= s || b >= confirmed_by)
        });
        if kind == Heading::Bare {
            last_bare = Some(heading);
            if within_open_set {
                continue;
            }
        }
        // Of headings confirmed by one label ("Tuesday, 14 July 2015",
        // then "MINUTES of a meeting ..."), the nearest opens the set.
        if last_pushed_for == Some(confirmed_by) {
            starts.pop();
        }
        let start = opening_start(doc, heading.min(confirmed_by));
        if starts.last().is_none_or(|&s| start > s) {
            starts.push(start);
            last_pushed_for = Some(confirmed_by);
        }
    }
    starts
}

/// Non-blank lines at the top of a document searched for the word
/// "minutes" in its heading.
const TITLE_LINES: usize = 8;
/// Non-blank lines at the top of a document searched for an attendance
/// label.
const ATTENDANCE_LINES: usize = 60;

/// True for a document that is one set of minutes without the heading
/// [`set_starts`] looks for: its first lines call it minutes ("Dumfries
/// Council Minutes", "COFNODION / MINUTES", "Sederunt"), or give a date
/// above apologies recorded as received; and an attendance label or an
/// apologies line follows near the top.
pub fn is_minutes_document(doc: &Document) -> bool {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:minutes|cofnodion|sederunt)\b").expect("valid regex")
    });
    static RECORDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^apolog\w*(?:\s+for\s+absence)?\s+(?:were|was|had\s+been)\s+(?:received|given|submitted|tendered|noted|intimated)\b")
            .expect("valid regex")
    });
    let top = || {
        (0..doc.len())
            .filter(|&i| !doc.lines[i].is_blank())
            .map(|i| doc.text(i))
    };
    let titled = top()
        .take(TITLE_LINES)
        .any(|text| TITLE.is_match(text) && !PAGE_REFERENCE.is_match(text));
    // A heading with the meeting's date, then apologies recorded as
    // received: minutes, whatever the heading calls them.
    let dated = top().take(TITLE_LINES).any(is_heading_date_line);
    let recorded = top()
        .take(ATTENDANCE_LINES)
        .any(|text| RECORDED.is_match(text));
    (titled || dated && recorded)
        && top()
            .take(ATTENDANCE_LINES)
            .any(|text| is_attendance_label(text) || APOLOGIES_LINE.is_match(text))
}

/// What a set's opening says about the minuted meeting.
#[derive(Debug, Default)]
pub struct Opening {
    /// The body whose meeting was minuted.
    pub body: Option<String>,
    /// The date of that meeting.
    pub date: Option<Date>,
}

/// Reads the body and date from the opening lines `lines` (the part's
/// lines up to its attendance list).
pub fn read_opening(doc: &Document, lines: std::ops::Range<usize>) -> Opening {
    let mut opening = Opening::default();
    let mut last_heading: Option<&str> = None;
    let (mut sentence_date, mut line_date) = (None, None);
    for i in lines {
        let text = doc.text(i);
        if text.is_empty() {
            continue;
        }
        if is_attendance_label(text) {
            break;
        }
        if let Some(body) = body_of_sentence(text) {
            opening.body = Some(body);
        }
        if MINUTES_SENTENCE.is_match(text) {
            sentence_date = sentence_date.or(find_date(text).map(|(date, _)| date));
        } else if is_date_line(text) {
            // The date line nearest the attendance dates the set (a table of
            // contents above it lists other meetings).
            line_date = find_date(text).map(|(date, _)| date).or(line_date);
        }
        if !is_minutes_heading(text)
            && !is_date_line(text)
            && (is_caps_heading(text) || is_title_heading(text))
        {
            last_heading = Some(text);
        }
    }
    opening.date = sentence_date.or(line_date);
    if opening.body.is_none() {
        opening.body = last_heading.map(crate::names::collapse);
    }
    opening
}

/// The body named in a "Minutes of a meeting of the X held ..." sentence.
fn body_of_sentence(text: &str) -> Option<String> {
    let caps = BODY_OF_SENTENCE
        .captures(text)
        .or_else(|| BODY_BEFORE_MEETING.captures(text))
        .or_else(|| BODY_OF_UNHELD_SENTENCE.captures(text))?;
    let body = crate::names::collapse(caps.get(1)?.as_str());
    (!body.is_empty()).then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::normalise;

    #[test]
    fn sentence_opening_takes_its_heading_lines() {
        let doc = normalise(
            "Some earlier text.\n\nBOROUGH COUNCIL\n\nLICENSING COMMITTEE\n\nMINUTES of a meeting of the Licensing Committee held at the Town Hall on 3 March 2016.\n\nPRESENT: Councillor A Smith (Chair)\n",
        );
        assert_eq!(set_starts(&doc), [2]);
    }

    #[test]
    fn agenda_items_about_minutes_do_not_open_a_set() {
        let doc = normalise(
            "4 Minutes of the Meeting held on 17 July 2013 (Pages 1 - 8)\nConfirmation of Minutes\nPresent: to be confirmed\n",
        );
        assert!(set_starts(&doc).is_empty());
    }

    #[test]
    fn agenda_titles_under_numbers_do_not_open_a_set() {
        let doc = normalise(
            "3\n\nMinutes of the meeting held on 4 May 2024\n\nApologies for absence\n\nCouncillor A Smith, Councillor B Jones\n",
        );
        assert!(set_starts(&doc).is_empty());
    }

    #[test]
    fn record_notes_and_meeting_lines_open_a_set() {
        for text in [
            "Record of the meeting of the Safety Board held on 6 May 2024\nAttendees: Dan Cole\n",
            "Notes of the meeting of the Place Board, 22 October 2024\nApologies: Kay Lowe\n",
            "Harbour Board\nMeeting held on 5 March 2025\nAttendance: Cllr A Bond\n",
            "Minutes of the meeting of the Harbour Board held on 3 May 2024\nCllr A Bond (Chair), Mr C Dean\n",
        ] {
            assert_eq!(set_starts(&normalise(text)), [0], "{text}");
        }
        let doc =
            normalise("Harbour Board\nMeeting held on 5 March 2025\nAttendees: Cllr A Bond\n");
        let opening = read_opening(&doc, 0..doc.len());
        assert_eq!(opening.body.as_deref(), Some("Harbour Board"));
    }

    #[test]
    fn date_line_under_the_body_opens_a_set_with_a_present_label() {
        let doc = normalise(
            "Earlier report text ends here.\n\nAnyshire Licensing Sub-Committee\n\nTuesday 4 March 2025, 10.00 am, Room 3\n\nPresent: Councillor A Bond (Chair)\n",
        );
        assert_eq!(set_starts(&doc), [2]);
        let doc = normalise("A site visit took place on 3 May 2024.\nPresent: Councillor A Bond\n");
        assert!(set_starts(&doc).is_empty());
    }

    #[test]
    fn heading_block_opening_starts_at_the_body_line() {
        let doc = normalise(
            "Notes for members of the public are printed here at length.\n\nAudit Committee\n\nMonday, 2 June 2014, 10.00am, Room 1\n\nPresent:\n\nMinutes\n\nMr A Smith (Chairman)\n",
        );
        assert_eq!(set_starts(&doc), [2]);
        let opening = read_opening(&doc, 2..doc.len());
        assert_eq!(opening.body.as_deref(), Some("Audit Committee"));
        assert_eq!(
            opening.date.map(|d| d.to_string()).as_deref(),
            Some("2014-06-02")
        );
    }

    #[test]
    fn draft_minutes_without_held_open_a_set() {
        let doc = normalise(
            "DRAFT MINUTES OF THE CABINET MEETING, 4 JUNE 2019\n\nPresent: Councillor A Smith (Leader)\n",
        );
        assert_eq!(set_starts(&doc), [0]);
        let opening = read_opening(&doc, 0..doc.len());
        assert_eq!(opening.body.as_deref(), Some("CABINET"));
        assert_eq!(
            opening.date.map(|d| d.to_string()).as_deref(),
            Some("2019-06-04")
        );
    }

    #[test]
    fn body_comes_from_either_sentence_form() {
        assert_eq!(
            body_of_sentence(
                "MINUTES of a meeting of the Health Board held in Room 2 on 1 May 2013."
            )
            .as_deref(),
            Some("Health Board")
        );
        assert_eq!(
            body_of_sentence("MINUTES OF THE PLANNING COMMITTEE MEETING HELD ON 4 JUNE 2015")
                .as_deref(),
            Some("PLANNING COMMITTEE")
        );
        assert_eq!(
            body_of_sentence("Notes of the meeting of the Place Board, 22 October 2024").as_deref(),
            Some("Place Board")
        );
        assert_eq!(
            body_of_sentence("Record of the meeting of the Children, Young People and Education Committee held on 1 May 2024").as_deref(),
            Some("Children, Young People and Education Committee")
        );
    }
}
