//! The meeting a pack was issued for, read from its cover and agenda header.
//!
//! A pack opens with a cover (body, date, time, venue) and repeats it above
//! the agenda, often with more detail (the room) and the officer the public
//! should ask. Later dates in the pack belong to earlier meetings whose
//! minutes it carries, so only the front matter is read: the first date
//! written as a meeting date is this meeting's, and the body is the heading
//! printed above it. Councils either print the facts as a stack of lines
//! (Kent, Worcestershire) or behind labels ("Date:", "Time:", "Venue:"); both
//! are read.
//!
//! The module also holds what the other front-matter parsers share: where
//! the front matter really ends ([`front_range`]) and how a typed heading
//! in capitals is shown ([`tidy_heading`]).

use crate::dates::{find_date, parse_time};
use crate::document::Document;
use crate::names;
use crate::split::{of_kind, Part, PartKind};
use moot_domain::{Date, Meeting, Time};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Reads the meeting from the front matter.
pub fn parse(doc: &Document, parts: &[Part]) -> Meeting {
    let front = front_range(doc, parts);
    let labelled = labelled_fields(doc, front.clone());
    let stated = Stated::merge(stacked(doc, front.clone()), notice(doc, front.clone()));
    let lines = stated.as_ref().map(|s| {
        let end = header_end(doc, front.clone(), s.date).max(s.last + 1);
        doc.source_of(front.start..end)
    });
    let stated = stated.unwrap_or_default();
    Meeting {
        organisation: organisation(doc, front.clone()),
        body: labelled.body.or(stated.body),
        date: labelled.date.or(stated.date),
        time: labelled.time.or(stated.time),
        venue: labelled.venue.or(stated.venue),
        contact: contact(doc, front),
        lines,
    }
}

/// What the cover or a notice states about the meeting, and the lines
/// that state it (the date line, or the notice sentence).
#[derive(Default)]
struct Stated {
    first: usize,
    last: usize,
    body: Option<String>,
    date: Option<Date>,
    time: Option<Time>,
    venue: Option<String>,
}

impl Stated {
    /// The statement printed first wins; the other fills in what it
    /// leaves out when both give the same date (a summons sentence above
    /// a stacked agenda header, or the reverse).
    fn merge(a: Option<Stated>, b: Option<Stated>) -> Option<Stated> {
        let (mut first, second) = match (a, b) {
            (Some(a), Some(b)) if b.first < a.first => (b, a),
            (Some(a), Some(b)) => (a, b),
            (a, b) => return a.or(b),
        };
        if first.date == second.date {
            first.body = first.body.or(second.body);
            first.time = first.time.or(second.time);
            first.venue = first.venue.or(second.venue);
        }
        Some(first)
    }
}

/// The cover and agenda header as a stack of lines: body, date, time,
/// venue (Kent, Worcestershire and most Modern.gov covers).
fn stacked(doc: &Document, front: Range<usize>) -> Option<Stated> {
    let when = first_meeting_date_line(doc, front.clone())?;
    let date = find_date(doc.text(when)).map(|(d, _)| d);
    Some(Stated {
        first: when,
        last: when,
        body: body_before_date(doc.text(when)).or_else(|| body_above(doc, when)),
        date,
        time: time_near(doc, when, front.end),
        venue: date.and_then(|d| best_venue(doc, front, d)),
    })
}

/// A meeting announced in a sentence, which PDF conversion may wrap over
/// several lines: "NOTICE IS HEREBY GIVEN that a meeting of the Scrutiny
/// Committee will be held in the Council Chamber on Thursday 14 March 2019
/// at 7.00 pm", "You are summoned to attend a meeting of the Cabinet, to
/// be held at County Hall on …", "A meeting of the Panel will take place
/// on … at … in …".
fn notice(doc: &Document, front: Range<usize>) -> Option<Stated> {
    static MEETING_OF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bmeeting\s+of\b").expect("valid regex"));
    front.clone().find_map(|i| {
        if !MEETING_OF.is_match(doc.text(i)) && !WILL_MEET.is_match(doc.text(i)) {
            return None;
        }
        let lines = sentence_lines(doc, i, front.end);
        let sentence = lines
            .iter()
            .map(|&j| doc.text(j))
            .collect::<Vec<_>>()
            .join(" ");
        let announced = announcement(&sentence)?;
        let stated_on = lines
            .iter()
            .rev()
            .find(|&&j| find_date(doc.text(j)).is_some())
            .copied()
            .unwrap_or(i);
        // "a meeting of the Committee": the heading above names it.
        let body = announced
            .body
            .clone()
            .filter(|b| !GENERIC_BODY.is_match(b))
            .or_else(|| body_above(doc, i));
        Some(Stated {
            first: i,
            last: stated_on,
            body,
            ..announced
        })
    })
}

/// The meeting a set of minutes records, read from the minutes' own
/// heading (`heading`: the set's lines above its attendance list), for a
/// document that is minutes alone and has no cover. The heading comes in
/// three families, read in this order, the first to give a fact winning:
/// a sentence ("Minutes of a meeting of the X held at V on D at T", "At a
/// meeting of X held …", "MINUTES OF THE PROCEEDINGS OF THE MEETING OF THE
/// X HELD AT …", "Minutes of the X Meeting held …", wrapped over lines as
/// converters leave it); labels
/// ("Date:", "Time:", "Place:", the value beside or under them); a stack of
/// body, date line and time; last, a line of the opening (perhaps below the
/// attendance) giving the place and the times the meeting began and ended.
pub(crate) fn from_minutes(doc: &Document, set: Range<usize>) -> Meeting {
    let heading = crate::minutes::heading(doc, set.clone());
    let sentence = minuted(doc, heading.clone());
    // Heading lines just above the set (a cover's title block) count too.
    let above = (0..set.start)
        .rev()
        .filter(|&i| !doc.lines[i].is_blank())
        .take(MAX_TITLES_ABOVE)
        .last()
        .unwrap_or(set.start);
    let (titled_body, titled_council) = heading_titles(doc, above..heading.end);
    let labelled = labelled_fields(doc, heading.clone());
    let stacked = stacked(doc, heading.clone());
    let facts = [sentence.as_ref(), stacked.as_ref()];
    let date = facts.iter().flatten().find_map(|s| s.date);
    let time = facts.iter().flatten().find_map(|s| s.time);
    let last = facts.iter().flatten().map(|s| s.last).max();
    let body = sentence
        .as_ref()
        .and_then(|s| s.body.clone())
        .or(labelled.body)
        .or_else(|| stacked.as_ref().and_then(|s| s.body.clone()))
        .or(titled_body)
        .or_else(|| titled_council.clone());
    let opening_end = set.end.min(set.start + PLACE_AND_TIMES_LINES);
    let held = (set.start..opening_end).find_map(|i| place_and_times(doc.text(i)));
    let named_before = sentence.as_ref().and_then(|s| {
        let text = doc.text(s.first);
        let at = text.to_lowercase().find(" at a meeting of")?;
        organisation_name(text.get(..at)?)
    });
    Meeting {
        organisation: organisation(doc, heading.clone())
            .or(named_before)
            .or_else(|| titled_council.as_deref().and_then(organisation_name)),
        body,
        date: date.or(labelled.date),
        time: time
            .or(labelled.time)
            .or_else(|| held.as_ref().map(|(_, time)| *time)),
        venue: sentence
            .as_ref()
            .and_then(|s| s.venue.clone())
            .or(labelled.venue)
            .or_else(|| stacked.as_ref().and_then(|s| s.venue.clone()))
            .or_else(|| held.map(|(venue, _)| venue)),
        contact: contact(doc, heading.clone()),
        lines: Some(doc.source_of(heading.start..last.map_or(heading.end, |l| l + 1))),
    }
}

/// Non-blank lines at the top of a set searched for its opening sentence.
const SENTENCE_LINES: usize = 8;

/// Non-blank lines above a set of minutes read as its heading's titles.
const MAX_TITLES_ABOVE: usize = 3;

/// Lines of a set of minutes searched for a line of place and times.
const PLACE_AND_TIMES_LINES: usize = 60;

/// "Chamber, - County Hall, Carmarthen. SA31 1JP. - 10.00  - 10.35 am": a
/// place, then the times the meeting began and ended, the second carrying
/// "am" or "pm" for both (unless the first is later, so in the morning).
fn place_and_times(text: &str) -> Option<(String, Time)> {
    static PLACE_AND_TIMES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?P<place>\p{Lu}.*?)[\s.,;–-]+(?P<h>\d{1,2})[.:](?P<m>\d{2})\s*(?P<first>[ap]\.?m\.?)?\s*[-–]\s*(?P<h2>\d{1,2})[.:]\d{2}\s*(?P<second>[ap])\.?m\.?$")
            .expect("valid regex")
    });
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let c = PLACE_AND_TIMES.captures(text)?;
    let (hour, minute): (u8, u8) = (c["h"].parse().ok()?, c["m"].parse().ok()?);
    let end_hour: u8 = c["h2"].parse().ok()?;
    let marker = c.name("first").map_or(&c["second"], |m| m.as_str());
    let pm =
        marker.to_lowercase().starts_with('p') && !(c.name("first").is_none() && hour > end_hour);
    let hour = match (hour, pm) {
        (12, _) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    let place = clean_venue(c["place"].trim_end_matches(['.', ' ', '-', '–']))?;
    Some((place, Time::new(hour, minute)?))
}

/// The meeting as `stated` gives it, with what it leaves out taken from
/// `other`.
pub(crate) fn or_else(stated: Meeting, other: Meeting) -> Meeting {
    Meeting {
        organisation: stated.organisation.or(other.organisation),
        body: stated.body.or(other.body),
        date: stated.date.or(other.date),
        time: stated.time.or(other.time),
        venue: stated.venue.or(other.venue),
        contact: stated.contact.or(other.contact),
        lines: stated.lines.or(other.lines),
    }
}

/// The sentence that opens minutes, wrapped over up to six lines (a bare
/// "MINUTES" line may come first): from the line naming the meeting to the
/// line that closes the sentence.
fn minuted(doc: &Document, heading: Range<usize>) -> Option<Stated> {
    static MEETING_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:(?:meeting|proceedings)\s+of\s+(?:(?:a|an|the)\s+)?)+")
            .expect("valid regex")
    });
    static X_MEETING_HELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:draft|unconfirmed|confirmed|approved)\s+)?(?:minutes|record|notes)\s+of\s+(?:(?:a|an|the)\s+)?(.+?)\s+meeting\s+held\b")
            .expect("valid regex")
    });
    static EARLIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^resolved\b|\b(?:last|previous|next|earlier)\s+meeting\b")
            .expect("valid regex")
    });
    static PLACE_LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:in|at)\s+(?:the\s+)?\p{Lu}").expect("valid regex"));
    // The sentence heads the minutes: among their first lines, and not a
    // resolution about an earlier meeting's minutes.
    let start = heading
        .clone()
        .filter(|&i| !doc.lines[i].is_blank())
        .take(SENTENCE_LINES)
        .find(|&i| {
            let text = doc.text(i);
            (MEETING_OF.is_match(text) || X_MEETING_HELD.is_match(text)) && !EARLIER.is_match(text)
        })?;
    let mut lines = vec![start];
    let mut i = start;
    while lines.len() < 6 && !doc.text(i).ends_with('.') && !held_clause_done(&joined(doc, &lines))
    {
        let Some(next) = doc.next_non_blank(i + 1, heading.end) else {
            break;
        };
        if crate::minutes::is_attendance_label(doc.text(next)) {
            break;
        }
        lines.push(next);
        i = next;
    }
    // "… on Thursday 29 June 2006 at 1.30pm" ⏎ "in the Conference Room, …".
    if let Some(next) = doc.next_non_blank(i + 1, heading.end) {
        if PLACE_LINE.is_match(doc.text(next)) && !doc.text(i).ends_with('.') {
            lines.push(next);
            i = next;
        }
    }
    let sentence = joined(doc, &lines);
    let (body, clause) = match MEETING_OF.find(&sentence) {
        Some(m) => {
            let rest = sentence.get(m.end()..)?;
            let body_end = BODY_END.find(rest).map_or(rest.len(), |m| m.start());
            (rest.get(..body_end)?, rest.get(body_end..)?)
        }
        None => {
            let c = X_MEETING_HELD.captures(&sentence)?;
            (c.get(1)?.as_str(), sentence.get(c.get(0)?.end()..)?)
        }
    };
    let body = collapse_spaces(body.trim_end_matches(','));
    let body = Some(body).filter(|b| is_heading_like(b) && !GENERIC_BODY.is_match(b));
    let facts = clause_facts(clause)?;
    Some(Stated {
        first: start,
        last: i,
        body,
        ..facts
    })
}

/// Where a body's name ends in a minutes sentence: at "held", at a
/// preposition leading to the date, time or place, or at the date.
static BODY_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*,?\s+(?:held|on|at|in|commencing|which|was|to)\b|\s*,?\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\s*,?\s*\d|\.\s")
        .expect("valid regex")
});

/// True when the sentence gathered so far has its date and, where it
/// announces a time with "at", the time too.
fn held_clause_done(sentence: &str) -> bool {
    let Some((_, at)) = find_date(sentence) else {
        return false;
    };
    let after = sentence.get(at.end..).unwrap_or("").trim();
    let time_follows = after.is_empty()
        || after.to_lowercase().ends_with(" at")
        || after.to_lowercase().ends_with("commencing");
    !time_follows || TIME_TEXT.is_match(after)
}

fn joined(doc: &Document, lines: &[usize]) -> String {
    lines
        .iter()
        .map(|&i| doc.text(i))
        .collect::<Vec<_>>()
        .join(" ")
}

fn collapse_spaces(text: &str) -> String {
    names::collapse(text)
}

/// The heading lines that open a minutes heading, without the words that
/// say it is minutes ("Dumfries Council Minutes", "DRAFT MINUTES"): the
/// first that names a body, and the first that names a council.
fn heading_titles(doc: &Document, heading: Range<usize>) -> (Option<String>, Option<String>) {
    static RECORD_WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:\s*[-–/]?\s*\b(?:draft|unconfirmed|confirmed|minutes|cofnodion)\b)+\s*$",
        )
        .expect("valid regex")
    });
    let titles: Vec<String> = heading
        .filter(|&i| !doc.lines[i].is_blank())
        .map(|i| RECORD_WORDS.replace(doc.text(i), "").into_owned())
        .filter(|title| !title.is_empty() && !is_banner(title))
        .take_while(|title| is_heading_like(title) && find_date(title).is_none())
        .map(|title| names::collapse(&title))
        .collect();
    // The council's name heads the body's where both are printed; where
    // only the council's is, the council met.
    let body = titles.iter().find(|t| organisation_name(t).is_none());
    let council = titles.iter().find(|t| organisation_name(t).is_some());
    (body.cloned(), council.cloned())
}

/// "The Economic Growth Committee will meet on …": a body, then "will meet".
static WILL_MEET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Tt]he\s+(\p{Lu}[^.:;]{2,120}?)\s+(?:will|is\s+to|shall)\s+meet\b")
        .expect("valid regex")
});

/// Words that name a room or a building.
static BUILDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:room|chamber|hall|house|centre|center|offices?|suite|building|library|mill|headquarters)\b")
        .expect("valid regex")
});

/// A body named only by its kind ("the Committee", "the Board").
static GENERIC_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:committee|sub-committee|board|panel|forum|group|partnership)$")
        .expect("valid regex")
});

/// The non-blank lines a notice sentence may run over from line `start`:
/// up to five, across single blank lines (some covers set the body apart:
/// "You are summoned to attend a meeting of the" ⏎ "CABINET" ⏎ "to be
/// held …"), ending at a line that closes a sentence.
fn sentence_lines(doc: &Document, start: usize, end: usize) -> Vec<usize> {
    let mut lines = vec![start];
    let mut i = start;
    while lines.len() < 5 && !doc.text(i).ends_with('.') {
        match doc.next_non_blank(i + 1, end.min(i + 3)) {
            Some(next) => {
                lines.push(next);
                i = next;
            }
            None => break,
        }
    }
    lines
}

/// Reads body, date, time and venue from one announcing sentence, in
/// whichever order it gives them. Sentences about other meetings
/// ("Minutes of the meeting of … held on", "the next meeting of …") are
/// not announcements. The venue is the phrase opened by "at"
/// or "in" that is left once the date and time are taken out.
fn announcement(sentence: &str) -> Option<Stated> {
    static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\bmeeting\s+of\s+(?:the\s+)?(.+?)(?:(,?\s+(?:which\s+)?(?:will|is\s+(?:due\s+)?to|are\s+to|to|shall)\s+(?:be\s+(?:held|convened)|take\s+place|meet)\b)|\s+(?:on|at)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d))",
        )
        .expect("valid regex")
    });
    static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\.(?:\s+\p{Lu}|\s*$)|(?i:\s+(?:for|to)\s+(?:the\s+purposes?\b|transact|consider|discuss|deal\s+with))")
            .expect("valid regex")
    });
    static OTHER_MEETING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:minutes|next|previous|last|future|subsequent|adjourned)\b\W*(?:\w+\W+)?$",
        )
        .expect("valid regex")
    });
    let Some(c) = ANNOUNCED.captures(sentence) else {
        // "The Planning Committee will meet on …".
        let c = WILL_MEET.captures(sentence)?;
        let body = tidy_heading(c.get(1)?.as_str());
        let clause = sentence.get(c.get(0)?.end()..)?;
        let clause = CLAUSE_END
            .find(clause)
            .map_or(clause, |m| clause.get(..m.start()).unwrap_or(clause));
        return Some(Stated {
            body: is_heading_like(&body).then_some(body),
            ..clause_facts(clause)?
        });
    };
    let body = c.get(1)?;
    let before = sentence.get(..c.get(0)?.start()).unwrap_or("");
    if OTHER_MEETING.is_match(before) || body.as_str().split_whitespace().any(|w| w == "held") {
        return None;
    }
    let clause = sentence.get(c.get(2).map_or(body.end(), |m| m.end())..)?;
    let clause = CLAUSE_END
        .find(clause)
        .map_or(clause, |m| clause.get(..m.start()).unwrap_or(clause));
    let body = tidy_heading(body.as_str().trim_end_matches(','));
    Some(Stated {
        body: is_heading_like(&body).then_some(body),
        ..clause_facts(clause)?
    })
}

/// The date, time and venue a clause gives in whichever order ("in the
/// Council Chamber on Tuesday, 4 March 2025 at 2 pm", "on 4 March 2025 at
/// 2 pm at County Hall"): the venue is the phrase opened by "at" or "in"
/// that is left once the date and time are taken out. `None` without a date.
fn clause_facts(clause: &str) -> Option<Stated> {
    let (date, on) = find_date(clause)?;
    let at = TIME_TEXT.find(clause).map(|m| m.range());
    let mut cuts = [Some(on), at].into_iter().flatten().collect::<Vec<_>>();
    cuts.sort_by_key(|r| r.start);
    let mut from = 0;
    let mut phrases = Vec::new();
    for cut in &cuts {
        phrases.push(clause.get(from..cut.start).unwrap_or(""));
        from = from.max(cut.end);
    }
    phrases.push(clause.get(from..).unwrap_or(""));
    // Of two places ("held in Open Session … in the Conference Room"), the
    // one that names a room or building.
    let places: Vec<String> = phrases.into_iter().filter_map(place_phrase).collect();
    let venue = places
        .iter()
        .find(|p| BUILDING.is_match(p))
        .or(places.first())
        .cloned();
    Some(Stated {
        date: Some(date),
        time: parse_time(clause),
        venue,
        ..Stated::default()
    })
}

/// "in the Council Chamber, Civic Centre on Tuesday," gives "Council
/// Chamber, Civic Centre": a phrase opened by "at" or "in", without the
/// words that led on to the date or time.
fn place_phrase(phrase: &str) -> Option<String> {
    static PLACE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[\s,]*(?:(?:which\s+was\s+)?held\s+)?(?:at|in)\s+(?:the\s+)?(.+?)(?:[\s,]+(?:on|at|from|commencing|starting|(?:mon|tues|wednes|thurs|fri|satur|sun)day))*[\s,.;:]*$")
            .expect("valid regex")
    });
    clean_venue(PLACE.captures(phrase)?.get(1)?.as_str())
}

/// The index after the last line restating the meeting's date (the agenda
/// header repeats the cover), so the meeting's lines cover both; 0 when
/// no line does.
fn header_end(doc: &Document, front: Range<usize>, date: Option<Date>) -> usize {
    front
        .rev()
        .find(|&i| {
            is_meeting_date_line(doc.text(i)) && find_date(doc.text(i)).map(|(d, _)| d) == date
        })
        .map_or(0, |i| i + 1)
}

/// The lines of the front matter: the Front part, cut where the first set
/// of minutes visibly opens ("MINUTES of a meeting … held", "PRESENT:") in
/// case the minutes parser has not cut it there already.
pub(crate) fn front_range(doc: &Document, parts: &[Part]) -> Range<usize> {
    static MINUTES_OPEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:minutes\s+of\s+(?:a|the)\s+(?:\w+\s+)?meeting\b.*\bheld\b|present\s*:)",
        )
        .expect("valid regex")
    });
    let Some(front) = of_kind(parts, PartKind::Front).next() else {
        return 0..0;
    };
    let end = front.range.end.min(doc.len());
    let start = front.range.start.min(end);
    let cut = (start..end)
        .find(|&i| MINUTES_OPEN.is_match(doc.text(i)))
        .unwrap_or(end);
    start..cut
}

/// Shows a heading typed in capitals ("CHILDREN'S SOCIAL CARE AND HEALTH
/// COMMITTEE") in title case, with short joining words in lower case;
/// other text is returned with its whitespace collapsed.
pub(crate) fn tidy_heading(text: &str) -> String {
    let collapsed = crate::names::collapse(text);
    let has_lower = collapsed.chars().any(char::is_lowercase);
    if has_lower {
        return collapsed;
    }
    let mut out = Vec::new();
    for (n, word) in collapsed.split(' ').enumerate() {
        let lower = word.to_lowercase();
        let small = matches!(
            lower.as_str(),
            "and" | "of" | "the" | "for" | "in" | "on" | "to" | "at" | "with" | "a" | "an"
        );
        let acronym = word.chars().filter(|c| c.is_alphabetic()).count() <= 4
            && !small
            && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
            && is_known_acronym(word);
        out.push(if acronym {
            word.to_owned()
        } else if small && n > 0 {
            lower
        } else {
            capitalise(&lower)
        });
    }
    out.join(" ")
}

/// Short capitalised words that stay in capitals inside a heading.
fn is_known_acronym(word: &str) -> bool {
    let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    matches!(
        letters.as_str(),
        "NHS" | "CCG" | "HWB" | "KCC" | "UK" | "SEND" | "ICB" | "ICS" | "II" | "III" | "IV"
    )
}

/// Upper-cases the first letter of a word and of each part after a hyphen
/// or slash ("well-being" → "Well-Being"), leaving "children's" alone.
fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
        }
        if c == '-' || c == '/' || c == '(' {
            start = true;
        }
    }
    out
}

/// Facts printed behind a label ("Date:", "Time:", "Venue:", "Meeting:").
#[derive(Default)]
struct Labelled {
    body: Option<String>,
    date: Option<Date>,
    time: Option<Time>,
    venue: Option<String>,
}

/// Reads "Label: value" lines (or "Label⇥value") of the front matter; the
/// first value of each label wins.
fn labelled_fields(doc: &Document, front: Range<usize>) -> Labelled {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(date|time|date\s+and\s+time|(?:meeting\s+)?(?:commenced|started|began)|venue|place|location|where|meeting|committee|body)\s*(?::|\t)\s*(.+)$",
        )
        .expect("valid regex")
    });
    static LABEL_ALONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(date|time|date\s+and\s+time|venue|place|location|where)\s*:$")
            .expect("valid regex")
    });
    let mut found = Labelled::default();
    for i in front.clone() {
        let text = doc.text(i);
        // A label alone on its line labels the line below.
        let (label, value) = match LABEL.captures(text) {
            Some(c) => (
                c.get(1).map_or("", |m| m.as_str()),
                c.get(2).map_or("", |m| m.as_str()),
            ),
            None => match LABEL_ALONE.captures(text) {
                Some(c) => (
                    c.get(1).map_or("", |m| m.as_str()),
                    doc.next_non_blank(i + 1, front.end)
                        .map(|next| doc.text(next))
                        .filter(|next| !LABEL.is_match(next) && !LABEL_ALONE.is_match(next))
                        .unwrap_or(""),
                ),
                None => {
                    for (label, value) in run_in_fields(text) {
                        found.take(&label.to_ascii_lowercase(), value.trim());
                    }
                    continue;
                }
            },
        };
        found.take(&label.to_ascii_lowercase(), value.trim());
    }
    found
}

/// A cover table flattened into one line of labels without colons
/// ("Meeting Planning Board Time/Date Tuesday, 3 March 2009 at 10:00 am
/// Location Room 4"): each label's value runs to the next label. Read only
/// when three or more distinct labels (a date among them) start with a
/// capital; a contact label ends the value before it.
fn run_in_fields(text: &str) -> Vec<(&str, &str)> {
    static RUN_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\b(Meeting|Date and Time|Time and Date|Date/Time|Time/Date|Date|Time|Venue|Location|Place|Officer to contact|Contact Officer|Contact)\s",
        )
        .expect("valid regex")
    });
    let found: Vec<(usize, usize, &str)> = RUN_IN
        .captures_iter(text)
        .filter_map(|c| {
            let label = c.get(1)?;
            Some((label.start(), c.get(0)?.end(), label.as_str()))
        })
        .collect();
    let mut distinct: Vec<&str> = found.iter().map(|f| f.2).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 3 || !distinct.iter().any(|l| l.contains("Date")) {
        return Vec::new();
    }
    found
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.2.contains("ontact"))
        .map(|(n, &(_, value_start, label))| {
            let end = found.get(n + 1).map_or(text.len(), |next| next.0);
            (label, text.get(value_start..end).unwrap_or(""))
        })
        .collect()
}

impl Labelled {
    /// Keeps the first value of each field a label gives.
    fn take(&mut self, label: &str, value: &str) {
        let found = self;
        if label.starts_with("date") || label.contains("/date") || label.ends_with("and date") {
            found.date = found.date.or_else(|| find_date(value).map(|(d, _)| d));
            if label.contains("time") {
                found.time = found.time.or_else(|| parse_time(value));
            }
        } else if label == "time"
            || label.ends_with("commenced")
            || label.starts_with("start")
            || label.ends_with("began")
            || label.ends_with("started")
        {
            found.time = found.time.or_else(|| parse_time(value));
        } else if matches!(label, "meeting" | "committee" | "body") {
            found.body = found.body.take().or_else(|| Some(tidy_heading(value)));
        } else {
            found.venue = found.venue.take().or_else(|| clean_venue(value));
        }
    }
}

/// The first front line that states a meeting date: the date begins the
/// line, after at most a weekday or a word such as "on" (so "Date of Issue:
/// Friday 11 July 2014" and dates inside sentences do not count).
fn first_meeting_date_line(doc: &Document, front: Range<usize>) -> Option<usize> {
    front
        .into_iter()
        .find(|&i| is_meeting_date_line(doc.text(i)))
}

/// "Full Council - 25-04-2016": a heading, a dash, then the date (and
/// perhaps the time) closing the line. The heading is the body.
fn body_before_date(text: &str) -> Option<String> {
    let (_, at) = find_date(text)?;
    let before = text.get(..at.start)?.trim_end();
    let body = before
        .strip_suffix(" -")
        .or_else(|| before.strip_suffix(" –"))?
        .trim();
    let after = text.get(at.end..)?;
    let only_time = after.trim().is_empty() || text_is_only_a_time(after.trim());
    (only_time && is_heading_like(body) && !is_banner(body)).then(|| tidy_heading(body))
}

fn is_meeting_date_line(text: &str) -> bool {
    if body_before_date(text).is_some() {
        return true;
    }
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:meeting\s+)?date(?:\s+and\s+time)?\s*:?|on|(?:(?:the\s+)?meeting\s+)?(?:(?:is\s+)?(?:to|will)\s+be\s+)?held\s+on|when\s*:)?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)?\s*,?\s*$",
        )
        .expect("valid regex")
    });
    find_date(text).is_some_and(|(_, at)| text.get(..at.start).is_some_and(|p| PREFIX.is_match(p)))
}

/// The time on the date line, or on the next line when that line holds
/// only a time (covers print date, time and venue one under the other).
fn time_near(doc: &Document, when: usize, end: usize) -> Option<Time> {
    let text = doc.text(when);
    let after_date = find_date(text)
        .and_then(|(_, at)| text.get(at.end..))
        .unwrap_or("");
    parse_time(after_date).or_else(|| {
        let next = doc.next_non_blank(when + 1, end)?;
        let line = doc.text(next);
        (line.split_whitespace().count() <= 4)
            .then(|| parse_time(line))
            .flatten()
    })
}

static TIME_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d{2}\b|\b(?:12\s+)?noon\b")
        .expect("valid regex")
});

/// Labels that end a venue where a two-column layout glued the contact
/// box onto it ("County Telephone: 01622 694703").
static CONTACT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:please\s+)?ask\s+for\b|\b(?:telephone|tel|phone|e-?mail|contact|enquiries|direct\s+line|fax)\b\s*[:.]?")
        .expect("valid regex")
});

/// The venue of every line stating the meeting's date; one that names a
/// room (the detail the agenda header adds) beats one naming only a
/// building, otherwise the first wins.
fn best_venue(doc: &Document, front: Range<usize>, date: Date) -> Option<String> {
    static ROOM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:room|chamber|suite|boardroom|hall\s+\d)\b").expect("valid regex")
    });
    let candidates: Vec<String> = front
        .clone()
        .filter(|&i| is_meeting_date_line(doc.text(i)))
        .filter(|&i| find_date(doc.text(i)).is_some_and(|(d, _)| d == date))
        .filter_map(|i| venue_after(doc, i, front.end))
        .collect();
    candidates
        .iter()
        .find(|v| ROOM.is_match(v))
        .or(candidates.first())
        .cloned()
}

/// The venue printed after the date and time: the rest of the date line,
/// or else the lines below it (a blank line may come first) until a blank.
fn venue_after(doc: &Document, when: usize, end: usize) -> Option<String> {
    let text = doc.text(when);
    let rest = rest_after_date_and_time(text);
    if let Some(venue) = clean_venue(rest) {
        return Some(venue);
    }
    let mut next = doc.next_non_blank(when + 1, end)?;
    if text_is_only_a_time(doc.text(next)) {
        next = doc.next_non_blank(next + 1, end)?;
    }
    let mut pieces = Vec::new();
    let mut i = next;
    while i < end && !doc.lines.get(i).is_none_or(|l| l.is_blank()) && pieces.len() < 4 {
        let line = doc.text(i);
        if !is_venue_like(line) {
            break;
        }
        let before_label = CONTACT_LABEL
            .find(line)
            .map_or(line, |m| line.get(..m.start()).unwrap_or(""));
        pieces.push(before_label.trim().to_owned());
        if before_label.len() < line.len() && before_label.trim().is_empty() {
            break;
        }
        i += 1;
    }
    clean_venue(&pieces.join(" "))
}

fn rest_after_date_and_time(text: &str) -> &str {
    let after_date = find_date(text)
        .and_then(|(_, at)| text.get(at.end..))
        .unwrap_or("");
    match TIME_TEXT.find(after_date) {
        Some(m)
            if after_date
                .get(..m.start())
                .is_some_and(|p| p.trim().len() <= 6) =>
        {
            after_date.get(m.end()..).unwrap_or("")
        }
        _ => after_date,
    }
}

fn text_is_only_a_time(text: &str) -> bool {
    TIME_TEXT
        .find(text)
        .is_some_and(|m| m.start() == 0 && text.get(m.end()..).is_some_and(|r| r.trim().is_empty()))
}

/// A short line that could be (part of) an address: no date, not a
/// sentence, not a heading such as "AGENDA", not the membership list that
/// may follow the date when no venue is printed ("Councillors: …",
/// "Panel Members"), not another label ("Dated: …") unless it is the
/// contact box glued on.
fn is_venue_like(line: &str) -> bool {
    static NOT_VENUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[\w'-]+\s+){0,3}(?:members|membership|councillors|cllrs)(?:\s*[:(]|\s*$|\s+\d)|^(?:councillors?|cllrs?)\.?\s|^[^:]{1,40}:(?:\s|$)")
            .expect("valid regex")
    });
    let words = line.split_whitespace().count();
    let shouting = !line.chars().any(char::is_lowercase);
    let labelled = NOT_VENUE.is_match(line) && !CONTACT_LABEL.is_match(line);
    words <= 12 && !line.ends_with('.') && find_date(line).is_none() && !shouting && !labelled
}

/// Trims joining words, punctuation and a glued contact box from a venue;
/// `None` when nothing is left.
fn clean_venue(text: &str) -> Option<String> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[\s,.;:–-]|at\b|in\b|venue\b|place\b)+(?:the\s+)?")
            .expect("valid regex")
    });
    let text = CONTACT_LABEL
        .find(text)
        .map_or(text, |m| text.get(..m.start()).unwrap_or(""));
    let text = LEAD.replace(text, "");
    let text = text.trim().trim_end_matches([',', '.', ';', ':']).trim();
    let collapsed = crate::names::collapse(text);
    (collapsed.chars().any(char::is_alphabetic)).then_some(collapsed)
}

/// The heading printed just above the meeting's date: the nearest block of
/// heading lines, leaving out banners ("Public Document Pack", "AGENDA",
/// "Notice of meeting") and the council's own name, and from "You are
/// summoned to attend a meeting of the Cabinet" only what follows "meeting
/// of". A heading wrapped over two lines is joined.
fn body_above(doc: &Document, when: usize) -> Option<String> {
    static MEETING_OF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^.*?\bmeeting\s+of\s+(?:the\s+)?").expect("valid regex"));
    let mut i = when;
    let mut blocks_seen = 0;
    while i > 0 && blocks_seen < 4 {
        // Skip blanks, then gather the block of lines ending at i - 1.
        while i > 0 && doc.lines.get(i - 1).is_some_and(|l| l.is_blank()) {
            i -= 1;
        }
        let block_end = i;
        while i > 0 && doc.lines.get(i - 1).is_some_and(|l| !l.is_blank()) && block_end - i < 3 {
            i -= 1;
        }
        if i == block_end {
            break;
        }
        blocks_seen += 1;
        let text = (i..block_end)
            .map(|j| doc.text(j))
            .filter(|t| !is_banner(t) && organisation_name(t).is_none())
            .collect::<Vec<_>>()
            .join(" ");
        let text = MEETING_OF.replace(&text, "");
        if text.is_empty() || organisation_name(&text).is_some() {
            continue;
        }
        return is_heading_like(&text).then(|| tidy_heading(&text));
    }
    None
}

/// A line that labels the document rather than naming the body: "Public
/// Document Pack", "AGENDA", "Agenda Supplement", "Notice of Meeting",
/// "Summons", "To follow".
fn is_banner(line: &str) -> bool {
    static BANNER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:public\s+)?(?:document|agenda|reports?)\s+pack|(?:supplementary\s+)?agenda(?:\s+(?:pack|supplement|and\s+reports?|papers))?|notice\s+of\s+(?:the\s+|a\s+)?meeting|(?:meeting\s+)?summons(?:\s+to\s+attend\b.*)?|to\s+follow|open\s+to\s+the\s+public|(?:restricted|confidential|not\s+for\s+publication)\b.*)$")
            .expect("valid regex")
    });
    BANNER.is_match(line.trim())
}

/// A short title: no sentence punctuation, at most twelve words, most of
/// them capitalised.
fn is_heading_like(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
        .count();
    !words.is_empty()
        && words.len() <= 12
        && capitalised * 2 > words.len()
        && !text.contains(['.', ':', '=', '@'])
}

/// The council or authority the pack names in a heading line of its own
/// ("Worcestershire County Council", "KENT COUNTY COUNCIL", "London
/// Borough of Camden"). The front matter is read first; when the cover
/// leaves it out, the first such heading further on (the pack's own
/// minutes or reports carry it) is taken.
fn organisation(doc: &Document, front: Range<usize>) -> Option<String> {
    let front_end = front.end;
    front
        .chain(front_end..doc.len())
        .find_map(|i| organisation_name(doc.text(i)))
}

/// The organisation a whole line names, tidied, if it is one.
fn organisation_name(line: &str) -> Option<String> {
    static ORG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:the\s+)?(?:(?:(?:london|royal|metropolitan)\s+)?borough\s+of\s+[\w' -]+|(?:city|county)\s+of\s+[\w' -]+?\s+council|council\s+of\s+the\s+[\w' -]+|[\w'&.-]+(?:\s+[\w'&.-]+){0,5}?\s+(?:council|combined\s+authority|(?:fire\s+and\s+rescue|police|national\s+park|unitary|local)\s+authority))$",
        )
        .expect("valid regex")
    });
    static NOT_ORG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the\s+)?(?:full|this|the|a|an|county|borough|district|city|town|parish|executive|youth|school|schools|members'?|annual|special|extraordinary|ordinary|budget|statutory|adjourned)\s+council$")
            .expect("valid regex")
    });
    let line = line.trim();
    if line.len() > 80 || !ORG.is_match(line) || NOT_ORG.is_match(line) {
        return None;
    }
    let all_capitalised = line.split_whitespace().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || matches!(w, "of" | "and" | "the" | "upon" | "on" | "le" | "in")
    });
    all_capitalised.then(|| tidy_heading(line))
}

/// The officer the public is told to ask: "Ask for:", "Contact:",
/// "Enquiries to:", "… Officer:", or "contact Kate Griffiths, Committee
/// Officer" in a sentence. The first one the front matter gives wins.
fn contact(doc: &Document, front: Range<usize>) -> Option<String> {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:\b(?:please\s+)?ask\s+for\b\s*(?::|\t|-)?|^(?:contact(?:\s+officer)?|contact\s+name|officer\s+contact|enquiries(?:\s+to)?|for\s+enquiries|further\s+information|clerk(?:\s+to\s+the\s+\w+)?|(?:democratic|member|committee|governance)\s+services?\s+(?:officer|adviser|advisor|team)|committee\s+(?:officer|administrator|clerk|manager)|governance\s+officer)\s*(?::|\t|-))\s*",
        )
        .expect("valid regex")
    });
    static SENTENCE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\bcontact(?:ing)?\s+(?:the\s+)?").expect("valid regex"));
    for i in front.clone() {
        let text = doc.text(i);
        if let Some(m) = LABELLED.find(text) {
            let after = text.get(m.end()..).unwrap_or("");
            let name = if after.trim().is_empty() {
                doc.next_non_blank(i + 1, front.end)
                    .and_then(|j| person_at_start(doc.text(j)))
            } else {
                person_at_start(after)
            };
            if name.is_some() {
                return name;
            }
        }
        for m in SENTENCE.find_iter(text) {
            if let Some(name) = text.get(m.end()..).and_then(person_at_start) {
                return Some(name);
            }
        }
    }
    None
}

/// A person's name at the start of `text`: an optional title, then up to
/// four capitalised words or initials, ending at a comma, a number, a label
/// or a glued venue ("Theresa Grayell Darent Room, …" gives "Theresa
/// Grayell"). Office names ("Democratic Services") are not people.
pub(crate) fn person_at_start(text: &str) -> Option<String> {
    const OFFICE: [&str; 12] = [
        "services",
        "service",
        "team",
        "unit",
        "office",
        "section",
        "department",
        "council",
        "committee",
        "officer",
        "democratic",
        "us",
    ];
    // A contact box's next label glued after the name ("Ask for Ann Lee
    // Email …").
    const CONTACT_LABEL: [&str; 8] = [
        "email",
        "e-mail",
        "tel",
        "telephone",
        "phone",
        "fax",
        "mobile",
        "direct",
    ];
    const PLACE: [&str; 10] = [
        "room", "house", "hall", "chamber", "suite", "centre", "center", "building", "offices",
        "road",
    ];
    let mut tokens: Vec<&str> = Vec::new();
    for raw in text.split_whitespace() {
        let word = raw.trim_end_matches([',', ';', ':']);
        let bare = word.trim_end_matches('.').to_lowercase();
        let is_title = names::is_honorific(word);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.' | '’'));
        if !(capitalised || is_title)
            || OFFICE.contains(&bare.as_str())
            || CONTACT_LABEL.contains(&bare.as_str())
            || tokens.len() >= 5
        {
            break;
        }
        if PLACE.contains(&bare.as_str()) {
            tokens.pop();
            break;
        }
        tokens.push(word);
        if raw.ends_with([',', ';', ':']) {
            break;
        }
    }
    let named = tokens.iter().filter(|t| !names::is_honorific(t)).count();
    let surname_ok = tokens
        .last()
        .is_some_and(|t| t.trim_end_matches('.').chars().count() > 1);
    (named >= 2 || (named == 1 && tokens.len() >= 2 && surname_ok))
        .then(|| tokens.join(" "))
        .filter(|_| surname_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_capitals_become_title_case() {
        assert_eq!(
            tidy_heading("CHILDREN'S SOCIAL CARE AND HEALTH CABINET COMMITTEE"),
            "Children's Social Care and Health Cabinet Committee"
        );
        assert_eq!(
            tidy_heading("NHS  HEALTH-WATCH BOARD"),
            "NHS Health-Watch Board"
        );
        assert_eq!(
            tidy_heading("Health and Well-Being Board"),
            "Health and Well-Being Board"
        );
    }

    #[test]
    fn organisation_lines_are_recognised() {
        assert_eq!(
            organisation_name("KENT COUNTY COUNCIL").as_deref(),
            Some("Kent County Council")
        );
        assert_eq!(
            organisation_name("London Borough of Camden").as_deref(),
            Some("London Borough of Camden")
        );
        assert_eq!(organisation_name("Full Council"), None);
        assert_eq!(organisation_name("the Council"), None);
        assert_eq!(
            organisation_name("Report to the County Council on fees"),
            None
        );
    }

    #[test]
    fn a_person_is_cut_from_glued_text() {
        assert_eq!(
            person_at_start("Theresa Grayell Darent Room, Sessions House").as_deref(),
            Some("Theresa Grayell")
        );
        assert_eq!(
            person_at_start("Kate Griffiths, Committee Officer on 01905").as_deref(),
            Some("Kate Griffiths")
        );
        assert_eq!(person_at_start("01905 765765 for help"), None);
        assert_eq!(person_at_start("Democratic Services on 01234 567890"), None);
        assert_eq!(person_at_start("Mrs Patel"), Some("Mrs Patel".to_owned()));
    }

    #[test]
    fn a_meeting_to_be_held_on_a_date_states_the_date() {
        assert!(is_meeting_date_line(
            "Meeting to be held on Thursday 27 March 2025 at 1.30pm"
        ));
        assert!(is_meeting_date_line(
            "The meeting will be held on 3 June 2025"
        ));
        assert!(!is_meeting_date_line(
            "The last meeting was held on 3 June 2025"
        ));
    }

    #[test]
    fn issue_dates_are_not_meeting_dates() {
        assert!(is_meeting_date_line("Wednesday, 18th September, 2013"));
        assert!(is_meeting_date_line("Date: Tuesday 5 March 2024"));
        assert!(!is_meeting_date_line("Date of Issue: Friday 11 July 2014"));
        assert!(!is_meeting_date_line(
            "Minutes of the meeting held on 9 May 2013"
        ));
    }

    fn announced(sentence: &str) -> Option<(String, String, String, String)> {
        let s = announcement(sentence)?;
        Some((
            s.body.unwrap_or_default(),
            s.date.map(|d| d.to_string()).unwrap_or_default(),
            s.time.map(|t| t.to_string()).unwrap_or_default(),
            s.venue.unwrap_or_default(),
        ))
    }

    #[test]
    fn announcements_give_their_facts_in_any_order() {
        let expect = |body: &str, venue: &str| {
            Some((
                body.to_owned(),
                "2025-04-07".to_owned(),
                "10:30".to_owned(),
                venue.to_owned(),
            ))
        };
        assert_eq!(
            announced("You are summoned to attend a meeting of the Cabinet, to be held in the Council Chamber, Town Hall, on Monday, 7 April 2025 at 10.30 am."),
            expect("Cabinet", "Council Chamber, Town Hall")
        );
        assert_eq!(
            announced("A meeting of the Audit Committee will take place on 7 April 2025 at 10:30 in Room 2, Civic Centre. Members of the public may attend."),
            expect("Audit Committee", "Room 2, Civic Centre")
        );
        assert_eq!(
            announced("NOTICE IS HEREBY GIVEN that a meeting of the PLANNING COMMITTEE will be held at 10.30am on Monday 7th April 2025 at County Hall, to transact the business below"),
            expect("Planning Committee", "County Hall")
        );
    }

    #[test]
    fn other_meetings_are_not_announcements() {
        assert_eq!(
            announced(
                "Minutes of the meeting of the Standards Sub-Committee held on 9 January 2017"
            ),
            None
        );
        assert_eq!(
            announced("The next meeting of the Board will be held on 1 April 2025 at 2pm"),
            None
        );
    }

    #[test]
    fn membership_lines_are_not_venues() {
        assert!(is_venue_like("Council Chamber, Town Hall"));
        assert!(is_venue_like("Members' Room, Civic Centre"));
        assert!(is_venue_like(
            "Committee Room 4, Riverside Telephone: 01632 960555"
        ));
        assert!(!is_venue_like("Committee Membership 2025/26"));
        assert!(!is_venue_like("Councillors: Smith (Chair), Jones"));
        assert!(!is_venue_like("Councillor Anna Reid (Chair)"));
        assert!(!is_venue_like("Dated: Friday, 21 February"));
    }
}
