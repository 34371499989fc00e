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
    split_name_list, starts_with_honorific, ListedName,
};
use moot_domain::{Lines, Substitution};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static PRESENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<before>(?:[\w-]+\s+){0,2})(?:present|attendees|attendance)\b\s*[:\-–]?\s*(?P<list>.*)$")
        .expect("valid regex")
});
static APOLOGIES_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^apolog(?:y|ies)\b(?:\s+for\s+absence)?(?:\s+(?:were\s+)?(?:received|noted|given|submitted|tendered))?(?:\s+from)?\s*(?:[:\-–]\s*(?P<list>.*))?$")
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
    Regex::new(r"(?i)\bapolog(?:y|ies)\b(?:\s+for\s+absence)?(?:\s+(?:were|was|had|have|has)(?:\s+been)?\s+(?:\w+\s+)?(?:received|submitted|given|tendered|reported|noted|made|sent|presented|conveyed|offered))?\s*(?:from|by|on behalf of|:|-|–)\s+(.+)$")
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
}

impl Attendance {
    fn add_present(&mut self, name: &str) {
        if !self.present.iter().any(|p| same_person(p, name)) {
            self.present.push(name.to_owned());
        }
    }

    fn add_apology(&mut self, name: &str) {
        if !self.apologies.iter().any(|p| same_person(p, name)) {
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
    for minute in &about_attendance {
        if minute.title.to_lowercase().contains("apolog") {
            // The names printed under the heading, one or more to a line.
            let heading_end = minute.body.start.saturating_sub(1);
            let listed = listed_after(doc, heading_end, "", minute.body.end);
            read_apology_list(listed, &mut attendance);
        }
    }
    let mut no_other_apologies = false;
    let prose = about_attendance.iter().map(|m| m.body.clone());
    for range in std::iter::once(opening).chain(prose) {
        for i in range.clone() {
            let text = doc.text(i);
            let lines = doc.source_of(i..i + 1);
            if let Some(caps) = APOLOGIES_LABEL.captures(text) {
                let inline = caps.name("list").map_or("", |m| m.as_str());
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

/// The "Present" list's label line among `opening`, with the list text
/// printed after the label.
fn present_label(doc: &Document, opening: Range<usize>) -> Option<(usize, &str)> {
    opening.clone().find_map(|i| {
        let caps = PRESENT_LABEL.captures(doc.text(i))?;
        let before = caps
            .name("before")
            .map_or("", |m| m.as_str())
            .to_lowercase();
        let for_others = before.split_whitespace().any(|w| NOT_MEMBERS.contains(&w));
        (!for_others).then(|| (i, caps.name("list").map_or("", |m| m.as_str())))
    })
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
    let Some((label, inline)) =
        present_label(doc, opening.clone()).or_else(|| unlabelled_list(doc, opening.clone()))
    else {
        return;
    };
    for (listed, lines) in listed_after(doc, label, inline, opening.end) {
        attendance.add_present(&listed.name);
        for note in &listed.notes {
            if let Some(replaced) = SUBSTITUTE_NOTE.captures(note).and_then(|c| c.get(1)) {
                attendance.add_substitution(&listed.name, replaced.as_str().trim(), lines);
            }
        }
    }
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
    let following = (label + 1..end)
        .filter(|&i| !doc.lines[i].is_blank() && !doc.text(i).eq_ignore_ascii_case("minutes"));
    for (n, i) in following.enumerate() {
        if n == 0 && inline.is_empty() && is_header_row(doc.text(i)) {
            continue;
        }
        let (text, lines) = (without_group_label(doc.text(i)), doc.source_of(i..i + 1));
        match texts.last_mut() {
            Some((previous, previous_lines)) if ends_mid_name(previous) => {
                previous.push(' ');
                previous.push_str(&text);
                *previous_lines = previous_lines.join(lines);
            }
            _ if names_of_line(&text).is_some() => texts.push((text, lines)),
            _ => break,
        }
    }
    texts
        .into_iter()
        .flat_map(|(text, lines)| {
            names_of_line(&text)
                .unwrap_or_else(|| {
                    split_name_list(&text)
                        .into_iter()
                        .filter(|n| looks_like_name(&n.name))
                        .collect()
                })
                .into_iter()
                .map(move |n| (n, lines))
        })
        .collect()
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
    match text.split_once(':') {
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
