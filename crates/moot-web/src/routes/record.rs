//! A meeting as one readable record, shared by the meeting page and the
//! item pages: the redacted [`MeetingDetail`], the text of each minute
//! from the lines the exempt rule lets the audience read, whether the
//! minutes were confirmed, who was in the chair and who else attended,
//! and the keys of its items (`/items/{meeting}-a{n}` for the n-th
//! agenda item, `/items/{meeting}-m{n}` for the n-th minute, counted
//! from 1 across every set of minutes).

use super::meetings::redact;
use crate::minute_text::{blocks, Block};
use moot_domain::{Date, Lines};
use moot_store::{
    AgendaEntry, Audience, DocumentId, DocumentRecord, ExemptItems, MeetingDetail, MeetingId,
    MeetingSummary, MinuteEntry, MinutesRecord, PublicLine, ReportEntry, Store, StoreError,
};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One meeting read for a page.
pub(crate) struct Record {
    /// The meeting, redacted for the audience.
    pub detail: MeetingDetail,
    /// For each set of minutes, for each minute: its text as blocks, or
    /// `None` when the exempt rule withholds it.
    pub texts: Vec<Vec<Option<Vec<Block>>>>,
    /// For each set of minutes: what it says beyond its records.
    pub sets: Vec<SetFacts>,
    /// Whether the minutes were confirmed, and where.
    pub confirmation: Confirmation,
}

/// What a set of minutes' heading says beyond the attendance records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SetFacts {
    /// The name (as the attendance records print it) of who was in the
    /// chair.
    pub chair: Option<String>,
    /// "In attendance" or "Also present", as printed after the label.
    pub also_present: Option<String>,
}

/// Whether a meeting's minutes are confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Confirmation {
    /// No minutes are stored.
    NoMinutes,
    /// Confirmed at a later meeting: its day, and the meeting where known.
    Confirmed(Date, Option<MeetingSummary>),
    /// Printed but not (yet) confirmed as far as the records show.
    Draft,
}

/// Which of a meeting's items a key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKey {
    /// The n-th agenda item (0-based here, 1-based in addresses).
    Agenda(usize),
    /// The n-th minute across the sets (0-based here).
    Minute(usize),
}

impl ItemKey {
    /// The item page's address.
    pub fn url(self, meeting: MeetingId) -> String {
        format!("/items/{}", self.id(meeting))
    }

    /// The key in addresses: `12-a3`, `12-m5`.
    pub fn id(self, meeting: MeetingId) -> String {
        match self {
            ItemKey::Agenda(at) => format!("{}-a{}", meeting.0, at + 1),
            ItemKey::Minute(at) => format!("{}-m{}", meeting.0, at + 1),
        }
    }

    /// Reads `12-a3` back: the meeting and the key; `None` when malformed.
    pub fn parse(text: &str) -> Option<(MeetingId, ItemKey)> {
        let (meeting, item) = text.split_once('-')?;
        let number = |digits: &str| -> Option<usize> {
            (!digits.is_empty() && digits.len() < 10 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<usize>().ok())
                .flatten()
                .filter(|n| *n > 0)
        };
        let meeting = number(meeting)?;
        let key = if let Some(n) = item.strip_prefix('a') {
            ItemKey::Agenda(number(n)? - 1)
        } else if let Some(n) = item.strip_prefix('m') {
            ItemKey::Minute(number(n)? - 1)
        } else {
            return None;
        };
        Some((MeetingId(i64::try_from(meeting).ok()?), key))
    }
}

impl Record {
    /// Every minute with its set and text, in order; the position is the
    /// minute's [`ItemKey::Minute`].
    pub fn minutes(&self) -> Vec<(&MinutesRecord, &MinuteEntry, Option<&Vec<Block>>)> {
        self.detail
            .minutes
            .iter()
            .zip(&self.texts)
            .flat_map(|(set, texts)| {
                set.items
                    .iter()
                    .zip(texts)
                    .map(move |(item, text)| (set, item, text.as_ref()))
            })
            .collect()
    }

    /// The agenda item a minute records (by its "(Item N)" reference).
    pub fn agenda_of(&self, minute: &MinuteEntry) -> Option<usize> {
        let reference = minute.agenda_ref.as_deref()?;
        self.detail
            .agenda
            .iter()
            .position(|a| a.number.as_deref() == Some(reference))
    }

    /// The agenda item numbered `number`.
    pub fn agenda_numbered(&self, number: &str) -> Option<usize> {
        self.detail
            .agenda
            .iter()
            .position(|a| a.number.as_deref() == Some(number))
    }

    /// The minutes recording agenda item `at`.
    pub fn minutes_of(&self, at: usize) -> Vec<usize> {
        let Some(number) = self.detail.agenda.get(at).and_then(|a| a.number.as_deref()) else {
            return Vec::new();
        };
        self.minutes()
            .iter()
            .enumerate()
            .filter(|(_, (_, m, _))| m.agenda_ref.as_deref() == Some(number))
            .map(|(i, _)| i)
            .collect()
    }

    /// The papers of agenda item `at`.
    pub fn papers_of(&self, at: usize) -> Vec<&ReportEntry> {
        self.detail
            .agenda
            .get(at)
            .map(|a| papers_of(a, &self.detail.reports))
            .unwrap_or_default()
    }
}

/// The reports that are the papers of `item`.
pub(crate) fn papers_of<'a>(
    item: &AgendaEntry,
    reports: &'a [ReportEntry],
) -> Vec<&'a ReportEntry> {
    reports
        .iter()
        .filter(|r| item.number.is_some() && r.item == item.number)
        .collect()
}

/// Reads meeting `id` for `audience`: redacted, with each minute's text.
pub(crate) fn read<S: Store + ?Sized>(
    s: &S,
    id: MeetingId,
    audience: Audience,
) -> Result<Record, StoreError> {
    let mut detail = s.meeting(id)?;
    redact(&mut detail, audience);
    let exempt = ExemptItems::of(&detail.agenda);
    let mut documents: HashMap<DocumentId, DocumentRecord> = HashMap::new();
    let mut texts = Vec::new();
    let mut sets = Vec::new();
    let mut own_confirmation = None;
    for set in &detail.minutes {
        let document = set.source.document;
        if let std::collections::hash_map::Entry::Vacant(e) = documents.entry(document) {
            e.insert(s.document(document)?);
        }
        let doc = &documents[&document];
        let set_texts = set
            .items
            .iter()
            .map(|item| {
                let shown = audience.sees_exempt()
                    || !exempt.covers_minute(item.agenda_ref.as_deref(), item.exempt);
                shown.then(|| blocks(&minute_lines(doc, audience, item)))
            })
            .collect();
        texts.push(set_texts);
        let heading_end = set.items.first().map_or(set.source.lines.last, |i| {
            i.source.lines.first.saturating_sub(1)
        });
        let heading = readable_lines(
            doc,
            audience,
            Lines::span(
                set.source.lines.first,
                heading_end.max(set.source.lines.first),
            ),
        );
        sets.push(set_facts(set, &heading));
        let whole = readable_lines(doc, audience, set.source.lines);
        own_confirmation = own_confirmation.or_else(|| confirmed_on(&whole));
    }
    let confirmation = if detail.minutes.is_empty() {
        Confirmation::NoMinutes
    } else if let Some(day) = own_confirmation {
        let at = [&detail.next]
            .into_iter()
            .flatten()
            .find(|n| n.date == Some(day))
            .cloned();
        Confirmation::Confirmed(day, at)
    } else {
        confirmed_later(s, &detail)?
    };
    Ok(Record {
        detail,
        texts,
        sets,
        confirmation,
    })
}

/// Whether the body's next meeting confirmed these minutes: a resolved
/// minute of it whose title names minutes and this meeting's day.
fn confirmed_later<S: Store + ?Sized>(
    s: &S,
    detail: &MeetingDetail,
) -> Result<Confirmation, StoreError> {
    let (Some(next), Some(day)) = (&detail.next, detail.meeting.date) else {
        return Ok(Confirmation::Draft);
    };
    let later = s.meeting(next.id)?;
    let exempt = ExemptItems::of(&later.agenda);
    let confirms = later.minutes.iter().flat_map(|m| &m.items).any(|m| {
        !exempt.covers_minute(m.agenda_ref.as_deref(), m.exempt)
            && m.resolved
            && m.title.to_lowercase().contains("minute")
            && names_day(&m.title, day)
    });
    Ok(match (confirms, next.date) {
        (true, Some(on)) => Confirmation::Confirmed(on, Some(next.clone())),
        _ => Confirmation::Draft,
    })
}

/// Whether `text` names `day`: "29 May 2013", "29th May 2013", or ISO.
fn names_day(text: &str, day: Date) -> bool {
    let lower = text.to_lowercase();
    let month = day.month_name().to_lowercase();
    let words = [
        format!("{} {month} {}", day.day(), day.year()),
        format!("{}{} {month} {}", day.day(), ordinal(day.day()), day.year()),
        day.to_string(),
    ];
    words.iter().any(|w| lower.contains(w.as_str()))
}

fn ordinal(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    }
}

/// The day a set of minutes says it was confirmed on: "Confirmed as a
/// correct record at the meeting on 2026-11-30" (as Moot prints it).
fn confirmed_on(lines: &[String]) -> Option<Date> {
    static CONFIRMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)confirmed as a (?:correct|true) record at the meeting (?:on|of|held on) (\d{4})-(\d{2})-(\d{2})")
            .expect("valid regex")
    });
    lines.iter().find_map(|line| {
        let c = CONFIRMED.captures(line)?;
        Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    })
}

/// The chair and the "also present" of a set, from its heading's lines.
fn set_facts(set: &MinutesRecord, heading: &[String]) -> SetFacts {
    static ALSO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:in attendance|also present|also in attendance|officers present|officers)\s*:\s*(\S.*)$")
            .expect("valid regex")
    });
    static CHAIR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*\((?:[^()]*\bin the chair|chair(?:man|woman|person)?)\)")
            .expect("valid regex")
    });
    let text = heading.join(" ");
    let chair = set
        .attendance
        .iter()
        .filter(|a| !a.name.is_empty())
        .find(|a| {
            text.match_indices(a.name.as_str())
                .any(|(at, _)| CHAIR.is_match(&text[at + a.name.len()..]))
        })
        .map(|a| a.name.clone());
    let also_present = heading
        .iter()
        .find_map(|line| ALSO.captures(line).map(|c| c[1].trim().to_owned()));
    SetFacts {
        chair,
        also_present,
    }
}

/// A minute's readable lines without its heading line.
fn minute_lines(doc: &DocumentRecord, audience: Audience, item: &MinuteEntry) -> Vec<String> {
    let mut lines = readable_lines(doc, audience, item.source.lines);
    let title = item.title.trim().to_lowercase();
    if !title.is_empty() {
        let heading = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .take(3)
            .find(|(_, l)| l.to_lowercase().contains(&title))
            .map(|(at, _)| at);
        if let Some(at) = heading {
            // The heading shows the number and title; anything else on its
            // line ("(Item A2)") stays in the text.
            let rest = without_heading(&lines[at], item.number.as_deref(), &title);
            if rest.chars().any(char::is_alphanumeric) {
                lines[at] = rest;
            } else {
                lines.remove(at);
            }
        }
    }
    lines
}

/// A heading line without the minute's number and title (`title` lower
/// case): what else the line holds.
fn without_heading(line: &str, number: Option<&str>, title: &str) -> String {
    let lower = line.to_lowercase();
    // Lower case can change a text's length; then the line stays whole.
    let Some(at) = lower.find(title).filter(|_| lower.len() == line.len()) else {
        return line.to_owned();
    };
    let before = line[..at].trim();
    let before = number
        .and_then(|n| {
            before
                .strip_suffix(['.', ':'])
                .unwrap_or(before)
                .trim_end()
                .strip_suffix(n)
                .or_else(|| before.strip_prefix(n))
        })
        .map_or(before, |b| b.trim_end_matches(['.', ':', ' ']));
    let after = line[at + title.len()..].trim();
    format!("{before} {after}").trim().to_owned()
}

/// The lines `lines` of a document as `audience` may read them (withheld
/// ones blank), repaired by the importer's `normalise`: markup, glued
/// headings and page debris gone, wrapped prose joined.
pub(crate) fn readable_lines(
    doc: &DocumentRecord,
    audience: Audience,
    lines: Lines,
) -> Vec<String> {
    let mut raw: Vec<&str> = Vec::new();
    for line in doc.lines_for(audience) {
        match line {
            PublicLine::Shown { number, text } if lines.first <= number && number <= lines.last => {
                raw.push(text);
            }
            PublicLine::Shown { .. } => {}
            PublicLine::Withheld(run) => {
                let from = run.first.max(lines.first);
                let to = run.last.min(lines.last);
                raw.extend((from..=to).map(|_| ""));
            }
        }
    }
    moot_import::normalise::normalise(&raw.join("\n"))
        .lines
        .into_iter()
        .map(|l| l.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_read_back_and_refuse_anything_else() {
        let key = ItemKey::Minute(4);
        assert_eq!(key.id(MeetingId(12)), "12-m5");
        assert_eq!(ItemKey::parse("12-m5"), Some((MeetingId(12), key)));
        assert_eq!(
            ItemKey::parse("3-a1"),
            Some((MeetingId(3), ItemKey::Agenda(0)))
        );
        for bad in [
            "12",
            "12-",
            "12-a0",
            "12-x1",
            "-a1",
            "a-a1",
            "12-a-1",
            "12-a1b",
            "0-a1",
            "99999999999-a1",
        ] {
            assert_eq!(ItemKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_title_names_a_day_in_words_with_or_without_an_ordinal() {
        let day = Date::new(2013, 5, 29).unwrap();
        assert!(names_day("Minutes of the Meeting held on 29 May 2013", day));
        assert!(names_day("Minutes - 29th May 2013", day));
        assert!(!names_day(
            "Minutes of the Meeting held on 9 May 2013",
            Date::new(2013, 5, 19).unwrap()
        ));
    }

    #[test]
    fn a_heading_line_keeps_what_is_not_its_number_and_title() {
        let title = "apologies and substitutes";
        assert_eq!(
            without_heading("45. Apologies and Substitutes (Item A2)", Some("45"), title),
            "(Item A2)"
        );
        assert_eq!(
            without_heading("45. Apologies and Substitutes", Some("45"), title),
            ""
        );
        assert_eq!(
            without_heading(
                "UNRESTRICTED 45. Apologies and Substitutes",
                Some("45"),
                title
            ),
            "UNRESTRICTED"
        );
    }

    #[test]
    fn moots_own_confirmation_line_is_read() {
        let lines = ["Confirmed as a correct record at the meeting on 2026-11-30.".to_owned()];
        assert_eq!(confirmed_on(&lines), Date::new(2026, 11, 30));
    }
}
