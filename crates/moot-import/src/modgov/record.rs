//! The minutes a meeting page carries under its items: who was present,
//! who sent apologies and who substituted for whom (from the apologies
//! item, "Present:" lines or the attendance table), the declared interests
//! (sentences or a Name / Type / Nature table), and which items record a
//! decision.

use super::items::Item;
use super::people::{
    first_sentence, has_honorific, is_person, split_people, substitution_in_note, TITLED_NAME,
};
use crate::document::Document;
use crate::minutes::is_resolution;
use crate::names::{collapse, same_person};
use moot_domain::{Declaration, Lines, Meeting, MinuteItem, Minutes, Substitution};
use regex::Regex;
use std::sync::LazyLock;

/// Attendance as the page records it.
#[derive(Default)]
struct Attendance {
    present: Vec<String>,
    apologies: Vec<String>,
    substitutes: Vec<Substitution>,
}

impl Attendance {
    fn add_present(&mut self, name: String) {
        if !self.present.iter().any(|p| same_person(p, &name)) {
            self.present.push(name);
        }
    }

    fn add_apology(&mut self, name: String) {
        if !self.apologies.iter().any(|p| same_person(p, &name)) {
            self.apologies.push(name);
        }
    }

    fn add_substitute(&mut self, name: String, for_member: String, lines: Lines) {
        let known = self
            .substitutes
            .iter()
            .any(|s| same_person(&s.name, &name) && same_person(&s.for_member, &for_member));
        if !known {
            self.substitutes.push(Substitution {
                name,
                for_member,
                lines,
            });
        }
    }

    /// Substitutes count as present.
    fn finish(mut self) -> Self {
        let names: Vec<String> = self.substitutes.iter().map(|s| s.name.clone()).collect();
        names.into_iter().for_each(|n| self.add_present(n));
        self
    }
}

/// The minutes of the meeting, when any item has a "Minutes:" or
/// "Decision:" section. Every numbered item of a minuted meeting is a
/// minute (its number is the minute number), with or without text.
pub(super) fn minutes(
    doc: &Document,
    meeting: &Meeting,
    items: &[Item],
    after_items: usize,
) -> Option<Minutes> {
    if !items.iter().any(|item| item.minuted) {
        return None;
    }
    let mut attendance = Attendance::default();
    let mut declarations = Vec::new();
    for item in items {
        // "The following apologies were noted:", then one name a paragraph.
        let mut listing_apologies = false;
        for (index, text) in &item.record {
            if listing_apologies {
                let people = split_people(text);
                if !people.is_empty() {
                    people
                        .into_iter()
                        .for_each(|p| attendance.add_apology(p.name));
                    continue;
                }
            }
            read_attendance(text, doc.source_of(*index..index + 1), &mut attendance);
            let lower = text.to_lowercase();
            listing_apologies = lower.contains("apolog")
                && !lower.contains("lateness")
                && text.trim_end().ends_with(':');
        }
        declarations.extend(item_declarations(doc, item));
    }
    read_attendance_block(doc, after_items, &mut attendance);
    let attendance = attendance.finish();
    let first = items.first().map_or(0, |i| i.number_line);
    let last = items.last().map_or(first + 1, |i| i.end);
    Some(Minutes {
        body: meeting.body.clone(),
        date: meeting.date,
        present: attendance.present,
        substitutes: attendance.substitutes,
        apologies: attendance.apologies,
        declarations,
        items: items.iter().map(|item| minute_item(doc, item)).collect(),
        lines: doc.source_of(first..last),
    })
}

fn minute_item(doc: &Document, item: &Item) -> MinuteItem {
    let resolutions: Vec<String> = item
        .record
        .iter()
        .filter(|(_, text)| is_resolution(text))
        .map(|(_, text)| text.clone())
        .collect();
    MinuteItem {
        number: Some(item.number.clone()).filter(|n| !n.is_empty()),
        title: item.title.clone(),
        agenda_ref: None,
        resolved: item.decided || !resolutions.is_empty(),
        resolutions,
        exempt: item.exempt,
        lines: doc.source_of(item.number_line..item.end),
    }
}

/// Reads apologies, substitutes and "Present:" lists from one paragraph.
fn read_attendance(text: &str, lines: Lines, attendance: &mut Attendance) {
    static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bapolog(?:y|ies)(?:\s+for\s+absence)?\s+(?:(?:were|was|had\s+been|have\s+been|has\s+been)\s+)?(?:received|submitted|given|tendered|reported|noted|sent|made)\s*(?:(?:from|by|on\s+behalf\s+of)(?:\s+the\s+following(?:\s+members)?)?|:)\s*:?|^apolog(?:y|ies)(?:\s+for\s+absence)?\s*[:\-–]")
            .expect("valid regex")
    });
    static PRESENT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(?:members\s+)?present\s*[:\-–]").expect("valid regex"));
    static SUBSTITUTES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^substitutes?(?:\s+present)?\s*[:\-–]").expect("valid regex")
    });
    static SENT_APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"((?:{TITLED_NAME})(?:\s*(?:,|and|&)\s*(?:{TITLED_NAME}))*)\s+(?:sent|gave|tendered|had\s+sent|submitted)\s+(?:(?:his|her|their)\s+)?apolog"
        ))
        .expect("valid regex")
    });
    // Cheap word checks first: most paragraphs are neither.
    let lower = text.to_lowercase();
    let mentions_apologies = lower.contains("apolog");
    let mut apologies = Vec::new();
    let substituted = crate::names::substituted_by(first_sentence(text));
    if let Some((name, replaced)) = substituted.clone() {
        attendance.add_substitute(name, replaced, lines);
    }
    if let Some(m) = APOLOGIES.find(text).filter(|_| mentions_apologies) {
        let list = first_sentence(text.get(m.end()..).unwrap_or(""));
        // "… from B who was substituted for by A": the list ends at "who".
        let list = match substituted {
            Some(_) => list.split(" who ").next().unwrap_or(list),
            None => list,
        };
        for entry in split_people(list) {
            for note in &entry.notes {
                if let Some((name, for_member)) = substitution_in_note(&entry.name, note) {
                    attendance.add_substitute(name, for_member, lines);
                }
            }
            apologies.push(entry.name.clone());
            attendance.add_apology(entry.name);
        }
    }
    let sent = mentions_apologies.then(|| SENT_APOLOGIES.captures_iter(text));
    for c in sent.into_iter().flatten() {
        let names = c.get(1).map_or("", |m| m.as_str());
        split_people(names)
            .into_iter()
            .for_each(|e| attendance.add_apology(e.name));
    }
    if let Some(m) = PRESENT.find(text).or_else(|| SUBSTITUTES.find(text)) {
        for entry in split_people(text.get(m.end()..).unwrap_or("")) {
            for note in &entry.notes {
                if let Some((name, for_member)) = substitution_in_note(&entry.name, note) {
                    attendance.add_substitute(name, for_member, lines);
                }
            }
            attendance.add_present(entry.name);
        }
    }
    const SUBSTITUTE_WORDS: [&str; 6] = [
        "substitut",
        "deputis",
        "in place of",
        "on behalf of",
        "replaced",
        "represented",
    ];
    if SUBSTITUTE_WORDS.iter().any(|w| lower.contains(w)) {
        read_substitution_sentences(text, lines, attendance);
        read_lone_substitutes(text, lines, &apologies, attendance);
    }
}

/// "Councillor E Lowe attended as a substitute." without saying for whom:
/// paired with the one member whose apologies the same paragraph gives,
/// otherwise only counted as present.
fn read_lone_substitutes(
    text: &str,
    lines: Lines,
    apologies: &[String],
    attendance: &mut Attendance,
) {
    static LONE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"({TITLED_NAME})\s+(?:attended|was\s+present)\s+as\s+(?:a\s+|the\s+)?substitute\s*(?:[.;]|$)"
        ))
        .expect("valid regex")
    });
    for c in LONE.captures_iter(text) {
        let Some(name) = c.get(1).map(|m| m.as_str().to_owned()) else {
            continue;
        };
        match apologies {
            [member] => attendance.add_substitute(name, member.clone(), lines),
            _ => attendance.add_present(name),
        }
    }
}

/// "Councillor A attended as substitute for Councillor B", "Councillor B
/// was substituted by Councillor A".
fn read_substitution_sentences(text: &str, lines: Lines, attendance: &mut Attendance) {
    static FOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"({TITLED_NAME})\s+(?:attended|was\s+present|was\s+in\s+attendance|substituted|was\s+substituting|deputised)(?:\s+the\s+meeting)?\s+(?:as\s+(?:a\s+|the\s+)?(?:substitute|deputy)\s+)?(?:for|in\s+place\s+of|on\s+behalf\s+of)\s+({TITLED_NAME})"
        ))
        .expect("valid regex")
    });
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"({TITLED_NAME})\s+(?:was\s+)?(?:substituted|replaced|represented)\s+by\s+({TITLED_NAME})"
        ))
        .expect("valid regex")
    });
    for c in FOR.captures_iter(text) {
        if let (Some(name), Some(member)) = (c.get(1), c.get(2)) {
            attendance.add_substitute(name.as_str().to_owned(), member.as_str().to_owned(), lines);
        }
    }
    for c in BY.captures_iter(text) {
        if let (Some(member), Some(name)) = (c.get(1), c.get(2)) {
            attendance.add_substitute(name.as_str().to_owned(), member.as_str().to_owned(), lines);
        }
    }
}

/// The attendance table a page may carry after its items ("Attendance
/// details"): rows of a name, a role and a status such as "Present",
/// "Apologies" or "Present as substitute", in tab cells or one cell a line.
fn read_attendance_block(doc: &Document, from: usize, attendance: &mut Attendance) {
    static STATUS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(present(?:\s+as\s+(?:a\s+)?substitute)?|apologies(?:,?\s+sent\s+(?:a\s+)?(?:substitute|representative))?|absent|expected|in\s+attendance|also\s+present|virtual|remote)$")
            .expect("valid regex")
    });
    let Some(start) = (from..doc.len()).find(|&i| {
        let t = doc.text(i).to_lowercase();
        t == "attendance details" || t == "attendance" || t == "meeting attendance"
    }) else {
        return;
    };
    let mut name: Option<String> = None;
    for i in start + 1..doc.len() {
        let lines = doc.source_of(i..i + 1);
        for cell in doc.text(i).split('\t').map(str::trim) {
            if has_honorific(cell) && is_person(cell) {
                name = Some(collapse(cell));
                continue;
            }
            let (Some(status), Some(who)) = (STATUS.captures(cell), name.as_ref()) else {
                read_attendance(cell, lines, attendance);
                continue;
            };
            let status = status
                .get(1)
                .map_or(String::new(), |m| m.as_str().to_lowercase());
            if status.starts_with("present") {
                attendance.add_present(who.clone());
            } else if status.starts_with("apologies") {
                attendance.add_apology(who.clone());
            }
            name = None;
        }
    }
}

/// The interests declared under an item: each row of a declarations table
/// (a name cell), and each "Councillor X declared ... interest" sentence.
/// An interest declared under an ordinary item concerns that item unless
/// it names another.
fn item_declarations(doc: &Document, item: &Item) -> Vec<Declaration> {
    static DECLARATIONS_ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)declar|disclos|interests?\b").expect("valid regex"));
    let is_declarations_item = DECLARATIONS_ITEM.is_match(&item.title);
    let default_item =
        (!is_declarations_item && !item.number.is_empty()).then(|| item.number.clone());
    let mut found = Vec::new();
    for (k, (index, text)) in item.record.iter().enumerate() {
        let lines = doc.source_of(*index..index + 1);
        let (first, rest) = name_cell(text);
        if is_declarations_item && has_honorific(first) && is_person(first) {
            let row: Vec<&str> = std::iter::once(rest)
                .chain(
                    item.record
                        .iter()
                        .skip(k + 1)
                        .take(3)
                        .map(|(_, t)| t.as_str())
                        .take_while(|t| {
                            let (name, _) = name_cell(t);
                            !(has_honorific(name) && is_person(name))
                        }),
                )
                .collect();
            found.push(Declaration {
                name: collapse(first),
                item: row.iter().find_map(|t| item_reference(t)),
                text: collapse(&row.join(" ")),
                lines,
            });
            continue;
        }
        found.extend(declaration_sentences(text, lines, default_item.as_deref()));
    }
    found
}

/// A row's first cell and the rest: cells split by tabs, or a name set off
/// by a dash, colon or comma ("Councillor A Patel – Item 7 – governor").
fn name_cell(text: &str) -> (&str, &str) {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\t|\s[-–—]\s|:|,").expect("valid regex"));
    match SEPARATOR.find(text) {
        Some(m) => (
            text.get(..m.start()).unwrap_or("").trim(),
            text.get(m.end()..).unwrap_or("").trim(),
        ),
        None => (text.trim(), ""),
    }
}

/// "Councillor A Patel declared a personal interest in item 7 as ...";
/// "Councillors Lee and Moss declared ...".
fn declaration_sentences(text: &str, lines: Lines, default_item: Option<&str>) -> Vec<Declaration> {
    static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"((?:{TITLED_NAME})(?:\s*(?:,|and|&)\s*(?:{TITLED_NAME}|(?:\p{{Lu}}\.?\s+){{0,3}}\p{{Lu}}[\p{{L}}'’\-]+))*)\s+(?:declared|declares|disclosed|registered|made\s+(?:a\s+)?declarations?)\b"
        ))
        .expect("valid regex")
    });
    let lower = text.to_lowercase();
    if !["declar", "disclos", "registered"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    for c in DECLARED.captures_iter(text) {
        let (Some(whole), Some(names)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let rest = first_sentence(text.get(whole.end()..).unwrap_or(""));
        let item = item_reference(rest).or_else(|| default_item.map(str::to_owned));
        for entry in split_people(names.as_str()) {
            found.push(Declaration {
                name: entry.name,
                item: item.clone(),
                text: collapse(&format!("{} {}", whole.as_str(), rest)),
                lines,
            });
        }
    }
    found
}

/// The item a declaration names: "item 7", "agenda item 12a", "minute 45".
fn item_reference(text: &str) -> Option<String> {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:agenda\s+)?(?:item|minute)s?\s+(?:no\.?\s*)?(\p{Lu}{0,3}\d+[a-z]?(?:[./]\d+)?)")
            .expect("valid regex")
    });
    let found = ITEM.captures(text)?.get(1)?.as_str();
    Some(found.trim_end_matches('.').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attendance(text: &str) -> Attendance {
        let mut a = Attendance::default();
        read_attendance(text, Lines::one(1), &mut a);
        a.finish()
    }

    #[test]
    fn apologies_with_bracketed_substitutes() {
        let a = attendance("Apologies for absence were received from Mr T Grey (Mrs P Lake attended as substitute), Dr K Moss and Ms B Rowe, Healthwatch.");
        assert_eq!(a.apologies, ["Mr T Grey", "Dr K Moss", "Ms B Rowe"]);
        assert_eq!(a.substitutes[0].name, "Mrs P Lake");
        assert_eq!(a.present, ["Mrs P Lake"]);
    }

    #[test]
    fn substitution_sentences_either_way_round() {
        let a = attendance("Councillor R Shah attended as substitute for Councillor M Dunn. Councillor T Cole was substituted by Councillor L Ames.");
        let pairs: Vec<(String, String)> = a
            .substitutes
            .iter()
            .map(|s| (s.name.clone(), s.for_member.clone()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Councillor R Shah".into(), "Councillor M Dunn".into()),
                ("Councillor L Ames".into(), "Councillor T Cole".into())
            ]
        );
    }

    #[test]
    fn declarations_name_their_item() {
        let d = declaration_sentences(
            "Councillor A Patel declared a personal interest in Item 7 as a governor.",
            Lines::one(1),
            None,
        );
        assert_eq!(d[0].name, "Councillor A Patel");
        assert_eq!(d[0].item.as_deref(), Some("7"));
    }

    #[test]
    fn resolution_wordings() {
        for t in [
            "RESOLVED that the report be noted.",
            "AGREED: to defer",
            "The minutes were approved as a correct record.",
            "It was agreed that the panel would visit.",
        ] {
            assert!(is_resolution(t), "{t}");
        }
        assert!(!is_resolution("to consider and agree its work programme"));
    }
}
