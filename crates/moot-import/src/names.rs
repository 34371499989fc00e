//! People's names as minutes and membership lists print them.
//!
//! Attendance is printed as prose lists: "Mr R W Gough (Chairman), Dr B
//! Bowes, Mr K A Ferrin, MBE and Ms D Stock (Substitute for Ms P Davies)",
//! or "Councillors Smith and Jones", or one to a line with a role or
//! organisation ("Dan Cole - Fire and Rescue Service", "Gail Hunt<TAB>
//! Housing Forum"). This module splits such lists into names with their
//! bracketed notes and roles, knows honorifics and post-nominals,
//! tells a name from other words, and finds where a sentence ends without
//! being fooled by "Supt." or "Cllr.". Which words are titles, particles
//! and letters after a name is `moot_people::words`' to say: the one list of
//! each for the whole of Moot.

use regex::Regex;
use std::sync::LazyLock;

/// One person in a printed list: the name as printed and any bracketed
/// notes that followed it ("Chairman", "Substitute for Ms P Davies").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedName {
    /// The name as printed, honorifics kept, notes and post-nominals removed.
    pub name: String,
    /// The bracketed notes, in order, without their brackets.
    pub notes: Vec<String>,
}

/// Capitalised words that are not names: "The Board declared ...".
const NOT_NAMES: &[&str] = &[
    "the",
    "an",
    "also",
    "this",
    "that",
    "it",
    "there",
    "he",
    "she",
    "they",
    "we",
    "all",
    "none",
    "no",
    "other",
    "members",
    "member",
    "board",
    "committee",
    "panel",
    "council",
    "cabinet",
    "chairman",
    "chair",
    "item",
    "items",
    "report",
    "minutes",
    "officers",
    "apologies",
    "unrestricted",
    "exempt",
    "agenda",
    "business",
    "part",
    "private",
    "public",
    "session",
    // Organisations and roles printed beside names ("Chris Dale, Anyshire
    // Chamber of Commerce", "Director of Public Health").
    "chamber",
    "commerce",
    "police",
    "service",
    "services",
    "trust",
    "association",
    "partnership",
    "authority",
    "nhs",
    "university",
    "college",
    "school",
    "schools",
    "department",
    "directorate",
    "officer",
    "director",
    "manager",
    "executive",
    "commissioner",
    "healthwatch",
    "ltd",
    "limited",
    "society",
    "agency",
    "centre",
    "forum",
    "group",
    "team",
    "network",
    "representative",
    "probation",
    "health",
    "wellbeing",
    "care",
    "housing",
    "safety",
    "planning",
    "licensing",
    "scrutiny",
    "audit",
    // A table's column headings.
    "name",
    "organisation",
    "role",
    "details",
];

fn bare_word(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

pub use moot_people::words::{is_honorific, is_post_nominal as is_postnominal};

/// True when `text` reads as a person's name: a few words, each capitalised
/// (initials and honorifics included), no digits.
pub fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 7
        || text.contains(|c: char| c.is_ascii_digit() || "()[]:;".contains(c))
    {
        return false;
    }
    let capitalised = |w: &&str| {
        // "Wendy Morris – Twiddy": a spaced dash inside a surname.
        if matches!(*w, "-" | "–" | "—") {
            return true;
        }
        let letters = w.trim_start_matches(|c: char| !c.is_alphabetic());
        letters.chars().next().is_some_and(char::is_uppercase) || moot_people::words::is_particle(w)
    };
    let has_surname = words
        .iter()
        .any(|w| !is_honorific(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    let common = |w: &&str| NOT_NAMES.contains(&bare_word(w).as_str());
    // A title makes a person of what follows ("Councillor Mike Chamber").
    let titled = words.len() > 1 && is_honorific(words[0]);
    has_surname
        && words.iter().all(capitalised)
        && (titled || !words.iter().any(common))
        && !is_shouted(&words)
}

/// True for words all in capitals with no title among them: a heading
/// ("UNRESTRICTED ITEMS"), not a name.
fn is_shouted(words: &[&str]) -> bool {
    let long_words = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    !words.iter().any(|w| is_honorific(w))
        && long_words.clone().count() > 0
        && long_words
            .clone()
            .all(|w| !w.chars().any(char::is_lowercase))
}

/// Length of a separator at the start of `rest` that always ends a list
/// piece: a comma, a semicolon or a tab (a table's next cell).
fn hard_separator(rest: &str) -> Option<usize> {
    rest.starts_with([',', ';', '\t']).then_some(1)
}

/// Length of the word "and" / "&" between spaces at the start of `rest`.
fn word_separator(rest: &str) -> Option<usize> {
    [" and ", " & ", " AND "]
        .iter()
        .find(|sep| rest.starts_with(**sep))
        .map(|sep| sep.len())
}

/// Dashes between spaces, printed between a name and a role.
const ROLE_DASHES: [&str; 3] = [" - ", " – ", " — "];

/// The role printed after a name and a spaced dash: "Dan Cole - Fire and
/// Rescue Service" gives ("Dan Cole", "Fire and Rescue Service").
fn split_role(piece: &str) -> (&str, Option<&str>) {
    let dash = ROLE_DASHES
        .iter()
        .filter_map(|dash| piece.find(dash).map(|at| (at, dash.len())))
        .min();
    // "Cllr Wendy Morris – Twiddy": one surname-like word after the dash
    // ends a double-barrelled surname a converter spaced out.
    let barrelled = |tail: &str| {
        let tail = tail.trim();
        !tail.contains(char::is_whitespace) && looks_like_name(tail) && !tail.contains('(')
    };
    match dash {
        Some((at, len)) if !barrelled(&piece[at + len..]) => {
            (&piece[..at], Some(&piece[at + len..]))
        }
        _ => (piece, None),
    }
}

/// Marks printed against a name in a list ("Bramhall*", "Ellacott†"),
/// which a key below the list explains.
const MARKS: [char; 5] = ['*', '†', '‡', '§', '#'];

/// "Councillor R.R. Dodd (Business Chair) in the Chair": the person, not
/// the chairing.
fn without_chairing(piece: &str) -> &str {
    static CHAIRING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s+in\s+the\s+chair\s*\.?$").expect("valid regex"));
    CHAIRING.find(piece).map_or(piece, |m| &piece[..m.start()])
}

/// Offices printed in a list where the person follows in brackets:
/// "Mayor (Councillor J Montgomery)".
const OFFICES: [&str; 9] = [
    "mayor",
    "deputy mayor",
    "chair",
    "chairman",
    "vice chair",
    "vice-chair",
    "provost",
    "sheriff",
    "leader",
];

/// Splits names a converter glued together when a list prints given
/// names as initials: "J Gilmour M Goodman" is two people, "A M Logue"
/// and "Mr P G Harris" are one. A new name starts at an initial or a title
/// that follows a surname.
fn unglued(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_initial = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        !letters.is_empty()
            && letters.iter().all(|c| c.is_uppercase())
            && w.chars().all(|c| c.is_alphabetic() || c == '.')
            && letters.len() <= 3
            && (letters.len() == 1 || w.contains('.'))
    };
    let first_given = words.iter().find(|w| !is_honorific(w));
    if words.len() < 4 || !first_given.is_some_and(|w| is_initial(w)) {
        return vec![name.to_owned()];
    }
    let mut names = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut seen_surname = false;
    for word in words {
        let starts_name = is_initial(word) || is_honorific(word);
        if seen_surname && starts_name {
            names.push(current.join(" "));
            current.clear();
            seen_surname = false;
        }
        seen_surname |= !starts_name;
        current.push(word);
    }
    names.push(current.join(" "));
    names
}

/// Tiers of council printed before a plural title ("County Councillors").
const TIERS: [&str; 7] = [
    "county",
    "borough",
    "district",
    "city",
    "town",
    "parish",
    "community",
];

/// Words that end the name of a council or other appointing body.
const BODY_ENDS: [&str; 7] = [
    "council",
    "authority",
    "government",
    "board",
    "trust",
    "service",
    "assembly",
];

/// "P Lewis Conwy County Borough Council": a name printed with initials,
/// then the body that appointed the member with nothing between. The name
/// is the titles, the initials and one surname; the rest, when it is
/// capitalised words ending as a body's name does, is the body.
fn name_and_appointing_body(name: &str) -> (String, Option<String>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let titles = words.iter().take_while(|w| is_honorific(w)).count();
    let initials = words[titles..]
        .iter()
        .take_while(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            let capitals = !letters.is_empty()
                && letters.len() <= 3
                && letters.iter().all(|c| c.is_uppercase());
            // Welsh initials may be letters of two characters: "M Ll Davies".
            let welsh =
                ["Ll", "Ch", "Dd", "Ff", "Ng", "Rh", "Th"].contains(&w.trim_end_matches('.'));
            capitals || welsh
        })
        .count();
    let surname_end = titles + initials + 1;
    let ends_as_body = words
        .last()
        .is_some_and(|w| BODY_ENDS.contains(&w.to_lowercase().as_str()));
    let rest = words.get(surname_end..).unwrap_or(&[]);
    let capitalised = rest
        .iter()
        .all(|w| w.starts_with(char::is_uppercase) || matches!(*w, "of" | "and" | "the" | "&"));
    if initials == 0 || rest.len() < 2 || !ends_as_body || !capitalised {
        return (name.to_owned(), None);
    }
    (words[..surname_end].join(" "), Some(rest.join(" ")))
}

/// A list printed surname first, one person after another with only
/// spaces between: "Armstrong, E. Bawn, D. Bowman, L Bridgett, S.C.".
/// Each name is kept as printed ("Armstrong, E."); `None` unless the
/// whole of `text` is such a list.
pub fn surname_first_list(text: &str) -> Option<Vec<String>> {
    static SURNAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?),\s*((?:\p{Lu}\.)+|\p{Lu}\b)")
            .expect("valid regex")
    });
    let mut names = Vec::new();
    let mut covered = 0;
    let mut last_end = 0;
    for m in SURNAME_FIRST.find_iter(text) {
        if !text[last_end..m.start()].trim().is_empty() {
            return None;
        }
        covered += m.len();
        last_end = m.end();
        names.push(m.as_str().to_owned());
    }
    let rest_is_blank = text[last_end..]
        .trim()
        .trim_end_matches(['.', ','])
        .is_empty();
    (names.len() >= 2 && rest_is_blank && covered > 0).then_some(names)
}

/// A list piece without a leading bullet ("• Councillor A Smith").
fn without_bullet(piece: &str) -> &str {
    piece
        .trim_start_matches(['•', '·', '▪', '◦', '‣', '*', '-', '–'])
        .trim_start()
}

/// Splits a printed list into its top-level pieces: at commas, semicolons,
/// tabs and "and", leaving bracketed text whole, and a role printed after a
/// spaced dash whole up to the next comma ("Dan Cole - Fire and Rescue
/// Service, Erin Doyle").
pub fn split_list(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut depth, mut start, mut skip_until, mut in_role) = (0usize, 0, 0, false);
    for (i, c) in text.char_indices() {
        if i < skip_until {
            continue;
        }
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => {
                let rest = &text[i..];
                let separator =
                    hard_separator(rest).or_else(|| word_separator(rest).filter(|_| !in_role));
                if let Some(len) = separator {
                    pieces.push(&text[start..i]);
                    start = i + len;
                    skip_until = start;
                    in_role = false;
                } else if ROLE_DASHES.iter().any(|dash| rest.starts_with(dash)) {
                    in_role = true;
                }
            }
        }
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Separates trailing bracketed notes from a name: "Mr A (Chairman)" gives
/// "Mr A" and ["Chairman"].
fn take_notes(piece: &str) -> (String, Vec<String>) {
    static NOTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)").expect("valid regex"));
    let notes = NOTE
        .captures_iter(piece)
        .filter_map(|c| c.get(1))
        .map(|m| collapse(m.as_str()))
        .filter(|n| !n.is_empty())
        .collect();
    let name = NOTE.replace_all(piece, " ");
    (collapse(&name), notes)
}

/// Collapses whitespace runs to single spaces and trims. Built in one
/// string, without a list of the words: a flattened document's one line
/// can hold millions of them.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes post-nominal letters ("MBE") from the end of a name.
fn without_postnominals(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| is_postnominal(w)) {
        words.pop();
    }
    words.join(" ").trim_end_matches(',').to_owned()
}

/// The singular title a plural one stands for, and the rest of the piece:
/// "Councillors Smith" gives ("Councillor", "Smith").
fn plural_title(piece: &str) -> Option<(&'static str, &str)> {
    let (first, rest) = piece.split_once(char::is_whitespace)?;
    if let Some(singular) = moot_people::words::singular_title(first) {
        return Some((singular, rest.trim()));
    }
    // "County Councillors A and B": the tier before the plural title.
    let tier = TIERS.contains(&first.to_lowercase().as_str());
    let (second, rest) = rest.trim_start().split_once(char::is_whitespace)?;
    let singular = moot_people::words::singular_title(second).filter(|_| tier)?;
    Some((singular, rest.trim()))
}

/// True for a plural title ("Councillors", "Cllrs") that stands for the
/// singular before each name after it.
pub fn is_plural_title(word: &str) -> bool {
    moot_people::words::singular_title(word).is_some()
}

/// True when a name is printed with a title ("Cllr A Smith").
pub fn starts_with_honorific(name: &str) -> bool {
    name.split_whitespace().next().is_some_and(is_honorific)
}

/// Splits a printed list of people into one piece per person, as printed
/// (bracketed notes and a role after a dash kept): at commas, semicolons,
/// tabs and "and" (see [`split_list`]). Letters printed after a comma ("Mr
/// K A Ferrin, MBE") stay with their name. A plural title ("Councillors
/// Smith and Jones") is given to every following name printed without a
/// title of its own, up to the next plural title.
pub fn list_pieces(text: &str) -> Vec<String> {
    let text = text.trim().trim_end_matches(['.', ';', ',']);
    let mut pieces: Vec<String> = Vec::new();
    let mut carried_title: Option<&'static str> = None;
    let split = split_list(text)
        .into_iter()
        .flat_map(at_inner_plural_titles)
        .flat_map(at_inner_honorifics)
        .collect::<Vec<_>>();
    for piece in split {
        // "… and Hamilton and from Dennis Stacey": a new run of the list,
        // which the title before does not reach.
        let piece = without_bullet(piece);
        let piece = match piece.strip_prefix("from ") {
            Some(rest) => {
                carried_title = None;
                rest
            }
            None => piece,
        };
        let head = piece.split(['(', '[']).next().unwrap_or("").trim();
        let honours_only = !head.is_empty() && head.split_whitespace().all(is_postnominal);
        if let Some(previous) = pieces.last_mut().filter(|_| honours_only) {
            previous.push_str(", ");
            previous.push_str(piece);
            continue;
        }
        if let Some((title, rest)) = plural_title(piece) {
            carried_title = Some(title);
            pieces.push(format!("{title} {rest}"));
        } else {
            match carried_title.filter(|_| !starts_with_honorific(piece)) {
                Some(title) => pieces.push(format!("{title} {piece}")),
                None => pieces.push(piece.to_owned()),
            }
        }
    }
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// "Councillor Richards (Mayor) Councillors Bald": a plural title inside a
/// piece opens a new group of names, so the piece is cut before it.
fn at_inner_plural_titles(piece: &str) -> Vec<&str> {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut previous: Option<(usize, &str)> = None;
    for (at, word) in piece
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - piece.as_ptr() as usize, w))
    {
        depth += word.matches('(').count();
        if depth == 0 && at > 0 && is_plural_title(word) {
            // "County Councillors": the tier belongs to the title.
            match previous {
                Some((tier_at, tier)) if TIERS.contains(&tier.to_lowercase().as_str()) => {
                    if tier_at > 0 {
                        cuts.push(tier_at);
                    }
                }
                _ => cuts.push(at),
            }
        }
        depth = depth.saturating_sub(word.matches(')').count());
        previous = Some((at, word));
    }
    cut_at(piece, &cuts)
}

/// "Mr. D. Bill CC Mrs. C. Brock CC": titled names run together with no
/// separator (a flattened column) are cut before each title that follows
/// a word of the name before. Only a piece that is wholly such a run (it
/// starts with a title, after any letters of the name before it) is cut.
fn at_inner_honorifics(piece: &str) -> Vec<&str> {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let mut previous_titled = true;
    let mut first = true;
    for (at, word) in piece
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - piece.as_ptr() as usize, w))
    {
        // "AE, CC Mr. R. Fraser": letters cut from the name before by its
        // comma lead the piece, and go back to that name.
        if first && is_postnominal(word) {
            previous_titled = false;
            continue;
        }
        depth += word.matches(['(', '[']).count();
        let titled = depth == 0 && is_honorific(word);
        if first && !titled {
            return vec![piece];
        }
        if titled && !previous_titled {
            cuts.push(at);
        }
        depth = depth.saturating_sub(word.matches([')', ']']).count());
        previous_titled = titled;
        first = false;
    }
    cut_at(piece, &cuts)
}

/// The trimmed, non-empty pieces of `piece` between the byte offsets `cuts`
/// (ascending).
fn cut_at<'a>(piece: &'a str, cuts: &[usize]) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for &cut in cuts {
        pieces.push(piece.get(start..cut).unwrap_or("").trim());
        start = cut;
    }
    pieces.push(piece.get(start..).unwrap_or("").trim());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Splits a list of people into names with their notes: the pieces of
/// [`list_pieces`], each with its bracketed notes and a role printed after
/// a spaced dash taken apart from the name, and post-nominals dropped.
pub fn split_name_list(text: &str) -> Vec<ListedName> {
    let mut names: Vec<ListedName> = Vec::new();
    for piece in list_pieces(text) {
        let (head, role) = split_role(without_chairing(&piece));
        let (raw_name, mut notes) = take_notes(head);
        if let Some((role, role_notes)) = role.map(take_notes) {
            notes.extend(std::iter::once(role).filter(|r| !r.is_empty()));
            notes.extend(role_notes);
        }
        let name = without_postnominals(raw_name.trim_end_matches(MARKS).trim());
        let name = name.trim_matches(MARKS).trim().to_owned();
        // "Mayor (Councillor J Montgomery)": the office, then the person.
        let office = OFFICES.contains(&name.to_lowercase().as_str());
        if let Some(at) = notes
            .iter()
            .position(|n| office && starts_with_honorific(n))
        {
            let person = notes.remove(at);
            names.push(ListedName {
                name: person,
                notes,
            });
            continue;
        }
        let (name, body) = name_and_appointing_body(&name);
        notes.extend(body);
        let mut parts = unglued(&name);
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            names.push(ListedName {
                name: part,
                notes: Vec::new(),
            });
        }
        if !last.is_empty() {
            names.push(ListedName { name: last, notes });
        }
    }
    names
}

/// True when two printed names plausibly refer to the same person (see
/// `moot_people::compatible`: same surname, no conflicting given names or
/// initials, no conflicting titles).
pub fn same_person(a: &str, b: &str) -> bool {
    match (
        moot_people::PersonName::parse(a),
        moot_people::PersonName::parse(b),
    ) {
        (Some(a), Some(b)) => moot_people::compatible(&a, &b),
        _ => false,
    }
}

/// Names recorded so far, indexed by surname: asking whether a name is one
/// of them (in the sense of [`same_person`]) parses it once and compares it
/// only with the few of its surname, so long lists stay linear.
#[derive(Debug, Default)]
pub struct SeenNames {
    by_surname: std::collections::HashMap<String, Vec<(usize, moot_people::PersonName)>>,
    count: usize,
}

impl SeenNames {
    /// True when one of the first `below` names recorded is the same person
    /// as `name`.
    pub fn contains_before(&self, name: &str, below: usize) -> bool {
        let Some(parsed) = moot_people::PersonName::parse(name) else {
            return false;
        };
        self.by_surname
            .get(&parsed.surname_key())
            .is_some_and(|seen| {
                seen.iter()
                    .any(|(at, p)| *at < below && moot_people::compatible(p, &parsed))
            })
    }

    /// True when a name recorded is the same person as `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.contains_before(name, usize::MAX)
    }

    /// Records `name` as the next name.
    pub fn insert(&mut self, name: &str) {
        if let Some(parsed) = moot_people::PersonName::parse(name) {
            self.by_surname
                .entry(parsed.surname_key())
                .or_default()
                .push((self.count, parsed));
        }
        self.count += 1;
    }
}

/// "Apologies were received from Councillor B, who was substituted for by
/// Councillor A": the substitute (A) and the member replaced (B: the
/// longest name ending the text before "who was …").
pub fn substituted_by(sentence: &str) -> Option<(String, String)> {
    static SUBSTITUTED_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(.+?),?\s+(?:who\s+)?(?:was|were|had\s+been)\s+(?:substituted|replaced|represented)\s+(?:for\s+)?by\s+(.+?)[.;]?$")
            .expect("valid regex")
    });
    let caps = SUBSTITUTED_BY.captures(sentence.trim())?;
    let before = caps.get(1).map_or("", |m| m.as_str());
    let last = split_list(before).last().copied().unwrap_or("");
    let words: Vec<&str> = last.split_whitespace().collect();
    let replaced = (0..words.len())
        .map(|from| words[from..].join(" "))
        .find(|tail| looks_like_name(tail))?;
    let name = caps.get(2).map_or("", |m| m.as_str()).trim().to_owned();
    looks_like_name(&name).then_some((name, replaced))
}

/// Words that end with a full stop without ending a sentence.
fn is_abbreviation(word: &str) -> bool {
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    letters == 1
        || is_honorific(bare)
        || matches!(
            bare.to_lowercase().as_str(),
            "st" | "no" | "nos" | "eg" | "e.g" | "ie" | "i.e" | "etc" | "cf" | "vs" | "approx"
        )
}

/// Splits `text` into sentences at a full stop, question or exclamation
/// mark followed by a space, except after abbreviations and initials.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let next_is_space = chars.peek().is_some_and(|&(_, n)| n.is_whitespace());
        if !next_is_space {
            continue;
        }
        let word = text[start..i]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        if c == '.' && is_abbreviation(word) {
            continue;
        }
        let end = i + c.len_utf8();
        out.push(text[start..end].trim());
        start = end;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        split_name_list(text).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn list_splits_at_commas_and_the_last_and() {
        assert_eq!(
            names("Mr R W Gough (Chairman), Dr B Bowes (Vice-Chairman), Mr M Ridgwell and Ms D Stock (Substitute for Ms P Davies)."),
            ["Mr R W Gough", "Dr B Bowes", "Mr M Ridgwell", "Ms D Stock"]
        );
    }

    #[test]
    fn bracketed_notes_are_kept_apart_from_the_name() {
        let list = split_name_list("Ms D Stock (Substitute for Ms P Davies)");
        assert_eq!(list[0].notes, ["Substitute for Ms P Davies"]);
        let list =
            split_name_list("Mr A Scott-Clark (Director of Health Improvement (KCC), NHS Kent)");
        assert_eq!(list[0].name, "Mr A Scott-Clark");
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn postnominals_after_a_comma_stay_with_their_name() {
        assert_eq!(
            names("Mr K A Ferrin, MBE, Mr C Hibberd and Mr L B Ridings, MBE and Mrs J Whittle"),
            [
                "Mr K A Ferrin",
                "Mr C Hibberd",
                "Mr L B Ridings",
                "Mrs J Whittle"
            ]
        );
        let list = split_name_list("Mrs A D Allen, MBE (Chairman), Mr B Neaves");
        assert_eq!(list[0].notes, ["Chairman"]);
    }

    #[test]
    fn roles_after_a_dash_or_a_tab_are_not_names() {
        let list = split_name_list("Dan Cole - Fire and Rescue Service, Erin Doyle – Probation");
        assert_eq!(list[0].name, "Dan Cole");
        assert_eq!(list[0].notes, ["Fire and Rescue Service"]);
        assert_eq!(list[1].name, "Erin Doyle");
        assert_eq!(
            names("Gail Hunt\tHousing Forum"),
            ["Gail Hunt", "Housing Forum"]
        );
        assert_eq!(names("• Gail Hunt"), ["Gail Hunt"]);
        assert!(!looks_like_name("Northbridge Chamber of Commerce"));
        assert!(!looks_like_name("Director of Public Health"));
    }

    #[test]
    fn an_appointing_body_glued_to_a_name_is_a_note() {
        let list = split_name_list("P Lewis (Chair) Conwy County Borough Council");
        assert_eq!(list[0].name, "P Lewis");
        assert_eq!(list[0].notes, ["Chair", "Conwy County Borough Council"]);
        assert_eq!(names("Cllr Mary Ann Smith"), ["Cllr Mary Ann Smith"]);
    }

    #[test]
    fn glued_names_printed_with_initials_are_two() {
        assert_eq!(names("J Gilmour M Goodman"), ["J Gilmour", "M Goodman"]);
        assert_eq!(names("A M Logue"), ["A M Logue"]);
        assert_eq!(names("Mr P G Harris"), ["Mr P G Harris"]);
    }

    #[test]
    fn names_printed_surname_first_are_kept_whole() {
        assert_eq!(
            surname_first_list("Armstrong, E. Bawn, D. Bowman, L Renner-Thompson, G."),
            Some(vec![
                "Armstrong, E.".to_owned(),
                "Bawn, D.".to_owned(),
                "Bowman, L".to_owned(),
                "Renner-Thompson, G.".to_owned()
            ])
        );
        assert_eq!(surname_first_list("Smith, Jones and Brown"), None);
    }

    #[test]
    fn a_spaced_dash_before_one_surname_joins_a_double_barrel() {
        assert_eq!(
            names("Cllr Wendy Hale – Twine"),
            ["Cllr Wendy Hale – Twine"]
        );
        assert_eq!(names("Erin Doyle – Probation"), ["Erin Doyle"]);
    }

    #[test]
    fn plural_title_is_given_to_each_name() {
        assert_eq!(
            names("Councillors Smith and Jones"),
            ["Councillor Smith", "Councillor Jones"]
        );
        assert_eq!(
            names("County Councillors Smith and Jones"),
            ["Councillor Smith", "Councillor Jones"]
        );
        assert_eq!(
            names("Councillor Brown (Chair); Councillors Green, White and Mrs Black"),
            [
                "Councillor Brown",
                "Councillor Green",
                "Councillor White",
                "Mrs Black"
            ]
        );
    }

    #[test]
    fn names_are_told_from_other_words() {
        assert!(looks_like_name("Supt. Mark Travis"));
        assert!(looks_like_name("Mr S J G Koowaree"));
        assert!(looks_like_name("Ursula von der Leyen"));
        assert!(!looks_like_name("the report be noted"));
        assert!(!looks_like_name("Item 5"));
        assert!(!looks_like_name("Mr"));
    }

    #[test]
    fn seen_names_find_the_same_person_only_among_those_before() {
        let mut seen = SeenNames::default();
        seen.insert("Councillor P Oakford");
        seen.insert("Mrs B Smith");
        assert!(seen.contains("Peter Oakford"));
        assert!(!seen.contains("Mr A Smith"));
        assert!(!seen.contains_before("Mrs Smith", 1));
        assert!(seen.contains_before("Mrs Smith", 2));
    }

    #[test]
    fn same_person_compares_surname_and_first_initial() {
        assert!(same_person("Mr P J Oakford", "Peter Oakford"));
        assert!(same_person("Dr Jonathan Wells", "Jonathan Wells"));
        assert!(!same_person("Jonathan Wells", "Cllr. Tom Wells"));
    }

    #[test]
    fn sentences_do_not_end_at_titles_or_initials() {
        assert_eq!(
            sentences("Apologies from Supt. Mark Travis and Cllr. T. Wells. John attended."),
            [
                "Apologies from Supt. Mark Travis and Cllr. T. Wells.",
                "John attended."
            ]
        );
    }
}
