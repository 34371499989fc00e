//! Declared interests, in the wordings minutes use: "Mr X declared a
//! disclosable pecuniary interest in item 7 as ...", "Mr X made a
//! declaration of interest as ...", "Councillors A and B declared other
//! significant interests", "An interest was declared by Dr Y in Item 5".
//! "There were no declarations of interest" and "None." record nothing.
//!
//! A declaration names its item where the sentence says so ("in item 7",
//! "(Item 7)"); one recorded inside another minute concerns that minute's
//! agenda item.

use crate::document::Document;
use crate::names::{collapse, looks_like_name, sentences, split_name_list, ListedName};
use moot_domain::Declaration;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?)\s+(?:(?:had\s+)?(?:declared|declares|disclosed|registered)\b[^.]{0,80}?\binterests?\b|(?:made|gave|makes)\b[^.]{0,40}?\bdeclarations?\b)")
        .expect("valid regex")
});
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:interests?\s+(?:was|were)\s+declared|declarations?\s+of\s+interests?\s+(?:was|were)\s+(?:made|received|declared))\s+by\s+(.+?)(?:\s+(?:in|on|for|as|regarding)\b|[.;]|$)")
        .expect("valid regex")
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:agenda\s+)?items?\s+(?:no\.?\s*)?([A-Z]{0,2}\d{1,3}[a-z]?(?:\.\d{1,2})?)\b",
    )
    .expect("valid regex")
});
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•]\s*)?(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,3}\))\s+")
        .expect("valid regex")
});
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bno\s+(?:\w+\s+)?(?:declarations?|interests?)\b").expect("valid regex")
});

/// Reads the declarations in `body`. `default_item` is the agenda item a
/// declaration concerns when its sentence names none.
pub fn read(doc: &Document, body: Range<usize>, default_item: Option<&str>) -> Vec<Declaration> {
    let mut out = Vec::new();
    for i in body {
        let text = doc.text(i);
        if !text.to_lowercase().contains("interest") {
            continue;
        }
        let text = PARAGRAPH_NUMBER.replace(text, "");
        for sentence in sentences(&text) {
            if NEGATIVE.is_match(sentence) {
                continue;
            }
            let item = item_in(sentence).or_else(|| default_item.map(str::to_owned));
            for declarer in declarers(sentence) {
                let own_item = declarer.notes.iter().find_map(|n| item_in(n));
                out.push(Declaration {
                    name: declarer.name,
                    item: own_item.or_else(|| item.clone()),
                    text: collapse(sentence),
                    lines: doc.source_of(i..i + 1),
                });
            }
        }
    }
    out
}

/// The agenda item a text names: "item 7", "Item A4", "agenda item 5".
fn item_in(text: &str) -> Option<String> {
    ITEM.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
}

/// The people a sentence says declared an interest, each with the notes
/// printed after the name ("(item 5)").
fn declarers(sentence: &str) -> Vec<ListedName> {
    let subject = ACTIVE
        .captures(sentence)
        .and_then(|c| c.get(1))
        .or_else(|| PASSIVE.captures(sentence).and_then(|c| c.get(1)))
        .map(|m| m.as_str());
    let Some(subject) = subject else {
        return Vec::new();
    };
    // "In relation to item 5, Councillor Smith declared ..." keeps the name.
    let subject = subject.rsplit(", ").next().unwrap_or(subject);
    let names = split_name_list(subject);
    if names.iter().all(|n| looks_like_name(&n.name)) {
        names
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sentence: &str) -> Vec<String> {
        declarers(sentence).into_iter().map(|d| d.name).collect()
    }

    #[test]
    fn declaration_wordings_name_the_declarer() {
        assert_eq!(
            names("Mr Kirby declared an interest as a Member of the Panel."),
            ["Mr Kirby"]
        );
        assert_eq!(
            names("Mr S J G Koowaree made a declaration of interest as his grandson was in care."),
            ["Mr S J G Koowaree"]
        );
        assert_eq!(
            names("Councillor Jones declared a disclosable pecuniary interest in item 7 as a landlord."),
            ["Councillor Jones"]
        );
        assert_eq!(
            names("Councillors Smith and Brown declared other significant interests in Item 4."),
            ["Councillor Smith", "Councillor Brown"]
        );
        assert_eq!(
            names("An interest was declared by Dr Patel in item 5."),
            ["Dr Patel"]
        );
    }

    #[test]
    fn declaration_with_words_between_verb_and_interest() {
        assert_eq!(
            names("Councillor Smith declared, in relation to item 7, a personal interest."),
            ["Councillor Smith"]
        );
    }

    #[test]
    fn each_declarer_keeps_the_item_printed_after_their_name() {
        let found = declarers(
            "Declarations of interest were made by Councillor Ames (item 5) and Councillor Bell (item 7).",
        );
        let items: Vec<Option<String>> = found
            .iter()
            .map(|d| d.notes.iter().find_map(|n| item_in(n)))
            .collect();
        assert_eq!(items, [Some("5".to_owned()), Some("7".to_owned())]);
    }

    #[test]
    fn prose_that_is_not_a_declaration_names_nobody() {
        assert!(names("The Board declared its interest in the scheme.").is_empty());
        assert!(names("Members made a number of points about interest rates.").is_empty());
        assert!(names("Mr X made comments about the interest rate.").is_empty());
    }
}
