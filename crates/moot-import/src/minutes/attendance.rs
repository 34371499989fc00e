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
use crate::names::{looks_like_name, same_person, sentences, split_list, split_name_list};
use moot_domain::{Lines, Substitution};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static PRESENT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:members|councillors|those)\s+)?present\b\s*[:\-–]?\s*(.*)$")
        .expect("valid regex")
});
static SUBSTITUTE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:as\s+)?(?:a\s+)?(?:substitute|substituting|sub|deputy|deputising|deputizing|attending|in place)\s*(?:for|of)\s+(.+)$")
        .expect("valid regex")
});
static SUBSTITUTED_BY_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:substituted|replaced|represented)\s+by\s+(.+)$|^(.+?)\s+(?:substituting|deputising|deputizing|attending as (?:a )?substitute)$")
        .expect("valid regex")
});
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bapolog(?:y|ies)\b(?:\s+for\s+(?:absence|lateness))?(?:\s+(?:were|was|had|have|has)(?:\s+been)?\s+(?:\w+\s+)?(?:received|submitted|given|tendered|reported|noted|made|sent|presented|conveyed|offered))?\s*(?:from|by|on behalf of|:|-|–)\s+(.+)$")
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

/// The "Present" list: after the label on its line and on the name-list
/// lines that follow it (a bare "Minutes" heading between is skipped), up
/// to the next label ("IN ATTENDANCE:", "Also attended:", "Officers:").
fn read_present_list(doc: &Document, opening: Range<usize>, attendance: &mut Attendance) {
    let Some((label, inline)) = opening.clone().find_map(|i| {
        let caps = PRESENT_LABEL.captures(doc.text(i))?;
        Some((i, caps.get(1).map_or("", |m| m.as_str())))
    }) else {
        return;
    };
    let continuation = (label + 1..opening.end)
        .filter(|&i| !doc.lines[i].is_blank() && !doc.text(i).eq_ignore_ascii_case("minutes"))
        .take_while(|&i| is_name_list(doc.text(i)))
        .map(|i| (doc.text(i), doc.source_of(i..i + 1)));
    let texts = std::iter::once((inline, doc.source_of(label..label + 1))).chain(continuation);
    for (text, lines) in texts {
        for listed in split_name_list(text) {
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

/// True when every piece of a line is a name: a continuation of a list.
fn is_name_list(text: &str) -> bool {
    !is_attendance_label(text) && !text.ends_with(':') && {
        let names = split_name_list(text);
        !names.is_empty() && names.iter().all(|n| looks_like_name(&n.name))
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
                if let Some(substitute) = caps.get(1).or(caps.get(2)) {
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
