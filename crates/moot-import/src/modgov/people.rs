//! People's names in the lists a meeting page's minutes print: "Apologies
//! were received from Mr D Blacklock (Ms H Horne attended as substitute),
//! Mr I Johnson and Ms B Reilly, NHS England".
//!
//! Built on the shared [`crate::names`] helpers; what is added here is what
//! pages need: dropping untitled qualifiers from titled lists, and reading
//! substitutions from the bracketed notes.

use crate::names::{
    collapse, is_honorific, looks_like_name, sentences, split_name_list, ListedName,
};
use regex::Regex;
use std::sync::LazyLock;

/// A name led by an honorific: "Councillor E Clynch", "Mr P J O'Neill".
pub(super) const TITLED_NAME: &str = r"(?:[Cc]ounty [Cc]ouncillors?|[Cc]ouncillors?|[Cc]llrs?\.?|Mrs\.?|Mr\.?|Ms\.?|Miss|Dr\.?|Prof(?:essor)?\.?|Sir|Dame|Lord|Lady|Rev(?:d|erend)?\.?|Canon|Alderman)\s+(?:\p{Lu}\.?\s+|\p{Lu}[\p{L}'’\-]+\s+){0,3}\p{Lu}[\p{L}'’\-]+";

/// True when `text` opens with a title such as "Councillor" or "Mrs".
pub(super) fn has_honorific(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(is_honorific)
}

/// True when `text` reads as one person's name and not as a role
/// ("Director", "Vice-Chair") printed after one.
pub(super) fn is_person(text: &str) -> bool {
    const ROLES: [&str; 5] = [
        "vice-chair",
        "vice-chairman",
        "director",
        "officer",
        "manager",
    ];
    let role = ROLES.contains(&text.trim().to_lowercase().as_str());
    looks_like_name(text) && !role
}

/// Splits a list of names on commas, semicolons and "and", keeping each
/// bracketed note with the name it follows. Entries that are not names (a
/// trailing organisation, "None") are dropped; where at least half the
/// entries carry a title, untitled ones are taken for such qualifiers
/// ("Ms B Reilly, NHS England").
pub(super) fn split_people(list: &str) -> Vec<ListedName> {
    let entries: Vec<ListedName> = split_name_list(list)
        .into_iter()
        .map(|listed| ListedName {
            name: tidy_name(&listed.name),
            notes: listed.notes,
        })
        .filter(|e| !e.name.is_empty())
        .collect();
    let titled = entries.iter().filter(|e| has_honorific(&e.name)).count();
    let need_title = titled * 2 >= entries.len();
    entries
        .into_iter()
        // An untitled entry with a note of its own ("Dennis Stacey (Chair,
        // Advisory Group)") is a person, not a qualifier of the one before.
        .filter(|e| {
            is_person(&e.name) && (!need_title || has_honorific(&e.name) || !e.notes.is_empty())
        })
        .collect()
}

/// A name with list debris removed: bullets, trailing stops.
fn tidy_name(text: &str) -> String {
    let text = collapse(text);
    text.trim_start_matches(['•', '-', '–', '*', '·'])
        .trim_end_matches(['.', ':', ' '])
        .trim()
        .to_owned()
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

/// The first sentence of `text`, without its closing full stop.
pub(super) fn first_sentence(text: &str) -> &str {
    let first = sentences(text).into_iter().next().unwrap_or("");
    first.strip_suffix('.').unwrap_or(first)
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
            ["Councillor Patel", "Councillor Okafor", "Councillor Lee"]
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
}
