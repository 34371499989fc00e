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
//! "Apologies: ...". Officers ("IN ATTENDANCE", "Also attended", "ALSO
//! PRESENT") are not members present and are not read.

use super::opening::is_attendance_label;
use crate::document::Document;
use crate::names::{
    is_honorific, is_plural_title, looks_like_name, same_person, sentences, split_list,
    split_name_list,
};
use moot_domain::{Lines, Substitution};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static PRESENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<before>(?:[\w-]+\s+){0,2})present\b\s*[:\-–]?\s*(?P<list>.*)$")
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
/// apologies and substitutes from the opening and the prose lines `prose`
/// (the bodies of minutes about apologies and substitutes).
pub fn read(doc: &Document, opening: Range<usize>, prose: &[Range<usize>]) -> Attendance {
    let mut attendance = Attendance::default();
    read_present_list(doc, opening.clone(), &mut attendance);
    let mut no_other_apologies = false;
    for range in std::iter::once(opening).chain(prose.iter().cloned()) {
        for i in range {
            let text = doc.text(i);
            let lines = doc.source_of(i..i + 1);
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

/// Words before "present" that make it a label for others than members:
/// "Also present", "Officers present".
const NOT_MEMBERS: &[&str] = &["also", "officer", "officers", "other", "others", "not"];

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

/// The "Present" list: after the label on its line and on the name-list
/// lines that follow it (a bare "Minutes" heading between is skipped), up
/// to the next label ("IN ATTENDANCE:", "Also attended:", "Officers:").
/// Group labels inside the list ("Councillors:", "Co-opted Members:") are
/// dropped, and a name wrapped over two lines is joined.
fn read_present_list(doc: &Document, opening: Range<usize>, attendance: &mut Attendance) {
    let Some((label, inline)) = present_label(doc, opening.clone()) else {
        return;
    };
    let mut texts = vec![(without_group_label(inline), doc.source_of(label..label + 1))];
    let following = (label + 1..opening.end)
        .filter(|&i| !doc.lines[i].is_blank() && !doc.text(i).eq_ignore_ascii_case("minutes"));
    for i in following {
        let (text, lines) = (without_group_label(doc.text(i)), doc.source_of(i..i + 1));
        match texts.last_mut() {
            Some((previous, previous_lines)) if ends_mid_name(previous) => {
                previous.push(' ');
                previous.push_str(&text);
                *previous_lines = previous_lines.join(lines);
            }
            _ if is_name_list(&text) => texts.push((text, lines)),
            _ => break,
        }
    }
    for (text, lines) in texts {
        for listed in split_name_list(&text) {
            if !looks_like_name(&listed.name) {
                continue;
            }
            attendance.add_present(&listed.name);
            for note in &listed.notes {
                if let Some(replaced) = SUBSTITUTE_NOTE.captures(note).and_then(|c| c.get(1)) {
                    attendance.add_substitution(&listed.name, replaced.as_str().trim(), lines);
                }
            }
        }
    }
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

/// True when every piece of a line is a name: a continuation of a list.
fn is_name_list(text: &str) -> bool {
    !is_attendance_label(text) && !text.ends_with(':') && {
        let names = split_name_list(text);
        // A name cut by the line's end is checked once joined.
        let complete = if ends_mid_name(text) {
            names.len().saturating_sub(1)
        } else {
            names.len()
        };
        !names.is_empty()
            && names
                .iter()
                .take(complete)
                .all(|n| looks_like_name(&n.name))
    }
}

/// "Apologies were received from A, B and C." and its family.
fn read_apologies(sentence: &str, lines: Lines, attendance: &mut Attendance) {
    let Some(list) = APOLOGIES.captures(sentence).and_then(|c| c.get(1)) else {
        return;
    };
    let list = list.as_str();
    let list = list.split(", who ").next().unwrap_or(list);
    for listed in split_name_list(list) {
        if !looks_like_name(&listed.name) {
            continue;
        }
        attendance.add_apology(&listed.name);
        for note in &listed.notes {
            if let Some(caps) = SUBSTITUTED_BY_NOTE.captures(note) {
                let substitute = caps.name("a").or(caps.name("b")).or(caps.name("c"));
                if let Some(substitute) = substitute {
                    attendance.add_substitution(substitute.as_str().trim(), &listed.name, lines);
                }
            }
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
