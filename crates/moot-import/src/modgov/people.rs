//! People's names in the lists a meeting page's minutes print: "Apologies
//! were received from Mr D Blacklock (Ms H Horne attended as substitute),
//! Mr I Johnson and Ms B Reilly, NHS England".
//!
//! Kept small and local to the page reader; the pack parsers have their own
//! name helpers in `names`.

use regex::Regex;
use std::sync::LazyLock;

/// A title that opens a person's name (case as printed on pages).
pub(super) const HONORIFIC: &str = r"(?:[Cc]ounty [Cc]ouncillors?|[Cc]ouncillors?|[Cc]llrs?\.?|Mrs\.?|Mr\.?|Ms\.?|Miss|Dr\.?|Prof(?:essor)?\.?|Sir|Dame|Lord|Lady|Rev(?:d|erend)?\.?|Canon|Alderman|Messrs\.?)";

/// A name led by an honorific: "Councillor E Clynch", "Mr P J O'Neill".
pub(super) const TITLED_NAME: &str = r"(?:[Cc]ounty [Cc]ouncillors?|[Cc]ouncillors?|[Cc]llrs?\.?|Mrs\.?|Mr\.?|Ms\.?|Miss|Dr\.?|Prof(?:essor)?\.?|Sir|Dame|Lord|Lady|Rev(?:d|erend)?\.?|Canon|Alderman)\s+(?:\p{Lu}\.?\s+|\p{Lu}[\p{L}'’\-]+\s+){0,3}\p{Lu}[\p{L}'’\-]+";

static LEADING_HONORIFIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{HONORIFIC}(?:\s|$)")).expect("valid regex"));
static PLURAL_HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[Cc]ounty [Cc]ouncillors|[Cc]ouncillors|[Cc]llrs\.?|Messrs\.?|Drs\.?)\s+")
        .expect("valid regex")
});
static AND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:and|&)\s+").expect("valid regex"));

/// One entry of a name list, with the bracketed notes that followed it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    /// The name as printed.
    pub name: String,
    /// What the list said about them in brackets: "(Chair)",
    /// "(Ms H Horne attended as substitute)".
    pub notes: Vec<String>,
}

/// True when `text` opens with a title such as "Councillor" or "Mrs".
pub(super) fn has_honorific(text: &str) -> bool {
    LEADING_HONORIFIC.is_match(text.trim())
}

/// True when `text` reads as one person's name: a few capitalised words
/// or initials, optionally after a title, with no digits or sentence words.
pub(super) fn is_person(text: &str) -> bool {
    const PARTICLES: [&str; 9] = ["de", "van", "von", "der", "den", "le", "la", "da", "du"];
    const NOT_NAMES: [&str; 14] = [
        "None",
        "All",
        "The",
        "Members",
        "Member",
        "Nil",
        "No",
        "Apologies",
        "Chair",
        "Chairman",
        "Vice-Chair",
        "Vice-Chairman",
        "Director",
        "Officer",
    ];
    let text = text.trim();
    let rest = LEADING_HONORIFIC
        .find(text)
        .map_or(text, |m| text.get(m.end()..).unwrap_or(""));
    let words: Vec<&str> = rest.split_whitespace().collect();
    let surname = words
        .iter()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    let shaped = words.iter().all(|w| {
        PARTICLES.contains(w)
            || (w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "'’-.".contains(c)))
    });
    let first = words.first().copied().unwrap_or("");
    (1..=5).contains(&words.len()) && surname && shaped && !NOT_NAMES.contains(&first)
}

/// Splits a list of names on commas, semicolons and "and", keeping each
/// bracketed note with the name it follows. Entries that are not names (a
/// trailing organisation, "None") are dropped; where most entries carry a
/// title, untitled ones are taken for such qualifiers.
pub(super) fn split_people(list: &str) -> Vec<Entry> {
    let list = list.trim();
    let (list, plural) = match PLURAL_HONORIFIC.find(list) {
        Some(m) => (list.get(m.end()..).unwrap_or(""), true),
        None => (list, false),
    };
    let entries: Vec<Entry> = top_level_segments(list)
        .into_iter()
        .flat_map(split_on_and)
        .filter(|e| !e.name.is_empty())
        .collect();
    let titled = entries.iter().filter(|e| has_honorific(&e.name)).count();
    let need_title = !plural && titled * 2 >= entries.len();
    entries
        .into_iter()
        .filter(|e| is_person(&e.name) && (!need_title || has_honorific(&e.name)))
        .collect()
}

/// A segment between top-level commas or semicolons: its text with the
/// bracketed notes taken out, each note with the byte offset where it stood.
struct Segment {
    text: String,
    notes: Vec<(usize, String)>,
}

fn top_level_segments(list: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut current = Segment {
        text: String::new(),
        notes: Vec::new(),
    };
    let mut note = String::new();
    let mut depth = 0usize;
    for c in list.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                if depth > 1 {
                    note.push(c);
                }
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    current.notes.push((current.text.len(), tidy(&note)));
                    note.clear();
                } else {
                    note.push(c);
                }
            }
            _ if depth > 0 => note.push(c),
            ',' | ';' => segments.push(std::mem::replace(
                &mut current,
                Segment {
                    text: String::new(),
                    notes: Vec::new(),
                },
            )),
            _ => current.text.push(c),
        }
    }
    if depth > 0 {
        current.notes.push((current.text.len(), tidy(&note)));
    }
    segments.push(current);
    segments
}

/// Splits a segment on "and"/"&", giving each note to the name before it.
fn split_on_and(segment: Segment) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut start = 0;
    let mut cuts: Vec<(usize, usize)> = AND
        .find_iter(&segment.text)
        .map(|m| (m.start(), m.end()))
        .collect();
    cuts.push((segment.text.len(), segment.text.len()));
    for (cut_start, cut_end) in cuts {
        let name = segment.text.get(start..cut_start).unwrap_or("");
        let notes = segment
            .notes
            .iter()
            .filter(|(at, _)| *at >= start && (*at < cut_end || cut_end == segment.text.len()))
            .map(|(_, n)| n.clone())
            .collect();
        entries.push(Entry {
            name: tidy_name(name),
            notes,
        });
        start = cut_end;
    }
    entries
}

/// Collapses whitespace.
pub(super) fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name with list debris removed: leading "and", bullets, trailing stops.
fn tidy_name(text: &str) -> String {
    let text = tidy(text);
    let text = text
        .trim_start_matches(['•', '-', '–', '*', '·'])
        .trim_end_matches(['.', ':', ' '])
        .trim();
    text.strip_prefix("and ").unwrap_or(text).trim().to_owned()
}

/// The substitution a bracketed note records, as (substitute, member
/// replaced): "(Ms H Horne attended as substitute)" after the absent
/// member's name, or "(substitute for Cllr B Jones)" after the substitute's.
pub(super) fn substitution_in_note(name: &str, note: &str) -> Option<(String, String)> {
    static FOR_MEMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:as\s+(?:a\s+|the\s+)?)?(?:substitute|substituting|deputising|deputy|sub)?\s*(?:for|in\s+place\s+of|replacing|on\s+behalf\s+of)\s+({TITLED_NAME}|\p{{Lu}}[\p{{L}}'’\-]*(?:\s+\p{{Lu}}[\p{{L}}'’\-]*){{0,3}})"
        ))
        .expect("valid regex")
    });
    static SUBSTITUTE_WORDING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)substitut|deputis|deputiz|in\s+(?:his|her|their)\s+(?:absence|place)|represented\s+by|replaced\s+by")
            .expect("valid regex")
    });
    static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:substitute[ds]?(?:\s+by)?|represented\s+by|replaced\s+by|with)\s*:?\s*",
        )
        .expect("valid regex")
    });
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i),|\s(?:attended|attending|substitut|deputis|deputiz|was\s|as\s|in\s+(?:his|her|their)\b|acted\b|represented\b)")
            .expect("valid regex")
    });
    if let Some(c) = FOR_MEMBER.captures(note.trim()) {
        let member = tidy_name(c.get(1)?.as_str());
        return is_person(&member).then(|| (name.to_owned(), member));
    }
    if !SUBSTITUTE_WORDING.is_match(note) {
        return None;
    }
    let rest = LEAD_IN.replace(note.trim(), "");
    let cut = TAIL.find(&rest).map_or(rest.len(), |m| m.start());
    let substitute = tidy_name(rest.get(..cut).unwrap_or(""));
    is_person(&substitute).then(|| (substitute, name.to_owned()))
}

/// The text up to the end of its first sentence: a full stop followed by a
/// space or the end, not one closing an initial or a title ("Mr D. Smith").
pub(super) fn first_sentence(text: &str) -> &str {
    const ABBREVIATIONS: [&str; 9] = ["Mr", "Mrs", "Ms", "Dr", "Cllr", "St", "Prof", "Rev", "No"];
    for (at, _) in text.match_indices('.') {
        let after = text.get(at + 1..).and_then(|s| s.chars().next());
        if after.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let before = text.get(..at).unwrap_or("");
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        if word.chars().count() <= 1 || ABBREVIATIONS.contains(&word) {
            continue;
        }
        return before;
    }
    text
}

/// A key under which two spellings of the same name meet: lower-case
/// surname plus first initial, titles dropped.
pub(super) fn name_key(name: &str) -> String {
    let rest = LEADING_HONORIFIC
        .find(name.trim())
        .map_or(name.trim(), |m| name.trim().get(m.end()..).unwrap_or(""));
    let words: Vec<String> = rest
        .split_whitespace()
        .map(|w| w.trim_matches('.').to_lowercase())
        .collect();
    match words.split_last() {
        Some((surname, others)) => {
            let initial = others.first().and_then(|w| w.chars().next());
            format!(
                "{surname}/{}",
                initial.map(String::from).unwrap_or_default()
            )
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &str) -> Vec<String> {
        split_people(list).into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn lists_split_on_commas_and_and() {
        assert_eq!(
            names("Councillor A Patel, Councillor B Okafor and Councillor C Lee"),
            [
                "Councillor A Patel",
                "Councillor B Okafor",
                "Councillor C Lee"
            ]
        );
    }

    #[test]
    fn a_plural_title_covers_the_whole_list() {
        assert_eq!(
            names("Councillors Patel, Okafor & Lee"),
            ["Patel", "Okafor", "Lee"]
        );
    }

    #[test]
    fn untitled_qualifiers_in_a_titled_list_are_dropped() {
        assert_eq!(
            names("Mr T Grey, Ms B Rowe, Healthwatch Northshire and Dr K Moss"),
            ["Mr T Grey", "Ms B Rowe", "Dr K Moss"]
        );
        assert_eq!(names("Councillor A Rahman, Chair"), ["Councillor A Rahman"]);
    }

    #[test]
    fn bracketed_notes_stay_with_their_name() {
        let entries = split_people("Mr T Grey (Mrs P Lake attended as substitute) and Dr K Moss");
        assert_eq!(entries[0].notes, ["Mrs P Lake attended as substitute"]);
        assert!(entries[1].notes.is_empty());
    }

    #[test]
    fn notes_name_substitutes_either_way_round() {
        assert_eq!(
            substitution_in_note(
                "Mr T Grey",
                "Mrs P Lake, Finance Lead attended in his absence"
            ),
            Some(("Mrs P Lake".into(), "Mr T Grey".into()))
        );
        assert_eq!(
            substitution_in_note("Cllr R Shah", "substitute for Cllr M Dunn"),
            Some(("Cllr R Shah".into(), "Cllr M Dunn".into()))
        );
        assert_eq!(substitution_in_note("Cllr R Shah", "Chair"), None);
    }

    #[test]
    fn sentences_end_at_a_full_stop_that_is_not_an_initial() {
        assert_eq!(
            first_sentence("Mr D. Smith and Dr. Jones. Next"),
            "Mr D. Smith and Dr. Jones"
        );
    }

    #[test]
    fn names_meet_on_surname_and_initial() {
        assert_eq!(name_key("Councillor J Smith"), name_key("J. Smith"));
        assert_ne!(name_key("Councillor J Smith"), name_key("K Smith"));
    }
}
