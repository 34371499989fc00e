//! Who attended a minuted meeting: the members present, the substitutes
//! and whom they replaced, and whose apologies were recorded.
//!
//! Attendance is printed in a "PRESENT:" / "Present:" list, with
//! substitutes either marked in it ("Ms D Stock (Substitute for Ms P
//! Davies)") or recorded in prose, usually under an "Apologies and
//! Substitutes" minute: "John Taylor attended for Sally Ellison, Richard
//! Hancox for Lesley Murphy ...", "Mr X was present as a substitute for Mr
//! Y". Apologies come as "Apologies were received from A, B and C.",
//! "Apologies for absence were received from Councillors Smith and Jones",
//! "Apologies: ...", or as a list under an "Apologies" label or minute
//! heading. Officers ("IN ATTENDANCE", "Also attended", "ALSO PRESENT") are
//! not members present and are not read.
//!
//! Lists run on from their label's line over the lines below it, one person
//! or several to a line, each possibly with a role or organisation ("Chris
//! Dale, Chamber of Commerce", "Dan Cole - Fire and Rescue Service",
//! "Gail Hunt<TAB>Housing Forum"); the list ends at the first line that is
//! not such a list.

use super::items::Minute;
use super::opening::is_attendance_label;
use crate::document::Document;
use crate::names::{
    is_honorific, is_plural_title, looks_like_name, same_person, sentences, split_list,
    split_name_list, starts_with_honorific, substituted_by, surname_first_list, ListedName,
    SeenNames,
};
use moot_domain::{Lines, Substitution};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static PRESENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<before>(?:[\w-]+\s+){0,2})(?P<word>present|attendees|attendance|sederunt|yn\s+bresennol|in\s+the\s+chair)\b(?:\s*\([^)]{0,40}\))?\s*[:\-–]?\s*(?P<list>.*)$")
        .expect("valid regex")
});
static APOLOGIES_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:other|further)\s+)?apolog(?:y|ies)\b(?:\s+for\s+absence)?(?:\s+(?:were\s+)?(?:received|noted|given|submitted|tendered|intimated))?(?:\s+from)?\s*(?:[:\-–]\s*(?P<list>.*)|\s(?P<titled>(?:councillors|cllrs|mr|mrs|ms|dr)\b.*))?$")
        .expect("valid regex")
});
static SUBSTITUTE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:as\s+)?(?:a\s+)?(?:substitute|substituting|sub|deputy|deputising|deputizing|attending|in place)\s*(?:for|of)\s+(.+)$")
        .expect("valid regex")
});
static SUBSTITUTED_BY_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:substituted|replaced|represented)\s+by\s+(?P<a>.+)$|^(?P<b>.+?)\s+(?:substituting|deputising|deputizing|attending as (?:a )?substitute)$|^(?:substitute|sub|deputy)\s*[:\-–]\s*(?P<c>.+)$")
        .expect("valid regex")
});
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bapolog(?:y|ies)\b(?:\s+for\s+absence)?(?:\s+(?:were|was|had|have|has)(?:\s+been)?\s+(?:\w+\s+)?(?:received|submitted|given|tendered|reported|noted|made|sent|presented|conveyed|offered|intimated))?\s*(?:from|by|on behalf of|:|-|–)\s+(.+)$")
        .expect("valid regex")
});
static SUBSTITUTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:substitut\w*|deputi[sz]\w*|attended\s+for|attending\s+for|in\s+place\s+of)\b",
    )
    .expect("valid regex")
});
static SUBSTITUTION_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?)\s+(?:(?:was|is|were)\s+)?(?:(?:attended|attending|present|substituted|substituting|deputised|deputising|deputized|deputizing|in attendance)\s+)?(?:as\s+(?:a\s+|the\s+)?(?:substitute|deputy)\s+)?(?:for|in place of)\s+(.+?)$")
        .expect("valid regex")
});
static ROLE_DASH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^((?:councillors|cllrs|aldermen|alderpersons|members))\s+[-–—]\s+(.+)$")
        .expect("valid regex")
});
/// The heading of a two-column table: the members who sent apologies and
/// the substitutes who came in their place.
static APOLOGY_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^apolog\w*(?:\s+for\s+absence)?\s*[/|\t]\s*substitut\w*(?:\s+members?)?\s*$")
        .expect("valid regex")
});
static SUBSTITUTE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a\s+)?(?:substitute|sub|deputy)(?:\s+member)?$").expect("valid regex")
});
static NO_OTHER_APOLOGIES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bno\s+other\s+apologies\b").expect("valid regex"));

/// Attendance as recorded for one set of minutes.
#[derive(Debug, Default)]
pub struct Attendance {
    /// Everyone present, members and substitutes, in the pack's order.
    pub present: Vec<String>,
    /// Each substitute with the member replaced.
    pub substitutes: Vec<Substitution>,
    /// Those whose apologies were recorded.
    pub apologies: Vec<String>,
    /// `present` and `apologies` indexed for the repeat checks.
    present_seen: SeenNames,
    apologies_seen: SeenNames,
}

impl Attendance {
    fn add_present(&mut self, name: &str) {
        if !self.present_seen.contains(name) {
            self.push_present(name);
        }
    }

    fn push_present(&mut self, name: &str) {
        self.present_seen.insert(name);
        self.present.push(name.to_owned());
    }

    /// Adds a name of a list whose first name went in at `list_start`:
    /// two entries of one list are two people ("Councillor J Clements",
    /// "Clements"), so only names listed before it can make it a repeat.
    fn add_listed_present(&mut self, name: &str, list_start: usize) {
        if !self.present_seen.contains_before(name, list_start) {
            self.push_present(name);
        }
    }

    fn add_apology(&mut self, name: &str) {
        if !self.apologies_seen.contains(name) {
            self.apologies_seen.insert(name);
            self.apologies.push(name.to_owned());
        }
    }

    fn add_substitution(&mut self, name: &str, for_member: &str, lines: Lines) {
        let known = self
            .substitutes
            .iter()
            .any(|s| same_person(&s.name, name) && same_person(&s.for_member, for_member));
        if !known {
            self.substitutes.push(Substitution {
                name: name.to_owned(),
                for_member: for_member.to_owned(),
                lines,
            });
        }
    }
}

/// Reads the "Present" list among the opening lines `opening`, then
/// apologies and substitutes from the opening and from the minutes about
/// apologies and substitutes.
pub fn read(doc: &Document, opening: Range<usize>, minutes: &[Minute]) -> Attendance {
    let mut attendance = Attendance::default();
    read_present_list(doc, opening.clone(), &mut attendance);
    let about_attendance: Vec<&Minute> = minutes
        .iter()
        .filter(|m| is_about_attendance(&m.title))
        .collect();
    // A roll call minuted as the first item ("Calling of the Roll and
    // Apologies": "Present: …").
    for minute in &about_attendance {
        if attendance.present.is_empty() {
            read_present_list(doc, minute.body.clone(), &mut attendance);
        }
    }
    for minute in &about_attendance {
        if minute.title.to_lowercase().contains("apolog") {
            // The names printed under the heading, one or more to a line.
            let heading_end = minute.body.start.saturating_sub(1);
            let listed = listed_after(doc, heading_end, "", minute.body.end);
            read_apology_list(listed, &mut attendance);
        }
    }
    let mut no_other_apologies = false;
    // Where no minute is about attendance (its number was lost), the
    // apologies are recorded in the lines after the opening.
    if about_attendance.is_empty() {
        let end = doc.len().min(opening.end + APOLOGIES_LOOKAHEAD);
        read_apology_sentences(doc, opening.end..end, &mut attendance);
    }
    let prose = about_attendance.iter().map(|m| m.body.clone());
    for range in std::iter::once(opening).chain(prose) {
        for i in range.clone() {
            let text = doc.text(i);
            let lines = doc.source_of(i..i + 1);
            if APOLOGY_TABLE.is_match(text) {
                read_apology_table(doc, i + 1..range.end, &mut attendance);
                continue;
            }
            if let Some(caps) = APOLOGIES_LABEL.captures(text) {
                // "Apologies: A, B" or, with no colon, "Apologies Councillors A, B".
                let inline = caps
                    .name("list")
                    .or(caps.name("titled"))
                    .map_or("", |m| m.as_str());
                read_apology_list(listed_after(doc, i, inline, range.end), &mut attendance);
                continue;
            }
            no_other_apologies |= NO_OTHER_APOLOGIES.is_match(text);
            for sentence in sentences(text) {
                read_apologies(sentence, lines, &mut attendance);
                read_substitution_prose(sentence, lines, &mut attendance);
            }
        }
    }
    if no_other_apologies {
        let replaced: Vec<String> = attendance
            .substitutes
            .iter()
            .map(|s| s.for_member.clone())
            .collect();
        replaced
            .iter()
            .for_each(|name| attendance.add_apology(name));
    }
    let substitutes: Vec<String> = attendance
        .substitutes
        .iter()
        .map(|s| s.name.clone())
        .collect();
    substitutes
        .iter()
        .for_each(|name| attendance.add_present(name));
    attendance
}

/// Lines after the opening searched for apologies when no minute is about
/// attendance.
const APOLOGIES_LOOKAHEAD: usize = 40;

/// "Apologies were received from A, B and C." sentences in `range`.
fn read_apology_sentences(doc: &Document, range: Range<usize>, attendance: &mut Attendance) {
    for i in range {
        let text = doc.text(i);
        if !text.to_lowercase().contains("apolog") {
            continue;
        }
        for sentence in sentences(text) {
            read_apologies(sentence, doc.source_of(i..i + 1), attendance);
        }
    }
}

/// True for a minute about who attended: apologies, substitutes.
fn is_about_attendance(title: &str) -> bool {
    let lower = title.to_lowercase();
    ["apolog", "substitut", "attendance", "membership"]
        .iter()
        .any(|w| lower.contains(w))
}

/// Words before "present" that make it a label for others than members:
/// "Also present", "Officers present".
const NOT_MEMBERS: &[&str] = &[
    "also", "officer", "officers", "other", "others", "not", "in",
];

/// The label lines of the members' lists among `opening` ("Present:",
/// "Members Present :", "Sederunt", "In the Chair :"), each with the list
/// text printed after it. A bilingual heading prints each list twice, once
/// under a Welsh label ("Yn bresennol"): the Welsh lists are read only
/// where there is no other.
fn present_labels(doc: &Document, opening: Range<usize>) -> Vec<(usize, &str)> {
    let labels: Vec<(usize, &str, bool)> = opening
        .filter_map(|i| {
            let caps = PRESENT_LABEL.captures(doc.text(i))?;
            let before = caps
                .name("before")
                .map_or("", |m| m.as_str())
                .to_lowercase();
            // "Members in attendance" are members; "Officers in
            // attendance", "Also present" are not.
            let members = before.contains("member") || before.contains("councillor");
            let for_others = before
                .split_whitespace()
                .any(|w| NOT_MEMBERS.contains(&w) && !(members && w == "in"));
            let welsh = caps
                .name("word")
                .is_some_and(|w| w.as_str().to_lowercase().starts_with("yn"));
            let list = caps.name("list").map_or("", |m| m.as_str());
            (!for_others).then_some((i, list, welsh))
        })
        .collect();
    let english = labels.iter().any(|&(_, _, welsh)| !welsh);
    labels
        .into_iter()
        .filter(|&(_, _, welsh)| !(english && welsh))
        .map(|(i, list, _)| (i, list))
        .collect()
}

/// A list of members printed without a label under the opening's heading:
/// its first line, before any label, names people with their titles
/// ("Councillor Ava Birch (Chair), Captain Rob Dean, ...").
fn unlabelled_list(doc: &Document, opening: Range<usize>) -> Option<(usize, &str)> {
    opening
        .map(|i| (i, doc.text(i)))
        .take_while(|(_, text)| !is_attendance_label(text) && !APOLOGIES_LABEL.is_match(text))
        .find(|(_, text)| titled_names_in_line(text) > 0)
}

/// How many names a line of a list of people gives, when one of them is
/// printed with a title; else 0.
pub(super) fn titled_names_in_line(text: &str) -> usize {
    names_of_line(text)
        .filter(|names| names.iter().any(|n| starts_with_honorific(&n.name)))
        .map_or(0, |names| names.len())
}

/// The "Present" list, labelled or not, with the substitutes marked in it
/// ("Ms D Stock (Substitute for Ms P Davies)").
fn read_present_list(doc: &Document, opening: Range<usize>, attendance: &mut Attendance) {
    if read_marked_table(doc, opening.clone(), attendance) {
        return;
    }
    let mut labels = present_labels(doc, opening.clone());
    if labels.is_empty() {
        labels.extend(unlabelled_list(doc, opening.clone()));
    }
    for (label, inline) in labels {
        let list_start = attendance.present.len();
        for (listed, lines) in listed_after(doc, label, inline, opening.end) {
            // "B (substituted by A)": B stayed away, A came.
            let substituted = listed.notes.iter().find_map(|note| {
                let caps = SUBSTITUTED_BY_NOTE.captures(note)?;
                caps.name("a")
                    .filter(|_| !note.to_lowercase().starts_with("sub:"))
            });
            if let Some(substitute) = substituted {
                attendance.add_substitution(substitute.as_str().trim(), &listed.name, lines);
                continue;
            }
            attendance.add_listed_present(&listed.name, list_start);
            for note in &listed.notes {
                if let Some(replaced) = SUBSTITUTE_NOTE.captures(note).and_then(|c| c.get(1)) {
                    attendance.add_substitution(&listed.name, replaced.as_str().trim(), lines);
                } else if SUBSTITUTE_ALONE.is_match(note) {
                    // "(substitute)": whose place was taken is not said.
                    attendance.add_substitution(&listed.name, "", lines);
                }
            }
        }
    }
}

/// Lines past the opening searched for an attendance table and its key.
const KEY_LOOKAHEAD: usize = 24;

/// An attendance table whose rows open with a mark explained by a key
/// below it ("P: Present", "A: Apologies for absence submitted"), the
/// mark often glued to the name ("PIan Porter (Chairman)", "AAndy
/// Cole"). Returns false when the opening has no such key.
fn read_marked_table(doc: &Document, opening: Range<usize>, attendance: &mut Attendance) -> bool {
    // The key follows the table, which may run past a short opening.
    let opening = opening.start..doc.len().min(opening.end + KEY_LOOKAHEAD);
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(\S{1,2})\s*[:=]\s*(present|attended|apolog\w*|absent)\b")
            .expect("valid regex")
    });
    let (mut present, mut absent) = (None, None);
    for i in opening.clone() {
        if let Some(c) = KEY.captures(doc.text(i)) {
            let mark = c[1].to_owned();
            if c[2].to_lowercase().starts_with("a") && !c[2].eq_ignore_ascii_case("attended") {
                absent = Some(mark);
            } else {
                present = Some(mark);
            }
        }
    }
    let (Some(present), Some(absent)) = (present, absent) else {
        return false;
    };
    for i in opening {
        let text = doc.text(i);
        let (is_present, rest) = if let Some(rest) = text.strip_prefix(present.as_str()) {
            (true, rest)
        } else if let Some(rest) = text.strip_prefix(absent.as_str()) {
            (false, rest)
        } else {
            continue;
        };
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "†‡*".contains(c));
        if KEY.is_match(text) || !rest.starts_with(char::is_uppercase) {
            continue;
        }
        let Some(listed) = names_of_line(rest) else {
            continue;
        };
        let lines = doc.source_of(i..i + 1);
        for person in listed {
            if is_present {
                attendance.add_present(&person.name);
                for note in &person.notes {
                    if let Some(replaced) = SUBSTITUTE_NOTE.captures(note).and_then(|c| c.get(1)) {
                        attendance.add_substitution(&person.name, replaced.as_str().trim(), lines);
                    }
                }
            } else {
                attendance.add_apology(&person.name);
            }
        }
    }
    true
}

/// The people listed after a label at line `label`: after the label on its
/// line (`inline`) and on the list lines that follow, up to `end` (a bare
/// "Minutes" heading between is skipped) and up to the next label ("IN
/// ATTENDANCE:", "Also attended:", "Officers:"). Group labels inside the
/// list ("Councillors:", "Co-opted Members:") are dropped, and a name
/// wrapped over two lines is joined.
fn listed_after(
    doc: &Document,
    label: usize,
    inline: &str,
    end: usize,
) -> Vec<(ListedName, Lines)> {
    let mut texts = vec![(without_group_label(inline), doc.source_of(label..label + 1))];
    let following = (label + 1..end).filter(|&i| !doc.text(i).eq_ignore_ascii_case("minutes"));
    // A group label alone on its line ("Councillors:", "MEMBERS") heads
    // the lines below; a plural title in it reaches their names.
    let mut title = String::new();
    let mut n = 0;
    for i in following {
        if doc.lines[i].is_blank() {
            // A list closed as a sentence ("…, C and D.") ends at the
            // blank line after it.
            if texts.last().is_some_and(|(t, _)| closes_list(t)) {
                break;
            }
            continue;
        }
        n += 1;
        let n = n - 1;
        if n == 0 && inline.is_empty() && is_header_row(doc.text(i)) {
            continue;
        }
        let lines = doc.source_of(i..i + 1);
        let raw = slashed_cells(doc.text(i));
        // A table flattened to " / " cells: a line of a lone "/" is an
        // empty cell, a line opening with "/" the rest of the row above.
        if raw.trim().is_empty() {
            continue;
        }
        if doc.text(i).trim_start().starts_with('/') {
            if let Some((previous, previous_lines)) = texts.last_mut() {
                previous.push('\t');
                previous.push_str(&raw);
                *previous_lines = previous_lines.join(lines);
                continue;
            }
        }
        if ROW_LABEL.is_match(raw.split('\t').next().unwrap_or("")) {
            break;
        }
        if let Some(group) = group_label_only(&raw) {
            title = group;
            continue;
        }
        let text = match std::mem::take(&mut title) {
            title if title.is_empty() => without_group_label(&raw),
            title => format!("{title} {}", without_group_label(&raw)),
        };
        match texts.last_mut() {
            Some((previous, previous_lines)) if ends_mid_name(previous) => {
                previous.push(' ');
                previous.push_str(&text);
                *previous_lines = previous_lines.join(lines);
            }
            _ if is_list_line(&text) => texts.push((text, lines)),
            _ => break,
        }
    }
    // "Graham Bell-North West Dumfries": where most lines carry a ward or
    // council glued on by a hyphen, every line does.
    let glued = texts.iter().filter(|(t, _)| ward_cut(t).is_some()).count();
    if texts.len() >= 3 && glued * 2 > texts.len() {
        for (text, _) in &mut texts {
            if let Some(cut) = ward_cut(text) {
                text.truncate(cut);
            }
        }
    }
    texts
        .into_iter()
        .flat_map(|(text, lines)| {
            let names = if let Some(names) = surname_first_list(&text) {
                names
                    .into_iter()
                    .map(|name| ListedName {
                        name,
                        notes: Vec::new(),
                    })
                    .collect()
            } else {
                names_of_line(&text).unwrap_or_else(|| {
                    split_name_list(&text)
                        .into_iter()
                        .filter(|n| looks_like_name(&n.name))
                        .collect()
                })
            };
            names.into_iter().map(move |n| (n, lines))
        })
        .collect()
}

/// Whether a list line ends the list as a sentence does: its last name
/// after "and" or "&", then a full stop.
fn closes_list(text: &str) -> bool {
    let text = text.trim_end();
    let last = text.rsplit(',').next().unwrap_or(text);
    text.ends_with('.') && (last.contains(" and ") || last.contains(" & "))
}

/// A row's first cell that labels the people after it as other than
/// members ("By Invitation", "Attending", "In Attendance").
static ROW_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by\s+invitation|attending|in\s+attendance|also\s+(?:present|attending)|officers?(?:\s+present)?|apologies)\s*:?$")
        .expect("valid regex")
});

/// A row of a table flattened with " / " between its cells, as tabs; other
/// lines as they are.
fn slashed_cells(text: &str) -> String {
    let trimmed = text.trim();
    if !(trimmed.contains(" / ") || trimmed.starts_with('/') || trimmed.ends_with('/')) {
        return text.to_owned();
    }
    trimmed
        .split(" / ")
        .map(|cell| cell.trim().trim_matches('/').trim())
        .filter(|cell| !cell.is_empty())
        .collect::<Vec<_>>()
        .join("\t")
}

/// True for a line that carries on a list of people: names (one or
/// several, with notes), names printed surname first, or names with a
/// ward glued on.
fn is_list_line(text: &str) -> bool {
    names_of_line(text).is_some()
        || surname_first_list(text).is_some()
        || ward_cut(text).is_some_and(|cut| names_of_line(&text[..cut]).is_some())
}

/// Where a ward or council glued to a name by a hyphen begins: after
/// ")-" ("Elaine Murray (Leader)-Nith"), or at the last hyphen after the
/// first word that has a letter before it and a capital after it ("Graham
/// Bell-North West Dumfries", "Ian Blake-Abbey", "Owen Price-Smith-Vale").
fn ward_cut(text: &str) -> Option<usize> {
    if let Some(at) = text.find(")-") {
        return Some(at + 1);
    }
    let first_space = text.find(' ')?;
    let at = text[first_space..].rfind('-')? + first_space;
    let before = text[..at].chars().next_back()?;
    let after = text[at + 1..].chars().next()?;
    (before.is_alphabetic() && after.is_uppercase()).then_some(at)
}

/// The title a group label alone on its line gives the names below it:
/// "Councillors:" and "Aldermen –" give the plural title, "MEMBERS" and
/// "Co-opted Members:" give nothing (but are still group labels).
fn group_label_only(text: &str) -> Option<String> {
    let label = text.trim().trim_end_matches([':', '-', '–']).trim();
    if label.is_empty() || label.len() == text.trim().len() && label.contains(' ') {
        return None;
    }
    let lower = label.to_lowercase();
    if is_plural_title(&lower) {
        return Some(label.to_owned());
    }
    let group = lower.split_whitespace().count() <= 3
        && (lower.ends_with("members") || lower.ends_with("member") || lower == "councillors");
    group.then(String::new)
}

/// A table's heading row under a label: tab-separated column names
/// ("Name<TAB>Organisation").
fn is_header_row(text: &str) -> bool {
    text.contains('\t')
        && text
            .split('\t')
            .all(|cell| cell.split_whitespace().count() <= 3 && !looks_like_name(cell))
}

/// True when a list line stops inside a name: after a title or an initial
/// ("Mr A Smith, Mrs B" then "Jones and ...").
fn ends_mid_name(text: &str) -> bool {
    text.split_whitespace().last().is_some_and(|w| {
        is_honorific(w) || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
    })
}

/// A list line without a leading group label: "Co-opted Members: C"
/// gives "C"; a plural title keeps its word so that it reaches each name
/// ("Councillors: A, B" gives "Councillors A, B"). Other labels are kept,
/// so the line is not read as names.
fn without_group_label(text: &str) -> String {
    const GROUPS: &[&str] = &[
        "councillor",
        "member",
        "co-opted",
        "coopted",
        "voting",
        "representative",
        "party",
        "group",
        "conservative",
        "labour",
        "liberal",
        "green",
        "independent",
    ];
    // "Members appointed by Gwynedd Council Councillors A, B": the group,
    // then the names from their title on.
    if text.to_lowercase().starts_with("members appointed by") {
        let words: Vec<&str> = text.split_whitespace().collect();
        if let Some(at) = words
            .iter()
            .skip(3)
            .position(|w| is_honorific(w) || is_plural_title(w))
        {
            return words[at + 3..].join(" ");
        }
    }
    let labelled = text.split_once(':').or_else(|| {
        // "Aldermen – F Agnew, P Brett": a plural title before a dash.
        ROLE_DASH_LABEL
            .captures(text)
            .and_then(|c| Some((c.get(1)?.as_str(), c.get(2)?.as_str())))
    });
    match labelled {
        Some((label, rest)) if label.split_whitespace().count() <= 4 => {
            let lower = label.trim().to_lowercase();
            if is_plural_title(&lower) {
                format!("{} {}", label.trim(), rest.trim())
            } else if GROUPS.iter().any(|g| lower.contains(g)) {
                rest.trim().to_owned()
            } else {
                text.to_owned()
            }
        }
        _ => text.to_owned(),
    }
}

/// The names a line lists when it is a line of a list of people: its
/// first piece is a name and every other piece a name or a description of
/// the one before ("Chris Dale, Chamber of Commerce").
pub(super) fn names_of_line(text: &str) -> Option<Vec<ListedName>> {
    if is_attendance_label(text) || text.ends_with(':') {
        return None;
    }
    // A table's row: the name in its first cell; later cells name people
    // only where they print a title, else they give an organisation or role.
    let mut cells = text.split('\t').map(str::trim).filter(|c| !c.is_empty());
    let mut names = names_of_cell(cells.next()?)?;
    for cell in cells.filter(|c| starts_with_honorific(c)) {
        names.extend(names_of_cell(cell)?);
    }
    Some(names)
}

/// The names in one cell of a list line, as [`names_of_line`].
fn names_of_cell(text: &str) -> Option<Vec<ListedName>> {
    let mut pieces = split_name_list(text);
    // A name cut by the line's end is checked once joined.
    let cut = ends_mid_name(text);
    if cut {
        pieces.pop();
    }
    let first_is_name = pieces.first().map_or(cut, |p| looks_like_name(&p.name));
    let all_read = pieces
        .iter()
        .all(|p| looks_like_name(&p.name) || is_description(&p.name));
    (first_is_name && all_read).then(|| {
        pieces
            .into_iter()
            .filter(|p| looks_like_name(&p.name))
            .collect()
    })
}

/// A role or organisation printed beside a name: capitalised words, small
/// words between ("Director of Public Health", "Anyshire Council").
fn is_description(text: &str) -> bool {
    const SMALL: &[&str] = &["of", "for", "and", "the", "in", "on", "at", "to", "&"];
    !text.is_empty()
        && !text.ends_with('.')
        && text.split_whitespace().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || SMALL.contains(&w)
        })
}

/// The rows of an apologies and substitutes table, flattened to "A / B"
/// (or one cell, "A", where nobody came in A's place), up to the first row
/// that does not name people.
fn read_apology_table(doc: &Document, rows: Range<usize>, attendance: &mut Attendance) {
    for i in rows.filter(|&i| !doc.lines[i].is_blank()) {
        let row = doc.text(i).replace('\t', " / ");
        let mut cells = row.split(" / ").map(str::trim);
        let member = cells
            .next()
            .and_then(|c| split_name_list(c).into_iter().next());
        let Some(member) = member.filter(|m| looks_like_name(&m.name)) else {
            break;
        };
        attendance.add_apology(&member.name);
        let substitute = cells
            .next()
            .and_then(|c| split_name_list(c).into_iter().next());
        if let Some(substitute) = substitute.filter(|s| looks_like_name(&s.name)) {
            attendance.add_substitution(&substitute.name, &member.name, doc.source_of(i..i + 1));
        }
    }
}

/// "Apologies were received from A, B and C." and its family.
fn read_apologies(sentence: &str, lines: Lines, attendance: &mut Attendance) {
    let Some(list) = APOLOGIES.captures(sentence).and_then(|c| c.get(1)) else {
        return;
    };
    let list = list.as_str();
    let list = list.split(", who ").next().unwrap_or(list);
    let listed = split_name_list(list)
        .into_iter()
        .filter(|n| looks_like_name(&n.name))
        .map(|n| (n, lines))
        .collect();
    read_apology_list(listed, attendance);
}

/// Records a list of apologies. A note naming a substitute ("Councillor
/// Dee Ellis substituting") records the substitution; a name noted as
/// substituting for another ("Mr A (substitute for Mr B)") is a substitute,
/// not an apology.
fn read_apology_list(listed: Vec<(ListedName, Lines)>, attendance: &mut Attendance) {
    for (listed, lines) in listed {
        let mut is_substitute = false;
        for note in &listed.notes {
            if let Some(replaced) = SUBSTITUTE_NOTE.captures(note).and_then(|c| c.get(1)) {
                attendance.add_substitution(&listed.name, replaced.as_str().trim(), lines);
                is_substitute = true;
            } else if let Some(caps) = SUBSTITUTED_BY_NOTE.captures(note) {
                let substitute = caps.name("a").or(caps.name("b")).or(caps.name("c"));
                if let Some(substitute) = substitute {
                    attendance.add_substitution(substitute.as_str().trim(), &listed.name, lines);
                }
            }
        }
        if !is_substitute {
            attendance.add_apology(&listed.name);
        }
    }
}

/// "John Taylor attended for Sally Ellison, Richard Hancox for Lesley
/// Murphy and ...", "Mr X was present as a substitute for Mr Y".
fn read_substitution_prose(sentence: &str, lines: Lines, attendance: &mut Attendance) {
    if !SUBSTITUTION_WORDS.is_match(sentence) {
        return;
    }
    let sentence = sentence.trim_end_matches(['.', ';']);
    if let Some((name, replaced)) = substituted_by(sentence) {
        attendance.add_substitution(&name, &replaced, lines);
        return;
    }
    for clause in split_list(sentence) {
        let Some(caps) = SUBSTITUTION_CLAUSE.captures(clause) else {
            continue;
        };
        let (Some(name), Some(replaced)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let (name, replaced) = (name.as_str().trim(), replaced.as_str().trim());
        if looks_like_name(name) && looks_like_name(replaced) {
            attendance.add_substitution(name, replaced, lines);
        }
    }
}
