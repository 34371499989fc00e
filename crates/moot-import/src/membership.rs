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
//! Group headings ("Voting Members", "Co-opted Members", "Parent Governor
//! Representatives") set [`Member::voting`]; a heading "Councillors:" gives
//! its title to bare surnames ("Smith (Chair)" is "Councillor Smith"). A
//! bracket after a name is a role when it names the chair ("(Vice-Chair)"),
//! a party when it names one, and otherwise the member's position ("(Care
//! Leaver Representative)"). Substitutes ("Substitutes:", "Named
//! substitutes", "Reserve Members") are read past but are not members. The
//! section ends at the first line that is none of these (a sentence, the
//! agenda).

use crate::document::Document;
use crate::meeting::front_range;
use crate::names;
use crate::split::Part;
use moot_domain::{Diagnostic, Lines, Member, Severity};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Reads the membership from the front matter: the first list that a
/// members heading opens, or a list led by a plural title
/// ("Councillors Smith (Chair), Jones and Brown") where there is no heading.
/// A members heading under which no member could be read is reported.
pub fn parse(doc: &Document, parts: &[Part], diagnostics: &mut Vec<Diagnostic>) -> Vec<Member> {
    static TITLED_LIST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?i:councillors|cllrs)\.?\s+\p{Lu}").expect("valid regex"));
    let front = front_range(doc, parts);
    let mut members = Vec::new();
    let mut i = front.start;
    while i < front.end && members.is_empty() {
        let text = doc.text(i);
        let heading = group_heading(text);
        let opens = match &heading {
            Some(heading) => !heading.substitutes,
            None => TITLED_LIST.is_match(text),
        };
        if opens {
            let mut reader = Section::default();
            let start = i;
            i = reader.read(doc, i, front.end).max(i + 1);
            members = reader.members;
            if members.is_empty() && heading.is_some() {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    lines: doc.source_of(start..start + 1),
                    message: "membership heading with no member read under it".to_owned(),
                });
            }
        } else {
            i += 1;
        }
    }
    members
}

/// A heading that opens (part of) a membership list.
struct GroupHeading<'a> {
    /// What "Voting"/"Co-opted" says about the members under it.
    voting: Option<bool>,
    /// The title a "Councillors" heading gives to the bare names under it.
    title: Option<&'static str>,
    /// The list under it names substitutes, who are not members.
    substitutes: bool,
    /// The party a heading such as "Labour Members" names.
    party: Option<String>,
    /// A list printed after the heading's colon, on the same line.
    rest: &'a str,
}

/// "Membership (14)", "Members:", "Committee Members:", "Members of the
/// Panel", "Membership 2024/25", "Labour Members", "Voting Members", "Co-opted members (non-voting)", "Parent
/// Governor Representatives", "Councillors: Smith (Chair), Jones",
/// "Named substitutes: …".
fn group_heading(text: &str) -> Option<GroupHeading<'_>> {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^((?:[\w'-]+\s+){0,3})(membership|members?|councillors|cllrs|representatives?|co-optees?|substitutes?|reserves?)(?:\s+of\s+the\s+(?:sub-committee|committee|board|panel|cabinet|forum|partnership))?(?:\s+\d{4}(?:\s*[/-]\s*\d{2,4})?)?\s*(\([^()]*\))?\s*(?::\s*(.*))?$",
        )
        .expect("valid regex")
    });
    static NON_VOTING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"non[-\s]?voting").expect("valid regex"));
    static CO_OPTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(?:associate|co-?opted|co-?optees?|advisory|observers?|independent|representatives?)\b")
            .expect("valid regex")
    });
    let c = HEADING.captures(text)?;
    let qualifier = c.get(1).map_or("", |m| m.as_str());
    if qualifier.contains("Public") {
        return None;
    }
    let word = c.get(2).map_or("", |m| m.as_str()).to_ascii_lowercase();
    if word == "member" && qualifier.is_empty() {
        return None;
    }
    let said =
        format!("{qualifier} {word} {}", c.get(3).map_or("", |m| m.as_str())).to_ascii_lowercase();
    let voting = if NON_VOTING.is_match(&said) {
        Some(false)
    } else if said.contains("voting") {
        Some(true)
    } else if CO_OPTED.is_match(&said) {
        Some(false)
    } else {
        None
    };
    let title = match word.as_str() {
        "councillors" => Some("Councillor"),
        "cllrs" => Some("Cllr"),
        _ => None,
    };
    Some(GroupHeading {
        voting,
        title,
        substitutes: SUBSTITUTE.is_match(&said),
        party: party_name(qualifier),
        rest: c.get(4).map_or("", |m| m.as_str()),
    })
}

/// A word naming substitutes or reserves.
static SUBSTITUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:substitutes?|reserves?)\b").expect("valid regex"));

/// One membership section being read.
#[derive(Default)]
struct Section {
    members: Vec<Member>,
    voting: Option<bool>,
    /// The title given to bare names ("Councillors:" heading).
    title: Option<&'static str>,
    /// The list being read names substitutes: read past, not kept.
    substitutes: bool,
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
    /// Reads from the heading (or titled list) at `start`; returns the
    /// index after the section.
    fn read(&mut self, doc: &Document, start: usize, end: usize) -> usize {
        let source = doc.source_of(start..start + 1);
        match group_heading(doc.text(start)) {
            Some(heading) => self.open_group(heading, source),
            None => self.push_text(doc.text(start), source),
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
                self.open_group(heading, source);
            } else if text.contains('\t') {
                self.table_row(text, source);
            } else if let Some((role, rest)) = role_line(text) {
                for piece in names::list_pieces(rest) {
                    if let Some(entry) = self.entry(&piece) {
                        self.push(
                            Entry {
                                role: Some(role.clone()),
                                ..entry
                            },
                            source,
                        );
                    }
                }
            } else if let Some((party, rest)) = party_line(text) {
                self.party = Some(party);
                self.push_text(rest, source);
            } else if self.is_name_list(text) {
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

    /// Starts the group a heading opens, with the list on its line.
    fn open_group(&mut self, heading: GroupHeading, source: Lines) {
        self.voting = heading.voting.or(self.voting);
        self.title = heading.title;
        self.substitutes = heading.substitutes;
        self.party = heading.party;
        self.push_text(heading.rest, source);
    }

    /// The person a list entry names, with the group's title given to a
    /// bare surname.
    fn entry(&self, text: &str) -> Option<Entry> {
        let mut entry = Entry::read(text);
        if let Some(title) = self.title.filter(|_| !starts_with_title(&entry.name)) {
            entry.name = format!("{title} {}", entry.name);
        }
        is_person(&entry.name).then_some(entry)
    }

    /// A line listing two or more people ("Councillors A Smith, B Jones").
    fn is_name_list(&self, text: &str) -> bool {
        let pieces = names::list_pieces(text);
        pieces.len() >= 2 && pieces.iter().all(|p| self.entry(p).is_some())
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
        let pieces = names::list_pieces(&text);
        let last = pieces.len().saturating_sub(1);
        for (n, piece) in pieces.iter().enumerate() {
            // A list run into the text after it ends where its names end.
            let entry = self
                .entry(piece)
                .or_else(|| self.entry(name_head(piece)).filter(|_| n == last));
            if let Some(mut entry) = entry {
                entry.party = entry.party.or_else(|| self.party.clone());
                self.push(entry, lines);
            }
        }
    }

    /// Adds a member, unless the list being read names substitutes.
    fn push(&mut self, entry: Entry, lines: Lines) {
        if self.substitutes {
            return;
        }
        self.members.push(Member {
            name: entry.name,
            role: entry.role,
            party: entry.party,
            position: entry.position,
            voting: self.voting,
            lines,
        });
    }

    /// A tab table row: one cell is the person (a titled one first), a
    /// party cell is the party, the rest is the post; a row of titled
    /// people only is a list set in columns. Header rows ("Name ⇥ Representing") and
    /// rows without a person are skipped.
    fn table_row(&mut self, text: &str, source: Lines) {
        let cells: Vec<&str> = text
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let titled = cells.len() > 1 && cells.iter().all(|c| starts_with_title(c));
        let people: Option<Vec<Entry>> = cells.iter().map(|c| self.entry(c)).collect();
        if let Some(people) = people.filter(|_| titled) {
            for entry in people {
                self.push(entry, source);
            }
            return;
        }
        let Some((person, mut entry)) = cells
            .iter()
            .enumerate()
            .filter_map(|(n, c)| Some((n, self.entry(c)?, starts_with_title(c))))
            .max_by_key(|(n, _, titled)| (*titled, Some(*n) == self.name_column, *n))
            .map(|(n, entry, _)| (n, entry))
        else {
            return;
        };
        self.name_column = Some(person);
        let mut posts = Vec::new();
        for (n, cell) in cells.iter().enumerate() {
            if n == person {
                continue;
            }
            match party_name(cell) {
                Some(p) if entry.party.is_none() => entry.party = Some(p),
                _ => posts.push(*cell),
            }
        }
        if !posts.is_empty() {
            entry.position = Some(posts.join(", "));
        }
        self.push(entry, source);
    }

    /// One block of a flattened column layout. Returns false when the
    /// block is not part of a membership list, which ends the section.
    fn column_block(&mut self, doc: &Document, block: Range<usize>) -> bool {
        let texts: Vec<&str> = block.clone().map(|i| doc.text(i)).collect();
        let people: Option<Vec<Entry>> = texts.iter().map(|t| self.entry(t)).collect();
        let alternative = texts.last().is_some_and(|t| t.ends_with(" or"));
        match people {
            Some(people)
                if self.columns.expect_content
                    || people.len() > 1
                    || self.is_lone_member(&texts) =>
            {
                self.column_names(doc, block, people);
                self.columns.expect_content = alternative;
            }
            _ if texts.iter().any(|t| !is_short_label(t)) => return false,
            _ if texts.len() == 1 => {
                self.columns.heading = texts.first().map(|t| (*t).to_owned());
                self.columns.expect_content = true;
            }
            _ => {
                self.columns.labels = texts.iter().map(|t| (*t).to_owned()).collect();
                self.columns.expect_content = false;
                self.label_last_block();
            }
        }
        true
    }

    /// A one-line block that is a member, not a column heading: no column
    /// layout has begun, or the line is plainly a person (a title, a
    /// bracket), as in lists spaced one name per paragraph.
    fn is_lone_member(&self, texts: &[&str]) -> bool {
        self.columns.heading.is_none()
            || texts
                .first()
                .is_some_and(|t| starts_with_title(t) || t.contains('('))
    }

    /// Adds a block of names under the current column heading, paired row
    /// by row with the last organisation block when the lengths agree. A
    /// name repeated in the block (one officer for several rows) is one
    /// member.
    fn column_names(&mut self, doc: &Document, block: Range<usize>, people: Vec<Entry>) {
        if self.substitutes {
            return;
        }
        let first_new = self.members.len();
        let mut rows = Vec::with_capacity(people.len());
        for (mut entry, i) in people.into_iter().zip(block) {
            let lines = doc.source_of(i..i + 1);
            let earlier = self
                .members
                .iter()
                .skip(first_new)
                .position(|m| m.name == entry.name);
            if let Some(k) = earlier {
                if let Some(m) = self.members.get_mut(first_new + k) {
                    m.lines = m.lines.join(lines);
                }
                rows.push(first_new + k);
                continue;
            }
            rows.push(self.members.len());
            entry.position = entry.position.or_else(|| self.columns.heading.clone());
            self.push(entry, lines);
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

/// Lines that end a membership section: sentences, the agenda, numbered
/// items.
fn is_section_end(text: &str) -> bool {
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:agenda\b|items?\b|part\s+(?:[1-2ab]|i+)\b|unrestricted|exempt|notes?$|webcasting|[-•]?\s*[a-z]?\d{1,3}[.)]?\s)",
        )
        .expect("valid regex")
    });
    END.is_match(text) || (text.split_whitespace().count() > 14 && !text.contains(','))
}

/// "Chairman: Councillor A Smith", "Vice-Chair: …": a role label
/// before the person who holds it.
fn role_line(text: &str) -> Option<(String, &str)> {
    let (label, rest) = text.split_once(':')?;
    let label = label.trim();
    (ROLE.is_match(label) && !rest.trim().is_empty()).then(|| (label.to_owned(), rest.trim()))
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
        .is_some_and(names::is_honorific)
}

/// One person as a list entry gives them.
struct Entry {
    name: String,
    role: Option<String>,
    party: Option<String>,
    position: Option<String>,
}

impl Entry {
    /// Splits "Mrs A D Allen, MBE (Chairman)" into the name and what its
    /// brackets say, and "Mr J Carter – Diocese of Westbury" into the name
    /// and what the dash adds (see [`Entry::describe`]). Honours and a
    /// trailing "or" are dropped.
    fn read(text: &str) -> Entry {
        static BRACKET: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\(([^()]*)\)").expect("valid regex"));
        static DASH: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\s+[-–—]\s+").expect("valid regex"));
        let mut entry = Entry {
            name: String::new(),
            role: None,
            party: None,
            position: None,
        };
        let (text, added) = match DASH.find(text) {
            Some(m) => (
                text.get(..m.start()).unwrap_or(text),
                text.get(m.end()..).unwrap_or(""),
            ),
            None => (text, ""),
        };
        for c in BRACKET.captures_iter(text) {
            entry.describe(c.get(1).map_or("", |m| m.as_str()));
        }
        entry.describe(added);
        let bare = BRACKET.replace_all(text, " ");
        let mut words: Vec<&str> = bare.split_whitespace().collect();
        if words.last() == Some(&"or") {
            words.pop();
        }
        while words.last().is_some_and(|w| names::is_postnominal(w)) {
            words.pop();
        }
        entry.name = words
            .join(" ")
            .trim_end_matches([',', ';', ':'])
            .trim()
            .to_owned();
        entry
    }

    /// Takes what a bracket or dash says about the member, part by part
    /// ("Chair, Labour"): the chair's role, a party, or else a position
    /// ("Care Leaver Representative").
    fn describe(&mut self, said: &str) {
        let mut position = Vec::new();
        for part in said.split([',', ';']) {
            let part = crate::names::collapse(part);
            if let Some(p) = party_name(&part) {
                self.party = Some(p);
            } else if ROLE.is_match(&part) {
                self.role = Some(part);
            } else if !part.is_empty() {
                position.push(part);
            }
        }
        if !position.is_empty() {
            self.position = Some(position.join(", "));
        }
    }
}

/// The words of a piece up to the first one that cannot be part of a name
/// or its bracketed note ("Westwood /example_dc Follow us" gives
/// "Westwood").
fn name_head(piece: &str) -> &str {
    let end = piece
        .split_whitespace()
        .find(|w| !w.starts_with(|c: char| c.is_alphabetic() || c == '('))
        .map_or(piece.len(), |w| {
            w.as_ptr() as usize - piece.as_ptr() as usize
        });
    piece[..end].trim()
}

/// The chair's and leader's roles, as a bracket or a label gives them.
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:vice|deputy)[- ]?)?(?:chair(?:man|woman|person)?|convenor|convener|leader|mayor)$")
        .expect("valid regex")
});

/// True when `name` reads as one person: an optional title, then
/// capitalised words or initials ending in a surname ("de Souza" and, after
/// a title, "SMITH" too); no office words.
fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let titled = words.iter().take_while(|w| names::is_honorific(w)).count();
    let rest = words.get(titled..).unwrap_or(&[]);
    let Some((surname, given)) = rest.split_last() else {
        return false;
    };
    let shaped = given
        .iter()
        .all(|w| is_name_word(w) || moot_people::words::is_particle(w))
        && (is_name_word(surname) || (titled > 0 && is_capitals_surname(surname)))
        && surname.chars().filter(|c| c.is_alphabetic()).count() > 1;
    let needed = if titled > 0 { 1 } else { 2 };
    shaped && rest.len() >= needed && rest.len() <= 5
}

/// "SMITH", "O'NEILL": a surname printed in capitals.
fn is_capitals_surname(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '’'))
        && !NOT_NAME_WORDS.contains(&word.to_lowercase().as_str())
}

/// "Allen", "O'Brien", "Segall-", "J", "J." — but not "NHS" or "of".
fn is_name_word(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let Some(first) = letters.first() else {
        return false;
    };
    // "A", "A.", and initials run together with stops: "G.H.".
    let dotted_initials =
        word.split_terminator('.').all(|i| i.chars().count() == 1) && word.contains('.');
    let initial =
        (letters.len() == 1 || dotted_initials) && letters.iter().all(|c| c.is_uppercase());
    let capitalised = first.is_uppercase()
        && letters.iter().skip(1).any(|c| c.is_lowercase())
        && !NOT_NAME_WORDS.contains(&word.to_lowercase().as_str());
    let clean = word
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
    clean && (initial || capitalised)
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
            names::list_pieces(
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
        let e = Entry::read("Mrs A D Allen, MBE (Chairman)");
        assert_eq!(
            (e.name.as_str(), e.role.as_deref(), e.party, e.position),
            ("Mrs A D Allen", Some("Chairman"), None, None)
        );
        let e = Entry::read("Cllr B Jones (Labour)");
        assert_eq!(e.party.as_deref(), Some("Labour"));
        let e = Entry::read("Jade Miller (Care Leaver Representative)");
        assert_eq!(
            (e.role, e.position.as_deref()),
            (None, Some("Care Leaver Representative"))
        );
        assert_eq!(
            Entry::read("B Jones (Vice Chair)").role.as_deref(),
            Some("Vice Chair")
        );
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
