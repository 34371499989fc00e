//! The body's membership as the agenda lists it.
//!
//! Councils print the membership in one of a few layouts, all under a
//! heading ("Membership (14)", "Members:", "Voting Members", "HWB
//! Membership"):
//!
//! - lists grouped by party ("Conservative (8): Mrs A Allen (Chairman),
//!   Mr B Brown and Mrs C Cole"), wrapping freely over lines;
//! - a plain list ("Councillors A Smith (Chair), B Jones, C Brown");
//! - tab tables pairing a post with a name ("Cabinet Member for Adult Social
//!   Care ⇥ Sheila Blagg"), in either order, possibly with a party column;
//! - columns flattened by PDF conversion: a heading ("Clinical Lead") over a
//!   block of names, beside a block of organisations of the same length,
//!   which pairs row by row.
//!
//! Group headings ("Voting Members", "Associate Members") set
//! [`Member::voting`]. The section ends at the first line that is none of
//! these (a sentence, the agenda, a substitutes list).

use crate::document::Document;
use crate::meeting::front_range;
use crate::split::Part;
use moot_domain::{Diagnostic, Lines, Member};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Reads the membership from the front matter.
pub fn parse(doc: &Document, parts: &[Part], _diagnostics: &mut Vec<Diagnostic>) -> Vec<Member> {
    let front = front_range(doc, parts);
    let mut members = Vec::new();
    let mut i = front.start;
    while i < front.end && members.is_empty() {
        match group_heading(doc.text(i)) {
            Some(heading) => {
                let mut reader = Section::new(heading.voting);
                i = reader.read(doc, i, front.end).max(i + 1);
                members = reader.members;
            }
            None => i += 1,
        }
    }
    members
}

/// A heading that opens (part of) a membership list.
struct GroupHeading<'a> {
    /// What "Voting"/"Associate" says about the members under it.
    voting: Option<bool>,
    /// A list printed after the heading's colon, on the same line.
    rest: &'a str,
}

/// "Membership (14)", "Members:", "Voting Members", "Associate Members",
/// "Membership: Councillors A, B (Chair), C".
fn group_heading(text: &str) -> Option<GroupHeading<'_>> {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^((?:[\w'-]+\s+){0,3})(?:membership|members|councillors)\s*(?:\(\d+\))?\s*(?::\s*(.*))?$",
        )
        .expect("valid regex")
    });
    static NOT_VOTING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:associate|co-?opted|non-?voting|advisory|observer)\b")
            .expect("valid regex")
    });
    let c = HEADING.captures(text)?;
    let qualifier = c.get(1).map_or("", |m| m.as_str());
    if qualifier.to_ascii_lowercase().contains("substitute") || qualifier.contains("Public") {
        return None;
    }
    let voting = if NOT_VOTING.is_match(qualifier) {
        Some(false)
    } else if qualifier.to_ascii_lowercase().contains("voting") {
        Some(true)
    } else {
        None
    };
    Some(GroupHeading {
        voting,
        rest: c.get(2).map_or("", |m| m.as_str()),
    })
}

/// One membership section being read.
struct Section {
    members: Vec<Member>,
    voting: Option<bool>,
    /// Party of the list being read.
    party: Option<String>,
    /// Name-list text gathered across wrapped lines, and where it came from.
    pending: String,
    pending_lines: Option<Lines>,
    /// The tab-table column that held the last person.
    name_column: Option<usize>,
    /// A flattened column layout.
    columns: Columns,
}

impl Section {
    fn new(voting: Option<bool>) -> Section {
        Section {
            members: Vec::new(),
            voting,
            party: None,
            pending: String::new(),
            pending_lines: None,
            name_column: None,
            columns: Columns::default(),
        }
    }

    /// Reads from the heading at `start`; returns the index after the
    /// section.
    fn read(&mut self, doc: &Document, start: usize, end: usize) -> usize {
        if let Some(heading) = group_heading(doc.text(start)) {
            self.push_text(heading.rest, doc.source_of(start..start + 1));
        }
        let mut i = start + 1;
        while i < end {
            let text = doc.text(i);
            let source = doc.source_of(i..i + 1);
            if text.is_empty() {
                i += 1;
                continue;
            }
            if self.continues_pending(text) {
                self.push_text(text, source);
                i += 1;
                continue;
            }
            self.flush();
            if is_section_end(text) {
                break;
            }
            if let Some(heading) = group_heading(text) {
                self.voting = heading.voting.or(self.voting);
                self.party = None;
                self.push_text(heading.rest, source);
            } else if text.contains('\t') {
                self.table_row(text, source);
            } else if let Some((role, rest)) = role_line(text) {
                for piece in split_name_list(rest) {
                    let (name, _, party) = name_role_party(&piece);
                    if is_person(&name) {
                        self.push(name, Some(role.clone()), party, None, source);
                    }
                }
            } else if let Some((party, rest)) = party_line(text) {
                self.party = Some(party);
                self.push_text(rest, source);
            } else if is_name_list(text) {
                self.push_text(text, source);
            } else {
                let block_end = block_end(doc, i, end);
                if !self.column_block(doc, i..block_end) {
                    break;
                }
                i = block_end;
                continue;
            }
            i += 1;
        }
        self.flush();
        i
    }

    /// True when `text` carries on a list cut mid-name or mid-role
    /// ("(Vice-" then "Chairman), Mr R E Brookbank").
    fn continues_pending(&self, text: &str) -> bool {
        let open = self.pending.trim_end();
        if open.is_empty() || party_line(text).is_some() || group_heading(text).is_some() {
            return false;
        }
        let cut = open.ends_with([',', '-', '(']) || open.ends_with(" and");
        let bracket_open = open.matches('(').count() > open.matches(')').count();
        cut || bracket_open || starts_with_title(text)
    }

    fn push_text(&mut self, text: &str, source: Lines) {
        if text.trim().is_empty() {
            return;
        }
        let joined_word = self.pending.ends_with('-');
        if !self.pending.is_empty() && !joined_word {
            self.pending.push(' ');
        }
        self.pending.push_str(text.trim());
        self.pending_lines = Some(self.pending_lines.map_or(source, |l| l.join(source)));
    }

    /// Turns the gathered list text into members.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.pending);
        let Some(lines) = self.pending_lines.take() else {
            return;
        };
        for piece in split_name_list(&text) {
            let (name, role, party) = name_role_party(&piece);
            if is_person(&name) {
                self.push(
                    name,
                    role,
                    party.or_else(|| self.party.clone()),
                    None,
                    lines,
                );
            }
        }
    }

    fn push(
        &mut self,
        name: String,
        role: Option<String>,
        party: Option<String>,
        position: Option<String>,
        lines: Lines,
    ) {
        self.members.push(Member {
            name,
            role,
            party,
            position,
            voting: self.voting,
            lines,
        });
    }

    /// A tab table row: one cell is the person, a party cell is the party,
    /// the rest is the post. Header rows ("Name ⇥ Representing") and rows
    /// without a person are skipped.
    fn table_row(&mut self, text: &str, source: Lines) {
        let cells: Vec<&str> = text
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let Some(person) = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| is_person(&name_role_party(c).0))
            .max_by_key(|(n, c)| (person_score(c), Some(*n) == self.name_column, *n))
            .map(|(n, _)| n)
        else {
            return;
        };
        self.name_column = Some(person);
        let (name, role, mut party) = name_role_party(cells.get(person).copied().unwrap_or(""));
        let mut posts = Vec::new();
        for (n, cell) in cells.iter().enumerate() {
            if n == person {
                continue;
            }
            match party_name(cell) {
                Some(p) if party.is_none() => party = Some(p),
                _ => posts.push(*cell),
            }
        }
        let position = (!posts.is_empty()).then(|| posts.join(", "));
        self.push(name, role, party, position, source);
    }

    /// One block of a flattened column layout. Returns false when the
    /// block is not part of a membership list, which ends the section.
    fn column_block(&mut self, doc: &Document, block: Range<usize>) -> bool {
        let texts: Vec<&str> = block.clone().map(|i| doc.text(i)).collect();
        let people: Vec<(String, Option<String>)> = texts
            .iter()
            .map(|t| {
                let (name, role, _) = name_role_party(t);
                (name, role)
            })
            .collect();
        let all_people = people.iter().all(|(n, _)| is_person(n));
        if !all_people && texts.iter().any(|t| !is_short_label(t)) {
            return false;
        }
        let alternative = texts.last().is_some_and(|t| t.ends_with(" or"));
        let content = self.columns.expect_content || texts.len() > 1;
        if all_people && content {
            self.column_names(doc, block, people);
            self.columns.expect_content = alternative;
        } else if texts.len() == 1 {
            self.columns.heading = texts.first().map(|t| (*t).to_owned());
            self.columns.expect_content = true;
        } else {
            self.columns.labels = texts.iter().map(|t| (*t).to_owned()).collect();
            self.columns.expect_content = false;
            self.label_last_block();
        }
        true
    }

    /// Adds a block of names under the current column heading, paired row
    /// by row with the last organisation block when the lengths agree. A
    /// name repeated in the block (one officer for several rows) is one
    /// member.
    fn column_names(
        &mut self,
        doc: &Document,
        block: Range<usize>,
        people: Vec<(String, Option<String>)>,
    ) {
        let first_new = self.members.len();
        let mut rows = Vec::with_capacity(people.len());
        for ((name, role), i) in people.into_iter().zip(block) {
            let lines = doc.source_of(i..i + 1);
            let earlier = self
                .members
                .iter()
                .skip(first_new)
                .position(|m| m.name == name);
            if let Some(k) = earlier {
                if let Some(m) = self.members.get_mut(first_new + k) {
                    m.lines = m.lines.join(lines);
                }
                rows.push(first_new + k);
                continue;
            }
            rows.push(self.members.len());
            let heading = self.columns.heading.clone();
            self.push(name, role, None, heading, lines);
        }
        let paired = self.columns.labels.len() == rows.len();
        if paired {
            let labels = self.columns.labels.clone();
            self.apply_labels(&rows, &labels);
        }
        self.columns.last_rows = (!paired).then_some(rows);
    }

    /// Pairs an organisation block printed after its block of names.
    fn label_last_block(&mut self) {
        let Some(rows) = self.columns.last_rows.take() else {
            return;
        };
        if rows.len() == self.columns.labels.len() {
            let labels = std::mem::take(&mut self.columns.labels);
            self.apply_labels(&rows, &labels);
        }
    }

    /// Sets each member's position to "heading, label" (labels of several
    /// rows joined with "; ").
    fn apply_labels(&mut self, rows: &[usize], labels: &[String]) {
        let heading = self.columns.heading.clone();
        let mut done: Vec<usize> = Vec::new();
        for &member in rows {
            if done.contains(&member) {
                continue;
            }
            done.push(member);
            let own: Vec<&str> = rows
                .iter()
                .zip(labels)
                .filter(|(m, _)| **m == member)
                .map(|(_, l)| l.as_str())
                .collect();
            let label = own.join("; ");
            if let Some(m) = self.members.get_mut(member) {
                m.position = Some(match &heading {
                    Some(h) => format!("{h}, {label}"),
                    None => label,
                });
            }
        }
    }
}

/// State of a flattened column layout.
#[derive(Default)]
struct Columns {
    /// The heading above the next block ("Clinical Lead").
    heading: Option<String>,
    /// The last block of organisation lines not yet paired.
    labels: Vec<String>,
    /// Member index of each row of the last, unpaired block of names.
    last_rows: Option<Vec<usize>>,
    /// The block after a heading (or after "A or") holds its content.
    expect_content: bool,
}

/// The index after the block of consecutive non-blank lines at `start`.
fn block_end(doc: &Document, start: usize, end: usize) -> usize {
    (start..end)
        .find(|&i| doc.lines.get(i).is_none_or(|l| l.is_blank()))
        .unwrap_or(end)
}

/// Lines that end a membership section: sentences, the agenda, dates,
/// substitutes, numbered items.
fn is_section_end(text: &str) -> bool {
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:agenda\b|substitutes?\b|reserves?\b|items?\b|part\s+(?:[1-2ab]|i+)\b|unrestricted|exempt|notes?$|webcasting|[-•]?\s*[a-z]?\d{1,3}[.)]?\s)",
        )
        .expect("valid regex")
    });
    END.is_match(text) || (text.split_whitespace().count() > 14 && !text.contains(','))
}

/// "Chairman: Councillor A Smith", "Vice-Chair: …": a role label
/// before the person who holds it.
fn role_line(text: &str) -> Option<(String, &str)> {
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^((?:vice[- ]|deputy\s+)?chair(?:man|woman|person)?|convenor|convener|leader|deputy\s+leader)\s*:\s*(.+)$")
            .expect("valid regex")
    });
    let c = ROLE.captures(text)?;
    Some((c.get(1)?.as_str().to_owned(), c.get(2)?.as_str()))
}

/// "Conservative (8): names…", "UKIP (3) names…", "Labour: Councillors …":
/// a party heading with a count, or a known party name with a colon.
fn party_line(text: &str) -> Option<(String, &str)> {
    static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\p{Lu}[\p{L}&' -]{1,40}?)\s*\(\d+\)\s*:?\s*(.*)$").expect("valid regex")
    });
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\p{Lu}[\p{L}&' -]{1,40}?)\s*:\s*(.*)$").expect("valid regex")
    });
    if let Some(c) = COUNTED.captures(text) {
        let party = c.get(1).map_or("", |m| m.as_str()).trim();
        let heading = group_heading(party).is_some() || party.eq_ignore_ascii_case("membership");
        return (!heading).then(|| (party.to_owned(), c.get(2).map_or("", |m| m.as_str())));
    }
    let c = NAMED.captures(text)?;
    let party = party_name(c.get(1).map_or("", |m| m.as_str()))?;
    Some((party, c.get(2).map_or("", |m| m.as_str())))
}

/// The party a short text names, if it is one of the parties UK councils
/// group their members by.
fn party_name(text: &str) -> Option<String> {
    static PARTY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:the\s+)?(?:conservatives?(?:\s+and\s+unionist)?|labour(?:\s+(?:and|&)\s+co-?operative)?|liberal\s+democrats?|lib\s+dems?|green(?:\s+party)?|greens|independents?(?:\s+group)?|ukip|reform(?:\s+uk)?|plaid\s+cymru|snp|scottish\s+national\s+party|residents?(?:'\s+association)?|non-?aligned|unaligned)(?:\s+group)?$",
        )
        .expect("valid regex")
    });
    let text = text.trim();
    PARTY.is_match(text).then(|| text.to_owned())
}

/// A line listing two or more people ("Councillors A Smith, B Jones").
fn is_name_list(text: &str) -> bool {
    let pieces = split_name_list(text);
    pieces.len() >= 2 && pieces.iter().all(|p| is_person(&name_role_party(p).0))
}

/// Splits "A (Chairman), B, MBE and C" into "A (Chairman)", "B, MBE", "C".
/// A plural title heading the list ("Councillors A, B") is given to each
/// name in the singular ("Councillor A", "Councillor B").
fn split_name_list(text: &str) -> Vec<String> {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r",\s*(?:and\s+)?|\s+and\s+|;\s*").expect("valid regex"));
    static LIST_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^(councillor|cllr)s\.?\s+").expect("valid regex"));
    let text = text.trim();
    let (title, text) = match LIST_LABEL.captures(text) {
        Some(c) => (
            c.get(1).map(|m| m.as_str()),
            text.get(c.get(0).map_or(0, |m| m.end())..).unwrap_or(""),
        ),
        None => (None, text),
    };
    let mut pieces: Vec<&str> = Vec::new();
    let mut piece_start = 0;
    for sep in SEPARATOR.find_iter(text) {
        let piece = text.get(piece_start..sep.start()).unwrap_or("");
        // Split outside brackets only: "(Vice-Chairman, Planning)" stays whole.
        if piece.matches('(').count() > piece.matches(')').count() {
            continue;
        }
        pieces.push(piece);
        piece_start = sep.end();
    }
    pieces.push(text.get(piece_start..).unwrap_or(""));
    let mut merged: Vec<String> = Vec::new();
    for piece in pieces.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        match merged.last_mut() {
            Some(last) if is_postnominal_piece(piece) => {
                last.push_str(", ");
                last.push_str(piece);
            }
            _ => merged.push(match title {
                Some(title) if !starts_with_title(piece) => format!("{title} {piece}"),
                _ => piece.to_owned(),
            }),
        }
    }
    merged
}

/// ", MBE (Chairman)" after a name: an honour, not another person.
fn is_postnominal_piece(piece: &str) -> bool {
    let head = piece
        .split('(')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    !head.is_empty()
        && head
            .split_whitespace()
            .all(|w| POSTNOMINALS.contains(&w.trim_end_matches('.').to_ascii_uppercase().as_str()))
}

const POSTNOMINALS: [&str; 14] = [
    "MBE", "OBE", "CBE", "BEM", "JP", "DL", "QC", "KC", "MP", "MEP", "FRCP", "FRCGP", "KBE", "DBE",
];

const TITLES: [&str; 20] = [
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "cllr",
    "councillor",
    "sir",
    "dame",
    "prof",
    "professor",
    "rev",
    "revd",
    "supt",
    "lord",
    "lady",
    "baroness",
    "canon",
    "alderman",
];

/// Words that mark a post, an organisation or a heading, never a person.
const NOT_NAME_WORDS: [&str; 46] = [
    "board",
    "council",
    "committee",
    "notice",
    "services",
    "service",
    "officer",
    "police",
    "sector",
    "team",
    "england",
    "health",
    "care",
    "members",
    "membership",
    "items",
    "agenda",
    "minutes",
    "meeting",
    "report",
    "reps",
    "representative",
    "lead",
    "director",
    "executive",
    "chair",
    "chairman",
    "vice-chairman",
    "cabinet",
    "member",
    "group",
    "trust",
    "panel",
    "authority",
    "partnership",
    "district",
    "county",
    "borough",
    "sub-committee",
    "forum",
    "locality",
    "network",
    "practice",
    "hospital",
    "area",
    "division",
];

fn starts_with_title(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|w| TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
}

/// Splits "Mrs A D Allen, MBE (Chairman)" into the name, the bracketed role
/// and a bracketed party ("(Conservative)"); honours and a trailing "or"
/// are dropped.
fn name_role_party(text: &str) -> (String, Option<String>, Option<String>) {
    static BRACKET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(([^()]*)\)").expect("valid regex"));
    let mut role = None;
    let mut party = None;
    for c in BRACKET.captures_iter(text) {
        let inside = c.get(1).map_or("", |m| m.as_str()).trim();
        match party_name(inside) {
            Some(p) => party = Some(p),
            None => role = Some(inside.split_whitespace().collect::<Vec<_>>().join(" ")),
        }
    }
    let bare = BRACKET.replace_all(text, " ");
    let mut words: Vec<&str> = bare.split_whitespace().collect();
    if words.last() == Some(&"or") {
        words.pop();
    }
    while words.last().is_some_and(|w| {
        POSTNOMINALS.contains(&w.trim_matches([',', '.']).to_ascii_uppercase().as_str())
    }) {
        words.pop();
    }
    let name = words
        .join(" ")
        .trim_end_matches([',', ';', ':'])
        .trim()
        .to_owned();
    (name, role, party)
}

/// True when `name` reads as one person: an optional title, then
/// capitalised words or initials ending in a surname; no office words.
fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let titled = words
        .iter()
        .take_while(|w| TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .count();
    let rest = words.get(titled..).unwrap_or(&[]);
    let shaped = rest.iter().all(|w| is_name_word(w))
        && rest
            .last()
            .is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 1);
    let needed = if titled > 0 { 1 } else { 2 };
    shaped && rest.len() >= needed && rest.len() <= 5
}

/// "Allen", "O'Brien", "Segall-", "J", "J." — but not "NHS" or "of".
fn is_name_word(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let Some(first) = letters.first() else {
        return false;
    };
    let initial = letters.len() == 1 && first.is_uppercase();
    let capitalised = first.is_uppercase()
        && letters.iter().skip(1).any(|c| c.is_lowercase())
        && !NOT_NAME_WORDS.contains(&word.to_lowercase().as_str());
    let clean = word
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
    clean && (initial || capitalised)
}

/// How surely a table cell is the person: a title counts most.
fn person_score(cell: &str) -> u8 {
    u8::from(starts_with_title(cell)) * 2 + u8::from(is_person(&name_role_party(cell).0))
}

/// A short line that can head or label a column ("Clinical Lead",
/// "Dartford/Gravesham/ Swanley", "Swale BC").
fn is_short_label(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 6
        && !text.contains(['=', ':', '.', '@'])
        && text.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '&' || c == '/')
                || matches!(w, "of" | "and" | "the" | "for" | "or")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_splits_outside_brackets_and_keeps_honours_with_their_name() {
        assert_eq!(
            split_name_list(
                "Councillors A Smith (Chair, Planning), Mrs A D Allen, MBE (Chairman) and B Jones"
            ),
            [
                "Councillor A Smith (Chair, Planning)",
                "Mrs A D Allen, MBE (Chairman)",
                "Councillor B Jones"
            ]
        );
    }

    #[test]
    fn names_lose_roles_and_honours() {
        let (name, role, party) = name_role_party("Mrs A D Allen, MBE (Chairman)");
        assert_eq!(
            (name.as_str(), role.as_deref(), party),
            ("Mrs A D Allen", Some("Chairman"), None)
        );
        let (_, _, party) = name_role_party("Cllr B Jones (Labour)");
        assert_eq!(party.as_deref(), Some("Labour"));
    }

    #[test]
    fn people_are_told_from_posts() {
        assert!(is_person("Dr Navin Kumta"));
        assert!(is_person("Veronika Segall- Jones"));
        assert!(is_person("Supt. Mark Travis"));
        assert!(is_person("Mr L Christie"));
        assert!(!is_person("NHS England"));
        assert!(!is_person("Chair of Healthwatch"));
        assert!(!is_person("Clinical Lead"));
        assert!(!is_person("Webcasting Notice"));
    }

    #[test]
    fn party_lines_with_and_without_counts() {
        assert_eq!(
            party_line("UKIP (3) Mrs M Elenor").map(|p| p.0),
            Some("UKIP".to_owned())
        );
        assert_eq!(
            party_line("Labour: Councillor Ben Stokes").map(|p| p.0),
            Some("Labour".to_owned())
        );
        assert_eq!(party_line("Membership (14)"), None);
        assert_eq!(party_line("Contact: Jane Smith"), None);
    }
}
